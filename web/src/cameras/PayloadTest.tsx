// The test view (GET /cameras/:id/last-payload, polled every 2 s while open): when the camera's last
// vendor payload came, what it became, and its shape with plate text and images redacted.
import { api, type Camera, type LastPayload } from '../api/client.js';
import { Badge } from '../ui/Badge.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { RelativeTime } from '../ui/Time.js';
import { useResource } from '../ui/useResource.js';

const POLL_MS = 2_000;

type Outcome = NonNullable<LastPayload['last']>['outcome'];

export function PayloadTest({ camera }: { camera: Pick<Camera, 'id' | 'name' | 'adapter'> }) {
  const answer = useResource(() => api.lastPayload(camera.id), POLL_MS);
  const headingId = `test-${camera.id}-heading`;
  const last = answer.data?.last;
  return (
    <section className="payload-test" aria-labelledby={headingId}>
      <h3 id={headingId}>Test {camera.name}</h3>
      <p className="hint">Send something from the device: the last payload shows here within 2 seconds. Plate text and images are never shown here.</p>
      <FormAlert message={formError(answer.error, [])} />
      {answer.data === undefined ? (
        answer.loading ? (
          <p role="status">Loading…</p>
        ) : null
      ) : last === null || last === undefined ? (
        <p role="status">
          {camera.adapter === 'native' ? 'This camera uses the native API: its reads show under Ingest health, not here.' : 'Waiting for the first payload since the server started…'}
        </p>
      ) : (
        <>
          <dl className="facts">
            <dt>Last payload</dt>
            <dd>
              <RelativeTime iso={last.receivedAt} now={answer.loadedAt ?? Date.now()} />
              {last.format ? <span className="muted"> · {last.format}</span> : null}
              <span className="muted"> · HTTP {last.outcome.status}</span>
            </dd>
            <dt>Outcome</dt>
            <dd>
              <OutcomeSummary outcome={last.outcome} />
            </dd>
            {last.outcome.note ? (
              <>
                <dt>Note</dt>
                <dd>{last.outcome.note}</dd>
              </>
            ) : null}
            {last.outcome.error ? (
              <>
                <dt>Error</dt>
                <dd className="field-error">
                  {last.outcome.error.message}
                  {last.outcome.error.field ? <span className="mono"> (field {last.outcome.error.field})</span> : null}
                </dd>
              </>
            ) : null}
            {last.outcome.results
              .filter((result) => result.status === 'rejected')
              .map((result, index) => (
                <Rejected key={`${result.id}-${index}`} reason={result.reason} field={result.field} />
              ))}
            {answer.data.vendorAlerts ? (
              <>
                <dt>Vendor alerts</dt>
                <dd>{answer.data.vendorAlerts} since the server started (not Platekeeper hits)</dd>
              </>
            ) : null}
          </dl>
          <h4 id={`${headingId}-shape`}>Payload shape (redacted)</h4>
          <pre className="code payload-shape" aria-labelledby={`${headingId}-shape`} tabIndex={0}>
            {JSON.stringify(last.payload, null, 2)}
          </pre>
        </>
      )}
    </section>
  );
}

function OutcomeSummary({ outcome }: { outcome: Outcome }) {
  return (
    <>
      <Badge tone={outcome.accepted > 0 ? 'good' : 'muted'}>{outcome.accepted} accepted</Badge> <Badge tone="muted">{outcome.duplicate} duplicate</Badge>{' '}
      <Badge tone={outcome.rejected > 0 ? 'bad' : 'muted'}>{outcome.rejected} rejected</Badge>
    </>
  );
}

function Rejected({ reason, field }: { reason?: string | undefined; field?: string | undefined }) {
  return (
    <>
      <dt>Rejected</dt>
      <dd className="field-error">
        {reason ?? 'rejected'}
        {field ? <span className="mono"> (field {field})</span> : null}
      </dd>
    </>
  );
}
