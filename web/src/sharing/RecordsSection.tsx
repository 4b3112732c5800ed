// Requests from outside law enforcement (R39): Public Records Act requests, subpoenas, litigation,
// tracked apart from agency requests, with the exemptions or privileges considered and the outcome.
import { useState } from 'react';
import { useCan } from '../app/session.js';
import { Badge } from '../ui/Badge.js';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { TableScroll } from '../ui/TableScroll.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { useResource } from '../ui/useResource.js';
import { OUTCOME_LABELS, RECORDS_KIND_LABELS, sharingApi, type RecordsKind, type RecordsOutcome, type RecordsRequest, type RecordsRequestInput, type SharingPolicy } from './api.js';

function NewRecordsForm({ policy, onAdded }: { policy: SharingPolicy | undefined; onAdded: () => void }) {
  const blank = (): RecordsRequestInput => ({ requester: '', kind: 'public_records_act', receivedOn: new Date().toISOString().slice(0, 10), description: '', considerations: '' });
  const [draft, setDraft] = useState<RecordsRequestInput>(blank);
  const set = <K extends keyof RecordsRequestInput>(key: K, value: RecordsRequestInput[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    await sharingApi.createRecords(draft);
    setDraft(blank());
    onAdded();
  });
  return (
    <form ref={form} className="panel" aria-labelledby="records-form-heading" onSubmit={onSubmit}>
      <h3 id="records-form-heading">Log a request</h3>
      <FormAlert message={formError(error, ['requester', 'kind', 'receivedOn', 'description', 'considerations'])} />
      <div className="field-row">
        <Field id="records-requester" label="Requester" error={errorFor(error, 'requester')}>
          {(control) => <input {...control} required value={draft.requester} onChange={(e) => set('requester', e.target.value)} />}
        </Field>
        <Field id="records-kind" label="Kind" error={errorFor(error, 'kind')}>
          {(control) => (
            <select {...control} value={draft.kind} onChange={(e) => set('kind', e.target.value as RecordsKind)}>
              {(Object.keys(RECORDS_KIND_LABELS) as RecordsKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {RECORDS_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="records-received" label="Received" error={errorFor(error, 'receivedOn')}>
          {(control) => <input {...control} type="date" required value={draft.receivedOn} onChange={(e) => set('receivedOn', e.target.value)} />}
        </Field>
      </div>
      <Field id="records-description" label="What is asked" error={errorFor(error, 'description')}>
        {(control) => <textarea {...control} required rows={2} value={draft.description} onChange={(e) => set('description', e.target.value)} />}
      </Field>
      <Field id="records-considerations" label="Exemptions or privileges considered" hint={policy?.considerations} error={errorFor(error, 'considerations')}>
        {(control) => <textarea {...control} required rows={3} value={draft.considerations} onChange={(e) => set('considerations', e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" disabled={busy}>
          Log request
        </button>
      </div>
    </form>
  );
}

function OutcomeForm({ record, onDone }: { record: RecordsRequest; onDone: () => void }) {
  const [outcome, setOutcome] = useState<RecordsOutcome>(record.outcome);
  const [notes, setNotes] = useState(record.outcomeNotes ?? '');
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    await sharingApi.recordOutcome(record.id, { outcome, ...(notes ? { outcomeNotes: notes } : {}) });
    onDone();
  });
  return (
    <form ref={form} className="inline-form" onSubmit={onSubmit} aria-label={`Outcome for ${record.requester}`}>
      <FormAlert message={formError(error, [])} />
      <select aria-label="Outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as RecordsOutcome)}>
        {(Object.keys(OUTCOME_LABELS) as RecordsOutcome[]).map((o) => (
          <option key={o} value={o}>
            {OUTCOME_LABELS[o]}
          </option>
        ))}
      </select>
      <input aria-label="Outcome notes" placeholder="Notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
      <button type="submit" className="button-quiet" disabled={busy}>
        Save outcome
      </button>
      {errorFor(error, 'outcomeOn') ? <span className="field-error">{errorFor(error, 'outcomeOn')}</span> : null}
    </form>
  );
}

export function RecordsSection({ policy }: { policy: SharingPolicy | undefined }) {
  const can = useCan();
  const records = useResource(sharingApi.records);
  return (
    <section aria-labelledby="records-heading">
      <h2 id="records-heading">Public Records Act requests, subpoenas and litigation</h2>
      <p className="muted">Requests from outside law enforcement are processed under the records policy, apart from agency requests (R39). {policy?.considerations}</p>
      <FormAlert message={formError(records.error, [])} />
      <TableScroll label="Records requests">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Requester</th>
              <th scope="col">Kind</th>
              <th scope="col">Asked</th>
              <th scope="col">Considered</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {(records.data ?? []).map((record) => (
              <tr key={record.id}>
                <td className="nowrap">{record.receivedOn}</td>
                <th scope="row">{record.requester}</th>
                <td>{RECORDS_KIND_LABELS[record.kind]}</td>
                <td className="small">{record.description}</td>
                <td className="small">{record.considerations}</td>
                <td>
                  <Badge tone={record.outcome === 'pending' ? 'warn' : 'neutral'}>{OUTCOME_LABELS[record.outcome]}</Badge>
                  {record.outcomeOn ? <div className="small">{record.outcomeOn}</div> : null}
                  {record.outcomeNotes ? <div className="small">{record.outcomeNotes}</div> : null}
                  {can('sharing.manage') ? <OutcomeForm record={record} onDone={() => void records.reload()} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {can('sharing.manage') ? <NewRecordsForm policy={policy} onAdded={() => void records.reload()} /> : null}
    </section>
  );
}
