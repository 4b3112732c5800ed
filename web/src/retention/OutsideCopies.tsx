// Copies of ALPR data on outside servers or with partners (R33): the purge marks them due once their
// data is past retention; the custodian records that the holder destroyed them.
import { useState } from 'react';
import { Badge } from '../ui/Badge.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { TableScroll } from '../ui/TableScroll.js';
import { useResource } from '../ui/useResource.js';
import { retentionApi, type OutsideCopy } from './retention.api.js';

function State({ copy }: { copy: OutsideCopy }) {
  if (copy.destroyedAt) return <Badge tone="muted">Destroyed {copy.destroyedAt.slice(0, 10)}</Badge>;
  if (copy.due) return <Badge tone="bad">Due for destruction since {copy.noticeAt?.slice(0, 10)}</Badge>;
  return <Badge tone="neutral">Held by recipient</Badge>;
}

export function OutsideCopies({ canConfirm }: { canConfirm: boolean }) {
  const copies = useResource(retentionApi.outsideCopies);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();

  async function confirm(id: string) {
    setError(undefined);
    try {
      await retentionApi.confirmDestroyed(id, notes[id] ?? '');
      await copies.reload();
    } catch (caught) {
      setError(caught);
    }
  }

  const list = copies.data ?? [];
  const due = list.filter((copy) => copy.due).length;
  return (
    <section aria-labelledby="outside-heading">
      <h2 id="outside-heading">Copies outside this server {due ? <Badge tone="bad">{due} due</Badge> : null}</h2>
      <FormAlert message={formError(copies.error ?? error, [])} />
      {list.length ? (
        <TableScroll label="Outside copies">
          <table>
            <thead>
              <tr>
                <th scope="col">Recipient</th>
                <th scope="col">What</th>
                <th scope="col">Case</th>
                <th scope="col">Sent</th>
                <th scope="col">State</th>
                {canConfirm ? <th scope="col">Destruction</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.map((copy) => (
                <tr key={copy.id}>
                  <td>{copy.recipient}</td>
                  <td>{copy.description}</td>
                  <td className="mono">{copy.caseNumber ?? '—'}</td>
                  <td className="mono">{copy.sentAt.slice(0, 10)}</td>
                  <td>
                    <State copy={copy} />
                  </td>
                  {canConfirm ? (
                    <td>
                      {copy.destroyedAt ? (
                        (copy.destructionNote ?? '')
                      ) : (
                        <span className="inline-form">
                          <label className="visually-hidden" htmlFor={`note-${copy.id}`}>
                            How the destruction was confirmed
                          </label>
                          <input id={`note-${copy.id}`} placeholder="How it was confirmed" value={notes[copy.id] ?? ''} onChange={(event) => setNotes({ ...notes, [copy.id]: event.target.value })} />{' '}
                          <button type="button" className="button-quiet" onClick={() => void confirm(copy.id)}>
                            Record destroyed
                          </button>
                        </span>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="hint">No copies have been recorded as sent outside. Releases to other agencies and evidence bundles given to a recipient appear here.</p>
      )}
    </section>
  );
}
