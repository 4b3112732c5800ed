// Record that a user completed a course version (R15), from the training record. With no userId
// given, the form asks which user.
import { useState } from 'react';
import { api, type NewCompletion } from '../api/client.js';
import { errorFor, formError } from '../ui/errors.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { Field, FormAlert } from '../ui/Field.js';
import { useResource } from '../ui/useResource.js';

const FIELDS = ['userId', 'courseId', 'completedAt', 'notes'] as const;
/** Today in the browser's time zone, as YYYY-MM-DD (the server reads a date as 00:00 UTC). */
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

export function RecordCompletionForm({ userId, onRecorded, heading = 'Record a completion' }: { userId?: string; onRecorded: () => void; heading?: string | null }) {
  const courses = useResource(api.courses);
  const users = useResource(async () => (userId ? [] : (await api.users()).filter((user) => user.status !== 'deleted')));
  const [draft, setDraft] = useState({ userId: userId ?? '', courseId: '', completedAt: today(), notes: '' });
  const [recorded, setRecorded] = useState<string>();
  const set = (key: keyof typeof draft, value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const active = (courses.data ?? []).filter((course) => course.active);
  const prefix = `completion-${userId ?? 'any'}`;

  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    setRecorded(undefined);
    const input: NewCompletion = { userId: draft.userId, courseId: draft.courseId, completedAt: draft.completedAt, ...(draft.notes.trim() ? { notes: draft.notes.trim() } : {}) };
    const completion = await api.recordCompletion(input);
    setRecorded(`Recorded: ${completion.courseTitle} v${completion.courseVersion}, valid until ${new Date(completion.expiresAt).toLocaleDateString()}.`);
    setDraft((current) => ({ ...current, notes: '' }));
    onRecorded();
  });

  return (
    <form ref={form} className={heading ? 'subpanel' : undefined} aria-label="Record a training completion" onSubmit={onSubmit}>
      {heading ? <h4>{heading}</h4> : null}
      <FormAlert message={formError(error ?? courses.error ?? users.error, FIELDS)} />
      {recorded ? (
        <p className="notice" role="status">
          {recorded}
        </p>
      ) : null}
      {courses.data && active.length === 0 ? <p className="hint">There is no active course yet: add one under Training first.</p> : null}
      <div className="field-row">
        {userId ? null : (
          <Field id={`${prefix}-user`} label="User" error={errorFor(error, 'userId')}>
            {(control) => (
              <select {...control} required value={draft.userId} onChange={(event) => set('userId', event.target.value)}>
                <option value="">Choose a user…</option>
                {users.data?.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.displayName} ({user.username})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field id={`${prefix}-course`} label="Course" error={errorFor(error, 'courseId')}>
          {(control) => (
            <select {...control} required value={draft.courseId} onChange={(event) => set('courseId', event.target.value)}>
              <option value="">Choose a course…</option>
              {active.map((course) => (
                <option key={course.id} value={course.id}>
                  {course.title} v{course.version}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${prefix}-date`} label="Completed on" error={errorFor(error, 'completedAt')}>
          {(control) => <input {...control} type="date" required max={today()} value={draft.completedAt} onChange={(event) => set('completedAt', event.target.value)} />}
        </Field>
      </div>
      <Field id={`${prefix}-notes`} label="Notes (optional)" hint="Where the record is kept, e.g. the roster or certificate number." error={errorFor(error, 'notes')}>
        {(control) => <input {...control} maxLength={1000} value={draft.notes} onChange={(event) => set('notes', event.target.value)} />}
      </Field>
      <button type="submit" disabled={busy || active.length === 0}>
        {busy ? 'Recording…' : 'Record completion'}
      </button>
    </form>
  );
}
