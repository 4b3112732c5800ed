// "Enroll this device" (R19): the administrator registers the agency device and gives its one-time
// code; typed here, it makes this browser that device (an HttpOnly cookie the page never sees).
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { errorFor, focusFirstInvalid, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { AuthFrame } from './AuthFrame.js';

export function EnrollDeviceForm({ required, onEnrolled, onCancel }: { required: boolean; onEnrolled: (deviceName: string) => void; onCancel: (() => void) | undefined }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { device } = await api.enrollDevice(code.trim());
      onEnrolled(device.name);
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame>
      <PageHeading title="Enroll this device" />
      {required ? (
        <p className="notice">
          Platekeeper may be used only from agency-issued devices (R19), and this browser is not enrolled as one yet. Enter the enrollment code the ALPR Administrator gave you for
          this device.
        </p>
      ) : (
        <p>Enter the enrollment code the ALPR Administrator gave you for this device.</p>
      )}
      <form ref={form} onSubmit={(event) => void submit(event)}>
        <FormAlert message={formError(error, ['code'])} />
        <Field id="enrollment-code" label="Enrollment code" hint="12 letters and digits, e.g. 7KQ2-M9XA-3FDP. Each code works once." error={errorFor(error, 'code')}>
          {(control) => (
            <input
              {...control}
              className="mono code-input"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              required
              maxLength={40}
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Enrolling…' : 'Enroll this device'}
          </button>
          {onCancel ? (
            <button type="button" className="button-quiet" onClick={onCancel}>
              Back to sign-in
            </button>
          ) : null}
        </div>
      </form>
      <p className="hint">The administrator registers each device under Devices and can revoke it there; a revoked device can no longer sign in.</p>
    </AuthFrame>
  );
}
