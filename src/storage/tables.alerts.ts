// Alerts (R9–R12, R28): hits, their verification steps, and who subscribes to what.
// Part of the database's shape (tables.ts): instants are epoch milliseconds, flags 0/1 integers.
import type { Generated } from 'kysely';

// Alerts (issue 5; R9–R12, R28): src/alerts. JSON columns hold JSON text.
export interface AlertsTable {
  seq: Generated<number>;
  readId: string;
  entryId: string;
  listId: string;
  listName: string;
  listSource: string;
  dataSource: string;
  priority: number;
  listUpdatedAt: number | null;
  category: string;
  entry: string;
  matchKind: string;
  stateCheck: string;
  match: string;
  plate: string;
  region: string;
  cameraId: string;
  capturedAt: number;
  lat: number | null;
  lon: number | null;
  /** The recognizer's confidence in the read (0–1), null when the camera gave none. */
  confidence: number | null;
  vehicle: string;
  plateImage: string | null;
  vehicleImage: string | null;
  createdAt: number;
  status: 'open' | 'closed';
  disposition: string | null;
  correctedPlate: string | null;
  closedAt: number | null;
}
export interface AlertStepsTable {
  id: Generated<number>;
  alertSeq: number;
  step: string;
  userId: string;
  username: string;
  at: number;
  detail: string;
}
export interface AlertSubscriptionsTable {
  userId: string;
  lists: string | null;
  cameras: string | null;
  updatedAt: number;
}
