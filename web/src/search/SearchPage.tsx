// Investigative search (issue 6; R21–R25, R32): the purpose first, then one form per kind, the
// results with thumbnails, a map and a timeline, the read detail with both images, and exports.
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { api, type Area, type ReadView, type SearchKind, type SearchPage as Page } from '../api/client.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { useResource } from '../ui/useResource.js';
import { ExportButtons } from './ExportButtons.js';
import { ReadDetail } from './ReadDetail.js';
import { SearchForm, type SearchRequestOf } from './SearchForm.js';
import { SearchResults } from './SearchResults.js';
import { StatedPurposePanel, useStatedPurpose } from './StatedPurposePanel.js';
import { Timeline } from './Timeline.js';
import './search.css';

// The map (Leaflet) loads with the first search page that shows it, not with the whole app.
const SearchMap = lazy(() => import('./SearchMap.js').then((module) => ({ default: module.SearchMap })));

const FIELDS = ['plate', 'pattern', 'region', 'from', 'to', 'make', 'windows', 'withinSeconds', 'minCameras', 'cursor'];

export function SearchPage() {
  const [purpose, setPurpose] = useStatedPurpose();
  return (
    <>
      <PageHeading title="Search" />
      <StatedPurposePanel purpose={purpose} onChange={setPurpose} />
      {purpose ? <SearchWorkspace key={purpose.purposeId} onPurposeRefused={() => setPurpose(undefined)} /> : null}
    </>
  );
}

function SearchWorkspace({ onPurposeRefused }: { onPurposeRefused: () => void }) {
  const cameras = useResource(api.searchCameras);
  const [request, setRequest] = useState<SearchRequestOf>();
  const [pages, setPages] = useState<Page[]>([]);
  const [selected, setSelected] = useState<ReadView>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [picked, setPicked] = useState<{ lat: number; lon: number }>();
  const [kind, setKind] = useState<SearchKind>('partial');
  const serial = useRef(0);

  const run = async (next: SearchRequestOf, cursor?: string) => {
    const id = ++serial.current;
    setBusy(true);
    setError(undefined);
    try {
      const page = await api.search(next.kind, { ...next.body, ...(cursor ? { cursor } : {}) } as never);
      if (id !== serial.current) return;
      setRequest(next);
      setPages((current) => (cursor ? [...current, page] : [page]));
      if (!cursor) setSelected(undefined);
    } catch (caught) {
      if (id !== serial.current) return;
      setError(caught);
      const refused = (caught as { id?: string }).id;
      if (refused === 'purpose_required' || refused === 'purpose_not_found' || refused === 'purpose_expired') onPurposeRefused();
    } finally {
      if (id === serial.current) setBusy(false);
    }
  };

  const reads = useMemo(() => pages.flatMap((page) => [...page.reads, ...page.vehicles.flatMap((vehicle) => vehicle.reads)]), [pages]);
  const areas = useMemo<Area[]>(() => {
    if (request?.kind === 'canvass') return [request.body.area];
    if (request?.kind === 'places') return request.body.windows.map((w) => w.area);
    if (picked && (kind === 'canvass' || kind === 'places')) return [{ center: picked, radiusMeters: 50 }];
    return [];
  }, [request, picked, kind]);
  const next = pages.at(-1)?.nextCursor;

  return (
    <div className="search-workspace">
      <div className="search-side">
        <SearchForm cameras={cameras.data ?? []} busy={busy} error={error} picked={picked} onSearch={(r) => void run(r)} onKind={setKind} />
        <FormAlert message={formError(error, FIELDS)} />
      </div>
      <div className="search-main">
        <Suspense fallback={<p className="muted">Loading the map…</p>}>
          <SearchMap cameras={cameras.data ?? []} reads={reads} areas={areas} selected={selected?.id} onSelect={setSelected} onPick={setPicked} />
        </Suspense>
        <Timeline reads={reads} selected={selected?.id} onSelect={setSelected} />
        {selected ? <ReadDetail read={selected} onClose={() => setSelected(undefined)} /> : null}
        {request && pages.length > 0 ? (
          <section aria-label="Results" className="search-results-panel">
            <div className="page-heading">
              <h2>
                {reads.length} read{reads.length === 1 ? '' : 's'}
                {pages[0]?.vehicles.length ? `, ${pages.reduce((n, p) => n + p.vehicles.length, 0)} vehicle(s)` : ''}
              </h2>
              <ExportButtons key={JSON.stringify(request)} request={request} />
            </div>
            <SearchResults pages={pages} selected={selected?.id} onOpen={setSelected} />
            {next ? (
              <button type="button" className="load-more" disabled={busy} onClick={() => void run(request, next)}>
                {busy ? 'Loading…' : 'Load more'}
              </button>
            ) : null}
          </section>
        ) : null}
      </div>
    </div>
  );
}
