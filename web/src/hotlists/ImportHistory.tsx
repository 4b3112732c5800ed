// A general list's imports: who or what started each, how far it got, what it dropped (R37) and why it failed.
import { useCallback } from 'react';
import { Badge } from '../ui/Badge.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { TableScroll } from '../ui/TableScroll.js';
import { useResource } from '../ui/useResource.js';
import { hotlistsApi } from './hotlists.api.js';
import { when } from './labels.js';

const TONES = { running: 'neutral', succeeded: 'good', failed: 'bad' } as const;

export function ImportHistory({ listId }: { listId: string }) {
  const imports = useResource(useCallback(() => hotlistsApi.imports(listId), [listId]), 5_000);
  if (imports.data === undefined) return <FormAlert message={formError(imports.error, [])} />;
  if (imports.data.length === 0) return <p className="hint">No imports yet.</p>;
  return (
    <TableScroll label="Import history">
      <table className="table">
        <caption>Import history</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">How</th>
            <th scope="col">Result</th>
            <th scope="col">Records read</th>
            <th scope="col">Imported</th>
            <th scope="col">Immigration dropped (R37)</th>
            <th scope="col">Skipped</th>
          </tr>
        </thead>
        <tbody>
          {imports.data.map((row) => (
            <tr key={row.id}>
              <th scope="row">{when(row.startedAt)}</th>
              <td>
                {row.trigger === 'scheduled' ? 'Scheduled download' : `Upload by ${row.startedBy}`}
                {row.fileName ? <div className="muted">{row.fileName}</div> : null}
              </td>
              <td>
                <Badge tone={TONES[row.status]}>{row.status}</Badge>
                {row.error ? <div className="hint">{row.error}</div> : null}
              </td>
              <td>{row.rowsRead.toLocaleString()}</td>
              <td>{row.rowsImported.toLocaleString()}</td>
              <td>{row.rowsDroppedImmigration.toLocaleString()}</td>
              <td>{row.rowsInvalid.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
