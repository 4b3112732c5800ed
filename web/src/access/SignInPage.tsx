// Sign in with username and password; the server sets the session cookie.
import { useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { FromState } from '../app/guards.js';
import { useSession } from '../app/session.js';
import { errorFor, focusFirstInvalid, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { AuthFrame } from './AuthFrame.js';

const FIELDS = ['username', 'password'] as const;

export function SignInPage() {
  const { state, signIn } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as FromState | null)?.from ?? '/';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  if (state.status === 'signed-in') return <Navigate to={from === '/sign-in' ? '/' : from} replace />;
  const notice = state.status === 'signed-out' ? state.notice : state.status === 'unreachable' ? state.message : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username, password);
      await navigate(from, { replace: true });
    } catch (caught) {
      setError(caught);
      setPassword('');
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame>
      <PageHeading title="Sign in" />
      {notice && !error ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form ref={form} onSubmit={(event) => void submit(event)}>
        <FormAlert message={formError(error, FIELDS)} />
        <Field id="username" label="Username" error={errorFor(error, 'username')}>
          {(control) => (
            <input
              {...control}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          )}
        </Field>
        <Field id="password" label="Password" error={errorFor(error, 'password')}>
          {(control) => (
            <input {...control} name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="hint">Every account belongs to one person; do not share yours. Sign-ins are logged.</p>
    </AuthFrame>
  );
}
