// The purpose form (R17, R21, R22, R37): case or incident number, category and a specific reason,
// checked by the server's rules before anything is searched. Search and alert pages put it in front
// of their data; "My access" uses it to check a purpose. Whether the user may reach ALPR data at all
// (training, job title, device, data sources) is asked first; if not, that answer shows instead.
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, type PurposeCheckResult, type PurposeInput, type PurposeProblem } from '../api/client.js';
import { focusFirstInvalid, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { useResource } from '../ui/useResource.js';
import { RecentPurposes } from './RecentPurposes.js';

/** A purpose that passed every rule, as the server will record it, with its category's label. */
export type AcceptedPurpose = NonNullable<PurposeCheckResult['purpose']> & { categoryLabel: string };

const FIELDS = ['caseNumber', 'category', 'reason'] as const;
type PurposeField = (typeof FIELDS)[number];
const EMPTY: PurposeInput = { caseNumber: '', category: '', reason: '' };

/** The problems at one field: what to fix, and what is refused outright. */
function problemsAt(problems: readonly PurposeProblem[], field: PurposeField) {
  const at = problems.filter((problem) => problem.field === field);
  const join = (kind: PurposeProblem['kind']) =>
    at
      .filter((problem) => problem.kind === kind)
      .map((problem) => problem.message)
      .join(' ') || undefined;
  return { error: join('invalid'), refusal: join('prohibited') };
}

interface PurposeFormProps {
  /** After each check: the accepted purpose, or undefined when a rule refused it. */
  onChecked: (purpose: AcceptedPurpose | undefined) => void;
  submitLabel?: string;
  /** Shown in place of the form when the user may not reach ALPR data, after the server's reason. */
  ineligibleNote?: ReactNode;
  idPrefix?: string;
}

export function PurposeForm({ onChecked, submitLabel = 'Check purpose', ineligibleNote, idPrefix = 'purpose' }: PurposeFormProps) {
  const eligibility = useResource(api.eligibility);
  const categories = useResource(api.purposeCategories);
  const [draft, setDraft] = useState<PurposeInput>(EMPTY);
  const [problems, setProblems] = useState<PurposeProblem[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const set = (key: keyof PurposeInput, value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const category = useMemo(() => categories.data?.categories.find((option) => option.id === draft.category), [categories.data, draft.category]);

  if (eligibility.data === undefined || categories.data === undefined) {
    const failed = eligibility.error ?? categories.error;
    return failed ? <FormAlert message={formError(failed, [])} /> : <p role="status">Loading…</p>;
  }
  if (!eligibility.data.ok) {
    return (
      <div className="refusal-panel" role="alert" data-refusal={eligibility.data.refusal?.id}>
        <h3>You cannot reach ALPR data now</h3>
        <p>{eligibility.data.refusal?.message}</p>
        {ineligibleNote}
      </div>
    );
  }
  const rules = categories.data.reason;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.checkPurpose(draft);
      setProblems(result.problems);
      const purpose = result.ok ? result.purpose : null;
      const label = categories.data?.categories.find((option) => option.id === purpose?.category)?.label;
      onChecked(purpose ? { ...purpose, categoryLabel: label ?? purpose.category } : undefined);
      if (!purpose) focusFirstInvalid(form.current);
    } catch (caught) {
      setProblems([]);
      setError(caught);
      onChecked(undefined);
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  }

  const id = (field: PurposeField) => `${idPrefix}-${field}`;
  const caseProblems = problemsAt(problems, 'caseNumber');
  const categoryProblems = problemsAt(problems, 'category');
  const reasonProblems = problemsAt(problems, 'reason');
  return (
    <form ref={form} className="purpose-form" aria-label="Purpose" onSubmit={(event) => void submit(event)}>
      <FormAlert message={formError(error, FIELDS)} />
      <RecentPurposes
        onUse={(purpose) => {
          setDraft({ caseNumber: purpose.caseNumber, category: purpose.category, reason: purpose.reason });
          setProblems([]);
        }}
      />
      <Field
        id={id('caseNumber')}
        label="Case or incident number"
        hint="From your report or CAD, e.g. 26-004512. No case yet? Ask dispatch for an incident number."
        {...caseProblems}
      >
        {(control) => (
          <input
            {...control}
            className="mono"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            value={draft.caseNumber}
            onChange={(event) => set('caseNumber', event.target.value)}
          />
        )}
      </Field>
      <Field id={id('category')} label="Purpose category" {...categoryProblems}>
        {(control) => (
          <select {...control} value={draft.category} onChange={(event) => set('category', event.target.value)}>
            <option value="">Choose the category that fits…</option>
            {categories.data?.categories.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={id('reason')}
        label="Reason"
        hint={`What you are investigating and why this plate or area: at least ${rules.minWords} words and ${rules.minChars} characters, at most ${rules.maxChars}. A suspect's last name only; no dates of birth, criminal history or CLETS text.`}
        {...reasonProblems}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={4000}
            placeholder={category ? `e.g. ${category.example}` : 'e.g. Burglary at 400 Main St on 11/20; white pickup seen leaving'}
            value={draft.reason}
            onChange={(event) => set('reason', event.target.value)}
          />
        )}
      </Field>
      <p className={draft.reason.trim().length > rules.maxChars ? 'counter counter-over' : 'counter'}>
        {draft.reason.trim().length} / {rules.maxChars} characters
      </p>
      <button type="submit" disabled={busy}>
        {busy ? 'Checking…' : submitLabel}
      </button>
    </form>
  );
}
