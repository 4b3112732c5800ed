// One audit: the sampled inquiries reviewed one at a time (purpose specific? case number real?
// search matched the purpose? notes and data errors, R26, R28), then signing, approval and the
// memorandum (HTML to read, PDF to file).
import { useEffect, useState } from 'react';
import { useCan } from '../app/session.js';
import { Badge } from '../ui/Badge.js';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { absoluteTime } from '../ui/time.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { useResource } from '../ui/useResource.js';
import { auditsApi, memorandumUrl, type AuditDetail, type AuditSample, type Decision } from './audits.api.js';
import { AUDIT_KIND, AUDIT_STATUS } from './AuditsPage.js';
import { OutsideAuditorForm } from './OutsideAuditorForm.js';

const CHECKS: { key: 'purposeSpecific' | 'caseNumberReal' | 'searchMatchedPurpose'; label: string }[] = [
  { key: 'purposeSpecific', label: 'Was the stated purpose specific?' },
  { key: 'caseNumberReal', label: 'Is the case or incident number real (found in the records system)?' },
  { key: 'searchMatchedPurpose', label: 'Did the search match the stated purpose?' },
];

function YesNo({ name, label, value, disabled, onChange }: { name: string; label: string; value: boolean | undefined; disabled: boolean; onChange: (value: boolean) => void }) {
  return (
    <fieldset className="field yes-no" disabled={disabled}>
      <legend>{label}</legend>
      {[true, false].map((option) => (
        <label key={String(option)} className="choice">
          <input type="radio" name={name} checked={value === option} onChange={() => onChange(option)} /> {option ? 'Yes' : 'No'}
        </label>
      ))}
    </fieldset>
  );
}

function InquiryReview({ auditId, sample, total, closed, onSaved }: { auditId: string; sample: AuditSample; total: number; closed: boolean; onSaved: () => void }) {
  const can = useCan();
  const readOnly = closed || !can('audits.conduct');
  const [draft, setDraft] = useState<Partial<Decision>>(sample.decision ?? {});
  const complete = CHECKS.every((check) => draft[check.key] !== undefined);
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    if (!complete) throw new Error('incomplete');
    await auditsApi.decide(auditId, sample.position, draft as Decision);
    onSaved();
  });
  const entry = sample.entry;
  return (
    <form ref={form} className="panel inquiry" aria-labelledby="inquiry-heading" onSubmit={onSubmit} data-position={sample.position}>
      <h3 id="inquiry-heading">
        Inquiry {sample.position + 1} of {total}{' '}
        {sample.compliant === null ? <Badge tone="muted">Not reviewed</Badge> : sample.compliant ? <Badge tone="good">Met the policy</Badge> : <Badge tone="bad">Did not meet the policy</Badge>}
      </h3>
      {entry ? (
        <dl className="summary-list">
          <dt>When</dt>
          <dd>
            <time dateTime={entry.at}>{absoluteTime(entry.at)}</time>
          </dd>
          <dt>Who</dt>
          <dd>
            {entry.actorUsername} <span className="muted">({entry.organization})</span>
          </dd>
          <dt>What</dt>
          <dd className="mono">{entry.action}</dd>
          <dt>Stated purpose</dt>
          <dd>
            <strong>{entry.purposeCase ?? 'No case number'}</strong> · {entry.purposeCategory} · {entry.purposeReason}
          </dd>
          <dt>Searched for</dt>
          <dd>
            <pre className="mono">{JSON.stringify(entry.dataElements, null, 2)}</pre>
          </dd>
          <dt>Results</dt>
          <dd>{entry.resultCount ?? '—'}</dd>
        </dl>
      ) : (
        <p className="notice">This access-log entry is missing (see the chain verification).</p>
      )}
      {CHECKS.map((check) => (
        <YesNo key={check.key} name={`${check.key}-${sample.position}`} label={check.label} value={draft[check.key]} disabled={readOnly} onChange={(value) => setDraft({ ...draft, [check.key]: value })} />
      ))}
      <Field id={`notes-${sample.position}`} label="Notes" error={errorFor(error, 'notes')}>
        {(control) => <textarea {...control} rows={2} maxLength={2000} readOnly={readOnly} value={draft.notes ?? ''} onChange={(event) => setDraft({ ...draft, notes: event.target.value })} />}
      </Field>
      <Field id={`data-errors-${sample.position}`} label="Data errors found (R28)" hint="Wrong plates, times or places noticed while checking, to correct." error={errorFor(error, 'dataErrors')}>
        {(control) => <textarea {...control} rows={2} maxLength={2000} readOnly={readOnly} value={draft.dataErrors ?? ''} onChange={(event) => setDraft({ ...draft, dataErrors: event.target.value })} />}
      </Field>
      <FormAlert message={error instanceof Error && error.message === 'incomplete' ? 'Answer all three questions first.' : formError(error, ['notes', 'dataErrors'])} />
      {readOnly ? null : (
        <div className="actions">
          <button type="submit" disabled={busy}>
            Save decision{sample.position + 1 < total ? ' and go to the next' : ''}
          </button>
        </div>
      )}
    </form>
  );
}

function SignForm({ detail, onSigned }: { detail: AuditDetail; onSigned: () => void }) {
  const [summary, setSummary] = useState('');
  const [dataErrors, setDataErrors] = useState('');
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    await auditsApi.sign(detail.audit.id, { summary, ...(dataErrors.trim() ? { dataErrors } : {}) });
    onSigned();
  });
  return (
    <form ref={form} className="panel" aria-labelledby="sign-heading" onSubmit={onSubmit}>
      <h3 id="sign-heading">Sign the audit</h3>
      <p>
        {detail.nonCompliant === 0 ? 'Every sampled inquiry met the policy.' : `${detail.nonCompliant} of ${detail.samples.length} sampled inquiries did not meet the policy.`} Signing closes the audit: its findings can no longer change.
      </p>
      <Field id="sign-summary" label="Summary for the memorandum" error={errorFor(error, 'summary')}>
        {(control) => <textarea {...control} rows={3} required maxLength={5000} value={summary} onChange={(event) => setSummary(event.target.value)} />}
      </Field>
      <Field id="sign-data-errors" label="Other data errors to correct (R28)" error={errorFor(error, 'dataErrors')}>
        {(control) => <textarea {...control} rows={2} maxLength={5000} value={dataErrors} onChange={(event) => setDataErrors(event.target.value)} />}
      </Field>
      <FormAlert message={formError(error, ['summary', 'dataErrors'])} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          Sign as auditor
        </button>
      </div>
    </form>
  );
}

function RedrawForm({ id, onRedrawn }: { id: string; onRedrawn: () => void }) {
  const [reason, setReason] = useState('');
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    await auditsApi.redraw(id, reason);
    setReason('');
    onRedrawn();
  });
  return (
    <details className="panel">
      <summary>Draw the sample again…</summary>
      <form ref={form} onSubmit={onSubmit}>
        <p className="hint">Only before any inquiry is reviewed. The reason, the old seed and the new one go to the access log and the memorandum counts the draws.</p>
        <Field id="redraw-reason" label="Why must the sample be drawn again?" error={errorFor(error, 'reason')}>
          {(control) => <input {...control} required maxLength={1000} value={reason} onChange={(event) => setReason(event.target.value)} />}
        </Field>
        <FormAlert message={formError(error, ['reason'])} />
        <button type="submit" className="button-quiet" disabled={busy}>
          Redraw
        </button>
      </form>
    </details>
  );
}

export function AuditReview({ id, onChanged }: { id: string; onChanged: () => void }) {
  const can = useCan();
  const resource = useResource(() => auditsApi.get(id));
  const detail = resource.data;
  const [index, setIndex] = useState<number>();
  const [approveError, setApproveError] = useState<unknown>();
  useEffect(() => {
    if (detail && index === undefined) {
      const firstOpen = detail.samples.findIndex((sample) => !sample.decision);
      setIndex(firstOpen >= 0 ? firstOpen : 0);
    }
  }, [detail, index]);
  if (!detail) return resource.error ? <FormAlert message={formError(resource.error, [])} /> : <p className="loading">Loading the audit…</p>;
  const { audit, samples } = detail;
  const current = samples[index ?? 0];
  const closed = audit.status !== 'in_progress';
  const changed = async () => {
    await resource.reload();
    onChanged();
  };
  return (
    <section aria-labelledby="audit-heading" className="audit-review" data-status={audit.status}>
      <h2 id="audit-heading">
        {AUDIT_KIND[audit.kind]}
        {audit.outsideAgency ? ` by ${audit.outsideAgency}` : ''}: {AUDIT_STATUS[audit.status]}
      </h2>
      <p>
        Period {audit.periodFrom.slice(0, 10)} to {audit.periodTo.slice(0, 10)}; {samples.length} of {audit.population} inquiries drawn with seed <code>{audit.seed}</code>
        {audit.draws > 1 ? ` (draw ${audit.draws}; earlier draws and their reasons are in the access log)` : ''}. Started by {audit.startedBy}. Reviewed {detail.decided} of {samples.length}.
      </p>
      {closed ? (
        <div className="panel">
          <p>
            Signed by {audit.signedBy} on {audit.signedAt?.slice(0, 10)}.{' '}
            {audit.approvedBy ? `Approved by ${audit.approvedBy} on ${audit.approvedAt?.slice(0, 10)}.` : `Awaiting approval for the ${audit.memorandumTo}.`} Kept until {audit.keepUntil?.slice(0, 10)}.
          </p>
          <div className="actions">
            <a href={memorandumUrl(audit.id, 'html')} target="_blank" rel="noreferrer">
              Read the memorandum
            </a>
            <a className="button-link-styled" href={memorandumUrl(audit.id, 'pdf')} download>
              Download the memorandum (PDF)
            </a>
            {audit.status === 'signed' && can('audits.approve') ? (
              <button
                type="button"
                onClick={() => {
                  setApproveError(undefined);
                  auditsApi.approve(audit.id).then(changed, setApproveError);
                }}
              >
                Approve for the {audit.memorandumTo}
              </button>
            ) : null}
          </div>
          <FormAlert message={formError(approveError, [])} />
        </div>
      ) : null}
      {!closed && detail.decided === 0 && can('audits.conduct') ? <RedrawForm id={audit.id} onRedrawn={() => void changed()} /> : null}
      {audit.kind === 'outside' && can('users.manage') ? <OutsideAuditorForm auditId={audit.id} agency={audit.outsideAgency ?? ''} /> : null}
      <nav aria-label="Sampled inquiries" className="sample-nav">
        <ol>
          {samples.map((sample, i) => (
            <li key={sample.position}>
              <button type="button" className={i === index ? 'current' : 'button-quiet'} aria-current={i === index ? 'step' : undefined} onClick={() => setIndex(i)} aria-label={`Inquiry ${i + 1}${sample.decision ? (sample.compliant ? ', met the policy' : ', did not meet the policy') : ', not reviewed'}`}>
                {i + 1}
                {sample.decision ? (sample.compliant ? ' ✓' : ' ✗') : ''}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      {current ? (
        <InquiryReview
          key={`${audit.id}-${current.position}-${audit.seed}`}
          auditId={audit.id}
          sample={current}
          total={samples.length}
          closed={closed}
          onSaved={() => {
            void changed();
            setIndex(Math.min((index ?? 0) + 1, samples.length - 1));
          }}
        />
      ) : null}
      {!closed && detail.decided === samples.length && can('audits.conduct') ? <SignForm detail={detail} onSigned={() => void changed()} /> : null}
    </section>
  );
}
