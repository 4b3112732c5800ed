// Ingest health per camera, refreshed every 5 seconds: last seen, reads per minute, counters and
// the latest rejection. Cameras that went silent or had reads refused are highlighted. No reads
// or plates are shown here; those sit behind the purpose gate.
import { api } from '../api/client.js';
import { Badge } from '../ui/Badge.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { RelativeTime } from '../ui/Time.js';
import { TableScroll } from '../ui/TableScroll.js';
import { useResource } from '../ui/useResource.js';
import { attentionOf, RECENT_REJECTION_MS, SILENT_AFTER_MS } from './attention.js';
import { MINUTE } from '../ui/time.js';
import { realCamerasFirst } from '../cameras/labels.js';

const REFRESH_MS = 5_000;
const count = new Intl.NumberFormat();
const rate = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function IngestHealthPage() {
  const health = useResource(api.ingestHealth, REFRESH_MS);
  const now = health.loadedAt ?? Date.now();
  const rows = realCamerasFirst(health.data ?? []).map((camera) => ({
    camera,
    attention: attentionOf(camera, now),
  }));
  const silent = rows.filter((row) => row.attention.silent).length;
  const rejecting = rows.filter((row) => row.attention.rejecting).length;

  return (
    <>
      <PageHeading title="Ingest health">
        <p className="refreshed">{health.loadedAt ? `Updated ${clock.format(health.loadedAt)} · refreshes every ${REFRESH_MS / 1000} s` : null}</p>
      </PageHeading>
      <p className="lead">
        Highlighted: cameras silent for more than {SILENT_AFTER_MS / MINUTE} minutes, and cameras with a read refused in the last {RECENT_REJECTION_MS / MINUTE} minutes. Reads per
        minute are averaged over the last five minutes.
      </p>
      {health.error ? <FormAlert message={`Could not refresh: ${formError(health.error, []) ?? ''}${health.data ? ' The table shows the last answer.' : ''}`} /> : null}
      {health.data === undefined ? (
        health.loading ? (
          <p role="status">Loading…</p>
        ) : null
      ) : (
        <>
          <p className="summary" role="status">
            {rows.length} cameras · {silent === 0 ? 'none silent' : `${silent} silent`} · {rejecting === 0 ? 'no recent rejections' : `${rejecting} with recent rejections`}
          </p>
          <TableScroll label="Ingest health by camera">
            <table className="table health">
              <thead>
                <tr>
                  <th scope="col">Camera</th>
                  <th scope="col">Last seen</th>
                  <th scope="col" className="num">
                    Reads / min
                  </th>
                  <th scope="col" className="num">
                    Accepted
                  </th>
                  <th scope="col" className="num">
                    Duplicate
                  </th>
                  <th scope="col" className="num">
                    Rejected
                  </th>
                  <th scope="col">Last rejection</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ camera, attention }) => (
                  <tr
                    key={camera.cameraId}
                    data-camera-id={camera.cameraId}
                    className={[attention.silent ? 'row-silent' : '', attention.rejecting ? 'row-rejecting' : ''].join(' ').trim() || undefined}
                  >
                    <th scope="row">
                      {camera.name} {camera.origin === 'demo' ? <Badge tone="demo">Demo</Badge> : null}
                      {camera.status === 'disabled' ? <Badge tone="muted">Disabled</Badge> : null}
                      {attention.silent ? <Badge tone="warn">Silent</Badge> : null}
                      {attention.rejecting ? <Badge tone="bad">Rejecting</Badge> : null}
                    </th>
                    <td className="nowrap">{camera.lastSeenAt ? <RelativeTime iso={camera.lastSeenAt} now={now} /> : <span className="muted">never</span>}</td>
                    <td className="num" data-column="reads-per-minute">
                      {rate.format(camera.readsPerMinute)}
                    </td>
                    <td className="num">{count.format(camera.readsAccepted)}</td>
                    <td className="num">{count.format(camera.readsDuplicate)}</td>
                    <td className="num">{count.format(camera.readsRejected)}</td>
                    <td>
                      {camera.lastRejection ? (
                        <>
                          {camera.lastRejection}
                          {camera.lastRejectionAt ? (
                            <span className="muted">
                              {' '}
                              (
                              <RelativeTime iso={camera.lastRejectionAt} now={now} />)
                            </span>
                          ) : null}
                        </>
                      ) : (
                        <span className="muted">none</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </>
  );
}
