// The approval queue and release (R35, R38): each request with its agency's eligibility, the
// requester, purpose, what is asked and the attestation; the Administrator (or designee) approves or
// denies with a reason; an approved request is released as a bundle, or a transfer made by e-mail is
// recorded by hand. The server refuses any approval or release for an ineligible agency.
import { useState } from 'react';
import { useCan } from '../app/session.js';
import { Badge, type BadgeTone } from '../ui/Badge.js';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { useResource } from '../ui/useResource.js';
import { KIND_LABELS, sharingApi, type RequestStatus, type SharingPolicy, type SharingRequest } from './api.js';

const STATUS: Record<RequestStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: 'Waiting for review', tone: 'warn' },
  approved: { label: 'Approved', tone: 'good' },
  denied: { label: 'Denied', tone: 'muted' },
  fulfilled: { label: 'Released', tone: 'neutral' },
};
const when = (iso: string) => new Date(iso).toLocaleString();

function DecisionForm({ request, onDone }: { request: SharingRequest; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState<'approve' | 'deny'>('approve');
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    await sharingApi.decide(request.id, decision, reason);
    onDone();
  });
  return (
    <form ref={form} className="subpanel" onSubmit={onSubmit} aria-label={`Decision on request ${request.purpose.caseNumber}`}>
      <FormAlert message={formError(error, ['reason'])} />
      <Field id={`reason-${request.id}`} label="Reason for the decision" hint="Kept on file with the request (R35)." error={errorFor(error, 'reason')}>
        {(control) => <textarea {...control} required minLength={10} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" disabled={busy} onClick={() => setDecision('approve')}>
          Approve
        </button>
        <button type="submit" className="button-danger" disabled={busy} onClick={() => setDecision('deny')}>
          Deny
        </button>
      </div>
    </form>
  );
}

function ReleaseForm({ request, policy, onDone }: { request: SharingRequest; policy: SharingPolicy | undefined; onDone: (message: string) => void }) {
  const [recipient, setRecipient] = useState(`${request.requester.name} <${request.requester.contact}>`);
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    const released = await sharingApi.release(request.id, recipient);
    onDone(`Released to ${request.agency.name}; the bundle was downloaded. Destroy by ${released.destructionDue.slice(0, 10)}.`);
  });
  return (
    <form ref={form} className="subpanel" onSubmit={onSubmit} aria-label={`Release request ${request.purpose.caseNumber}`}>
      <FormAlert message={formError(error, ['recipient'])} />
      <Field id={`recipient-${request.id}`} label="Recipient" hint={`The bundle opens the purpose gate with this request's purpose and is logged; copies must be destroyed within ${policy?.exportsDestroyWithinDays ?? '—'} days (R32).`} error={errorFor(error, 'recipient')}>
        {(control) => <input {...control} required maxLength={200} value={recipient} onChange={(e) => setRecipient(e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Releasing…' : 'Release bundle'}
        </button>
      </div>
    </form>
  );
}

function EmailTransferForm({ request, onDone }: { request: SharingRequest; onDone: (message: string) => void }) {
  const [recipient, setRecipient] = useState(request.requester.contact);
  const [description, setDescription] = useState('');
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    const transfer = await sharingApi.recordTransfer(request.id, { method: 'email', recipient, description });
    onDone(`E-mail transfer recorded; destroy by ${transfer.destructionDueAt.slice(0, 10)}.`);
  });
  return (
    <details className="subpanel">
      <summary>Record a transfer made by e-mail</summary>
      <form ref={form} onSubmit={onSubmit}>
        <FormAlert message={formError(error, ['recipient', 'description'])} />
        <div className="field-row">
          <Field id={`email-to-${request.id}`} label="Sent to" error={errorFor(error, 'recipient')}>
            {(control) => <input {...control} required value={recipient} onChange={(e) => setRecipient(e.target.value)} />}
          </Field>
          <Field id={`email-what-${request.id}`} label="What was sent" error={errorFor(error, 'description')}>
            {(control) => <input {...control} required value={description} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
        </div>
        <button type="submit" disabled={busy}>
          Record e-mail transfer
        </button>
      </form>
    </details>
  );
}

function RequestCard({ request, policy, reload, announce }: { request: SharingRequest; policy: SharingPolicy | undefined; reload: () => void; announce: (message: string) => void }) {
  const can = useCan();
  const status = STATUS[request.status];
  // A release moves the request out of the Approved list: the message is shown above the list.
  const done = (text: string) => {
    announce(text);
    reload();
  };
  return (
    <article className="panel" aria-label={`Request ${request.purpose.caseNumber} from ${request.agency.name}`}>
      <h3>
        {request.agency.name} · case <span className="mono">{request.purpose.caseNumber}</span> <Badge tone={status.tone}>{status.label}</Badge>
      </h3>
      <p className="small">
        <Badge tone={request.eligibility.eligible ? 'good' : 'bad'}>{request.eligibility.eligible ? 'Eligible' : 'Not eligible'}</Badge> {KIND_LABELS[request.agency.kind]}: {request.eligibility.reason}
        {request.agreement ? ` Under the agreement “${request.agreement.title}”.` : ''}
      </p>
      <dl className="small">
        <dt>Requester</dt>
        <dd>
          {request.requester.name}, {request.requester.title} ({request.requester.contact}) · {request.source === 'link' ? 'sent through a request link' : `entered by ${request.enteredBy}`} · received {when(request.receivedAt)}
        </dd>
        <dt>Purpose</dt>
        <dd>
          {request.categoryLabel}: {request.purpose.reason}
        </dd>
        <dt>Asked</dt>
        <dd>
          <span className="mono">{request.plates.join(', ')}</span> from {when(request.from)} to {when(request.to)}
          {request.area ? ` in ${request.area.south}…${request.area.north}°N, ${request.area.west}…${request.area.east}°E` : ''}
        </dd>
        <dt>Attestation</dt>
        <dd>{request.attestation}</dd>
        {request.decision ? (
          <>
            <dt>Decision</dt>
            <dd>
              {status.label} by {request.decision.by} on {when(request.decision.at)}: {request.decision.reason}
            </dd>
          </>
        ) : null}
        <dt>Kept on file until</dt>
        <dd>{request.keepUntil.slice(0, 10)}</dd>
      </dl>
      {request.status === 'pending' && can('sharing.approve') ? <DecisionForm request={request} onDone={reload} /> : null}
      {request.status === 'approved' && can('sharing.manage') ? <ReleaseForm request={request} policy={policy} onDone={done} /> : null}
      {(request.status === 'approved' || request.status === 'fulfilled') && can('sharing.manage') ? <EmailTransferForm request={request} onDone={done} /> : null}
    </article>
  );
}

export function RequestsSection({ policy }: { policy: SharingPolicy | undefined }) {
  const [status, setStatus] = useState<RequestStatus | ''>('pending');
  const requests = useResource(() => sharingApi.requests(status || undefined));
  const [message, setMessage] = useState<string>();
  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading">Requests</h2>
      <p className="muted">Reviewed by the {policy?.approverTitle ?? 'ALPR Administrator'} or designee before anything is released (R35).</p>
      <div className="field inline-form">
        <label htmlFor="request-status">Show</label>
        <select
          id="request-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as RequestStatus | '');
            setTimeout(() => void requests.reload(), 0);
          }}
        >
          <option value="pending">Waiting for review</option>
          <option value="approved">Approved</option>
          <option value="fulfilled">Released</option>
          <option value="denied">Denied</option>
          <option value="">All</option>
        </select>
      </div>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      <FormAlert message={formError(requests.error, [])} />
      {requests.data?.length === 0 ? <p>No requests here.</p> : null}
      <div className="cards">
        {(requests.data ?? []).map((request) => (
          <RequestCard key={request.id} request={request} policy={policy} reload={() => void requests.reload()} announce={setMessage} />
        ))}
      </div>
    </section>
  );
}
