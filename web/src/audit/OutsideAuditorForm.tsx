// A read-only account for the outside agency's auditor (R26): limited to this audit, expiring.
import { useState } from 'react';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { auditsApi, type OutsideAuditor } from './audits.api.js';

export function OutsideAuditorForm({ auditId, agency }: { auditId: string; agency: string }) {
  const [draft, setDraft] = useState({ username: '', displayName: '', organization: agency, password: '', expiresOn: '' });
  const [created, setCreated] = useState<OutsideAuditor>();
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    const { expiresOn, ...rest } = draft;
    setCreated(await auditsApi.addOutsideAuditor(auditId, { ...rest, expiresAt: new Date(`${expiresOn}T23:59:59Z`).toISOString() }));
  });
  const set = (key: keyof typeof draft, value: string) => setDraft({ ...draft, [key]: value });
  return (
    <details className="panel">
      <summary>Give the outside agency&apos;s auditor an account…</summary>
      {created ? (
        <p className="notice" role="status">
          Account {created.username} ({created.organization}) can read this audit until {created.expiresAt.slice(0, 10)}. Give them the temporary password by another channel; they change it and set up a second factor at first sign-in.
        </p>
      ) : null}
      <form ref={form} onSubmit={onSubmit}>
        <div className="field-row">
          <Field id="oa-username" label="Username" error={errorFor(error, 'username')}>
            {(control) => <input {...control} required value={draft.username} onChange={(event) => set('username', event.target.value)} />}
          </Field>
          <Field id="oa-name" label="Name" error={errorFor(error, 'displayName')}>
            {(control) => <input {...control} required value={draft.displayName} onChange={(event) => set('displayName', event.target.value)} />}
          </Field>
          <Field id="oa-org" label="Agency" error={errorFor(error, 'organization')}>
            {(control) => <input {...control} required value={draft.organization} onChange={(event) => set('organization', event.target.value)} />}
          </Field>
        </div>
        <div className="field-row">
          <Field id="oa-password" label="Temporary password" error={errorFor(error, 'password')}>
            {(control) => <input {...control} required type="password" autoComplete="new-password" value={draft.password} onChange={(event) => set('password', event.target.value)} />}
          </Field>
          <Field id="oa-expires" label="Account expires on" hint="At most six months from today." error={errorFor(error, 'expiresAt')}>
            {(control) => <input {...control} required type="date" value={draft.expiresOn} onChange={(event) => set('expiresOn', event.target.value)} />}
          </Field>
        </div>
        <FormAlert message={formError(error, ['username', 'displayName', 'organization', 'password', 'expiresAt'])} />
        <button type="submit" disabled={busy}>
          Create the read-only account
        </button>
      </form>
    </details>
  );
}
