// Register a camera (R1, R4): what it is, where it looks, and the administrator's attestation
// that it sees only plates in public view or is covered by a court order.
import { useState } from 'react';
import { api, type CameraAdapter, type CameraInput, type RegisteredCamera } from '../api/client.js';
import { errorFor, formError } from '../ui/errors.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { Field, FieldError, FormAlert } from '../ui/Field.js';
import { ADAPTER_HELP, ADAPTER_LABELS, ATTESTATION_TEXT } from './labels.js';

const FIELDS = ['name', 'kind', 'adapter', 'location', 'direction', 'placement', 'courtOrderRef', 'attestation', 'notes', 'snapshotUrl', 'snapshotIntervalSeconds', 'agencyId'] as const;

interface Draft {
  name: string;
  kind: CameraInput['kind'];
  adapter: CameraAdapter;
  lat: string;
  lon: string;
  direction: string;
  placement: CameraInput['placement'];
  courtOrderRef: string;
  attested: boolean;
  notes: string;
  /** The owning agency (issue 12: pooled county deployments); empty means this deployment's own. */
  agencyId: string;
  /** Adapter snapshot (issue 11): the camera's JPEG URL and seconds between fetches. */
  snapshotUrl: string;
  snapshotInterval: string;
}

const EMPTY: Draft = {
  name: '',
  kind: 'fixed',
  adapter: 'native',
  lat: '',
  lon: '',
  direction: '',
  placement: 'public_view',
  courtOrderRef: '',
  attested: false,
  notes: '',
  agencyId: '',
  snapshotUrl: '',
  snapshotInterval: '2',
};

/** Empty inputs are left out, so the server names what is missing. */
const numberOrUndefined = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

function toInput(draft: Draft): CameraInput {
  const lat = numberOrUndefined(draft.lat);
  const lon = numberOrUndefined(draft.lon);
  const direction = numberOrUndefined(draft.direction);
  const fixed = draft.kind === 'fixed';
  return {
    name: draft.name,
    kind: draft.kind,
    adapter: draft.adapter,
    ...(fixed && lat !== undefined && lon !== undefined ? { location: { lat, lon } } : {}),
    ...(fixed && direction !== undefined ? { direction } : {}),
    placement: draft.placement,
    ...(draft.placement === 'court_order' && draft.courtOrderRef.trim() ? { courtOrderRef: draft.courtOrderRef.trim() } : {}),
    // The checkbox is required in the form; the server refuses anything but true (the schema's literal).
    attestation: draft.attested as true,
    ...(draft.notes.trim() ? { notes: draft.notes.trim() } : {}),
    ...(draft.agencyId.trim() ? { agencyId: draft.agencyId.trim() } : {}),
    ...(draft.adapter === 'snapshot' && draft.snapshotUrl.trim()
      ? { snapshotUrl: draft.snapshotUrl.trim(), ...(numberOrUndefined(draft.snapshotInterval) !== undefined ? { snapshotIntervalSeconds: numberOrUndefined(draft.snapshotInterval) } : {}) }
      : {}),
  };
}

export function RegisterCameraForm({ onRegistered, onCancel }: { onRegistered: (registered: RegisteredCamera) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    onRegistered(await api.registerCamera(toInput(draft)));
  });
  const locationError = errorFor(error, 'location');

  return (
    <form ref={form} className="panel" aria-labelledby="register-heading" onSubmit={onSubmit}>
      <h2 id="register-heading">Register camera</h2>
      <FormAlert message={formError(error, FIELDS)} />
      <Field id="camera-name" label="Name" hint="Where it is and which way it faces, e.g. “5th St & Main NB”." error={errorFor(error, 'name')}>
        {(control) => <input {...control} required maxLength={120} value={draft.name} onChange={(event) => set('name', event.target.value)} />}
      </Field>

      <fieldset className="field" aria-describedby={errorFor(error, 'kind') ? 'camera-kind-error' : undefined}>
        <legend>Kind</legend>
        <label className="choice">
          <input type="radio" name="kind" value="fixed" checked={draft.kind === 'fixed'} onChange={() => set('kind', 'fixed')} /> Fixed (pole or building)
        </label>
        <label className="choice">
          <input type="radio" name="kind" value="mobile" checked={draft.kind === 'mobile'} onChange={() => set('kind', 'mobile')} /> Mobile (patrol-car unit; each read carries its
          own location)
        </label>
        <FieldError id="camera-kind-error" message={errorFor(error, 'kind')} />
      </fieldset>

      <Field id="camera-adapter" label="Adapter" hint={ADAPTER_HELP[draft.adapter]} error={errorFor(error, 'adapter')}>
        {(control) => (
          <select {...control} value={draft.adapter} onChange={(event) => set('adapter', event.target.value as CameraAdapter)}>
            {(Object.keys(ADAPTER_LABELS) as CameraAdapter[]).map((adapter) => (
              <option key={adapter} value={adapter}>
                {ADAPTER_LABELS[adapter]}
              </option>
            ))}
          </select>
        )}
      </Field>

      {draft.adapter === 'snapshot' ? (
        <div className="field-row">
          <Field
            id="camera-snapshot-url"
            label="Snapshot URL (optional)"
            hint="The camera’s JPEG still, e.g. http://user:password@10.0.0.5/cgi-bin/snapshot.cgi. Platekeeper fetches it and reads the plates itself. Leave empty if the camera uploads frames instead."
            error={errorFor(error, 'snapshotUrl')}
          >
            {(control) => <input {...control} type="url" maxLength={2000} value={draft.snapshotUrl} onChange={(event) => set('snapshotUrl', event.target.value)} />}
          </Field>
          <Field id="camera-snapshot-interval" label="Every (seconds)" hint="How often to fetch it." error={errorFor(error, 'snapshotIntervalSeconds')}>
            {(control) => (
              <input {...control} type="number" min={1} max={3600} step={1} inputMode="numeric" value={draft.snapshotInterval} onChange={(event) => set('snapshotInterval', event.target.value)} />
            )}
          </Field>
        </div>
      ) : null}

      {draft.kind === 'fixed' ? (
        <fieldset className={locationError ? 'field field-invalid' : 'field'} aria-describedby={locationError ? 'camera-location-error' : undefined}>
          <legend>Location</legend>
          <p className="hint">Every read from a fixed camera is placed here.</p>
          <div className="field-row">
            <Field id="camera-lat" label="Latitude" error={errorFor(error, 'location/lat')}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  step="any"
                  min={-90}
                  max={90}
                  required
                  inputMode="decimal"
                  value={draft.lat}
                  onChange={(event) => set('lat', event.target.value)}
                />
              )}
            </Field>
            <Field id="camera-lon" label="Longitude" error={errorFor(error, 'location/lon')}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  step="any"
                  min={-180}
                  max={180}
                  required
                  inputMode="decimal"
                  value={draft.lon}
                  onChange={(event) => set('lon', event.target.value)}
                />
              )}
            </Field>
            <Field id="camera-direction" label="Direction (degrees, optional)" hint="0 = north, 90 = east." error={errorFor(error, 'direction')}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  step={1}
                  min={0}
                  max={359}
                  inputMode="numeric"
                  value={draft.direction}
                  onChange={(event) => set('direction', event.target.value)}
                />
              )}
            </Field>
          </div>
          {errorFor(error, 'location/lat') || errorFor(error, 'location/lon') ? null : <FieldError id="camera-location-error" message={locationError} />}
        </fieldset>
      ) : null}

      <fieldset className="field">
        <legend>Placement</legend>
        <label className="choice">
          <input type="radio" name="placement" value="public_view" checked={draft.placement === 'public_view'} onChange={() => set('placement', 'public_view')} /> Public view: it
          sees only plates exposed to public view
        </label>
        <label className="choice">
          <input type="radio" name="placement" value="court_order" checked={draft.placement === 'court_order'} onChange={() => set('placement', 'court_order')} /> Court order: a
          court order covers this placement
        </label>
        {draft.placement === 'court_order' ? (
          <Field id="camera-court-order" label="Court order reference" hint="The order’s number, as the court issued it." error={errorFor(error, 'courtOrderRef')}>
            {(control) => <input {...control} required minLength={3} maxLength={200} value={draft.courtOrderRef} onChange={(event) => set('courtOrderRef', event.target.value)} />}
          </Field>
        ) : (
          <FieldError id="camera-court-order-error" message={errorFor(error, 'courtOrderRef')} />
        )}
      </fieldset>

      <Field
        id="camera-agency"
        label="Agency (optional)"
        hint="The agency that owns this camera, when several agencies share this system (e.g. its ORI, CA0371100). Every read from it carries this agency. Leave empty for this system’s own agency."
        error={errorFor(error, 'agencyId')}
      >
        {(control) => <input {...control} maxLength={64} pattern="[A-Za-z0-9][A-Za-z0-9 ._\-]*" value={draft.agencyId} onChange={(event) => set('agencyId', event.target.value)} />}
      </Field>

      <Field id="camera-notes" label="Notes (optional)" error={errorFor(error, 'notes')}>
        {(control) => <textarea {...control} rows={2} maxLength={2000} value={draft.notes} onChange={(event) => set('notes', event.target.value)} />}
      </Field>

      <div className={errorFor(error, 'attestation') ? 'field field-invalid attestation' : 'field attestation'}>
        <label className="choice">
          <input
            id="camera-attestation"
            type="checkbox"
            required
            checked={draft.attested}
            aria-invalid={errorFor(error, 'attestation') ? true : undefined}
            aria-describedby={errorFor(error, 'attestation') ? 'camera-attestation-error' : undefined}
            onChange={(event) => set('attested', event.target.checked)}
          />{' '}
          I attest (R4): {ATTESTATION_TEXT}
        </label>
        <FieldError id="camera-attestation-error" message={errorFor(error, 'attestation')} />
      </div>

      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Registering…' : 'Register camera'}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
