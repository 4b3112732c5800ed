// One form per search kind (R23, R24), with the filters every kind shares: time range and cameras.
// Areas are a center and radius (typed, picked from a camera, or clicked on the map) or a polygon.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { Area, SearchBodies, SearchCamera, SearchKind } from '../api/client.js';
import { errorFor } from '../ui/errors.js';
import { Field } from '../ui/Field.js';

export type SearchRequestOf = { [K in SearchKind]: { kind: K; body: SearchBodies[K] } }[SearchKind];

export const KIND_LABELS: Record<SearchKind, string> = {
  plate: 'Plate',
  partial: 'Partial plate',
  fuzzy: 'Fuzzy plate',
  vehicle: 'Vehicle description',
  canvass: 'Canvass',
  places: 'Several places',
  convoy: 'Convoy',
  history: 'Plate history',
};

interface PlaceDraft {
  lat: string;
  lon: string;
  radius: string;
  polygon: string;
  from: string;
  to: string;
}

const emptyPlace = (): PlaceDraft => ({ lat: '', lon: '', radius: '500', polygon: '', from: '', to: '' });
const iso = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

function areaOf(place: PlaceDraft): Area | undefined {
  if (place.polygon.trim()) {
    const polygon = place.polygon
      .split(/\n|;/)
      .map((line) => line.split(',').map((part) => Number(part.trim())))
      .filter((pair) => pair.length === 2 && pair.every(Number.isFinite))
      .map(([lat = 0, lon = 0]) => ({ lat, lon }));
    return polygon.length >= 3 ? { polygon } : undefined;
  }
  const lat = Number(place.lat);
  const lon = Number(place.lon);
  const radiusMeters = Number(place.radius);
  if (!place.lat || !place.lon || !Number.isFinite(lat) || !Number.isFinite(lon) || !Number.isFinite(radiusMeters)) return undefined;
  return { center: { lat, lon }, radiusMeters };
}

interface Props {
  cameras: readonly SearchCamera[];
  busy: boolean;
  error: unknown;
  /** A point clicked on the map, for the area's center. */
  picked: { lat: number; lon: number } | undefined;
  onSearch: (request: SearchRequestOf) => void;
  onKind: (kind: SearchKind) => void;
}

export function SearchForm({ cameras, busy, error, picked, onSearch, onKind }: Props) {
  const [kind, setKind] = useState<SearchKind>('partial');
  const [plate, setPlate] = useState('');
  const [region, setRegion] = useState('');
  const [pattern, setPattern] = useState('');
  const [mode, setMode] = useState<'positional' | 'ordered' | 'unordered'>('positional');
  const [vehicle, setVehicle] = useState({ make: '', model: '', color: '', body: '' });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [cameraIds, setCameraIds] = useState<string[]>([]);
  const [places, setPlaces] = useState<PlaceDraft[]>([emptyPlace(), emptyPlace()]);
  const [withinSeconds, setWithinSeconds] = useState('60');
  const [minCameras, setMinCameras] = useState('2');
  const [problem, setProblem] = useState<string>();
  const [lastPicked, setLastPicked] = useState(picked);

  // A click on the map fills the first place's center (canvass) or the last empty one (several places).
  if (picked !== lastPicked) {
    setLastPicked(picked);
    if (picked) {
      setPlaces((current) => {
        const index = kind === 'places' ? Math.max(0, current.findIndex((p) => !p.lat)) : 0;
        return current.map((p, i) => (i === index ? { ...p, lat: picked.lat.toFixed(6), lon: picked.lon.toFixed(6), polygon: '' } : p));
      });
    }
  }

  const choose = (next: SearchKind) => {
    setKind(next);
    setProblem(undefined);
    onKind(next);
  };
  const setPlace = (index: number, changes: Partial<PlaceDraft>) => setPlaces((current) => current.map((p, i) => (i === index ? { ...p, ...changes } : p)));
  const fieldError = (field: string) => errorFor(error, field);

  function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    const common = { ...(iso(from) ? { from: iso(from) } : {}), ...(iso(to) ? { to: iso(to) } : {}), ...(cameraIds.length ? { cameraIds } : {}), limit: 100 };
    const withRegion = region.trim() ? { region: region.trim() } : {};
    switch (kind) {
      case 'plate':
      case 'fuzzy':
      case 'history':
        return onSearch({ kind, body: { ...common, plate, ...withRegion } });
      case 'convoy':
        return onSearch({ kind, body: { ...common, plate, ...withRegion, withinSeconds: Number(withinSeconds), minCameras: Number(minCameras) } });
      case 'partial':
        return onSearch({ kind, body: { ...common, pattern, mode, ...withRegion } });
      case 'vehicle': {
        const described = Object.fromEntries(Object.entries(vehicle).filter(([, value]) => value.trim()));
        return onSearch({ kind, body: { ...common, ...described, ...(pattern.trim() ? { pattern } : {}) } });
      }
      case 'canvass': {
        const place = places[0] ?? emptyPlace();
        const area = areaOf(place);
        if (!area || !place.from || !place.to) return setProblem('Give the area (a center and radius, or a polygon) and the window’s start and end.');
        return onSearch({ kind, body: { ...common, area, from: iso(place.from) ?? '', to: iso(place.to) ?? '' } });
      }
      case 'places': {
        const windows = places.map((place, i) => ({ area: areaOf(place), from: iso(place.from), to: iso(place.to), label: `place ${i + 1}` }));
        if (windows.some((w) => !w.area || !w.from || !w.to)) return setProblem('Every place needs a center and radius (or a polygon) and a start and end.');
        return onSearch({ kind, body: { ...common, windows: windows.map((w) => ({ area: w.area as Area, from: w.from ?? '', to: w.to ?? '', label: w.label })) } });
      }
    }
  }

  const text = (id: string, label: string, value: string, set: (v: string) => void, hint?: ReactNode, field = id) => (
    <Field id={`search-${id}`} label={label} hint={hint} error={fieldError(field)}>
      {(control) => <input {...control} className="mono" autoComplete="off" spellCheck={false} value={value} onChange={(event) => set(event.target.value)} />}
    </Field>
  );
  const placeFields = (place: PlaceDraft, index: number) => (
    <fieldset key={index} className="search-place">
      <legend>{kind === 'places' ? `Place ${index + 1}` : 'Area and window'}</legend>
      <div className="field-row">
        <Field id={`place-${index}-camera`} label="Near camera">
          {(control) => (
            <select
              {...control}
              value=""
              onChange={(event) => {
                const camera = cameras.find((c) => c.id === event.target.value);
                if (camera?.lat != null && camera.lon != null) setPlace(index, { lat: String(camera.lat), lon: String(camera.lon), polygon: '' });
              }}
            >
              <option value="">Pick a camera, or click the map…</option>
              {cameras
                .filter((c) => c.lat !== null)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        {text(`place-${index}-lat`, 'Latitude', place.lat, (v) => setPlace(index, { lat: v }))}
        {text(`place-${index}-lon`, 'Longitude', place.lon, (v) => setPlace(index, { lon: v }))}
        {text(`place-${index}-radius`, 'Radius (m)', place.radius, (v) => setPlace(index, { radius: v }))}
      </div>
      <Field id={`place-${index}-polygon`} label="Or a polygon" hint="One corner per line: lat, lon (at least three). Leave empty for the circle.">
        {(control) => <textarea {...control} rows={2} className="mono" value={place.polygon} onChange={(event) => setPlace(index, { polygon: event.target.value })} />}
      </Field>
      <div className="field-row">
        <Field id={`place-${index}-from`} label="From" error={fieldError(kind === 'places' ? `windows/${index}` : 'from')}>
          {(control) => <input {...control} type="datetime-local" value={place.from} onChange={(event) => setPlace(index, { from: event.target.value })} />}
        </Field>
        <Field id={`place-${index}-to`} label="To" error={fieldError(kind === 'places' ? `windows/${index}/to` : 'to')}>
          {(control) => <input {...control} type="datetime-local" value={place.to} onChange={(event) => setPlace(index, { to: event.target.value })} />}
        </Field>
      </div>
    </fieldset>
  );

  return (
    <form className="panel search-form" aria-label="Search" onSubmit={submit}>
      <div className="search-kinds" role="group" aria-label="Kind of search">
        {(Object.keys(KIND_LABELS) as SearchKind[]).map((option) => (
          <button key={option} type="button" className={option === kind ? 'kind-chosen' : 'button-quiet'} aria-pressed={option === kind} onClick={() => choose(option)}>
            {KIND_LABELS[option]}
          </button>
        ))}
      </div>
      {kind === 'plate' || kind === 'fuzzy' || kind === 'history' || kind === 'convoy' ? (
        <div className="field-row">
          {text('plate', kind === 'convoy' ? 'Target plate' : 'Plate', plate, setPlate, kind === 'fuzzy' ? 'Finds plates within OCR confusion (0/O/D/Q, 1/I, 2/Z, 5/S, 6/G, 8/B) or one character off, closest first.' : undefined)}
          {text('region', 'State (optional)', region, setRegion, undefined, 'region')}
        </div>
      ) : null}
      {kind === 'convoy' ? (
        <div className="field-row">
          {text('within', 'Within (seconds)', withinSeconds, setWithinSeconds, undefined, 'withinSeconds')}
          {text('min-cameras', 'At cameras (at least)', minCameras, setMinCameras, undefined, 'minCameras')}
        </div>
      ) : null}
      {kind === 'partial' ? (
        <>
          <div className="field-row">
            {text('pattern', 'Partial plate', pattern, setPattern, mode === 'positional' ? '? one unknown character, * any number: 7AB?12*' : 'Only the characters remembered, e.g. 7AB')}
            {text('region', 'State (optional)', region, setRegion, undefined, 'region')}
          </div>
          <fieldset className="choices-grid">
            <legend>What the witness remembers</legend>
            {(
              [
                ['positional', 'Where the characters were'],
                ['ordered', 'The characters in order, not where'],
                ['unordered', 'Some characters, in any position'],
              ] as const
            ).map(([value, label]) => (
              <label key={value}>
                <input type="radio" name="pattern-mode" checked={mode === value} onChange={() => setMode(value)} /> {label}
              </label>
            ))}
          </fieldset>
        </>
      ) : null}
      {kind === 'vehicle' ? (
        <div className="field-row">
          {text('make', 'Make', vehicle.make, (v) => setVehicle({ ...vehicle, make: v }))}
          {text('model', 'Model', vehicle.model, (v) => setVehicle({ ...vehicle, model: v }))}
          {text('color', 'Color', vehicle.color, (v) => setVehicle({ ...vehicle, color: v }))}
          {text('body', 'Body type', vehicle.body, (v) => setVehicle({ ...vehicle, body: v }))}
          {text('pattern', 'Partial plate (optional)', pattern, setPattern)}
        </div>
      ) : null}
      {kind === 'canvass' ? placeFields(places[0] ?? emptyPlace(), 0) : null}
      {kind === 'places' ? (
        <>
          {places.map((place, index) => placeFields(place, index))}
          <div className="actions">
            <button type="button" className="button-quiet" disabled={places.length >= 10} onClick={() => setPlaces([...places, emptyPlace()])}>
              Add a place
            </button>
            <button type="button" className="button-quiet" disabled={places.length <= 2} onClick={() => setPlaces(places.slice(0, -1))}>
              Remove the last place
            </button>
          </div>
        </>
      ) : null}
      {kind !== 'canvass' && kind !== 'places' ? (
        <div className="field-row">
          <Field id="search-from" label="From (optional)" error={fieldError('from')}>
            {(control) => <input {...control} type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />}
          </Field>
          <Field id="search-to" label="To (optional)" error={fieldError('to')}>
            {(control) => <input {...control} type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} />}
          </Field>
        </div>
      ) : null}
      <Field id="search-cameras" label="Cameras (optional)" hint="Hold Ctrl or ⌘ to choose several; none means every camera.">
        {(control) => (
          <select {...control} multiple size={Math.min(5, Math.max(2, cameras.length))} value={cameraIds} onChange={(event) => setCameraIds([...event.target.selectedOptions].map((option) => option.value))}>
            {cameras.map((camera) => (
              <option key={camera.id} value={camera.id}>
                {camera.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {busy ? 'Searching…' : 'Search'}
      </button>
    </form>
  );
}
