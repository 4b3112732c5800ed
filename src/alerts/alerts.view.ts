// From stored rows to what the API and the live stream send (AlertView).
import type { DataSource } from '../access/access-context.js';
import { VEHICLE_FIELDS, type VehicleDescription } from '../hotlists/matcher.vehicle.js';
import { needsVerification } from '../policy/index.js';
import type { AlertRow, StepRow } from './alerts.store.js';
import type { AlertViewT } from './alerts.schemas.js';
import type { Disposition, StepName } from './alerts.types.js';
import { exigencyAllowed, stateOf, type AlertPolicy } from './alerts.workflow.js';

export interface StoredEntry {
  plate: string | null;
  state: string | null;
  pattern: string | null;
  reason: string | null;
  vehicle: VehicleDescription;
}

export interface StoredMatch {
  strength: number;
  confused: { position: number; read: string; listed: string } | null;
  agreed: string[];
}

const iso = (at: number) => new Date(at).toISOString();

/** What the visual check must record: characters (entries with a plate), state, each descriptor the entry gives. */
export function verifyFields(entry: StoredEntry): string[] {
  const fields = entry.plate || entry.pattern ? ['characters', 'state'] : ['state'];
  for (const field of VEHICLE_FIELDS) if (entry.vehicle[field]) fields.push(field);
  return fields;
}

export function toView(row: AlertRow, steps: readonly StepRow[], cameraName: string, policy: AlertPolicy, verifyBelow: number): AlertViewT {
  const entry = JSON.parse(row.entry) as StoredEntry;
  const match = JSON.parse(row.match) as StoredMatch;
  const recorded = steps.map((s) => ({ step: s.step as StepName, detail: JSON.parse(s.detail) as Record<string, unknown> }));
  const state = stateOf(recorded, policy);
  return {
    seq: row.seq,
    createdAt: iso(row.createdAt),
    read: {
      id: row.readId,
      plate: row.plate,
      region: row.region,
      cameraId: row.cameraId,
      cameraName,
      capturedAt: iso(row.capturedAt),
      lat: row.lat,
      lon: row.lon,
      confidence: row.confidence,
      needsVerification: needsVerification(row.confidence, verifyBelow),
      vehicle: JSON.parse(row.vehicle) as VehicleDescription,
      plateImage: row.plateImage,
      vehicleImage: row.vehicleImage,
    },
    list: { id: row.listId, name: row.listName, source: row.listSource, dataSource: row.dataSource as DataSource, priority: row.priority, lastUpdatedAt: row.listUpdatedAt === null ? null : iso(row.listUpdatedAt) },
    hit: {
      entryId: row.entryId,
      category: row.category,
      reason: entry.reason,
      kind: row.matchKind as AlertViewT['hit']['kind'],
      stateCheck: row.stateCheck as AlertViewT['hit']['stateCheck'],
      strength: match.strength,
      confused: match.confused,
      agreed: match.agreed,
      entry: { plate: entry.plate, state: entry.state, pattern: entry.pattern, vehicle: entry.vehicle },
    },
    verify: { fields: verifyFields(entry) },
    workflow: {
      status: row.status,
      next: state.next,
      acknowledged: state.acknowledged,
      confirmed: state.confirmed,
      exigency: state.exigency,
      verified: state.verified,
      action: state.action,
      checkOwed: state.checkOwed,
      disposition: (row.disposition as Disposition | null) ?? state.disposition,
      correctedPlate: row.correctedPlate,
      steps: steps.map((s) => ({ step: s.step as StepName, username: s.username, at: iso(s.at), detail: JSON.parse(s.detail) as Record<string, unknown> })),
    },
    policy: { cletsCheck: policy.cletsCheck, exigencyAllowed: exigencyAllowed(policy) },
  };
}
