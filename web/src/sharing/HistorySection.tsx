// The sharing history (R38): every agency shared with, and every transfer with its destruction-due date (R32).
import { TableScroll } from '../ui/TableScroll.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { useResource } from '../ui/useResource.js';
import { KIND_LABELS, sharingApi, type AgencyKind } from './api.js';

const day = (iso: string) => iso.slice(0, 10);

export function HistorySection() {
  const history = useResource(sharingApi.history);
  const now = new Date().toISOString();
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Agencies shared with</h2>
      <FormAlert message={formError(history.error, [])} />
      {history.data?.agencies.length === 0 ? <p>No data has been shared with any agency.</p> : null}
      <ul className="plain-list">
        {(history.data?.agencies ?? []).map((a) => (
          <li key={a.name}>
            <strong>{a.name}</strong> ({KIND_LABELS[a.kind as AgencyKind] ?? a.kind}): {a.transfers} transfer{a.transfers === 1 ? '' : 's'}
            {a.lastTransferAt ? `, last ${day(a.lastTransferAt)}` : ''}
          </li>
        ))}
      </ul>
      <h2>Transfer log</h2>
      <TableScroll label="Transfers">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Agency</th>
              <th scope="col">Case</th>
              <th scope="col">How</th>
              <th scope="col">What</th>
              <th scope="col">Recipient</th>
              <th scope="col">By</th>
              <th scope="col">Destroy by</th>
            </tr>
          </thead>
          <tbody>
            {(history.data?.transfers ?? []).map((t) => (
              <tr key={t.id}>
                <td className="nowrap">{new Date(t.transferredAt).toLocaleString()}</td>
                <th scope="row">{t.agency.name}</th>
                <td className="mono">{t.caseNumber}</td>
                <td>{t.method === 'download' ? 'Bundle download' : 'E-mail (recorded by hand)'}</td>
                <td className="small">
                  {t.description}
                  {t.bundleSha256 ? <div className="mono muted">sha256 {t.bundleSha256.slice(0, 16)}…</div> : null}
                </td>
                <td className="small">{t.recipient}</td>
                <td>{t.recordedBy}</td>
                <td className={t.destructionDueAt < now ? 'nowrap field-error' : 'nowrap'}>{day(t.destructionDueAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
