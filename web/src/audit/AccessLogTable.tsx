// Access log entries as a table; each row's recorded details open below it.
import type { AccessLogEntry } from '../api/client.js';
import { AUDIT_CATEGORY_LABELS } from '../access/labels.js';
import { TableScroll } from '../ui/TableScroll.js';
import { absoluteTime } from '../ui/time.js';

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value, null, 2));

export function AccessLogTable({ entries }: { entries: readonly AccessLogEntry[] }) {
  if (entries.length === 0) return <p className="notice">No entries match these filters.</p>;
  return (
    <TableScroll label="Access log entries">
      <table className="table access-log">
        <caption>{entries.length} entries shown, newest first</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Purpose</th>
            <th scope="col" className="num">
              Results
            </th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const details = [
              ['Data', json(entry.dataElements)],
              ['Before', json(entry.beforeValue)],
              ['After', json(entry.afterValue)],
            ].filter((pair): pair is [string, string] => pair[1] !== null);
            return (
              <tr key={entry.seq} data-action={entry.action}>
                <td className="mono muted">{entry.seq}</td>
                <td className="nowrap">
                  <time dateTime={entry.at}>{absoluteTime(entry.at)}</time>
                </td>
                <td>{entry.actorUsername}</td>
                <td>
                  <code>{entry.action}</code>
                  <div className="muted small">{AUDIT_CATEGORY_LABELS[entry.category]}</div>
                  {details.length ? (
                    <details>
                      <summary>Details</summary>
                      {details.map(([label, text]) => (
                        <div key={label}>
                          <strong>{label}</strong>
                          <pre className="code small">{text}</pre>
                        </div>
                      ))}
                      <div className="muted small mono">hash {entry.hash.slice(0, 16)}…</div>
                    </details>
                  ) : null}
                </td>
                <td>
                  {entry.purposeCase ? <span className="mono">{entry.purposeCase}</span> : null} {entry.purposeCategory}
                  {entry.purposeReason ? <div className="small">{entry.purposeReason}</div> : null}
                </td>
                <td className="num">{entry.resultCount ?? <span className="muted">—</span>}</td>
                <td className="small">
                  {entry.clientAddress ?? <span className="muted">—</span>}
                  {entry.device ? (
                    <div className="muted device" title={entry.device}>
                      {entry.device}
                    </div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
