// The exports registry for the Custodian of Records (R32): every download, print and share of ALPR
// data with its case number and destruction date; overdue ones first in the count; record destruction.
import { useState } from 'react';
import { api, type ExportListQuery, type ExportView } from '../api/client.js';
import { useCan } from '../app/session.js';
import { ConfirmButton } from '../ui/ConfirmButton.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { useResource } from '../ui/useResource.js';
import '../search/search.css';

type Status = NonNullable<ExportListQuery['status']>;
const STATUSES: readonly [Status, string][] = [
  ['open', 'Not destroyed'],
  ['overdue', 'Overdue'],
  ['destroyed', 'Destroyed'],
  ['all', 'All'],
];

function StatusCell({ record }: { record: ExportView }) {
  if (record.status === 'destroyed') return <span className="badge badge-good">destroyed</span>;
  if (record.status === 'overdue') return <span className="badge badge-bad">overdue</span>;
  if (record.status === 'evidence') return <span className="badge badge-muted">booked as evidence</span>;
  return <span className="badge badge-neutral">due</span>;
}

export function ExportsPage() {
  const can = useCan();
  const [status, setStatus] = useState<Status>('open');
  const list = useResource(() => api.exports({ status }));
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [lastStatus, setLastStatus] = useState(status);
  if (lastStatus !== status) {
    setLastStatus(status);
    void list.reload();
  }

  const destroy = async (record: ExportView) => {
    setError(undefined);
    try {
      await api.markExportDestroyed(record.id, notes[record.id]);
      await list.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <>
      <PageHeading title="Exports" />
      <p className="lead">
        Every copy of ALPR data downloaded, printed or shared, with the case it was for. Each must be destroyed within {list.data?.retentionDays ?? '…'} days (R32) unless booked as
        evidence; record here when every copy is gone.
      </p>
      {list.data && list.data.overdue > 0 ? (
        <p className="form-alert" role="alert">
          {list.data.overdue} export{list.data.overdue === 1 ? ' is' : 's are'} past the destruction date.
        </p>
      ) : null}
      <div className="filters" role="group" aria-label="Show">
        {STATUSES.map(([value, label]) => (
          <button key={value} type="button" className={value === status ? undefined : 'button-quiet'} aria-pressed={value === status} onClick={() => setStatus(value)}>
            {label}
          </button>
        ))}
      </div>
      <FormAlert message={formError(error ?? list.error, [])} />
      {list.data === undefined ? (
        <p role="status">Loading…</p>
      ) : list.data.exports.length === 0 ? (
        <p role="status">No exports to show.</p>
      ) : (
        <div className="table-scroll">
          <table className="table exports-table">
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Case</th>
                <th scope="col">What</th>
                <th scope="col">Format</th>
                <th scope="col">Reads</th>
                <th scope="col">By</th>
                <th scope="col">Destroy by</th>
                <th scope="col">Status</th>
                <th scope="col">Destruction</th>
              </tr>
            </thead>
            <tbody>
              {list.data.exports.map((record) => (
                <tr key={record.id}>
                  <td>
                    <time dateTime={record.createdAt}>{new Date(record.createdAt).toLocaleString()}</time>
                  </td>
                  <td className="mono">{record.caseNumber}</td>
                  <td>{record.description}</td>
                  <td>{record.format}</td>
                  <td>{record.recordCount}</td>
                  <td>{record.createdBy}</td>
                  <td className={record.status === 'overdue' ? 'overdue' : undefined}>
                    <time dateTime={record.destroyDueAt}>{new Date(record.destroyDueAt).toLocaleDateString()}</time>
                  </td>
                  <td>
                    <StatusCell record={record} />
                  </td>
                  <td>
                    {record.destroyedAt ? (
                      <>
                        {record.destroyedBy}, <time dateTime={record.destroyedAt}>{new Date(record.destroyedAt).toLocaleDateString()}</time>
                        {record.note ? `: ${record.note}` : ''}
                      </>
                    ) : can('exports.manage') ? (
                      <ConfirmButton label="Record destruction" confirmLabel="Every copy is destroyed" onConfirm={() => destroy(record)}>
                        <input
                          aria-label={`How the copies of export ${record.id.slice(0, 8)} were destroyed`}
                          placeholder="How (shredded, wiped…)"
                          value={notes[record.id] ?? ''}
                          onChange={(event) => setNotes({ ...notes, [record.id]: event.target.value })}
                        />
                      </ConfirmButton>
                    ) : (
                      <span className="muted">not yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
