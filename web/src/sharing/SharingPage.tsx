// Sharing (issue 8; R32, R34–R40): the approval queue and releases, the agencies and agreements, the
// history of transfers, and requests from outside law enforcement, one tab each.
import { useState } from 'react';
import { PageHeading } from '../ui/PageHeading.js';
import { useResource } from '../ui/useResource.js';
import { AgenciesSection } from './AgenciesSection.js';
import { sharingApi } from './api.js';
import { HistorySection } from './HistorySection.js';
import { RecordsSection } from './RecordsSection.js';
import { RequestsSection } from './RequestsSection.js';

const TABS = [
  { id: 'requests', label: 'Requests' },
  { id: 'agencies', label: 'Agencies and agreements' },
  { id: 'history', label: 'Sharing history' },
  { id: 'records', label: 'Records requests' },
] as const;
type Tab = (typeof TABS)[number]['id'];

export function SharingPage() {
  const policy = useResource(sharingApi.policy);
  const [tab, setTab] = useState<Tab>('requests');
  return (
    <>
      <PageHeading title="Sharing" />
      <p className="lead">
        ALPR data goes only to California public agencies (Civ. Code 1798.90.55(b)) that policy {policy.data?.section ?? ''} allows, on a written, approved request, and is never sold (R34–R40).
      </p>
      <div role="tablist" aria-label="Sharing" className="actions">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? undefined : 'button-quiet'} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'requests' ? <RequestsSection policy={policy.data} /> : null}
        {tab === 'agencies' ? <AgenciesSection policy={policy.data} /> : null}
        {tab === 'history' ? <HistorySection /> : null}
        {tab === 'records' ? <RecordsSection policy={policy.data} /> : null}
      </div>
    </>
  );
}
