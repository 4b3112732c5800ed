// One camera's ingest keys: when each was issued and last used, revoke, issue another.
import { useRef, useState, type FormEvent } from 'react';
import { api, type Camera, type IssuedKey } from '../api/client.js';
import { Badge } from '../ui/Badge.js';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { RelativeTime } from '../ui/Time.js';
import { useResource } from '../ui/useResource.js';
import { IssuedKeyPanel } from './IssuedKeyPanel.js';

export function CameraKeys({ camera }: { camera: Camera }) {
  const keys = useResource(() => api.cameraKeys(camera.id));
  const [label, setLabel] = useState('');
  const [issued, setIssued] = useState<IssuedKey>();
  const [confirming, setConfirming] = useState<string>();
  const [error, setError] = useState<unknown>();
  const heading = useRef<HTMLHeadingElement>(null);
  const now = Date.now();

  async function issue(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      setIssued(await api.issueKey(camera.id, label.trim() || undefined));
      setLabel('');
      await keys.reload();
    } catch (caught) {
      setError(caught);
    }
  }

  async function revoke(keyId: string) {
    setError(undefined);
    try {
      await api.revokeKey(camera.id, keyId);
      setConfirming(undefined);
      await keys.reload();
    } catch (caught) {
      setError(caught);
    }
  }

  const labelId = `key-label-${camera.id}`;
  return (
    <section className="camera-keys" aria-label={`Ingest keys of ${camera.name}`}>
      {issued ? (
        <IssuedKeyPanel
          camera={camera}
          issued={issued}
          onDone={() => {
            setIssued(undefined);
            requestAnimationFrame(() => heading.current?.focus());
          }}
        />
      ) : null}
      <h3 ref={heading} tabIndex={-1}>
        Ingest keys
      </h3>
      <FormAlert message={formError(error, ['label']) ?? formError(keys.error, [])} />
      {keys.data === undefined ? (
        keys.loading ? (
          <p role="status">Loading keys…</p>
        ) : null
      ) : keys.data.length === 0 ? (
        <p>This camera has no keys; it cannot send reads until you issue one.</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Issued</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => (
              <tr key={key.id}>
                <td>{key.label ?? <span className="muted">no label</span>}</td>
                <td>
                  <RelativeTime iso={key.createdAt} now={now} />
                  {key.createdBy ? <span className="muted"> by {key.createdBy}</span> : null}
                </td>
                <td>{key.lastUsedAt ? <RelativeTime iso={key.lastUsedAt} now={now} /> : <span className="muted">never</span>}</td>
                <td>
                  {key.revokedAt ? (
                    <>
                      <Badge tone="muted">Revoked</Badge> <RelativeTime iso={key.revokedAt} now={now} />
                    </>
                  ) : (
                    <Badge tone="good">Valid</Badge>
                  )}
                </td>
                <td className="cell-actions">
                  {key.revokedAt ? null : confirming === key.id ? (
                    <>
                      <button type="button" className="button-danger" onClick={() => void revoke(key.id)}>
                        Confirm revoke
                      </button>{' '}
                      <button type="button" className="button-quiet" onClick={() => setConfirming(undefined)}>
                        Keep
                      </button>
                    </>
                  ) : (
                    <button type="button" className="button-quiet" onClick={() => setConfirming(key.id)} aria-label={`Revoke key ${key.label ?? key.id}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" onSubmit={(event) => void issue(event)}>
        <Field id={labelId} label="Label for a new key (optional)" error={errorFor(error, 'label')}>
          {(control) => <input {...control} maxLength={80} value={label} onChange={(event) => setLabel(event.target.value)} />}
        </Field>
        <button type="submit">Issue new key</button>
      </form>
    </section>
  );
}
