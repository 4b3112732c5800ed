// Create an individual account (R14) with its roles, job title and a temporary password the user
// replaces at first sign-in.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, passwordRules, type NewUser, type Role, type User } from '../api/client.js';
import { ROLE_LABELS, ROLES } from '../access/labels.js';
import { errorFor, focusFirstInvalid, formError } from '../ui/errors.js';
import { Field, FieldError, FormAlert } from '../ui/Field.js';
import { titleAuthorized } from './job-titles.js';

const FIELDS = ['username', 'displayName', 'jobTitle', 'roles', 'password'] as const;
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** A temporary password: 16 random characters in four groups, easy to read out and type. */
export function temporaryPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length] ?? 'x').join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

export function CreateUserForm({ titles, onCreated, onCancel }: { titles: readonly string[]; onCreated: (user: User, password: string) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<NewUser>({ username: '', displayName: '', jobTitle: '', roles: [], password: '' });
  const [rules, setRules] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const set = <K extends keyof NewUser>(key: K, value: NewUser[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const toggleRole = (role: Role, on: boolean) => set('roles', on ? [...draft.roles, role] : draft.roles.filter((held) => held !== role));

  useEffect(() => {
    void passwordRules().then(setRules);
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    if (draft.roles.length === 0) {
      setError(new ApiError(400, 'no_roles', 'Give the user at least one role.', 'roles'));
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    try {
      onCreated(await api.createUser({ ...draft, username: draft.username.trim(), displayName: draft.displayName.trim(), jobTitle: draft.jobTitle.trim() }), draft.password);
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  }

  const titleWarning =
    draft.jobTitle.trim() && titles.length && !titleAuthorized(titles, draft.jobTitle)
      ? 'This title is not authorized to reach ALPR data (R16): the user can sign in but not search.'
      : undefined;
  return (
    <form ref={form} className="panel" aria-labelledby="create-user-heading" onSubmit={(event) => void submit(event)}>
      <h2 id="create-user-heading">Create user</h2>
      <FormAlert message={formError(error, FIELDS)} />
      <div className="field-row">
        <Field id="new-username" label="Username" hint="3–40 characters: a letter first, then letters, digits, dots, dashes or underscores." error={errorFor(error, 'username')}>
          {(control) => (
            <input
              {...control}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              maxLength={40}
              value={draft.username}
              onChange={(event) => set('username', event.target.value)}
            />
          )}
        </Field>
        <Field id="new-display-name" label="Full name" error={errorFor(error, 'displayName')}>
          {(control) => <input {...control} autoComplete="off" required maxLength={120} value={draft.displayName} onChange={(event) => set('displayName', event.target.value)} />}
        </Field>
      </div>
      <Field
        id="new-job-title"
        label="Job title"
        hint={titleWarning ?? (titles.length ? `Authorized for ALPR data: ${titles.join(', ')}.` : undefined)}
        error={errorFor(error, 'jobTitle')}
      >
        {(control) => (
          <>
            <input
              {...control}
              list="authorized-titles"
              autoComplete="off"
              required
              maxLength={120}
              value={draft.jobTitle}
              onChange={(event) => set('jobTitle', event.target.value)}
            />
            <datalist id="authorized-titles">
              {titles.map((title) => (
                <option key={title} value={title} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <fieldset className={errorFor(error, 'roles') ? 'field field-invalid' : 'field'} aria-describedby={errorFor(error, 'roles') ? 'new-roles-error' : undefined}>
        <legend>Roles</legend>
        <div className="choices-grid">
          {ROLES.map((role) => (
            <label key={role} className="choice">
              <input type="checkbox" name="roles" value={role} checked={draft.roles.includes(role)} onChange={(event) => toggleRole(role, event.target.checked)} />{' '}
              {ROLE_LABELS[role]}
            </label>
          ))}
        </div>
        <FieldError id="new-roles-error" message={errorFor(error, 'roles')} />
      </fieldset>
      <Field id="new-password" label="Temporary password" hint={`${rules ? `Use ${rules}. ` : ''}The user must change it at first sign-in.`} error={errorFor(error, 'password')}>
        {(control) => (
          <div className="key-row">
            <input
              {...control}
              className="mono"
              autoComplete="off"
              spellCheck={false}
              required
              maxLength={256}
              value={draft.password}
              onChange={(event) => set('password', event.target.value)}
            />
            <button type="button" className="button-quiet" onClick={() => set('password', temporaryPassword())}>
              Generate
            </button>
          </div>
        )}
      </Field>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create user'}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
