// The access log's filters: a time range, who, what, and the purpose's case number or a plate.
import { useState, type FormEvent } from 'react';
import type { AccessLogFilter, AuditCategory } from '../api/client.js';
import { AUDIT_CATEGORY_LABELS } from '../access/labels.js';
import { errorFor } from '../ui/errors.js';
import { Field } from '../ui/Field.js';

type Draft = Record<'from' | 'to' | 'username' | 'action' | 'category' | 'caseNumber' | 'plate', string>;
const EMPTY: Draft = { from: '', to: '', username: '', action: '', category: '', caseNumber: '', plate: '' };

/** A datetime-local value (the browser's local time) as an ISO instant. */
const instant = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

export function toFilter(draft: Draft): AccessLogFilter {
  const text = (value: string) => value.trim() || undefined;
  const filter: AccessLogFilter = {};
  const from = instant(draft.from);
  const to = instant(draft.to);
  if (from) filter.from = from;
  if (to) filter.to = to;
  const username = text(draft.username);
  if (username) filter.username = username;
  const action = text(draft.action);
  if (action) filter.action = action;
  if (draft.category) filter.category = draft.category as AuditCategory;
  const caseNumber = text(draft.caseNumber);
  if (caseNumber) filter.caseNumber = caseNumber;
  const plate = text(draft.plate);
  if (plate) filter.plate = plate;
  return filter;
}

export function AccessLogFilters({ onApply, error }: { onApply: (filter: AccessLogFilter) => void; error: unknown }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set = (key: keyof Draft, value: string) => setDraft((current) => ({ ...current, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(toFilter(draft));
  }

  return (
    <form className="panel filters" aria-label="Filter the access log" onSubmit={submit}>
      <div className="field-row">
        <Field id="log-from" label="From" error={errorFor(error, 'from')}>
          {(control) => <input {...control} type="datetime-local" value={draft.from} onChange={(event) => set('from', event.target.value)} />}
        </Field>
        <Field id="log-to" label="To" error={errorFor(error, 'to')}>
          {(control) => <input {...control} type="datetime-local" value={draft.to} onChange={(event) => set('to', event.target.value)} />}
        </Field>
        <Field id="log-username" label="Username" error={errorFor(error, 'username')}>
          {(control) => (
            <input {...control} autoCapitalize="none" spellCheck={false} maxLength={80} value={draft.username} onChange={(event) => set('username', event.target.value)} />
          )}
        </Field>
        <Field id="log-category" label="Category" error={errorFor(error, 'category')}>
          {(control) => (
            <select {...control} value={draft.category} onChange={(event) => set('category', event.target.value)}>
              <option value="">Any</option>
              {(Object.keys(AUDIT_CATEGORY_LABELS) as AuditCategory[]).map((category) => (
                <option key={category} value={category}>
                  {AUDIT_CATEGORY_LABELS[category]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field id="log-action" label="Action" hint="Starts with, e.g. “search.” or “user.create”." error={errorFor(error, 'action')}>
          {(control) => <input {...control} spellCheck={false} maxLength={80} value={draft.action} onChange={(event) => set('action', event.target.value)} />}
        </Field>
        <Field id="log-case" label="Case number" error={errorFor(error, 'caseNumber')}>
          {(control) => (
            <input {...control} className="mono" spellCheck={false} maxLength={80} value={draft.caseNumber} onChange={(event) => set('caseNumber', event.target.value)} />
          )}
        </Field>
        <Field id="log-plate" label="Plate" hint="Matches plates that contain it." error={errorFor(error, 'plate')}>
          {(control) => <input {...control} className="mono" spellCheck={false} maxLength={20} value={draft.plate} onChange={(event) => set('plate', event.target.value)} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit">Apply filters</button>
        <button
          type="button"
          className="button-quiet"
          onClick={() => {
            setDraft(EMPTY);
            onApply({});
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
