// Approve an agency-issued device (R19): what it is and its asset tag.
import { useState } from 'react';
import { api, type DeviceInput, type IssuedEnrollment } from '../api/client.js';
import { DEVICE_KIND_LABELS, DEVICE_KINDS } from '../access/labels.js';
import { errorFor, formError } from '../ui/errors.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { Field, FormAlert } from '../ui/Field.js';

const FIELDS = ['name', 'kind', 'identifier', 'notes'] as const;

export function RegisterDeviceForm({ onRegistered, onCancel }: { onRegistered: (issued: IssuedEnrollment) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Required<DeviceInput>>({ name: '', kind: 'workstation', identifier: '', notes: '' });
  const set = <K extends keyof DeviceInput>(key: K, value: DeviceInput[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    const { notes, ...rest } = draft;
    onRegistered(await api.registerDevice({ ...rest, name: rest.name.trim(), identifier: rest.identifier.trim(), ...(notes.trim() ? { notes: notes.trim() } : {}) }));
  });

  return (
    <form ref={form} className="panel" aria-labelledby="register-device-heading" onSubmit={onSubmit}>
      <h2 id="register-device-heading">Register device</h2>
      <FormAlert message={formError(error, FIELDS)} />
      <div className="field-row">
        <Field id="device-name" label="Name" hint="Whose or where, e.g. “Patrol car 12 MDC” or “Records desk 2”." error={errorFor(error, 'name')}>
          {(control) => <input {...control} required maxLength={120} value={draft.name} onChange={(event) => set('name', event.target.value)} />}
        </Field>
        <Field id="device-kind" label="Kind" error={errorFor(error, 'kind')}>
          {(control) => (
            <select {...control} value={draft.kind} onChange={(event) => set('kind', event.target.value as DeviceInput['kind'])}>
              {DEVICE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {DEVICE_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="device-identifier" label="Asset tag or serial number" error={errorFor(error, 'identifier')}>
          {(control) => <input {...control} className="mono" required maxLength={120} value={draft.identifier} onChange={(event) => set('identifier', event.target.value)} />}
        </Field>
      </div>
      <Field id="device-notes" label="Notes (optional)" error={errorFor(error, 'notes')}>
        {(control) => <input {...control} maxLength={500} value={draft.notes} onChange={(event) => set('notes', event.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Registering…' : 'Register device'}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
