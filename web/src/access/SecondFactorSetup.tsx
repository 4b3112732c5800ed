// Setting up the second factor at first sign-in (R19): the authenticator's key as a QR code and as
// text, the first code to prove the app has it, then the recovery codes, shown once.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, type TotpEnrollment } from '../api/client.js';
import { useMe, useSession } from '../app/session.js';
import { CopyButton } from '../ui/CopyButton.js';
import { errorFor, focusFirstInvalid, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { QrCode } from '../ui/QrCode.js';
import { AuthFrame } from './AuthFrame.js';
import { RecoveryCodes } from './RecoveryCodes.js';

/** The base32 key in groups of four, as authenticator apps accept it typed. */
export const groupSecret = (secret: string): string => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

export function SecondFactorSetup() {
  const { user } = useMe();
  const { refresh, signOut } = useSession();
  const [enrollment, setEnrollment] = useState<TotpEnrollment>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const started = useRef(false);
  const form = useRef<HTMLFormElement>(null);

  // Each start issues a new key and replaces an unconfirmed one, so start once per visit.
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    api.startTotp().then(setEnrollment, setError);
  }, []);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // Sign-in is finished on the server now; the session is refreshed once the codes are saved.
      setRecoveryCodes((await api.confirmTotp(code.replace(/\s+/g, ''))).recoveryCodes);
    } catch (caught) {
      setError(caught);
      setCode('');
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  }

  if (recoveryCodes) return <RecoveryCodes username={user.username} codes={recoveryCodes} onSaved={() => void refresh()} />;

  return (
    <AuthFrame wide>
      <PageHeading title="Set up your second factor" />
      <p>
        Platekeeper asks for a code from an authenticator app at every sign-in (R19). Install an authenticator app on your agency phone if it has none, then add Platekeeper to it.
      </p>
      {enrollment ? (
        <>
          <ol className="steps">
            <li>
              <h2>Add Platekeeper to the app</h2>
              <div className="totp-key">
                <QrCode text={enrollment.uri} label={`QR code to add ${enrollment.issuer} (${enrollment.accountName}) to an authenticator app`} />
                <div>
                  <p>Scan the QR code with the app. If it cannot scan, choose “enter a setup key” and type:</p>
                  <dl className="facts">
                    <dt>Account</dt>
                    <dd>
                      {enrollment.issuer}: {enrollment.accountName}
                    </dd>
                    <dt>Key</dt>
                    <dd>
                      <code className="secret" data-testid="totp-secret">
                        {groupSecret(enrollment.secret)}
                      </code>{' '}
                      <CopyButton text={enrollment.secret} label="Copy key" className="button-quiet" />
                    </dd>
                    <dt>Type</dt>
                    <dd>
                      Time-based, {enrollment.digits} digits, every {enrollment.period} seconds ({enrollment.algorithm})
                    </dd>
                  </dl>
                  <details>
                    <summary>Show the setup link</summary>
                    <code className="uri">{enrollment.uri}</code>
                  </details>
                </div>
              </div>
            </li>
            <li>
              <h2>Enter the code the app shows</h2>
              <form ref={form} onSubmit={(event) => void confirm(event)}>
                <FormAlert message={formError(error, ['code'])} />
                <Field id="totp-code" label="6-digit code" hint="It changes every 30 seconds; enter the one showing now." error={errorFor(error, 'code')}>
                  {(control) => <CodeInput {...control} value={code} onChange={setCode} />}
                </Field>
                <button type="submit" disabled={busy}>
                  {busy ? 'Checking…' : 'Confirm code'}
                </button>
              </form>
            </li>
          </ol>
        </>
      ) : error ? (
        <FormAlert message={formError(error, [])} />
      ) : (
        <p role="status">Preparing your key…</p>
      )}
      <p className="hint">
        Not now?{' '}
        <button type="button" className="button-link" onClick={() => void signOut()}>
          Sign out
        </button>{' '}
        — you will be asked again at your next sign-in.
      </p>
    </AuthFrame>
  );
}

/** A one-time code field: digits, the browser's one-time-code autofill, no spell check. */
export function CodeInput({
  value,
  onChange,
  ...control
}: {
  value: string;
  onChange: (value: string) => void;
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}) {
  return (
    <input
      {...control}
      className="mono code-input"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9 ]*"
      maxLength={7}
      spellCheck={false}
      required
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
