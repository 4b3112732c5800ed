// One purge run, class by class: the cutoff, what went (or would go), what holds kept, the oldest left.
import { TableScroll } from '../ui/TableScroll.js';
import type { PurgeRun } from './retention.api.js';

export function PurgeRunTable({ run }: { run: PurgeRun }) {
  return (
    <TableScroll label="Purge by data class">
      <table>
        <thead>
          <tr>
            <th scope="col">Data</th>
            <th scope="col">Made before</th>
            <th scope="col">{run.dryRun ? 'Would be removed' : 'Removed'}</th>
            <th scope="col">Kept by holds</th>
            <th scope="col">Oldest left</th>
            <th scope="col">Also</th>
          </tr>
        </thead>
        <tbody>
          {run.classes.map((c) => (
            <tr key={c.className}>
              <th scope="row">{c.label}</th>
              <td className="mono">{c.cutoff ? c.cutoff.slice(0, 10) : '—'}</td>
              <td>{c.status === 'kept' ? 'kept (minimum only)' : c.status === 'not_available' ? 'not purged here yet' : c.deleted}</td>
              <td>{c.held}</td>
              <td className="mono">{c.oldestRemaining ? c.oldestRemaining.slice(0, 10) : '—'}</td>
              <td>
                {c.details
                  ? Object.entries(c.details)
                      .map(([key, value]) => `${key.replace(/([A-Z])/g, ' $1').toLowerCase()}: ${value}`)
                      .join(', ')
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.notices ? <p>{run.notices} outside cop{run.notices === 1 ? 'y is' : 'ies are'} now due for destruction (R33).</p> : null}
    </TableScroll>
  );
}
