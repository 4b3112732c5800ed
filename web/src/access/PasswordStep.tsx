// The first step of sign-in: this browser must be an enrolled agency device when the profile says
// so (R19), then username and password.
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type BrowserDeviceStatus } from '../api/client.js';
import { useSession } from '../app/session.js';
import { errorFor, focusFirstInvalid, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { useResource } from '../ui/useResource.js';
import { AuthFrame } from './AuthFrame.js';
import { EnrollDeviceForm } from './EnrollDeviceForm.js';

const FIELDS = ['username', 'password'] as const;

export function PasswordStep({ notice }: { notice: string | undefined }) {
  const device = useResource(api.browserDevice);
  const [enrolling, setEnrolling] = useState(false);
  const [enrolledNotice, setEnrolledNotice] = useState<string>();

  if (device.data === undefined) {
    return (
      <AuthFrame>
        <PageHeading title="Sign in" />
        {device.error ? <FormAlert message={formError(device.error, [])} /> : <p role="status">Loading…</p>}
      </AuthFrame>
    );
  }
  const needsDevice = device.data.required && device.data.device === null;
  if (needsDevice || enrolling) {
    return (
      <EnrollDeviceForm
        required={device.data.required}
        onEnrolled={(name) => {
          setEnrolling(false);
          setEnrolledNotice(`This browser is now enrolled as the agency device “${name}”. Sign in.`);
          void device.reload();
        }}
        onCancel={needsDevice ? undefined : () => setEnrolling(false)}
      />
    );
  }
  return <PasswordForm notice={enrolledNotice ?? notice} device={device.data} onDeviceRefused={() => void device.reload()} onEnroll={() => setEnrolling(true)} />;
}

function PasswordForm({
  notice,
  device,
  onDeviceRefused,
  onEnroll,
}: {
  notice: string | undefined;
  device: BrowserDeviceStatus;
  onDeviceRefused: () => void;
  onEnroll: () => void;
}) {
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username, password); // the session's new step re-renders the sign-in page
    } catch (caught) {
      setError(caught);
      setPassword('');
      if (caught instanceof ApiError && caught.id === 'agency_device_required') onDeviceRefused();
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
      <p className="hint">
        Every account belongs to one person; do not share yours. Sign-ins are logged. After your password you will be asked for a code from your authenticator app.
      </p>
      {device.device ? (
        <p className="hint device-line">
          This browser is the agency device <strong>{device.device.name}</strong>.{' '}
          <button type="button" className="button-link" onClick={onEnroll}>
            Enroll it again with a new code
          </button>
        </p>
      ) : device.required ? null : (
        <p className="hint device-line">
          <button type="button" className="button-link" onClick={onEnroll}>
            Enroll this device
          </button>
        </p>
      )}
    </AuthFrame>
  );
}
