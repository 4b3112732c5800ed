// The fields of a written request (R35): who asks, why (checked like any purpose: R21, R37), what
// is asked (plates, time range, area), and the requester's attestation. Shared by the staff form and
// the partner agency's link page.
import { errorFor } from '../ui/errors.js';
import { Field } from '../ui/Field.js';

export interface RequestDraft {
  requesterName: string;
  requesterTitle: string;
  requesterContact: string;
  caseNumber: string;
  category: string;
  reason: string;
  plates: string;
  from: string;
  to: string;
  useArea: boolean;
  south: string;
  west: string;
  north: string;
  east: string;
  attested: boolean;
}

export const emptyDraft = (): RequestDraft => ({
  requesterName: '',
  requesterTitle: '',
  requesterContact: '',
  caseNumber: '',
  category: '',
  reason: '',
  plates: '',
  from: '',
  to: '',
  useArea: false,
  south: '',
  west: '',
  north: '',
  east: '',
  attested: false,
});

export const REQUEST_FIELDS = ['requester', 'purpose', 'plates', 'from', 'to', 'area', 'attestation'] as const;

/** The request body's common part, from the draft (datetime-local read as the browser's local time). */
export function askedFrom(draft: RequestDraft) {
  const instant = (value: string) => (value ? new Date(value).toISOString() : '');
  return {
    requester: { name: draft.requesterName.trim(), title: draft.requesterTitle.trim(), contact: draft.requesterContact.trim() },
    purpose: { caseNumber: draft.caseNumber, category: draft.category, reason: draft.reason },
    plates: draft.plates.split(/[\s,;]+/).map((plate) => plate.trim()).filter(Boolean),
    from: instant(draft.from),
    to: instant(draft.to),
    ...(draft.useArea ? { area: { south: Number(draft.south), west: Number(draft.west), north: Number(draft.north), east: Number(draft.east) } } : {}),
    attestation: true as const,
  };
}

interface Props {
  draft: RequestDraft;
  set: <K extends keyof RequestDraft>(key: K, value: RequestDraft[K]) => void;
  error: unknown;
  categories: { id: string; label: string; example: string }[];
  attestation: string;
}

export function RequestFields({ draft, set, error, categories, attestation }: Props) {
  const example = categories.find((c) => c.id === draft.category)?.example;
  return (
    <>
      <fieldset>
        <legend>Requester</legend>
        <div className="field-row">
          <Field id="req-name" label="Name" error={errorFor(error, 'requester/name')}>
            {(control) => <input {...control} required maxLength={160} value={draft.requesterName} onChange={(e) => set('requesterName', e.target.value)} />}
          </Field>
          <Field id="req-title" label="Rank or title" error={errorFor(error, 'requester/title')}>
            {(control) => <input {...control} required maxLength={160} value={draft.requesterTitle} onChange={(e) => set('requesterTitle', e.target.value)} />}
          </Field>
          <Field id="req-contact" label="Agency e-mail or phone" error={errorFor(error, 'requester/contact')}>
            {(control) => <input {...control} required maxLength={200} value={draft.requesterContact} onChange={(e) => set('requesterContact', e.target.value)} />}
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>Intended purpose</legend>
        <div className="field-row">
          <Field id="req-case" label="Case or incident number" error={errorFor(error, 'purpose/caseNumber')}>
            {(control) => <input {...control} required maxLength={64} className="mono" value={draft.caseNumber} onChange={(e) => set('caseNumber', e.target.value)} />}
          </Field>
          <Field id="req-category" label="Category" error={errorFor(error, 'purpose/category')}>
            {(control) => (
              <select {...control} required value={draft.category} onChange={(e) => set('category', e.target.value)}>
                <option value="">Choose…</option>
                {categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field
          id="req-reason"
          label="Reason"
          hint={example ? `For example: “${example}”. Never for immigration enforcement or against reproductive health care (R37).` : 'What is being investigated and why these plates (R21). Never for immigration enforcement or against reproductive health care (R37).'}
          error={errorFor(error, 'purpose/reason')}
        >
          {(control) => <textarea {...control} required rows={3} maxLength={500} value={draft.reason} onChange={(e) => set('reason', e.target.value)} />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>What is asked</legend>
        <Field id="req-plates" label="Plates" hint="One or more, separated by spaces or commas." error={errorFor(error, 'plates')}>
          {(control) => <input {...control} required className="mono" value={draft.plates} onChange={(e) => set('plates', e.target.value)} />}
        </Field>
        <div className="field-row">
          <Field id="req-from" label="From" error={errorFor(error, 'from')}>
            {(control) => <input {...control} type="datetime-local" required value={draft.from} onChange={(e) => set('from', e.target.value)} />}
          </Field>
          <Field id="req-to" label="To" error={errorFor(error, 'to')}>
            {(control) => <input {...control} type="datetime-local" required value={draft.to} onChange={(e) => set('to', e.target.value)} />}
          </Field>
        </div>
        <label className="choice">
          <input type="checkbox" checked={draft.useArea} onChange={(e) => set('useArea', e.target.checked)} /> Limit to an area (latitude and longitude box)
        </label>
        {draft.useArea ? (
          <div className="field-row">
            {(['south', 'west', 'north', 'east'] as const).map((edge) => (
              <Field key={edge} id={`req-${edge}`} label={`${edge[0]!.toUpperCase()}${edge.slice(1)} edge`} error={errorFor(error, 'area')}>
                {(control) => <input {...control} type="number" step="any" required value={draft[edge]} onChange={(e) => set(edge, e.target.value)} />}
              </Field>
            ))}
          </div>
        ) : null}
      </fieldset>
      <div className="attestation">
        <label className="choice">
          <input type="checkbox" required checked={draft.attested} onChange={(e) => set('attested', e.target.checked)} /> {attestation}
        </label>
      </div>
    </>
  );
}
