// The page a partner agency's officer opens from a request link (no sign-in): it names whose link it
// is, takes one written request, and shows no data at all. The link ends once used.
import { useState } from 'react';
import { useParams } from 'react-router';
import { AuthFrame } from '../access/AuthFrame.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { useResource } from '../ui/useResource.js';
import { sharingApi } from './api.js';
import { askedFrom, emptyDraft, REQUEST_FIELDS, RequestFields, type RequestDraft } from './RequestFields.js';

export function PublicRequestPage() {
  const token = useParams().token ?? '';
  const info = useResource(() => sharingApi.linkInfo(token));
  const [draft, setDraft] = useState<RequestDraft>(emptyDraft);
  const [sent, setSent] = useState<string>();
  const set = <K extends keyof RequestDraft>(key: K, value: RequestDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    setSent((await sharingApi.submitViaLink(token, askedFrom(draft))).id);
  });

  if (sent) {
    return (
      <AuthFrame wide>
        <PageHeading title="Request sent" />
        <p role="status">
          Your request was received (reference <span className="mono">{sent}</span>). It will be reviewed before anything is released; you will be contacted at the address you gave. This link no longer works.
        </p>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame wide>
      <PageHeading title="Request ALPR data" />
      {info.data ? (
        <form ref={form} onSubmit={onSubmit} aria-label="Written request">
          <p className="lead">
            A written request from <strong>{info.data.agency}</strong> to {info.data.receivingAgency}. It is reviewed and approved or denied before anything is released (R35); this page shows no data. The link works once and expires{' '}
            {new Date(info.data.expiresAt).toLocaleString()}.
          </p>
          <FormAlert message={formError(error, REQUEST_FIELDS)} />
          <RequestFields draft={draft} set={set} error={error} categories={info.data.categories} attestation={info.data.attestation} />
          <div className="actions">
            <button type="submit" disabled={busy || !draft.attested}>
              {busy ? 'Sending…' : 'Send request'}
            </button>
          </div>
        </form>
      ) : info.error ? (
        <FormAlert message={formError(info.error, [])} />
      ) : (
        <p role="status">Loading…</p>
      )}
    </AuthFrame>
  );
}
