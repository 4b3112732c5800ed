// The rooms the navigation shows, each behind the permission the server checks for it. A room
// is listed only once its page exists; later rooms (Alerts, Search, Hot lists, Sharing,
// Transparency) join this list with their pages and their permission names.
import type { ReactNode } from 'react';
import { MyAccessPage } from '../access/MyAccessPage.js';
import { AlertAccuracyPage } from '../alerts/AlertAccuracyPage.js';
import { AlertHistoryPage } from '../alerts/AlertHistoryPage.js';
import { AlertSubscriptionsPage } from '../alerts/AlertSubscriptionsPage.js';
import { LiveAlertsPage } from '../alerts/LiveAlertsPage.js';
import type { Permission } from '../api/client.js';
import { AccessLogPage } from '../audit/AccessLogPage.js';
import { AuditsPage } from '../audit/AuditsPage.js';
import { GeofencesPage } from '../audit/GeofencesPage.js';
import { MisuseQueuePage } from '../audit/MisuseQueuePage.js';
import { CamerasPage } from '../cameras/CamerasPage.js';
import { DevicesPage } from '../devices/DevicesPage.js';
import { ExportsPage } from '../exports/ExportsPage.js';
import { HotListsPage } from '../hotlists/HotListsPage.js';
import { IngestHealthPage } from '../ingest/IngestHealthPage.js';
import { EvidencePage } from '../retention/EvidencePage.js';
import { HoldsPage } from '../retention/HoldsPage.js';
import { RetentionPage } from '../retention/RetentionPage.js';
import { SearchPage } from '../search/SearchPage.js';
import { RequestFormPage } from '../sharing/RequestFormPage.js';
import { SharingPage } from '../sharing/SharingPage.js';
import { TrainingPage } from '../training/TrainingPage.js';
import { JobTitlesPage } from '../users/JobTitlesPage.js';
import { UsersPage } from '../users/UsersPage.js';

export interface Room {
  path: string;
  label: string;
  permission: Permission;
  page: ReactNode;
}

export const ROOMS: readonly Room[] = [
  { path: 'cameras', label: 'Cameras', permission: 'cameras.view', page: <CamerasPage /> },
  { path: 'ingest-health', label: 'Ingest health', permission: 'ingest.health', page: <IngestHealthPage /> },
  { path: 'users', label: 'Users', permission: 'users.view', page: <UsersPage /> },
  { path: 'training', label: 'Training', permission: 'training.view', page: <TrainingPage /> },
  { path: 'devices', label: 'Devices', permission: 'devices.manage', page: <DevicesPage /> },
  { path: 'job-titles', label: 'Job titles', permission: 'users.view', page: <JobTitlesPage /> },
  { path: 'access-log', label: 'Access log', permission: 'audit.view', page: <AccessLogPage /> },
  { path: 'audits', label: 'Audits', permission: 'audits.view', page: <AuditsPage /> },
  { path: 'misuse', label: 'Misuse review', permission: 'misuse.review', page: <MisuseQueuePage /> },
  { path: 'sensitive-places', label: 'Sensitive places', permission: 'geofences.manage', page: <GeofencesPage /> },
  { path: 'alerts', label: 'Live alerts', permission: 'alerts.view', page: <LiveAlertsPage /> },
  { path: 'alert-subscriptions', label: 'Alert subscriptions', permission: 'alerts.view', page: <AlertSubscriptionsPage /> },
  { path: 'alert-history', label: 'Alert history', permission: 'alerts.history', page: <AlertHistoryPage /> },
  { path: 'alert-accuracy', label: 'Alert accuracy', permission: 'alerts.accuracy', page: <AlertAccuracyPage /> },
  { path: 'hotlists', label: 'Hot lists', permission: 'hotlists.view', page: <HotListsPage /> },
  { path: 'search', label: 'Search', permission: 'search.run', page: <SearchPage /> },
  { path: 'exports', label: 'Exports', permission: 'exports.view', page: <ExportsPage /> },
  { path: 'evidence', label: 'Evidence export', permission: 'evidence.export', page: <EvidencePage /> },
  { path: 'holds', label: 'Legal holds', permission: 'holds.manage', page: <HoldsPage /> },
  { path: 'retention', label: 'Retention', permission: 'retention.view', page: <RetentionPage /> },
  { path: 'sharing', label: 'Sharing', permission: 'sharing.view', page: <SharingPage /> },
  { path: 'sharing-request', label: 'Enter sharing request', permission: 'sharing.request', page: <RequestFormPage /> },
  // Everyone's own page; last, so a role with other rooms starts in one of those.
  { path: 'my-access', label: 'My access', permission: 'session.self', page: <MyAccessPage /> },
];
