// The database's shape as TypeScript sees it (through Kysely's CamelCasePlugin). Instants are epoch
// milliseconds; flags are 0/1 integers so both backends return the same types.
import type { Generated } from 'kysely';

export interface AgencyTable {
  id: string;
  name: string;
  createdAt: number;
}

export interface UsersTable {
  id: string;
  username: string;
  displayName: string;
  jobTitle: string;
  passwordHash: string;
  status: 'active' | 'suspended' | 'deleted';
  statusReason: string | null;
  mustChangePassword: Generated<number>;
  failedSignIns: Generated<number>;
  lockedUntil: number | null;
  lastActiveAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface UserRolesTable {
  userId: string;
  role: string;
}

export interface SessionsTable {
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  revokedAt: number | null;
  clientAddress: string | null;
  userAgent: string | null;
}

export interface CamerasTable {
  id: string;
  name: string;
  kind: 'fixed' | 'mobile';
  adapter: Generated<string>;
  origin: Generated<'registered' | 'demo'>;
  status: 'active' | 'disabled';
  lat: number | null;
  lon: number | null;
  direction: number | null;
  placement: 'public_view' | 'court_order';
  courtOrderRef: string | null;
  attestedBy: string;
  attestedAt: number;
  notes: string | null;
  createdAt: number;
  updatedAt: number;
  lastSeenAt: number | null;
  readsAccepted: Generated<number>;
  readsDuplicate: Generated<number>;
  readsRejected: Generated<number>;
  lastRejection: string | null;
  lastRejectionAt: number | null;
}

export interface CameraKeysTable {
  id: string;
  cameraId: string;
  secretHash: string;
  label: string | null;
  createdBy: string | null;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export interface ImagesTable {
  sha256: string;
  contentType: string;
  byteSize: number;
  createdAt: number;
}

export interface PlatesTable {
  id: Generated<number>;
  plate: string;
  region: string;
}

export interface ReadsTable {
  id: string;
  cameraId: string;
  plateId: number;
  plateRaw: string;
  regionRaw: string | null;
  confidence: number | null;
  capturedAt: number;
  receivedAt: number;
  lat: number | null;
  lon: number | null;
  heading: number | null;
  vehicleMake: string | null;
  vehicleModel: string | null;
  vehicleColor: string | null;
  vehicleBody: string | null;
  plateImage: string | null;
  vehicleImage: string | null;
  vendorData: string | null;
}

export interface Tables {
  agency: AgencyTable;
  users: UsersTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  cameras: CamerasTable;
  cameraKeys: CameraKeysTable;
  images: ImagesTable;
  plates: PlatesTable;
  reads: ReadsTable;
}
