// Entries as a table (hot-list details: only shown under a stated purpose), with the actions the
// viewer may take: approve or reject (supervisors), "seen?" and remove (agency entries).
import { Fragment, useState } from 'react';
import { Badge } from '../ui/Badge.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { TableScroll } from '../ui/TableScroll.js';
import { hotlistsApi, type HotListEntry, type SeenRead } from './hotlists.api.js';
import { CATEGORY_LABELS, STATUS_TONES, when } from './labels.js';

export interface EntryActions {
  approve?: boolean;
  check?: boolean;
  remove?: boolean;
}

const vehicleText = (entry: HotListEntry) => [entry.vehicle.year, entry.vehicle.color, entry.vehicle.make, entry.vehicle.model, entry.vehicle.bodyType].filter(Boolean).join(' ');

export function EntriesTable({ entries, label, actions, onChanged }: { entries: readonly HotListEntry[]; label: string; actions: EntryActions; onChanged: () => void }) {
  const [error, setError] = useState<unknown>();
  const [seen, setSeen] = useState<{ entryId: string; reads: SeenRead[] }>();
  const act = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  const check = async (entryId: string) => {
    setError(undefined);
    try {
      setSeen({ entryId, reads: await hotlistsApi.check(entryId) });
    } catch (caught) {
      setError(caught);
    }
  };
  if (entries.length === 0) return <p className="hint">No entries.</p>;
  return (
    <>
      <FormAlert message={formError(error, [])} />
      <TableScroll label={label}>
        <table className="table hotlists-entries">
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">Plate</th>
              <th scope="col">Vehicle</th>
              <th scope="col">Why</th>
              <th scope="col">Case</th>
              <th scope="col">Status</th>
              <th scope="col">Expires</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <Fragment key={entry.id}>
                <tr>
                  <th scope="row" className="mono">
                    {entry.plate ?? entry.pattern ?? <span className="muted">description only</span>} {entry.state ? <span className="muted">{entry.state}</span> : null}
                  </th>
                  <td>{vehicleText(entry) || '—'}</td>
                  <td>
                    {CATEGORY_LABELS[entry.category] ?? entry.category}
                    <div className="muted">{[entry.ncicCode, entry.reason].filter(Boolean).join(': ')}</div>
                  </td>
                  <td className="case">
                    {entry.caseNumber ? <span className="mono">{entry.caseNumber}</span> : '—'}
                    {entry.caseAgent ? <div className="muted">{entry.caseAgent}</div> : null}
                    {entry.synopsis ? <div className="hint">{entry.synopsis}</div> : null}
                    {entry.submittedBy ? <div className="muted">entered by {entry.submittedBy}</div> : null}
                  </td>
                  <td>
                    <Badge tone={STATUS_TONES[entry.status]}>{entry.status}</Badge>
                    {entry.decidedBy ? <div className="muted">by {entry.decidedBy}</div> : null}
                  </td>
                  <td>{when(entry.expiresAt)}</td>
                  <td className="cell-actions">
                    {actions.approve && entry.status === 'pending' ? (
                      <>
                        <button type="button" onClick={() => void act(() => hotlistsApi.approve(entry.id))}>
                          Approve
                        </button>
                        <button
                          type="button"
                          className="button-quiet"
                          onClick={() => {
                            const reason = window.prompt('Why is this entry rejected?');
                            if (reason) void act(() => hotlistsApi.reject(entry.id, reason));
                          }}
                        >
                          Reject
                        </button>
                      </>
                    ) : null}
                    {actions.check && entry.caseNumber ? (
                      <button type="button" className="button-quiet" onClick={() => void check(entry.id)}>
                        Seen?
                      </button>
                    ) : null}
                    {actions.remove && entry.caseNumber && (entry.status === 'active' || entry.status === 'pending') ? (
                      <button type="button" className="button-quiet" onClick={() => void act(() => hotlistsApi.removeEntry(entry.id, 'removed from the hot-list page'))}>
                        End
                      </button>
                    ) : null}
                  </td>
                </tr>
                {seen?.entryId === entry.id ? (
                  <tr>
                    <td colSpan={7}>
                      <div className="panel" role="status">
                        <p>
                          {seen.reads.length === 0 ? 'Not seen in stored reads.' : `Seen in ${seen.reads.length} stored reads`} (searched under case {entry.caseNumber}; logged).
                        </p>
                        {seen.reads.length ? (
                          <ul>
                            {seen.reads.slice(0, 20).map((read) => (
                              <li key={read.id}>
                                <span className="mono">{read.plate}</span> {read.region} · {read.match} · {when(read.capturedAt)} · camera {read.cameraId.slice(0, 8)}
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
