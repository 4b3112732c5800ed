// The second step of every later sign-in (R19): the code from the authenticator app, or one of the
// recovery codes.
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useMe, useSession } from '../app/session.js';
import { errorFor, focusFirstInvalid, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { AuthFrame } from './AuthFrame.js';
import { CodeInput } from './SecondFactorSetup.js';

export function SecondFactorVerify() {
  const { user } = useMe();
  const { refresh, signOut } = useSession();
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.verifySecondFactor(recovery ? { recoveryCode: value.trim() } : { code: value.replace(/\s+/g, '') });
      await refresh();
    } catch (caught) {
      setError(caught);
      setValue('');
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  }

  function switchMode() {
    setRecovery(!recovery);
    setValue('');
    setError(undefined);
  }

  return (
    <AuthFrame>
      <PageHeading title="Enter your code" />
      <p>
        Signing in as <strong>{user.username}</strong>.{' '}
        {recovery
          ? 'Enter one of the recovery codes you saved when you set up your authenticator. Each works once.'
          : 'Open your authenticator app and enter the code it shows for Platekeeper.'}
      </p>
      <form ref={form} onSubmit={(event) => void submit(event)}>
        <FormAlert message={formError(error, ['code', 'recoveryCode'])} />
        {recovery ? (
          <Field id="recovery-code" label="Recovery code" hint="16 letters and digits, e.g. k3f9-2mzq-8bd4-x7pt." error={errorFor(error, 'recoveryCode')}>
            {(control) => (
              <input
                {...control}
                className="mono code-input"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                required
                maxLength={40}
                value={value}
                onChange={(event) => setValue(event.target.value)}
              />
            )}
          </Field>
        ) : (
          <Field id="totp-code" label="6-digit code" error={errorFor(error, 'code')}>
            {(control) => <CodeInput {...control} value={value} onChange={setValue} />}
          </Field>
        )}
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
          <button type="button" className="button-link" onClick={switchMode}>
            {recovery ? 'Use the code from my app instead' : 'Use a recovery code'}
          </button>
        </div>
      </form>
      <p className="hint">
        Lost your phone and your recovery codes? Ask the ALPR Administrator to reset your second factor.{' '}
        <button type="button" className="button-link" onClick={() => void signOut()}>
          Sign out
        </button>
      </p>
    </AuthFrame>
  );
}
