// Add a course, or a new version of one (R15). Title, version and validity are fixed once added.
import { useState } from 'react';
import { api, type NewCourse } from '../api/client.js';
import { errorFor, formError } from '../ui/errors.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { Field, FormAlert } from '../ui/Field.js';

const FIELDS = ['title', 'version', 'validityMonths', 'description', 'required'] as const;

export function CourseForm({ onCreated, onCancel }: { onCreated: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState({ title: '', version: '', validityMonths: '', description: '', required: true });
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    const input: NewCourse = {
      title: draft.title.trim(),
      version: draft.version.trim(),
      required: draft.required,
      ...(draft.validityMonths.trim() ? { validityMonths: Number(draft.validityMonths) } : {}),
      ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    };
    await api.createCourse(input);
    onCreated();
  });

  return (
    <form ref={form} className="panel" aria-labelledby="course-heading" onSubmit={onSubmit}>
      <h2 id="course-heading">Add course</h2>
      <FormAlert message={formError(error, FIELDS)} />
      <div className="field-row">
        <Field id="course-title" label="Title" error={errorFor(error, 'title')}>
          {(control) => <input {...control} required maxLength={200} value={draft.title} onChange={(event) => set('title', event.target.value)} />}
        </Field>
        <Field id="course-version" label="Version" hint="e.g. 2026.1; a new version is a new course." error={errorFor(error, 'version')}>
          {(control) => <input {...control} required maxLength={40} value={draft.version} onChange={(event) => set('version', event.target.value)} />}
        </Field>
        <Field
          id="course-validity"
          label="Valid for (months, optional)"
          hint="Empty: the policy's retraining interval, also the longest allowed."
          error={errorFor(error, 'validityMonths')}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={60}
              step={1}
              inputMode="numeric"
              value={draft.validityMonths}
              onChange={(event) => set('validityMonths', event.target.value)}
            />
          )}
        </Field>
      </div>
      <Field id="course-description" label="Description (optional)" error={errorFor(error, 'description')}>
        {(control) => <textarea {...control} rows={2} maxLength={2000} value={draft.description} onChange={(event) => set('description', event.target.value)} />}
      </Field>
      <label className="choice">
        <input type="checkbox" checked={draft.required} onChange={(event) => set('required', event.target.checked)} /> Required before anyone reaches ALPR data
      </label>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Adding…' : 'Add course'}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
