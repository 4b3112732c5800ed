// Placing a hold: reads by id (one per line, as search or an alert shows them) or every read of a
// plate in a time range; why; until when (or until released).
import { useState } from 'react';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { retentionApi, type PlacedHold, type PlaceHold } from './retention.api.js';

const FIELDS = ['caseNumber', 'reason', 'until', 'readIds', 'plate', 'region', 'from', 'to'];
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function PlaceHoldForm({ caseNumber, onPlaced }: { caseNumber: string; onPlaced: (placed: PlacedHold) => void }) {
  const [mode, setMode] = useState<'ids' | 'plate'>('ids');
  const [values, setValues] = useState({ caseNumber, reason: '', until: '', readIds: '', plate: '', region: '', from: '', to: '' });
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues({ ...values, [key]: event.target.value });
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    const body: PlaceHold = { caseNumber: values.caseNumber, reason: values.reason, ...(values.until ? { until: isoOf(values.until)! } : {}) };
    if (mode === 'ids') body.readIds = values.readIds.split(/[\s,]+/).filter(Boolean);
    else Object.assign(body, { plate: values.plate, ...(values.region ? { region: values.region } : {}), from: isoOf(values.from), to: isoOf(values.to) });
    onPlaced(await retentionApi.placeHold(body));
    setValues({ ...values, reason: '', readIds: '', plate: '', from: '', to: '' });
  });
  return (
    <form ref={form} onSubmit={onSubmit} className="panel" aria-label="Place a legal hold">
      <FormAlert message={formError(error, FIELDS)} />
      <Field id="hold-case" label="Case number" error={errorFor(error, 'caseNumber')}>
        {(control) => <input {...control} value={values.caseNumber} onChange={set('caseNumber')} required />}
      </Field>
      <Field id="hold-reason" label="Why these reads are held" hint="e.g. evidence in case 26-004512; discovery requested by the defense" error={errorFor(error, 'reason')}>
        {(control) => <textarea {...control} value={values.reason} onChange={set('reason')} required rows={2} />}
      </Field>
      <Field id="hold-until" label="Hold until (optional)" hint="Leave empty to hold until released." error={errorFor(error, 'until')}>
        {(control) => <input {...control} type="date" value={values.until} onChange={set('until')} />}
      </Field>
      <fieldset>
        <legend>Which reads</legend>
        <label>
          <input type="radio" name="hold-mode" checked={mode === 'ids'} onChange={() => setMode('ids')} /> By read id
        </label>{' '}
        <label>
          <input type="radio" name="hold-mode" checked={mode === 'plate'} onChange={() => setMode('plate')} /> A plate in a time range
        </label>
      </fieldset>
      {mode === 'ids' ? (
        <Field id="hold-ids" label="Read ids" hint="One per line (copy them from search results)." error={errorFor(error, 'readIds')}>
          {(control) => <textarea {...control} className="mono" value={values.readIds} onChange={set('readIds')} rows={4} />}
        </Field>
      ) : (
        <>
          <Field id="hold-plate" label="Plate" error={errorFor(error, 'plate')}>
            {(control) => <input {...control} className="mono" value={values.plate} onChange={set('plate')} />}
          </Field>
          <Field id="hold-region" label="State (optional)" hint="e.g. CA" error={errorFor(error, 'region')}>
            {(control) => <input {...control} value={values.region} onChange={set('region')} />}
          </Field>
          <Field id="hold-from" label="From" error={errorFor(error, 'from')}>
            {(control) => <input {...control} type="datetime-local" value={values.from} onChange={set('from')} />}
          </Field>
          <Field id="hold-to" label="To" error={errorFor(error, 'to')}>
            {(control) => <input {...control} type="datetime-local" value={values.to} onChange={set('to')} />}
          </Field>
        </>
      )}
      <button type="submit" disabled={busy}>
        Place hold
      </button>
    </form>
  );
}
