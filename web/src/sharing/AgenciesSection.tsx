// Partner agencies with their eligibility and its reason (R34), request links, and participating
// agency agreements where the policy provides for them (R36). Eligibility has no control: the kind decides.
import { useState } from 'react';
import { useCan } from '../app/session.js';
import { Badge } from '../ui/Badge.js';
import { CopyButton } from '../ui/CopyButton.js';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { TableScroll } from '../ui/TableScroll.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { useResource } from '../ui/useResource.js';
import { AGENCY_KINDS, KIND_LABELS, sharingApi, type AgencyInput, type IssuedLink, type SharingPolicy } from './api.js';

function AddAgencyForm({ onAdded }: { onAdded: () => void }) {
  const [draft, setDraft] = useState<AgencyInput>({ name: '', kind: 'ca_law_enforcement', jurisdiction: '', contactName: '' });
  const set = <K extends keyof AgencyInput>(key: K, value: AgencyInput[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    await sharingApi.createAgency({ ...draft, ...(draft.ori ? {} : { ori: undefined }), ...(draft.contactEmail ? {} : { contactEmail: undefined }) });
    setDraft({ name: '', kind: 'ca_law_enforcement', jurisdiction: '', contactName: '' });
    onAdded();
  });
  return (
    <form ref={form} className="panel" aria-labelledby="add-agency-heading" onSubmit={onSubmit}>
      <h3 id="add-agency-heading">Add agency</h3>
      <FormAlert message={formError(error, ['name', 'kind', 'jurisdiction', 'ori', 'contactName', 'contactEmail'])} />
      <div className="field-row">
        <Field id="agency-name" label="Agency name" error={errorFor(error, 'name')}>
          {(control) => <input {...control} required maxLength={160} value={draft.name} onChange={(e) => set('name', e.target.value)} />}
        </Field>
        <Field id="agency-kind" label="Kind" hint="What the agency is in law, not what it calls itself." error={errorFor(error, 'kind')}>
          {(control) => (
            <select {...control} value={draft.kind} onChange={(e) => set('kind', e.target.value as AgencyInput['kind'])}>
              {AGENCY_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="agency-jurisdiction" label="Jurisdiction" error={errorFor(error, 'jurisdiction')}>
          {(control) => <input {...control} required maxLength={160} value={draft.jurisdiction} onChange={(e) => set('jurisdiction', e.target.value)} />}
        </Field>
      </div>
      <div className="field-row">
        <Field id="agency-ori" label="ORI (optional)" error={errorFor(error, 'ori')}>
          {(control) => <input {...control} className="mono" maxLength={9} value={draft.ori ?? ''} onChange={(e) => set('ori', e.target.value.toUpperCase())} />}
        </Field>
        <Field id="agency-contact" label="Contact" error={errorFor(error, 'contactName')}>
          {(control) => <input {...control} required maxLength={160} value={draft.contactName} onChange={(e) => set('contactName', e.target.value)} />}
        </Field>
        <Field id="agency-email" label="Contact e-mail (optional)" error={errorFor(error, 'contactEmail')}>
          {(control) => <input {...control} type="email" maxLength={200} value={draft.contactEmail ?? ''} onChange={(e) => set('contactEmail', e.target.value)} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Adding…' : 'Add agency'}
        </button>
      </div>
    </form>
  );
}

function AgreementForm({ agencies, onAdded }: { agencies: { id: string; name: string }[]; onAdded: () => void }) {
  const [title, setTitle] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [signatories, setSignatories] = useState<string[]>([]);
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    await sharingApi.createAgreement({ title, startsOn, ...(endsOn ? { endsOn } : {}), signatoryIds: signatories });
    setTitle('');
    setSignatories([]);
    onAdded();
  });
  return (
    <form ref={form} className="panel" aria-labelledby="agreement-heading" onSubmit={onSubmit}>
      <h3 id="agreement-heading">Record a participating agency agreement</h3>
      <FormAlert message={formError(error, ['title', 'startsOn', 'endsOn', 'signatoryIds'])} />
      <div className="field-row">
        <Field id="agreement-title" label="Title" error={errorFor(error, 'title')}>
          {(control) => <input {...control} required value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field id="agreement-starts" label="In force from" error={errorFor(error, 'startsOn')}>
          {(control) => <input {...control} type="date" required value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />}
        </Field>
        <Field id="agreement-ends" label="Until (optional)" error={errorFor(error, 'endsOn')}>
          {(control) => <input {...control} type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />}
        </Field>
      </div>
      <fieldset>
        <legend>Signatories</legend>
        {agencies.map((agency) => (
          <label key={agency.id} className="choice">
            <input type="checkbox" checked={signatories.includes(agency.id)} onChange={(e) => setSignatories((current) => (e.target.checked ? [...current, agency.id] : current.filter((id) => id !== agency.id)))} /> {agency.name}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={busy || signatories.length === 0}>
          Record agreement
        </button>
      </div>
    </form>
  );
}

export function AgenciesSection({ policy }: { policy: SharingPolicy | undefined }) {
  const can = useCan();
  const agencies = useResource(sharingApi.agencies);
  const agreements = useResource(sharingApi.agreements);
  const [link, setLink] = useState<IssuedLink>();
  const [error, setError] = useState<unknown>();
  const manage = can('sharing.manage');

  async function issueLink(agencyId: string) {
    setError(undefined);
    try {
      setLink(await sharingApi.createLink(agencyId));
    } catch (caught) {
      setError(caught);
    }
  }
  const linkUrl = link ? `${window.location.origin}${link.path}` : '';
  return (
    <section aria-labelledby="agencies-heading">
      <h2 id="agencies-heading">Agencies</h2>
      <p className="muted">
        Eligibility follows from what an agency is and from policy {policy?.section ?? ''} ({policy?.mayReceive === 'anyCaliforniaPublicAgency' ? 'any California public agency' : 'law enforcement and prosecutorial agencies only'}). Federal, out-of-state and private bodies are never eligible (Civ. Code 1798.90.55(b)); no one can override it.
      </p>
      {link ? (
        <div className="issued-key" role="status" aria-label="Request link">
          <p>
            Request link for <strong>{link.agency}</strong>, shown this once; it works once and expires {new Date(link.expiresAt).toLocaleString()}:
          </p>
          <div className="key-row">
            <input readOnly className="mono" aria-label="Link address" value={linkUrl} />
            <CopyButton text={linkUrl} label="Copy link" />
          </div>
          <button type="button" className="button-quiet" onClick={() => setLink(undefined)}>
            Done
          </button>
        </div>
      ) : null}
      <FormAlert message={formError(error ?? agencies.error, [])} />
      <TableScroll label="Agencies">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Agency</th>
              <th scope="col">Kind</th>
              <th scope="col">Eligibility</th>
              <th scope="col">Contact</th>
              {manage ? <th scope="col">Link</th> : null}
            </tr>
          </thead>
          <tbody>
            {(agencies.data ?? []).map((agency) => (
              <tr key={agency.id}>
                <th scope="row">
                  {agency.name}
                  <div className="muted small">
                    {agency.jurisdiction}
                    {agency.ori ? ` · ORI ${agency.ori}` : ''}
                  </div>
                </th>
                <td>{KIND_LABELS[agency.kind]}</td>
                <td>
                  <Badge tone={agency.eligibility.eligible ? 'good' : 'bad'}>{agency.eligibility.eligible ? 'Eligible' : 'Not eligible'}</Badge>
                  <div className="small">{agency.eligibility.reason}</div>
                  {agency.agreementsInForce.length ? <div className="small">Under: {agency.agreementsInForce.map((a) => a.title).join(', ')}</div> : null}
                </td>
                <td className="small">
                  {agency.contactName}
                  {agency.contactEmail ? <div>{agency.contactEmail}</div> : null}
                </td>
                {manage ? (
                  <td>
                    {agency.eligibility.eligible ? (
                      <button type="button" className="button-quiet" onClick={() => void issueLink(agency.id)} aria-label={`Request link for ${agency.name}`}>
                        Request link
                      </button>
                    ) : (
                      <span className="muted small">none: not eligible</span>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {manage ? <AddAgencyForm onAdded={() => void agencies.reload()} /> : null}

      <h2 id="agreements-heading">Participating agency agreements</h2>
      {policy?.participatingAgencyAgreements ? (
        <>
          <ul className="plain-list">
            {(agreements.data ?? []).map((a) => (
              <li key={a.id}>
                <strong>{a.title}</strong> <Badge tone={a.inForce ? 'good' : 'muted'}>{a.inForce ? 'In force' : 'Not in force'}</Badge> {a.startsOn} to {a.endsOn ?? 'no end date'} · signed by {a.signatories.map((s) => s.name).join(', ')}
              </li>
            ))}
          </ul>
          {manage ? <AgreementForm agencies={(agencies.data ?? []).filter((a) => a.eligibility.eligible)} onAdded={() => void Promise.all([agreements.reload(), agencies.reload()])} /> : null}
        </>
      ) : (
        <p className="muted">Policy {policy?.section ?? ''} does not provide for sharing under participating agency agreements (R36): every release needs a written request.</p>
      )}
    </section>
  );
}
