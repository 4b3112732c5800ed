// Retention (R30–R33): what the policy keeps and for how long, in its own words; the purge's history
// with a dry-run preview; and copies on outside servers that are due for destruction. For the
// custodian of records, the administrator and auditors (retention.view); running the purge needs purge.run.
import { useState } from 'react';
import { useCan } from '../app/session.js';
import { Badge } from '../ui/Badge.js';
import { ConfirmButton } from '../ui/ConfirmButton.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { TableScroll } from '../ui/TableScroll.js';
import { useResource } from '../ui/useResource.js';
import { OutsideCopies } from './OutsideCopies.js';
import { PurgeRunTable } from './PurgeRunTable.js';
import { retentionApi, type ClassRule, type PurgeRun } from './retention.api.js';

const days = (n: number) => (n % 365 === 0 && n > 0 ? `${n} days (${n / 365} year${n === 365 ? '' : 's'})` : `${n} day${n === 1 ? '' : 's'}`);

function StatusBadge({ rule }: { rule: ClassRule }) {
  if (rule.status === 'kept') return <Badge tone="muted">Kept — minimum only</Badge>;
  if (rule.status === 'not_available') return <Badge tone="warn">Not purged here yet</Badge>;
  return <Badge tone="good">Purged daily</Badge>;
}

export function RetentionPage() {
  const can = useCan();
  const policy = useResource(retentionApi.policy);
  const runs = useResource(retentionApi.purges);
  const [preview, setPreview] = useState<PurgeRun>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function purge(dryRun: boolean) {
    setError(undefined);
    setBusy(true);
    try {
      const run = await retentionApi.runPurge(dryRun);
      setPreview(run);
      await runs.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const data = policy.data;
  return (
    <>
      <PageHeading title="Retention" />
      {data ? (
        <p className="lead">
          {data.agency} keeps ALPR data as its policy, <em>{data.policyTitle}</em> (chapter {data.sectionPrefix}), sets out. The {data.custodianTitle} administers retention, legal holds and
          purges.
        </p>
      ) : null}
      <FormAlert message={formError(policy.error ?? runs.error, [])} />

      <section aria-labelledby="classes-heading">
        <h2 id="classes-heading">How long each kind of data is kept</h2>
        {data ? <p className="hint">{data.dayRule}</p> : null}
        <TableScroll label="Retention per data class">
          <table>
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col">At least</th>
                <th scope="col">At most</th>
                <th scope="col">Policy</th>
                <th scope="col">Rule</th>
                <th scope="col">Today, purged if made before</th>
              </tr>
            </thead>
            <tbody>
              {(data?.classes ?? []).map((rule) => (
                <tr key={rule.className}>
                  <th scope="row">
                    {rule.label} <StatusBadge rule={rule} />
                  </th>
                  <td>{rule.minDays > 0 ? days(rule.minDays) : 'No minimum'}</td>
                  <td>{rule.maxDays === null ? 'Not purged automatically' : days(rule.maxDays)}</td>
                  <td>{rule.cite ? `[${rule.cite}]` : <span className="hint">not set by the policy</span>}</td>
                  <td>{rule.rule}</td>
                  <td className="mono">{rule.cutoff ? rule.cutoff.slice(0, 10) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        {data ? (
          <p className="hint">
            Classes with only a minimum (the access log, audit records, sharing records) are kept and never purged automatically. Data under a legal hold (R31) stays past its time until the hold is
            released.{data.purgeOutsideServers ? ' Purges reach outside servers too (R33): copies sent elsewhere are listed below when they fall due.' : ''}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="purge-heading">
        <h2 id="purge-heading">Purge</h2>
        <p>The purge runs every day. It removes reads, their images and plate index entries, alerts and other data past retention, a few thousand rows at a time, so cameras keep sending.</p>
        {can('purge.run') ? (
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void purge(true)}>
              Preview (dry run)
            </button>{' '}
            <ConfirmButton label="Run purge now" confirmLabel="Delete data past retention" onConfirm={() => purge(false)} />
          </div>
        ) : null}
        <FormAlert message={formError(error, [])} />
        {preview ? (
          <div className="panel" role="status">
            <h3>{preview.dryRun ? 'Dry run: what the purge would remove now' : 'Purge finished'}</h3>
            <PurgeRunTable run={preview} />
          </div>
        ) : null}
        <h3>History</h3>
        {runs.data?.length ? (
          <TableScroll label="Purge runs">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">How</th>
                  <th scope="col">By</th>
                  <th scope="col">Removed</th>
                  <th scope="col">Outside copies due</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {runs.data.map((run) => (
                  <tr key={run.id}>
                    <td className="mono">{run.startedAt.replace('T', ' ').slice(0, 19)}</td>
                    <td>{run.dryRun ? 'Dry run' : run.trigger === 'schedule' ? 'Daily job' : run.trigger === 'cli' ? 'Command line' : 'From this page'}</td>
                    <td>{run.actor}</td>
                    <td>{run.dryRun ? `(${run.totalDeleted} would go)` : run.totalDeleted}</td>
                    <td>{run.notices}</td>
                    <td>{run.outcome === 'ok' ? <Badge tone="good">ok</Badge> : <Badge tone="bad">failed: {run.error}</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="hint">No purge has run yet.</p>
        )}
      </section>

      <OutsideCopies canConfirm={can('purge.run')} />
    </>
  );
}
