// Change password; the server sends first-time users here before anything else.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, ApiError, passwordRules } from '../api/client.js';
import type { FromState } from '../app/guards.js';
import { useMe, useSession } from '../app/session.js';
import { errorFor, focusFirstInvalid, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { AuthFrame } from './AuthFrame.js';

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

/** The password rules' error names the field `password`; on this form that is the new password. */
function placed(error: unknown): unknown {
  if (error instanceof ApiError && error.field === 'password') return new ApiError(error.status, error.id, error.message, 'newPassword', error.details);
  return error;
}

export function ChangePasswordPage() {
  const { user } = useMe();
  const { refresh, signOut } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as FromState | null)?.from ?? '/';
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [rules, setRules] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    void passwordRules().then(setRules);
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    if (next !== confirm) {
      setError(new ApiError(400, 'passwords_differ', 'The two new passwords differ; type the same password twice.', 'confirmPassword'));
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    try {
      await api.changePassword(current, next);
      await refresh();
      await navigate(from === '/change-password' ? '/' : from, {
        replace: true,
      });
    } catch (caught) {
      setError(placed(caught));
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame>
      <PageHeading title="Change your password" />
      {user.mustChangePassword ? <p className="notice">Before you go on, choose a new password that only you know.</p> : null}
      <form ref={form} onSubmit={(event) => void submit(event)}>
        <FormAlert message={formError(error, FIELDS)} />
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <Field id="currentPassword" label="Current password" error={errorFor(error, 'currentPassword')}>
          {(control) => <input {...control} type="password" autoComplete="current-password" required value={current} onChange={(event) => setCurrent(event.target.value)} />}
        </Field>
        <Field id="newPassword" label="New password" hint={rules ? `Use ${rules}.` : undefined} error={errorFor(error, 'newPassword')}>
          {(control) => <input {...control} type="password" autoComplete="new-password" required value={next} onChange={(event) => setNext(event.target.value)} />}
        </Field>
        <Field id="confirmPassword" label="New password again" error={errorFor(error, 'confirmPassword')}>
          {(control) => <input {...control} type="password" autoComplete="new-password" required value={confirm} onChange={(event) => setConfirm(event.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
          {user.mustChangePassword ? (
            <button type="button" className="button-quiet" onClick={() => void signOut().then(() => navigate('/sign-in'))}>
              Sign out
            </button>
          ) : (
            <Link to="/">Cancel</Link>
          )}
        </div>
      </form>
    </AuthFrame>
  );
}
