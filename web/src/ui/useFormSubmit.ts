// The submit cycle every form shares: busy while the request runs, the server's error kept for the
// fields to show, and focus moved to the first field the error names.
import { useRef, useState, type FormEvent } from 'react';
import { focusFirstInvalid } from './errors.js';

export function useFormSubmit(action: () => Promise<void>) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  }

  return { form, error, busy, onSubmit: (event: FormEvent) => void submit(event) };
}
