// The public transparency page (R43, R44): no sign-in. The agency's ALPR policy and Administrator,
// retention, and counts computed from live data. Never a plate, a read or a user's name other than
// the ALPR Administrator's.
import { PageHeading } from '../ui/PageHeading.js';
import './transparency.css';
import { formatDate } from '../ui/time.js';
import { useResource } from '../ui/useResource.js';
import { POLICY_DOCUMENT_URL, transparencyApi, type Transparency } from './transparency.api.js';

const number = new Intl.NumberFormat('en-US');
const NOT_YET = 'Not yet available';

function Figure({ label, value, name }: { label: string; value: string; name: string }) {
  return (
    <div className="figure" data-figure={name}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Figures({ report }: { report: Transparency }) {
  const f = report.figures;
  const n = (value: number | null | undefined) => (value === null || value === undefined ? NOT_YET : number.format(value));
  return (
    <dl className="figures">
      <Figure name="cameras-fixed" label="Fixed cameras" value={n(f.cameras?.fixed)} />
      <Figure name="cameras-mobile" label="Mobile (vehicle-mounted) cameras" value={n(f.cameras?.mobile)} />
      <Figure name="reads" label="Plates read in the last 30 days" value={n(f.readsLast30Days)} />
      <Figure name="hits" label="Hot-list hits in the last 30 days" value={n(f.hitsLast30Days?.total)} />
      <Figure name="confirmed-hits" label="Hits confirmed by an officer" value={n(f.hitsLast30Days?.confirmed)} />
      <Figure name="searches" label="Searches in the last 30 days" value={n(f.searchesLast30Days?.searches)} />
      <Figure name="searchers" label="People who searched" value={n(f.searchesLast30Days?.searchers)} />
      <Figure name="last-purge" label="Data last purged" value={report.unavailable.includes('lastPurgeAt') ? NOT_YET : f.lastPurgeAt ? formatDate(f.lastPurgeAt) : 'No purge yet'} />
    </dl>
  );
}

export function TransparencyPage() {
  const resource = useResource(() => transparencyApi.report());
  const report = resource.data;
  return (
    <main className="public-page" id="main">
      <PageHeading title={report ? `ALPR transparency: ${report.agency.name}` : 'ALPR transparency'} />
      {!report ? (
        resource.error ? (
          <p className="form-alert" role="alert">
            The figures could not be loaded; try again in a minute.
          </p>
        ) : (
          <p className="loading">Loading…</p>
        )
      ) : (
        <>
          <p className="lead">
            How {report.agency.name} ({report.agency.jurisdiction}) uses automated license plate readers. The figures are computed from the system itself and refreshed every minute. They are counts only: this page never shows a plate, a read or a person other than the ALPR Administrator.
          </p>
          <section aria-labelledby="policy-heading">
            <h2 id="policy-heading">Policy</h2>
            <p>
              {report.policy.title} (policy section {report.policy.section}).{' '}
              {report.policy.url ? (
                <a href={report.policy.url} rel="noreferrer">
                  The policy on the department&apos;s website
                </a>
              ) : null}
              {report.policy.url && report.policy.documentAvailable ? ' · ' : null}
              {report.policy.documentAvailable ? <a href={POLICY_DOCUMENT_URL}>Read the policy document</a> : null}
            </p>
            <p data-figure="administrator">
              ALPR Administrator: {report.administrator.title}
              {report.administrator.name ? `, ${report.administrator.name}` : ''}.
            </p>
            <p>{report.sharing.mayReceive}</p>
            <p>{report.sharing.neverSold}</p>
          </section>
          <section aria-labelledby="figures-heading">
            <h2 id="figures-heading">In numbers</h2>
            <Figures report={report} />
            <p className="muted">As of {new Date(report.generatedAt).toLocaleString()}.</p>
          </section>
          <section aria-labelledby="sharing-heading">
            <h2 id="sharing-heading">Agencies shared with</h2>
            {report.figures.sharedWith === null ? <p>{NOT_YET}.</p> : report.figures.sharedWith.length === 0 ? <p>No data has been shared with another agency.</p> : <ul>{report.figures.sharedWith.map((name) => <li key={name}>{name}</li>)}</ul>}
          </section>
          <section aria-labelledby="audits-heading">
            <h2 id="audits-heading">Audits</h2>
            <p>{report.auditSchedule}</p>
            {report.figures.audits === null ? (
              <p>{NOT_YET}.</p>
            ) : report.figures.audits.length === 0 ? (
              <p>No audit has been completed yet.</p>
            ) : (
              <ul data-figure="audits">
                {report.figures.audits.map((audit) => (
                  <li key={`${audit.kind}-${audit.signedAt}`}>
                    {audit.kind === 'outside' ? `Outside audit by ${audit.outsideAgency ?? 'another agency'}` : 'Internal audit'} of {formatDate(audit.periodFrom)} – {formatDate(audit.periodTo)}, completed {formatDate(audit.signedAt)}: {audit.sampleSize} searches checked,{' '}
                    {audit.outcome === 'compliant' ? 'all met the policy' : 'findings reported to the agency head'}
                    {audit.approved ? '' : ' (awaiting approval)'}.
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="retention-heading">
            <h2 id="retention-heading">How long data is kept</h2>
            <ul>
              {report.retention.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>
          <p className="muted">
            <a href="/sign-in">Staff sign-in</a>
          </p>
        </>
      )}
    </main>
  );
}
