// The misuse review queue (R22, R29): access-log entries the rules flagged, each with its reason
// and the policy clause the rule protects; resolved with a note, which goes to the access log.
import { useState } from 'react';
import { Badge } from '../ui/Badge.js';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { absoluteTime } from '../ui/time.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { useResource } from '../ui/useResource.js';
import { auditsApi, type MisuseFlag } from './audits.api.js';
import './audits.css';

function ResolveForm({ flag, onResolved }: { flag: MisuseFlag; onResolved: () => void }) {
  const [note, setNote] = useState('');
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    await auditsApi.resolveFlag(flag.id, note);
    onResolved();
  });
  return (
    <form ref={form} className="inline-form" onSubmit={onSubmit}>
      <Field id={`note-${flag.id}`} label="What the review found" error={errorFor(error, 'note')}>
        {(control) => <input {...control} required maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />}
      </Field>
      <button type="submit" disabled={busy}>
        Resolve
      </button>
      <FormAlert message={formError(error, ['note'])} />
    </form>
  );
}

function FlagCard({ flag, onResolved }: { flag: MisuseFlag; onResolved: () => void }) {
  const entry = flag.entry;
  return (
    <li className="panel flag" data-rule={flag.rule}>
      <h3>
        {flag.ruleTitle} {flag.status === 'open' ? <Badge tone="warn">Open</Badge> : <Badge tone="muted">Resolved</Badge>}
      </h3>
      <p>
        <strong>{flag.reason}</strong>
      </p>
      <p className="hint">{flag.ruleText}</p>
      {entry ? (
        <p>
          Entry #{entry.seq}: <time dateTime={entry.at}>{absoluteTime(entry.at)}</time>, {entry.actorUsername}, <span className="mono">{entry.action}</span>
          {entry.category === 'data_access' ? (
            <>
              {' '}
              under {entry.purposeCase ?? 'no case'} · {entry.purposeReason}
            </>
          ) : null}
          {entry.device ? <span className="muted"> from {entry.device}</span> : null}
        </p>
      ) : null}
      {flag.status === 'open' ? (
        <ResolveForm flag={flag} onResolved={onResolved} />
      ) : (
        <p>
          Resolved by {flag.resolvedBy} on {flag.resolvedAt ? absoluteTime(flag.resolvedAt) : ''}: {flag.resolution}
        </p>
      )}
    </li>
  );
}

export function MisuseQueuePage() {
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const flags = useResource(() => auditsApi.flags(status));
  const [scanNote, setScanNote] = useState<string>();
  const [scanError, setScanError] = useState<unknown>();
  const show = (next: 'open' | 'resolved') => {
    setStatus(next);
    setTimeout(() => void flags.reload(), 0);
  };
  return (
    <>
      <PageHeading title="Misuse review">
        <div className="actions">
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setScanError(undefined);
              auditsApi.scan().then(
                (result) => {
                  setScanNote(`Scanned ${result.scanned} new entries; ${result.flagged} flagged.`);
                  void flags.reload();
                },
                setScanError,
              );
            }}
          >
            Scan the access log now
          </button>
        </div>
      </PageHeading>
      <p className="lead">Rules over the access log flag searches and sign-ins for review: each flag says why, and which clause of the policy the rule protects. The log is scanned every 15 minutes.</p>
      {scanNote ? (
        <p className="notice" role="status">
          {scanNote}
        </p>
      ) : null}
      <FormAlert message={formError(scanError ?? flags.error, [])} />
      <div className="actions" role="group" aria-label="Which flags">
        <button type="button" className={status === 'open' ? 'current' : 'button-quiet'} aria-pressed={status === 'open'} onClick={() => show('open')}>
          Open
        </button>
        <button type="button" className={status === 'resolved' ? 'current' : 'button-quiet'} aria-pressed={status === 'resolved'} onClick={() => show('resolved')}>
          Resolved
        </button>
      </div>
      {flags.data === undefined ? (
        <p className="loading">Loading flags…</p>
      ) : flags.data.length === 0 ? (
        <p className="notice">{status === 'open' ? 'Nothing to review.' : 'No resolved flags yet.'}</p>
      ) : (
        <ul className="cards">
          {flags.data.map((flag) => (
            <FlagCard key={flag.id} flag={flag} onResolved={() => void flags.reload()} />
          ))}
        </ul>
      )}
    </>
  );
}
