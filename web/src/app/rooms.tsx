// The rooms the navigation shows, each behind the permission the server checks for it (hiding a
// link is a courtesy; the server refuses what a role may not do). Grouped by section; the first
// room a role holds is where it lands after sign-in.
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
  /** The navigation's heading this room sits under. */
  section: string;
}

export const ROOMS: readonly Room[] = [
  // Grouped by section in the navigation; the first room a role holds is where it lands.
  { path: 'cameras', label: 'Cameras', permission: 'cameras.view', page: <CamerasPage />, section: 'Administration' },
  { path: 'ingest-health', label: 'Ingest health', permission: 'ingest.health', page: <IngestHealthPage />, section: 'Administration' },
  { path: 'users', label: 'Users', permission: 'users.view', page: <UsersPage />, section: 'Administration' },
  { path: 'training', label: 'Training', permission: 'training.view', page: <TrainingPage />, section: 'Administration' },
  { path: 'devices', label: 'Devices', permission: 'devices.manage', page: <DevicesPage />, section: 'Administration' },
  { path: 'job-titles', label: 'Job titles', permission: 'users.view', page: <JobTitlesPage />, section: 'Administration' },
  { path: 'sensitive-places', label: 'Sensitive places', permission: 'geofences.manage', page: <GeofencesPage />, section: 'Administration' },
  { path: 'alerts', label: 'Live alerts', permission: 'alerts.view', page: <LiveAlertsPage />, section: 'Patrol' },
  { path: 'alert-subscriptions', label: 'Alert subscriptions', permission: 'alerts.view', page: <AlertSubscriptionsPage />, section: 'Patrol' },
  { path: 'hotlists', label: 'Hot lists', permission: 'hotlists.view', page: <HotListsPage />, section: 'Patrol' },
  { path: 'search', label: 'Search', permission: 'search.run', page: <SearchPage />, section: 'Investigations' },
  { path: 'evidence', label: 'Evidence export', permission: 'evidence.export', page: <EvidencePage />, section: 'Investigations' },
  { path: 'holds', label: 'Legal holds', permission: 'holds.manage', page: <HoldsPage />, section: 'Investigations' },
  { path: 'exports', label: 'Exports', permission: 'exports.view', page: <ExportsPage />, section: 'Records and sharing' },
  { path: 'retention', label: 'Retention', permission: 'retention.view', page: <RetentionPage />, section: 'Records and sharing' },
  { path: 'sharing', label: 'Sharing', permission: 'sharing.view', page: <SharingPage />, section: 'Records and sharing' },
  { path: 'sharing-request', label: 'Enter sharing request', permission: 'sharing.request', page: <RequestFormPage />, section: 'Records and sharing' },
  { path: 'access-log', label: 'Access log', permission: 'audit.view', page: <AccessLogPage />, section: 'Oversight' },
  { path: 'audits', label: 'Audits', permission: 'audits.view', page: <AuditsPage />, section: 'Oversight' },
  { path: 'misuse', label: 'Misuse review', permission: 'misuse.review', page: <MisuseQueuePage />, section: 'Oversight' },
  { path: 'alert-history', label: 'Alert history', permission: 'alerts.history', page: <AlertHistoryPage />, section: 'Oversight' },
  { path: 'alert-accuracy', label: 'Alert accuracy', permission: 'alerts.accuracy', page: <AlertAccuracyPage />, section: 'Oversight' },
  // Everyone's own page; last, so a role with other rooms starts in one of those.
  { path: 'my-access', label: 'My access', permission: 'session.self', page: <MyAccessPage />, section: 'You' },
];
