// An agency entry (R7, R8): a plate, a partial plate, or a vehicle description, with the case
// agent, case number and synopsis. It takes effect once a supervisor approves it.
import { useState } from 'react';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { hotlistsApi, type EntryCreated, type HotList, type HotListEntryInput } from './hotlists.api.js';
import { CATEGORIES, CATEGORY_LABELS } from './labels.js';

const FIELDS = ['plate', 'state', 'vehicle', 'category', 'reason', 'caseAgent', 'caseNumber', 'synopsis', 'expiresAt'];
const EMPTY = { plate: '', state: '', make: '', model: '', color: '', bodyType: '', category: 'stolen_vehicle', reason: '', caseAgent: '', caseNumber: '', synopsis: '', expires: '' };

export function EntryForm({ lists, onEntered }: { lists: readonly HotList[]; onEntered: () => void }) {
  const [listId, setListId] = useState(lists[0]?.id ?? '');
  const [values, setValues] = useState(EMPTY);
  const [done, setDone] = useState<EntryCreated>();
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) => setValues({ ...values, [key]: event.target.value });
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    const vehicle = Object.fromEntries((['make', 'model', 'color', 'bodyType'] as const).filter((k) => values[k].trim()).map((k) => [k, values[k].trim()]));
    const input: HotListEntryInput = {
      category: values.category as HotListEntryInput['category'],
      caseAgent: values.caseAgent.trim(),
      caseNumber: values.caseNumber.trim(),
      synopsis: values.synopsis.trim(),
      ...(values.plate.trim() ? { plate: values.plate.trim() } : {}),
      ...(values.state.trim() ? { state: values.state.trim() } : {}),
      ...(Object.keys(vehicle).length ? { vehicle } : {}),
      ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
      ...(values.expires ? { expiresAt: new Date(`${values.expires}T23:59:59`).toISOString() } : {}),
    };
    setDone(await hotlistsApi.createEntry(listId, input));
    setValues(EMPTY);
    onEntered();
  });
  if (lists.length === 0) return <p className="hint">No agency list exists yet: the ALPR Administrator creates one first.</p>;
  return (
    <form ref={form} className="form" onSubmit={onSubmit} aria-label="Agency hot-list entry">
      <FormAlert message={formError(error, FIELDS)} />
      {done ? (
        <p role="status" className="panel">
          {done.message}
        </p>
      ) : null}
      <Field id="entry-list" label="List">
        {(control) => (
          <select {...control} value={listId} onChange={(e) => setListId(e.target.value)}>
            {lists.map((list) => (
              <option key={list.id} value={list.id}>
                {list.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="entry-plate" label="Plate" hint="The whole plate; or a partial plate with ? for one unknown character and * for any, where the policy allows (R8). Leave empty for a description-only entry." error={errorFor(error, 'plate')}>
        {(control) => <input {...control} className="mono" value={values.plate} onChange={set('plate')} maxLength={12} autoComplete="off" />}
      </Field>
      <Field id="entry-state" label="State" hint="Two letters; empty for any state." error={errorFor(error, 'state')}>
        {(control) => <input {...control} value={values.state} onChange={set('state')} maxLength={12} />}
      </Field>
      <fieldset>
        <legend>Vehicle</legend>
        <FormAlert message={errorFor(error, 'vehicle')} />
        <div className="mapping-grid">
          {(['make', 'model', 'color', 'bodyType'] as const).map((key) => (
            <Field key={key} id={`entry-${key}`} label={key === 'bodyType' ? 'Body type' : key[0]!.toUpperCase() + key.slice(1)}>
              {(control) => <input {...control} value={values[key]} onChange={set(key)} maxLength={40} />}
            </Field>
          ))}
        </div>
      </fieldset>
      <Field id="entry-category" label="Why it is wanted" error={errorFor(error, 'category')}>
        {(control) => (
          <select {...control} value={values.category} onChange={set('category')}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="entry-reason" label="Reason shown with a hit" hint="Optional; the synopsis is shown otherwise." error={errorFor(error, 'reason')}>
        {(control) => <input {...control} value={values.reason} onChange={set('reason')} maxLength={500} />}
      </Field>
      <Field id="entry-agent" label="Case agent" error={errorFor(error, 'caseAgent')}>
        {(control) => <input {...control} value={values.caseAgent} onChange={set('caseAgent')} required minLength={2} maxLength={120} />}
      </Field>
      <Field id="entry-case" label="Case number" error={errorFor(error, 'caseNumber')}>
        {(control) => <input {...control} className="mono" value={values.caseNumber} onChange={set('caseNumber')} required minLength={3} maxLength={40} />}
      </Field>
      <Field id="entry-synopsis" label="Synopsis" hint="A short summary of the case (R7). No criminal history or personal details beyond a suspect's last name." error={errorFor(error, 'synopsis')}>
        {(control) => <textarea {...control} value={values.synopsis} onChange={set('synopsis')} required minLength={10} maxLength={1000} rows={3} />}
      </Field>
      <Field id="entry-expires" label="Expires on" hint="Empty: the list's retention from today (R13)." error={errorFor(error, 'expiresAt')}>
        {(control) => <input {...control} type="date" value={values.expires} onChange={set('expires')} />}
      </Field>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Entering…' : 'Enter for approval'}
        </button>
      </div>
    </form>
  );
}
