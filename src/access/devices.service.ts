// Agency-issued devices (R19: "access only from agency-issued computers, phones or smart devices").
// The administrator registers a device and gets a one-time enrollment code; the browser on that
// device enrolls with the code and receives a long-lived device token (HttpOnly cookie). When the
// profile requires agency devices, sign-in refuses a browser without a live device token, and each
// session records its device; revoking a device ends its sessions.
import type { Actor, AuditRecorder, ClientOrigin } from '../audit/access-log.js';
import { HOUR, type Clock } from '../platform/clock.js';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { Db } from './access.store.js';
import * as store from './devices.store.js';
import { hashDeviceToken, hashEnrollmentCode, newDeviceToken, newEnrollmentCode } from './devices.tokens.js';

export const DEVICE_KINDS = ['workstation', 'laptop', 'mobile_data_computer', 'phone', 'tablet'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** The identifier of the device the platform issues at first start, before any device is enrolled. */
export const FIRST_START_IDENTIFIER = 'first-start';

export interface DeviceView {
  id: string;
  name: string;
  kind: string;
  identifier: string;
  notes: string | null;
  status: 'awaiting_enrollment' | 'enrolled' | 'revoked';
  /** Username of the administrator who approved it; null for the first-start device. */
  approvedBy: string | null;
  approvedAt: number;
  enrollmentExpiresAt: number | null;
  enrolledAt: number | null;
  lastSeenAt: number | null;
  revokedAt: number | null;
  revokedBy: string | null;
}

export interface IssuedEnrollment {
  device: DeviceView;
  /** Shown this once; typed on the device at "Enroll this device". */
  enrollmentCode: string;
  enrollmentExpiresAt: number;
}

export interface DeviceInput {
  name: string;
  kind: DeviceKind;
  identifier: string;
  notes?: string | undefined;
}

export interface DevicePolicy {
  /** profile.access.agencyDevicesOnly */
  required: boolean;
  /** How long an enrollment code stays valid. */
  enrollmentHours: number;
}

type Recorder = Pick<AuditRecorder, 'recordChange'>;

const ENROLLING_BROWSER: Actor = { userId: null, username: 'device enrollment (anonymous browser with a code)' };

export class DevicesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: Recorder,
    private readonly policy: DevicePolicy,
  ) {}

  get required(): boolean {
    return this.policy.required;
  }

  async list(): Promise<DeviceView[]> {
    const rows = await store.listDevices(this.db);
    const names = await store.usernames(this.db, [...new Set(rows.flatMap((row) => [row.approvedBy, row.revokedBy]).filter((id): id is string => id !== null))]);
    return rows.map((row) => view(row, names));
  }

  async get(id: string): Promise<DeviceView> {
    const row = await store.findDevice(this.db, id);
    if (!row) throw notFound('device', id);
    return view(row, await store.usernames(this.db, [row.approvedBy, row.revokedBy].filter((v): v is string => v !== null)));
  }

  async register(input: DeviceInput, actor: Actor & { userId: string }, origin?: ClientOrigin): Promise<IssuedEnrollment> {
    const identifier = input.identifier.trim();
    if (!identifier) throw badRequest('invalid_identifier', 'Give the device\'s agency asset tag or serial number.', 'identifier');
    if (await store.findLiveByIdentifier(this.db, identifier)) {
      throw conflict('device_identifier_taken', `A device with identifier ${identifier} is already registered; revoke it first to register it again.`, 'identifier');
    }
    const now = this.clock.now().getTime();
    const id = newId();
    const code = newEnrollmentCode();
    const expiresAt = now + this.policy.enrollmentHours * HOUR;
    await store.insertDevice(this.db, {
      id,
      name: input.name.trim(),
      kind: input.kind,
      identifier,
      notes: input.notes?.trim() || null,
      approvedBy: actor.userId,
      approvedAt: now,
      enrollmentCodeHash: hashEnrollmentCode(code),
      enrollmentExpiresAt: expiresAt,
      createdAt: now,
      updatedAt: now,
    });
    const device = await this.get(id);
    await this.audit.recordChange(actor, 'device.register', null, auditView(device), { ...origin, subject: { deviceId: id } });
    return { device, enrollmentCode: code, enrollmentExpiresAt: expiresAt };
  }

  /** A new enrollment code (the old one stops working); using it replaces the device's token. */
  async reissueCode(id: string, actor: Actor, origin?: ClientOrigin): Promise<IssuedEnrollment> {
    const row = await store.findDevice(this.db, id);
    if (!row) throw notFound('device', id);
    if (row.revokedAt !== null) throw conflict('device_revoked', 'This device was revoked; register it again to enroll it.');
    const now = this.clock.now().getTime();
    const code = newEnrollmentCode();
    const expiresAt = now + this.policy.enrollmentHours * HOUR;
    await store.updateDevice(this.db, id, { enrollmentCodeHash: hashEnrollmentCode(code), enrollmentExpiresAt: expiresAt, updatedAt: now });
    const device = await this.get(id);
    await this.audit.recordChange(actor, 'device.enrollment_code', null, { enrollmentExpiresAt: expiresAt }, { ...origin, subject: { deviceId: id } });
    return { device, enrollmentCode: code, enrollmentExpiresAt: expiresAt };
  }

  async revoke(id: string, actor: Actor & { userId: string }, origin?: ClientOrigin): Promise<DeviceView> {
    const row = await store.findDevice(this.db, id);
    if (!row) throw notFound('device', id);
    if (row.revokedAt !== null) return this.get(id);
    const now = this.clock.now().getTime();
    const before = auditView(await this.get(id));
    await this.db.transaction().execute(async (tx) => {
      await store.updateDevice(tx, id, { revokedAt: now, revokedBy: actor.userId, enrollmentCodeHash: null, enrollmentExpiresAt: null, updatedAt: now });
      await store.revokeSessionsOnDevice(tx, id, now);
    });
    const device = await this.get(id);
    await this.audit.recordChange(actor, 'device.revoke', before, auditView(device), { ...origin, subject: { deviceId: id } });
    return device;
  }

  /** The browser on the device trades its enrollment code for a device token. */
  async enroll(code: string, origin?: ClientOrigin): Promise<{ device: DeviceView; token: string }> {
    const codeHash = hashEnrollmentCode(code);
    const refused = badRequest('invalid_enrollment_code', 'This enrollment code is wrong, expired or already used. Ask the ALPR Administrator for a new code for this device.', 'code');
    const row = await store.findByEnrollmentCodeHash(this.db, codeHash);
    if (!row) throw refused;
    const now = this.clock.now().getTime();
    const token = newDeviceToken();
    if (!(await store.spendEnrollmentCode(this.db, row.id, codeHash, hashDeviceToken(token), now))) throw refused;
    // A device enrolling again (a new code) ends the sessions of its previous token.
    if (row.tokenHash !== null) await store.revokeSessionsOnDevice(this.db, row.id, now);
    const device = await this.get(row.id);
    await this.audit.recordChange(ENROLLING_BROWSER, 'device.enroll', null, { enrolledAt: now }, { ...origin, subject: { deviceId: row.id, name: row.name } });
    return { device, token };
  }

  /** The live device a token belongs to, if any. */
  async deviceOf(token: string | undefined): Promise<store.DeviceRow | undefined> {
    if (!token) return undefined;
    const row = await store.findByTokenHash(this.db, hashDeviceToken(token));
    return row && row.revokedAt === null ? row : undefined;
  }

  /**
   * Sign-in's device check: the id of the device the browser proved it is, or null. When the profile
   * requires agency devices and there is none, sign-in is refused before the password is checked.
   */
  async checkForSignIn(token: string | undefined): Promise<string | null> {
    const device = await this.deviceOf(token);
    if (!device) {
      if (!this.policy.required) return null;
      throw forbidden(
        'agency_device_required',
        'Sign-in is allowed only from agency-issued devices (R19), and this browser is not enrolled as one (or its enrollment was revoked). Ask the ALPR Administrator to register this device, then enter the enrollment code under "Enroll this device".',
      );
    }
    await store.updateDevice(this.db, device.id, { lastSeenAt: this.clock.now().getTime() });
    return device.id;
  }

  /** For the sign-in screen: is this browser an enrolled device, and does sign-in need one? */
  async describeBrowser(token: string | undefined): Promise<{ required: boolean; device: { id: string; name: string; kind: string } | null }> {
    const device = await this.deviceOf(token);
    return { required: this.policy.required, device: device ? { id: device.id, name: device.name, kind: device.kind } : null };
  }

  /**
   * At start, when agency devices are required and none is enrolled, nobody could sign in: issue an
   * enrollment code for a first-start device, to be printed with the bootstrap credentials.
   */
  async firstStartEnrollment(): Promise<{ deviceId: string; enrollmentCode: string; enrollmentExpiresAt: number } | undefined> {
    if (!this.policy.required || (await store.countEnrolledLive(this.db)) > 0) return undefined;
    const now = this.clock.now().getTime();
    const code = newEnrollmentCode();
    const expiresAt = now + this.policy.enrollmentHours * HOUR;
    const existing = await store.findLiveByIdentifier(this.db, FIRST_START_IDENTIFIER);
    const id = existing?.id ?? newId();
    if (existing) {
      await store.updateDevice(this.db, id, { enrollmentCodeHash: hashEnrollmentCode(code), enrollmentExpiresAt: expiresAt, updatedAt: now });
    } else {
      await store.insertDevice(this.db, {
        id,
        name: 'First administrator\'s device',
        kind: 'workstation',
        identifier: FIRST_START_IDENTIFIER,
        notes: 'Issued by the platform at start because agency devices are required and none was enrolled.',
        approvedBy: null,
        approvedAt: now,
        enrollmentCodeHash: hashEnrollmentCode(code),
        enrollmentExpiresAt: expiresAt,
        createdAt: now,
        updatedAt: now,
      });
    }
    return { deviceId: id, enrollmentCode: code, enrollmentExpiresAt: expiresAt };
  }
}

function view(row: store.DeviceRow, names: Map<string, string>): DeviceView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    identifier: row.identifier,
    notes: row.notes,
    status: row.revokedAt !== null ? 'revoked' : row.tokenHash !== null ? 'enrolled' : 'awaiting_enrollment',
    approvedBy: row.approvedBy === null ? null : (names.get(row.approvedBy) ?? row.approvedBy),
    approvedAt: row.approvedAt,
    enrollmentExpiresAt: row.enrollmentExpiresAt,
    enrolledAt: row.enrolledAt,
    lastSeenAt: row.lastSeenAt,
    revokedAt: row.revokedAt,
    revokedBy: row.revokedBy === null ? null : (names.get(row.revokedBy) ?? row.revokedBy),
  };
}

/** What the access log keeps of a device: no codes, no tokens. */
const auditView = (device: DeviceView) => ({ name: device.name, kind: device.kind, identifier: device.identifier, status: device.status });
