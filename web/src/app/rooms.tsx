// The rooms the navigation shows, each behind the permission the server checks for it (hiding a
// link is a courtesy; the server refuses what a role may not do). Grouped by section; the first
// room a role holds is where it lands after sign-in.
import { lazy, type ComponentType, type ReactNode } from 'react';
import type { Permission } from '../api/client.js';

// Each room's page loads when first opened, so the first screen does not wait for all of them.
const lazyNamed = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazy(() => load().then((module) => ({ default: module[name] })));
const MyAccessPage = lazyNamed(() => import('../access/MyAccessPage.js'), 'MyAccessPage');
const AlertAccuracyPage = lazyNamed(() => import('../alerts/AlertAccuracyPage.js'), 'AlertAccuracyPage');
const AlertHistoryPage = lazyNamed(() => import('../alerts/AlertHistoryPage.js'), 'AlertHistoryPage');
const AlertSubscriptionsPage = lazyNamed(() => import('../alerts/AlertSubscriptionsPage.js'), 'AlertSubscriptionsPage');
const LiveAlertsPage = lazyNamed(() => import('../alerts/LiveAlertsPage.js'), 'LiveAlertsPage');
const AccessLogPage = lazyNamed(() => import('../audit/AccessLogPage.js'), 'AccessLogPage');
const AuditsPage = lazyNamed(() => import('../audit/AuditsPage.js'), 'AuditsPage');
const GeofencesPage = lazyNamed(() => import('../audit/GeofencesPage.js'), 'GeofencesPage');
const MisuseQueuePage = lazyNamed(() => import('../audit/MisuseQueuePage.js'), 'MisuseQueuePage');
const CamerasPage = lazyNamed(() => import('../cameras/CamerasPage.js'), 'CamerasPage');
const DevicesPage = lazyNamed(() => import('../devices/DevicesPage.js'), 'DevicesPage');
const ExportsPage = lazyNamed(() => import('../exports/ExportsPage.js'), 'ExportsPage');
const HotListsPage = lazyNamed(() => import('../hotlists/HotListsPage.js'), 'HotListsPage');
const IngestHealthPage = lazyNamed(() => import('../ingest/IngestHealthPage.js'), 'IngestHealthPage');
const RecognizePage = lazyNamed(() => import('../recognition/RecognizePage.js'), 'RecognizePage');
const EvidencePage = lazyNamed(() => import('../retention/EvidencePage.js'), 'EvidencePage');
const HoldsPage = lazyNamed(() => import('../retention/HoldsPage.js'), 'HoldsPage');
const RetentionPage = lazyNamed(() => import('../retention/RetentionPage.js'), 'RetentionPage');
const SearchPage = lazyNamed(() => import('../search/SearchPage.js'), 'SearchPage');
const RequestFormPage = lazyNamed(() => import('../sharing/RequestFormPage.js'), 'RequestFormPage');
const SharingPage = lazyNamed(() => import('../sharing/SharingPage.js'), 'SharingPage');
const TrainingPage = lazyNamed(() => import('../training/TrainingPage.js'), 'TrainingPage');
const JobTitlesPage = lazyNamed(() => import('../users/JobTitlesPage.js'), 'JobTitlesPage');
const UsersPage = lazyNamed(() => import('../users/UsersPage.js'), 'UsersPage');

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
  { path: 'recognize', label: 'Recognize an image', permission: 'recognition.run', page: <RecognizePage />, section: 'Patrol' },
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
