// Legal holds (R31): data that is or may become evidence stays past its retention. Placing a hold
// chooses reads, so it needs a stated purpose (and is logged); the custodian of records lists,
// reviews and releases holds.
import { useState } from 'react';
import { useCan } from '../app/session.js';
import { StatedPurposePanel, useStatedPurpose } from '../search/StatedPurposePanel.js';
import { Badge } from '../ui/Badge.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { TableScroll } from '../ui/TableScroll.js';
import { useResource } from '../ui/useResource.js';
import { PlaceHoldForm } from './PlaceHoldForm.js';
import { retentionApi, type Hold, type HoldState, type PlacedHold } from './retention.api.js';

const STATE_TONE = { active: 'good', lapsed: 'warn', released: 'muted' } as const;

function HoldRow({ hold, manage, onChanged }: { hold: Hold; manage: boolean; onChanged: () => Promise<void> }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const act = async (action: 'review' | 'release') => {
    setError(undefined);
    try {
      if (action === 'review') await retentionApi.reviewHold(hold.id, text);
      else await retentionApi.releaseHold(hold.id, text);
      setText('');
      await onChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  const what = hold.selection.readIds ? `${hold.readCount} read${hold.readCount === 1 ? '' : 's'} by id` : `${hold.selection.plate} ${hold.selection.from?.slice(0, 16)} – ${hold.selection.to?.slice(0, 16)} (${hold.readCount} reads)`;
  return (
    <tr>
      <td className="mono">{hold.caseNumber}</td>
      <td>{what}</td>
      <td>{hold.reason}</td>
      <td>
        {hold.placedBy}, {hold.placedAt.slice(0, 10)}
      </td>
      <td>{hold.until ? hold.until.slice(0, 10) : 'until released'}</td>
      <td>
        <Badge tone={STATE_TONE[hold.state]}>{hold.state}</Badge>
        {hold.releasedBy ? (
          <div className="hint">
            released by {hold.releasedBy}: {hold.releaseReason}
          </div>
        ) : null}
        {hold.reviewedBy ? (
          <div className="hint">
            reviewed {hold.reviewedAt?.slice(0, 10)} by {hold.reviewedBy}
            {hold.reviewNote ? `: ${hold.reviewNote}` : ''}
          </div>
        ) : null}
      </td>
      {manage ? (
        <td>
          {hold.state === 'released' ? null : (
            <span className="inline-form">
              <label className="visually-hidden" htmlFor={`hold-${hold.id}`}>
                Note or reason for case {hold.caseNumber}
              </label>
              <input id={`hold-${hold.id}`} placeholder="Note / reason" value={text} onChange={(event) => setText(event.target.value)} />{' '}
              <button type="button" className="button-quiet" onClick={() => void act('review')}>
                Reviewed
              </button>{' '}
              <button type="button" className="button-quiet" onClick={() => void act('release')}>
                Release
              </button>
            </span>
          )}
          <FormAlert message={formError(error, [])} />
        </td>
      ) : null}
    </tr>
  );
}

export function HoldsPage() {
  const can = useCan();
  const list = can('retention.view');
  const manage = can('holds.manage');
  const [purpose, setPurpose] = useStatedPurpose();
  const [state, setState] = useState<HoldState | ''>('active');
  const holds = useResource(() => (list ? retentionApi.holds(state ? { state } : {}) : Promise.resolve([])));
  const [placed, setPlaced] = useState<PlacedHold>();

  return (
    <>
      <PageHeading title="Legal holds" />
      <p className="lead">
        A hold keeps reads that are or may become evidence, or are subject to discovery, past their retention (R31). Held reads survive every purge; releasing the hold makes them eligible again.
      </p>
      {manage ? (
        <section aria-labelledby="place-heading">
          <h2 id="place-heading">Place a hold</h2>
          <StatedPurposePanel purpose={purpose} onChange={setPurpose} />
          {purpose ? (
            <PlaceHoldForm
              caseNumber={purpose.caseNumber}
              onPlaced={(result) => {
                setPlaced(result);
                void holds.reload();
              }}
            />
          ) : null}
          {placed ? (
            <p role="status" className="panel">
              Hold placed for case <strong className="mono">{placed.hold.caseNumber}</strong> on {placed.hold.readCount} read{placed.hold.readCount === 1 ? '' : 's'}.
            </p>
          ) : null}
        </section>
      ) : null}
      {list ? (
        <section aria-labelledby="list-heading">
          <h2 id="list-heading">Holds</h2>
          <label htmlFor="hold-state">Show</label>{' '}
          <select
            id="hold-state"
            value={state}
            onChange={(event) => {
              setState(event.target.value as HoldState | '');
              setTimeout(() => void holds.reload());
            }}
          >
            <option value="active">Active</option>
            <option value="lapsed">Lapsed</option>
            <option value="released">Released</option>
            <option value="">All</option>
          </select>
          <FormAlert message={formError(holds.error, [])} />
          {holds.data?.length ? (
            <TableScroll label="Legal holds">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Case</th>
                    <th scope="col">Reads</th>
                    <th scope="col">Why</th>
                    <th scope="col">Placed</th>
                    <th scope="col">Until</th>
                    <th scope="col">State</th>
                    {manage ? <th scope="col">Review or release</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {holds.data.map((hold) => (
                    <HoldRow key={hold.id} hold={hold} manage={manage} onChanged={holds.reload} />
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : (
            <p className="hint">No holds{state ? ` (${state})` : ''}.</p>
          )}
        </section>
      ) : null}
    </>
  );
}
