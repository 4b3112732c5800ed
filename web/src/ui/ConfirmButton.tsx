import { useState, type ReactNode } from 'react';

/** A button for an action that is hard to undo: the first press asks, the second acts. */
export function ConfirmButton({ label, confirmLabel, onConfirm, children }: { label: string; confirmLabel: string; onConfirm: () => Promise<void>; children?: ReactNode }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button-quiet" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      {children}
      <button
        type="button"
        className="button-danger"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void onConfirm().finally(() => {
            setBusy(false);
            setAsking(false);
          });
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" className="button-quiet" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
