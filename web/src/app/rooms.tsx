// The rooms the navigation shows, each behind the permission the server checks for it. A room
// is listed only once its page exists; later rooms (Alerts, Search, Hot lists, Audit, Sharing,
// Transparency) join this list with their pages and their permission names.
import type { ReactNode } from 'react';
import type { Permission } from '../api/client.js';
import { CamerasPage } from '../cameras/CamerasPage.js';
import { IngestHealthPage } from '../ingest/IngestHealthPage.js';

export interface Room {
  path: string;
  label: string;
  permission: Permission;
  page: ReactNode;
}

export const ROOMS: readonly Room[] = [
  {
    path: 'cameras',
    label: 'Cameras',
    permission: 'cameras.view',
    page: <CamerasPage />,
  },
  {
    path: 'ingest-health',
    label: 'Ingest health',
    permission: 'ingest.health',
    page: <IngestHealthPage />,
  },
];
