// Entering a written request received by mail, fax or in person (R35), for the agency it names.
import { useState } from 'react';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { useResource } from '../ui/useResource.js';
import { sharingApi, type SharingRequest } from './api.js';
import { askedFrom, emptyDraft, REQUEST_FIELDS, RequestFields, type RequestDraft } from './RequestFields.js';

export function RequestFormPage() {
  const formInfo = useResource(sharingApi.requestForm);
  const [agencyId, setAgencyId] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const [draft, setDraft] = useState<RequestDraft>(emptyDraft);
  const [entered, setEntered] = useState<SharingRequest>();
  const set = <K extends keyof RequestDraft>(key: K, value: RequestDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    const request = await sharingApi.createRequest({ agencyId, ...askedFrom(draft), ...(receivedOn ? { receivedAt: new Date(receivedOn).toISOString() } : {}) });
    setEntered(request);
    setDraft(emptyDraft());
  });
  const agency = formInfo.data?.agencies.find((a) => a.id === agencyId);

  return (
    <>
      <PageHeading title="Enter a sharing request" />
      <p className="lead">
        Enter a written request another agency sent by mail or in person. The {formInfo.data?.policy.approverTitle ?? 'ALPR Administrator'} (or designee) reviews it before anything is released (R35).
      </p>
      {entered ? (
        <div className="notice" role="status">
          Request from {entered.agency.name} for case {entered.purpose.caseNumber} entered; it waits for review.
        </div>
      ) : null}
      {formInfo.data ? (
        <form ref={form} className="panel" onSubmit={onSubmit} aria-label="Sharing request">
          <FormAlert message={formError(error, [...REQUEST_FIELDS, 'agencyId', 'receivedAt'])} />
          <div className="field-row">
            <Field id="req-agency" label="Requesting agency" error={errorFor(error, 'agencyId')} hint={agency ? agency.eligibility.reason : 'Agencies come from the registry (Sharing → Agencies).'}>
              {(control) => (
                <select {...control} required value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
                  <option value="">Choose…</option>
                  {formInfo.data!.agencies.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                      {a.eligibility.eligible ? '' : ' (not eligible)'}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="req-received" label="Received (optional)" hint="When the written request arrived; default now." error={errorFor(error, 'receivedAt')}>
              {(control) => <input {...control} type="datetime-local" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} />}
            </Field>
          </div>
          <RequestFields draft={draft} set={set} error={error} categories={formInfo.data.categories} attestation={formInfo.data.attestation} />
          <div className="actions">
            <button type="submit" disabled={busy || !draft.attested}>
              {busy ? 'Entering…' : 'Enter request'}
            </button>
          </div>
        </form>
      ) : (
        <FormAlert message={formError(formInfo.error, [])} />
      )}
    </>
  );
}
