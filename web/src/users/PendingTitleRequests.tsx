// Job titles waiting for a second administrator: approve, or deny with a reason. The server refuses
// a decision by the administrator who asked.
import { useState } from 'react';
import { api, type PendingChange } from '../api/client.js';
import { useMe } from '../app/session.js';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { RelativeTime } from '../ui/Time.js';

export function PendingTitleRequests({ changes, error, onDecided }: { changes: readonly PendingChange[]; error: unknown; onDecided: () => Promise<void> }) {
  const [actionError, setActionError] = useState<unknown>();
  const [denying, setDenying] = useState<string>();
  const [reason, setReason] = useState('');
  const { user } = useMe();
  const now = Date.now();

  async function decide(action: () => Promise<unknown>) {
    setActionError(undefined);
    try {
      await action();
      setDenying(undefined);
      setReason('');
      await onDecided();
    } catch (caught) {
      setActionError(caught);
    }
  }

  if (changes.length === 0 && !error) return null;
  return (
    <section className="panel" aria-labelledby="pending-titles-heading">
      <h2 id="pending-titles-heading">Waiting for approval</h2>
      <FormAlert message={formError(actionError, ['reason']) ?? formError(error, [])} />
      <ul className="plain-list pending-changes">
        {changes.map((change) => (
          <li key={change.id}>
            <strong>{String(change.payload.title ?? change.summary)}</strong>{' '}
            <span className="muted">
              asked by {change.requestedBy} <RelativeTime iso={change.requestedAt} now={now} />
            </span>
            {change.requestedBy === user.username ? (
              <div className="muted small">Another administrator decides on your request.</div>
            ) : (
              <div className="actions">
                <button type="button" className="button-quiet" onClick={() => void decide(() => api.approveChange(change.id))}>
                  Approve
                </button>
                {denying === change.id ? (
                  <form
                    className="inline-form"
                    onSubmit={(event) => {
                      event.preventDefault();
                      void decide(() => api.denyChange(change.id, reason.trim()));
                    }}
                  >
                    <Field id={`deny-${change.id}`} label="Why not" error={errorFor(actionError, 'reason')}>
                      {(control) => <input {...control} required minLength={3} maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />}
                    </Field>
                    <button type="submit" className="button-danger">
                      Deny
                    </button>
                  </form>
                ) : (
                  <button type="button" className="button-quiet" onClick={() => setDenying(change.id)}>
                    Deny…
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
