// The camera registry (R1, R4): every camera is registered with its placement and the attestation
// that it sees only plates in public view (or the court order that covers it); a camera without a
// valid, unrevoked key cannot send.
import type { Clock } from '../platform/clock.js';
import { badRequest, forbidden, notFound, unauthenticated } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { CameraHealth } from './camera-health.js';
import { makeKey, parseKey, secretMatches } from './camera-keys.js';
import { AGENCY_ID_PATTERN, isCameraAdapter, type Camera, type CameraAdapter, type CameraHealthView, type CameraInput, type CameraKey, type CameraUpdate } from './cameras.schemas.js';
import { adoptUnassignedCameras } from './camera-agency.js';
import * as store from './cameras.store.js';

export interface CameraPrincipal {
  kind: 'camera';
  cameraId: string;
  keyId: string;
  cameraKind: 'fixed' | 'mobile';
  /** How the camera sends: the native API or a vendor adapter (issue 10). */
  adapter: CameraAdapter;
  location: { lat: number; lon: number } | null;
  /** The agency that owns the camera: every read it sends is stored with it. */
  agencyId: string;
}

const adapterOf = (row: store.CameraRow): CameraAdapter => (isCameraAdapter(row.adapter) ? row.adapter : 'native');

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** `ownAgency`: the deployment's own agency, for a camera not yet assigned (before the start-time adoption ran). */
export function toCamera(row: store.CameraRow, ownAgency: string): Camera {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    adapter: adapterOf(row),
    origin: row.origin,
    status: row.status,
    location: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : null,
    direction: row.direction,
    placement: row.placement,
    courtOrderRef: row.courtOrderRef,
    attestedBy: row.attestedBy,
    attestedAt: iso(row.attestedAt),
    notes: row.notes,
    agencyId: row.agencyId ?? ownAgency,
    createdAt: iso(row.createdAt),
    snapshot: row.snapshotUrl ? { url: redactUrl(row.snapshotUrl), intervalSeconds: row.snapshotIntervalSeconds ?? DEFAULT_SNAPSHOT_SECONDS } : null,
  };
}

/** Seconds between snapshot fetches when the camera does not say (issue 11). */
export const DEFAULT_SNAPSHOT_SECONDS = 2;

/** A URL with its password shown as *** (camera views, logs). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}

/** Snapshot settings belong to snapshot cameras, which are fixed (their reads take the camera's place). */
function checkSnapshot(adapter: CameraAdapter, kind: 'fixed' | 'mobile', changes: { snapshotUrl?: string | null; snapshotIntervalSeconds?: number }): void {
  const given = changes.snapshotUrl || changes.snapshotIntervalSeconds !== undefined;
  if (adapter !== 'snapshot' && given) throw badRequest('snapshot_needs_adapter', 'snapshotUrl and snapshotIntervalSeconds are for cameras with adapter "snapshot"; set the adapter too, or leave them out.', changes.snapshotUrl ? 'snapshotUrl' : 'snapshotIntervalSeconds');
  if (adapter === 'snapshot' && kind === 'mobile') throw badRequest('snapshot_fixed_only', 'A snapshot camera must be fixed (kind "fixed"): its reads are placed at the camera\'s location.', 'kind');
}

const AGENCY_ID = new RegExp(AGENCY_ID_PATTERN);

/** The API's schema checks agencyId; this covers the CLI and other in-process callers. */
function checkAgency(agencyId: string | undefined): void {
  if (agencyId !== undefined && !AGENCY_ID.test(agencyId)) {
    throw badRequest('invalid_agency', `The agency "${agencyId}" is not an agency id: use its ORI (e.g. CA0371100) or a short name of letters, digits, spaces, dots, dashes or underscores (at most 64).`, 'agencyId');
  }
}

function principalOf(camera: store.CameraRow, keyId: string, ownAgency: string): CameraPrincipal {
  const location = camera.lat !== null && camera.lon !== null ? { lat: camera.lat, lon: camera.lon } : null;
  return { kind: 'camera', cameraId: camera.id, keyId, cameraKind: camera.kind, adapter: adapterOf(camera), location, agencyId: camera.agencyId ?? ownAgency };
}

// Key checks run on every ingest request; remember good keys briefly. Revocation in this process
// clears the entry at once; other processes see it within the TTL.
const KEY_CACHE_MS = 10_000;

export class CamerasService {
  readonly health: CameraHealth;
  private readonly keyCache = new Map<string, { principal: CameraPrincipal; secret: string; until: number }>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: store.Db,
    private readonly clock: Clock,
    /** The deployment's own agency (camera-agency.ts ownAgencyId): the default owner of a camera. */
    readonly ownAgency: string,
  ) {
    this.health = new CameraHealth(clock);
  }

  /** Cameras registered before cameras had agencies become the deployment's own, with their reads (camera-agency.ts: CameraAgencyJob). */
  adoptUnassigned(): Promise<number> {
    return adoptUnassignedCameras(this.db, this.ownAgency);
  }

  async register(input: CameraInput, attestedBy: string, origin: 'registered' | 'demo' = 'registered'): Promise<{ camera: Camera; key: { keyId: string; key: string } }> {
    if (input.placement === 'court_order' && !input.courtOrderRef) {
      throw badRequest('court_order_required', 'A camera placed under a court order needs courtOrderRef (the order number) (R4).', 'courtOrderRef');
    }
    if (input.placement === 'public_view' && input.courtOrderRef) {
      throw badRequest('court_order_unexpected', 'courtOrderRef is only for placement court_order; remove it or change the placement.', 'courtOrderRef');
    }
    if (input.kind === 'fixed' && !input.location) {
      throw badRequest('location_required', 'A fixed camera needs its location (lat, lon): every read from it is placed there (R1).', 'location');
    }
    checkSnapshot(input.adapter ?? 'native', input.kind, input);
    checkAgency(input.agencyId);
    const now = this.clock.now().getTime();
    const id = newId();
    const row = {
      id,
      name: input.name.trim(),
      kind: input.kind,
      adapter: input.adapter ?? 'native',
      origin,
      status: 'active' as const,
      lat: input.location?.lat ?? null,
      lon: input.location?.lon ?? null,
      direction: input.direction ?? null,
      placement: input.placement,
      courtOrderRef: input.courtOrderRef ?? null,
      attestedBy,
      attestedAt: now,
      notes: input.notes ?? null,
      createdAt: now,
      updatedAt: now,
      lastSeenAt: null,
      lastRejection: null,
      lastRejectionAt: null,
      snapshotUrl: input.snapshotUrl ?? null,
      snapshotIntervalSeconds: input.snapshotIntervalSeconds ?? null,
      agencyId: input.agencyId ?? this.ownAgency,
    };
    const keyId = newId();
    const { key, secretHash } = makeKey(keyId);
    await this.db.transaction().execute(async (tx) => {
      await store.insertCamera(tx, row);
      await store.insertKey(tx, { id: keyId, cameraId: id, secretHash, label: 'initial', createdBy: attestedBy, createdAt: now, revokedAt: null, lastUsedAt: null });
    });
    return { camera: await this.get(id), key: { keyId, key } };
  }

  async list(): Promise<Camera[]> {
    return (await store.listCameras(this.db)).map((row) => toCamera(row, this.ownAgency));
  }

  async get(id: string): Promise<Camera> {
    const row = await store.findCamera(this.db, id);
    if (!row) throw notFound('camera', id);
    return toCamera(row, this.ownAgency);
  }

  async update(id: string, changes: CameraUpdate): Promise<{ before: Camera; after: Camera }> {
    const before = await this.get(id);
    checkSnapshot(changes.adapter ?? before.adapter, before.kind, changes);
    checkAgency(changes.agencyId);
    await store.updateCamera(this.db, id, {
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.location ? { lat: changes.location.lat, lon: changes.location.lon } : {}),
      ...(changes.direction !== undefined ? { direction: changes.direction } : {}),
      ...(changes.status ? { status: changes.status } : {}),
      ...(changes.adapter ? { adapter: changes.adapter } : {}),
      ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
      ...(changes.agencyId !== undefined ? { agencyId: changes.agencyId } : {}),
      ...(changes.snapshotUrl !== undefined ? { snapshotUrl: changes.snapshotUrl } : {}),
      ...(changes.snapshotIntervalSeconds !== undefined ? { snapshotIntervalSeconds: changes.snapshotIntervalSeconds } : {}),
      // Another adapter leaves nothing to fetch.
      ...(changes.adapter && changes.adapter !== 'snapshot' ? { snapshotUrl: null, snapshotIntervalSeconds: null } : {}),
      updatedAt: this.clock.now().getTime(),
    });
    this.keyCache.clear();
    return { before, after: await this.get(id) };
  }

  async keys(cameraId: string): Promise<CameraKey[]> {
    await this.get(cameraId);
    return (await store.keysOf(this.db, cameraId)).map((key) => ({ ...key, createdAt: iso(key.createdAt), revokedAt: isoOrNull(key.revokedAt), lastUsedAt: isoOrNull(key.lastUsedAt) }));
  }

  async issueKey(cameraId: string, createdBy: string, label?: string): Promise<{ keyId: string; key: string }> {
    await this.get(cameraId);
    const keyId = newId();
    const { key, secretHash } = makeKey(keyId);
    await store.insertKey(this.db, { id: keyId, cameraId, secretHash, label: label ?? null, createdBy, createdAt: this.clock.now().getTime(), revokedAt: null, lastUsedAt: null });
    return { keyId, key };
  }

  async revokeKey(cameraId: string, keyId: string): Promise<void> {
    const key = await store.findKey(this.db, keyId);
    if (!key || key.cameraId !== cameraId) throw notFound('camera key', keyId);
    await store.revokeKey(this.db, keyId, this.clock.now().getTime());
    for (const [raw, cached] of this.keyCache) if (cached.principal.keyId === keyId) this.keyCache.delete(raw);
  }

  /** The camera a raw ingest key belongs to; refuses unknown, revoked and disabled. */
  async verifyKey(raw: string | undefined): Promise<CameraPrincipal> {
    if (!raw) throw unauthenticated('Send the camera key as `Authorization: Bearer pkc_…` or `X-Api-Key: pkc_…`.');
    const now = this.clock.now().getTime();
    const cached = this.keyCache.get(raw);
    if (cached && cached.until > now) return cached.principal;
    const parsed = parseKey(raw);
    if (!parsed) throw unauthenticated('That is not a Platekeeper camera key (they start with pkc_). Issue one on the camera page.');
    const key = await store.findKey(this.db, parsed.keyId);
    if (!key || !secretMatches(parsed.secret, key.secretHash)) throw unauthenticated('Unknown camera key. Issue a new key on the camera page.');
    if (key.revokedAt !== null) throw unauthenticated('This camera key was revoked. Issue a new key on the camera page and configure it on the device.');
    const camera = await store.findCamera(this.db, key.cameraId);
    if (!camera) throw unauthenticated('Unknown camera key.');
    if (camera.status !== 'active') throw forbidden('camera_disabled', `Camera "${camera.name}" is disabled; an administrator can enable it on the camera page.`);
    const principal = principalOf(camera, key.id, this.ownAgency);
    this.keyCache.set(raw, { principal, secret: parsed.secret, until: now + KEY_CACHE_MS });
    await store.touchKey(this.db, key.id, now);
    return principal;
  }

  /**
   * The principal of a camera that sends without a key of its own: a Frigate camera over MQTT,
   * mapped by name in the configuration (the broker's credentials authenticate the sender).
   */
  async principalFor(cameraId: string, keyId: string): Promise<CameraPrincipal> {
    const camera = await store.findCamera(this.db, cameraId);
    if (!camera) throw notFound('camera', cameraId);
    if (camera.status !== 'active') throw forbidden('camera_disabled', `Camera "${camera.name}" is disabled; an administrator can enable it on the camera page.`);
    return principalOf(camera, keyId, this.ownAgency);
  }

  /** Active snapshot cameras with a URL to fetch (issue 11): the poller's list. The URL is the real one, password included. */
  async snapshotSources(): Promise<{ cameraId: string; url: string; intervalSeconds: number }[]> {
    return (await store.listCameras(this.db))
      .filter((row) => row.adapter === 'snapshot' && row.status === 'active' && row.snapshotUrl)
      .map((row) => ({ cameraId: row.id, url: row.snapshotUrl!, intervalSeconds: row.snapshotIntervalSeconds ?? DEFAULT_SNAPSHOT_SECONDS }));
  }

  async healthReport(): Promise<CameraHealthView[]> {
    await this.flushHealth();
    return (await store.listCameras(this.db)).map((row) => ({
      cameraId: row.id,
      name: row.name,
      kind: row.kind,
      origin: row.origin,
      status: row.status,
      createdAt: iso(row.createdAt),
      lastSeenAt: isoOrNull(row.lastSeenAt),
      readsPerMinute: this.health.readsPerMinute(row.id),
      readsAccepted: row.readsAccepted,
      readsDuplicate: row.readsDuplicate,
      readsRejected: row.readsRejected,
      lastRejection: row.lastRejection,
      lastRejectionAt: isoOrNull(row.lastRejectionAt),
    }));
  }

  async flushHealth(): Promise<void> {
    for (const [cameraId, delta] of this.health.drain()) await store.addHealth(this.db, cameraId, delta);
  }

  startHealthFlush(everyMs = 2_000): void {
    this.flushTimer ??= setInterval(() => void this.flushHealth().catch(() => undefined), everyMs);
    this.flushTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.flushTimer) clearInterval(this.flushTimer);
    this.flushTimer = undefined;
    await this.flushHealth();
  }
}
