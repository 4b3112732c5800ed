// Sensitive places (R22, R29): geofences around places of worship, clinics, protests and the like.
// A search for a vehicle read inside one is flagged for review. Circles or polygons; no map tiles
// are loaded (no internet): the shape is entered as numbers.
import { useState } from 'react';
import { Badge } from '../ui/Badge.js';
import { ConfirmButton } from '../ui/ConfirmButton.js';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { TableScroll } from '../ui/TableScroll.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { useResource } from '../ui/useResource.js';
import { auditsApi, type Geofence, type GeofenceInput, type GeofenceKind } from './audits.api.js';

export const GEOFENCE_KIND_LABELS: Record<GeofenceKind, string> = {
  place_of_worship: 'Place of worship',
  health_clinic: 'Health clinic',
  reproductive_health: 'Reproductive health care',
  protest: 'Protest or demonstration',
  school: 'School',
  shelter: 'Shelter',
  other: 'Other sensitive place',
};

/** "32.79, -116.96" lines → [[32.79, -116.96], …]; undefined when a line does not read. */
export function parseCorners(text: string): [number, number][] | undefined {
  const corners: [number, number][] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const parts = line.split(/[,\s]+/).map(Number);
    if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) return undefined;
    corners.push([parts[0]!, parts[1]!]);
  }
  return corners;
}

function describe(shape: Geofence['shape']): string {
  return shape.shape === 'circle' ? `Circle, ${Math.round(shape.radiusM)} m around ${shape.centerLat.toFixed(5)}, ${shape.centerLon.toFixed(5)}` : `Polygon, ${shape.polygon.length} corners`;
}

function GeofenceForm({ onSaved }: { onSaved: () => void }) {
  const [draft, setDraft] = useState({ name: '', kind: 'place_of_worship' as GeofenceKind, shape: 'circle' as 'circle' | 'polygon', lat: '', lon: '', radius: '150', corners: '' });
  const set = (key: keyof typeof draft, value: string) => setDraft({ ...draft, [key]: value });
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    const corners = parseCorners(draft.corners);
    const input: GeofenceInput =
      draft.shape === 'circle'
        ? { name: draft.name, kind: draft.kind, shape: { shape: 'circle', centerLat: Number(draft.lat), centerLon: Number(draft.lon), radiusM: Number(draft.radius) } }
        : { name: draft.name, kind: draft.kind, shape: { shape: 'polygon', polygon: corners ?? [] } };
    await auditsApi.createGeofence(input);
    setDraft({ ...draft, name: '', lat: '', lon: '', corners: '' });
    onSaved();
  });
  return (
    <form ref={form} className="panel" aria-labelledby="geofence-form-heading" onSubmit={onSubmit}>
      <h2 id="geofence-form-heading">Add a sensitive place</h2>
      <div className="field-row">
        <Field id="gf-name" label="Name" error={errorFor(error, 'name')}>
          {(control) => <input {...control} required maxLength={200} value={draft.name} onChange={(event) => set('name', event.target.value)} />}
        </Field>
        <Field id="gf-kind" label="Kind" error={errorFor(error, 'kind')}>
          {(control) => (
            <select {...control} value={draft.kind} onChange={(event) => set('kind', event.target.value)}>
              {Object.entries(GEOFENCE_KIND_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="gf-shape" label="Shape">
          {(control) => (
            <select {...control} value={draft.shape} onChange={(event) => set('shape', event.target.value)}>
              <option value="circle">Circle</option>
              <option value="polygon">Polygon</option>
            </select>
          )}
        </Field>
      </div>
      {draft.shape === 'circle' ? (
        <div className="field-row">
          <Field id="gf-lat" label="Centre latitude" error={errorFor(error, 'centerLat')}>
            {(control) => <input {...control} required inputMode="decimal" value={draft.lat} onChange={(event) => set('lat', event.target.value)} />}
          </Field>
          <Field id="gf-lon" label="Centre longitude" error={errorFor(error, 'centerLon')}>
            {(control) => <input {...control} required inputMode="decimal" value={draft.lon} onChange={(event) => set('lon', event.target.value)} />}
          </Field>
          <Field id="gf-radius" label="Radius (metres)" hint="10 to 5,000." error={errorFor(error, 'radiusM')}>
            {(control) => <input {...control} required inputMode="numeric" value={draft.radius} onChange={(event) => set('radius', event.target.value)} />}
          </Field>
        </div>
      ) : (
        <Field id="gf-corners" label="Corners" hint="One “latitude, longitude” per line; at least three." error={errorFor(error, 'polygon')}>
          {(control) => <textarea {...control} required rows={5} className="mono" value={draft.corners} onChange={(event) => set('corners', event.target.value)} />}
        </Field>
      )}
      <FormAlert message={formError(error, ['name', 'kind', 'centerLat', 'centerLon', 'radiusM', 'polygon'])} />
      <button type="submit" disabled={busy}>
        Add place
      </button>
    </form>
  );
}

export function GeofencesPage() {
  const fences = useResource(() => auditsApi.geofences());
  const [error, setError] = useState<unknown>();
  const toggle = async (fence: Geofence) => {
    setError(undefined);
    try {
      await auditsApi.updateGeofence(fence.id, { name: fence.name, kind: fence.kind as GeofenceKind, active: !fence.active, shape: fence.shape });
      await fences.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <PageHeading title="Sensitive places" />
      <p className="lead">A search for a vehicle that was read inside one of these places in the last 90 days is flagged for review (R22, R29): ALPR data is never used over religion, health care or lawful protest.</p>
      <FormAlert message={formError(error ?? fences.error, [])} />
      {fences.data && fences.data.length > 0 ? (
        <TableScroll label="Sensitive places">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Shape</th>
                <th scope="col">Watched</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {fences.data.map((fence) => (
                <tr key={fence.id}>
                  <td>{fence.name}</td>
                  <td>{GEOFENCE_KIND_LABELS[fence.kind as GeofenceKind] ?? fence.kind}</td>
                  <td>{describe(fence.shape)}</td>
                  <td>{fence.active ? <Badge tone="good">Watched</Badge> : <Badge tone="muted">Paused</Badge>}</td>
                  <td className="actions">
                    <button type="button" className="button-quiet" onClick={() => void toggle(fence)}>
                      {fence.active ? 'Pause' : 'Watch'}
                    </button>
                    <ConfirmButton label="Remove" confirmLabel={`Remove ${fence.name}`} onConfirm={async () => { await auditsApi.deleteGeofence(fence.id); await fences.reload(); }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : fences.data ? (
        <p className="notice">No sensitive places yet.</p>
      ) : null}
      <GeofenceForm onSaved={() => void fences.reload()} />
    </>
  );
}
