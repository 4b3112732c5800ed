// The auditor's page (R26–R28): audits due under the policy, starting one (the sample is drawn
// with a recorded seed), every audit on record, and the review of the one chosen.
import { useState } from 'react';
import { useCan } from '../app/session.js';
import { formError } from '../ui/errors.js';
import { Badge } from '../ui/Badge.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { TableScroll } from '../ui/TableScroll.js';
import { formatDate } from '../ui/time.js';
import { useResource } from '../ui/useResource.js';
import { AuditReview } from './AuditReview.js';
import './audits.css';
import { auditsApi, type AuditSummary, type DueAudit } from './audits.api.js';

export const AUDIT_STATUS: Record<AuditSummary['status'], string> = { in_progress: 'In progress', signed: 'Signed', approved: 'Approved' };
export const AUDIT_KIND: Record<AuditSummary['kind'], string> = { internal: 'Internal audit', outside: 'Outside-agency audit' };

function DueCard({ due, onStarted }: { due: DueAudit; onStarted: (id: string) => void }) {
  const can = useCan();
  const [agency, setAgency] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onStarted((await auditsApi.start(due.kind, due.kind === 'outside' ? agency : undefined)).audit.id);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="panel" data-kind={due.kind}>
      <h3>{AUDIT_KIND[due.kind]}</h3>
      <p>
        Every {due.everyMonths} months. {due.lastStartedAt ? `Last started ${formatDate(due.lastStartedAt)}.` : 'No audit on record.'}{' '}
        {due.overdue ? <Badge tone="bad">Overdue since {formatDate(due.dueAt)}</Badge> : <Badge tone={Date.parse(due.dueAt) <= Date.now() ? 'warn' : 'good'}>Due {formatDate(due.dueAt)}</Badge>}
      </p>
      {due.inProgressId ? (
        <button type="button" onClick={() => onStarted(due.inProgressId!)}>
          Continue the open audit
        </button>
      ) : can('audits.conduct') ? (
        <div className="inline-form">
          {due.kind === 'outside' ? (
            <div className="field">
              <label htmlFor="outside-agency">Outside agency conducting it</label>
              <input id="outside-agency" value={agency} maxLength={200} onChange={(event) => setAgency(event.target.value)} />
            </div>
          ) : null}
          <button type="button" disabled={busy} onClick={() => void start()}>
            Start and draw the sample
          </button>
        </div>
      ) : (
        <p className="muted">The auditor starts it.</p>
      )}
      <FormAlert message={formError(error, [])} />
    </li>
  );
}

export function AuditsPage() {
  const overview = useResource(() => auditsApi.overview());
  const [selected, setSelected] = useState<string>();
  const data = overview.data;
  const open = selected ?? (data?.limitedTo ? data.limitedTo : undefined);
  return (
    <>
      <PageHeading title="Audits" />
      <p className="lead">
        A random sample of detection-browsing inquiries is checked against the policy {data ? `every ${data.policy.frequencyMonths} months (at least ${data.policy.sampleSize} from the preceding ${data.policy.lookbackMonths} months)` : ''}. The sample is drawn with a recorded seed, so anyone can draw it again; a redraw is recorded with its reason. Signed audits become a memorandum to the {data?.policy.memorandumTo ?? 'agency head'}, filed with the {data?.policy.filedWith ?? 'Custodian of Records'}.
      </p>
      <FormAlert message={formError(overview.error, [])} />
      {data && data.due.length > 0 ? (
        <section aria-labelledby="due-heading">
          <h2 id="due-heading">Due</h2>
          <ul className="cards">
            {data.due.map((due) => (
              <DueCard
                key={due.kind}
                due={due}
                onStarted={(id) => {
                  setSelected(id);
                  void overview.reload();
                }}
              />
            ))}
          </ul>
        </section>
      ) : null}
      {data ? (
        <section aria-labelledby="audits-heading">
          <h2 id="audits-heading">On record</h2>
          {data.audits.length === 0 ? (
            <p className="notice">No audit has been started yet.</p>
          ) : (
            <TableScroll label="Audits">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Audit</th>
                    <th scope="col">Period</th>
                    <th scope="col">Status</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Sample</th>
                    <th scope="col" />
                  </tr>
                </thead>
                <tbody>
                  {data.audits.map((audit) => (
                    <tr key={audit.id} aria-current={audit.id === open ? 'true' : undefined}>
                      <td>
                        {AUDIT_KIND[audit.kind]}
                        {audit.outsideAgency ? ` by ${audit.outsideAgency}` : ''}
                      </td>
                      <td className="nowrap">
                        {formatDate(audit.periodFrom)} – {formatDate(audit.periodTo)}
                      </td>
                      <td>{AUDIT_STATUS[audit.status]}</td>
                      <td>{audit.outcome === null ? '—' : audit.outcome === 'compliant' ? <Badge tone="good">Compliant</Badge> : <Badge tone="warn">Findings</Badge>}</td>
                      <td>
                        {audit.sampleSize} of {audit.population}
                      </td>
                      <td>
                        <button type="button" className="button-quiet" onClick={() => setSelected(audit.id)}>
                          Open
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      ) : overview.loading ? (
        <p className="loading">Loading audits…</p>
      ) : null}
      {open ? <AuditReview key={open} id={open} onChanged={() => void overview.reload()} /> : null}
    </>
  );
}
