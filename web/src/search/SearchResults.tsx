// The result list: reads with thumbnails (fetched through the gate), or, for several places and
// convoy, the vehicles found with the places or cameras that tie them to the case.
import type { ReadView, SearchPage } from '../api/client.js';
import { imageSrc } from './ReadDetail.js';

function ReadRow({ read, selected, onOpen }: { read: ReadView; selected: boolean; onOpen: (read: ReadView) => void }) {
  return (
    <tr className={selected ? 'row-selected' : undefined}>
      <td>{read.plateImageUrl ? <img className="thumb" src={imageSrc(read.plateImageUrl)} alt="" loading="lazy" /> : <span className="muted">—</span>}</td>
      <td className="mono">
        {read.plate}
        {read.closeness === 1 ? <span className="badge badge-neutral">OCR look-alike</span> : read.closeness === 2 ? <span className="badge badge-warn">one character off</span> : null}
        {read.needsVerification ? <span className="badge badge-warn">low confidence: verify</span> : null}
      </td>
      <td>{read.region || '—'}</td>
      <td>
        <time dateTime={read.capturedAt}>{new Date(read.capturedAt).toLocaleString()}</time>
      </td>
      <td>{read.cameraName}</td>
      <td>{[read.vehicle.color, read.vehicle.make, read.vehicle.model].filter(Boolean).join(' ') || '—'}</td>
      <td>
        <button type="button" className="button-quiet" onClick={() => onOpen(read)} aria-label={`Open read of ${read.plate} at ${new Date(read.capturedAt).toLocaleString()}`}>
          Open
        </button>
      </td>
    </tr>
  );
}

function ReadTable({ reads, selected, onOpen, caption }: { reads: readonly ReadView[]; selected: string | undefined; onOpen: (read: ReadView) => void; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="table search-results">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Image</th>
            <th scope="col">Plate</th>
            <th scope="col">State</th>
            <th scope="col">Captured</th>
            <th scope="col">Camera</th>
            <th scope="col">Vehicle</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reads.map((read) => (
            <ReadRow key={read.id} read={read} selected={read.id === selected} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SearchResults({ pages, selected, onOpen }: { pages: readonly SearchPage[]; selected: string | undefined; onOpen: (read: ReadView) => void }) {
  const reads = pages.flatMap((page) => page.reads);
  const vehicles = pages.flatMap((page) => page.vehicles);
  const first = pages[0];
  if (!first) return null;
  if (first.kind === 'places' || first.kind === 'convoy') {
    if (vehicles.length === 0) return <p role="status">No vehicle matched.</p>;
    return (
      <ol className="vehicle-matches" aria-label="Vehicles found">
        {vehicles.map((vehicle) => (
          <li key={`${vehicle.plate}-${vehicle.region}`} className="panel">
            <h3>
              <span className="mono">{vehicle.plate}</span> {vehicle.region ? `(${vehicle.region})` : ''}: {first.kind === 'places' ? 'seen at' : 'with the target at'} {vehicle.matched.join(', ')}
            </h3>
            <ReadTable reads={vehicle.reads} selected={selected} onOpen={onOpen} caption={`Reads of ${vehicle.plate}`} />
          </li>
        ))}
      </ol>
    );
  }
  return (
    <>
      {first.plates.length > 0 && (first.kind === 'partial' || first.kind === 'fuzzy') ? (
        <p className="hint">
          {first.kind === 'fuzzy' ? 'Plates found, closest first: ' : 'Plates matched: '}
          <span className="mono">{first.plates.map((p) => p.plate).join(', ')}</span>
          {first.truncated ? ' …' : ''}
        </p>
      ) : null}
      {reads.length === 0 ? <p role="status">No reads matched.</p> : <ReadTable reads={reads} selected={selected} onOpen={onOpen} caption="Reads found" />}
    </>
  );
}
