// The job titles authorized to reach ALPR data (R16): seeded from the policy profile, kept by the
// administrators. Removing a title narrows access at once; adding one widens it, so it waits for a
// second administrator's approval (R14).
import { useRef, useState, type FormEvent } from 'react';
import { api, type PendingChange } from '../api/client.js';
import { useCan } from '../app/session.js';
import { ConfirmButton } from '../ui/ConfirmButton.js';
import { errorFor, focusFirstInvalid, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { useResource } from '../ui/useResource.js';
import { PendingTitleRequests } from './PendingTitleRequests.js';

export function JobTitlesPage() {
  const manage = useCan()('users.manage');
  const titles = useResource(api.jobTitles);
  const pending = useResource(async () => (manage ? (await api.pendingChanges('pending')).filter((change) => change.kind === 'job_title.add') : []));
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();

  async function remove(title: string) {
    setError(undefined);
    setNotice(undefined);
    try {
      await api.removeJobTitle(title);
      setNotice(`“${title}” is no longer authorized; people holding it are refused at the purpose gate from now on.`);
      await titles.reload();
    } catch (caught) {
      setError(caught);
    }
  }

  const reloadAll = async () => {
    await Promise.all([titles.reload(), pending.reload()]);
  };
  return (
    <>
      <PageHeading title="Job titles" />
      <p className="lead">
        Only people whose job title is listed here may reach ALPR data (R16). A user whose title changes to one not listed is suspended until it changes back (R18). The list starts
        from the agency’s policy profile.
      </p>
      <FormAlert message={formError(error ?? titles.error, [])} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {titles.data === undefined ? (
        titles.loading ? (
          <p role="status">Loading…</p>
        ) : null
      ) : titles.data.length === 0 ? (
        <p className="notice">No job title is authorized yet, so no one can reach ALPR data.</p>
      ) : (
        <ul className="title-list" aria-label="Authorized job titles">
          {titles.data.map((title) => (
            <li key={title}>
              <span>{title}</span>
              {manage ? (
                <ConfirmButton label="Stop authorizing" confirmLabel={`Stop authorizing ${title}`} onConfirm={() => remove(title)}>
                  <span className="muted small">Takes effect at once. </span>
                </ConfirmButton>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {manage ? (
        <>
          <PendingTitleRequests changes={pending.data ?? []} error={pending.error} onDecided={reloadAll} />
          <RequestTitleForm
            onRequested={(change) => void pending.reload().then(() => setNotice(`Requested: ${change.summary}. Another administrator approves it under Job titles.`))}
          />
        </>
      ) : null}
    </>
  );
}

function RequestTitleForm({ onRequested }: { onRequested: (change: PendingChange) => void }) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onRequested(await api.requestJobTitle(title.trim()));
      setTitle('');
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={form} className="panel" aria-labelledby="request-title-heading" onSubmit={(event) => void submit(event)}>
      <h2 id="request-title-heading">Authorize another job title</h2>
      <FormAlert message={formError(error, ['title'])} />
      <Field id="new-title" label="Job title" hint="Adding a title widens access, so a second administrator must approve it (R14, R16)." error={errorFor(error, 'title')}>
        {(control) => <input {...control} required minLength={3} maxLength={80} value={title} onChange={(event) => setTitle(event.target.value)} />}
      </Field>
      <button type="submit" disabled={busy}>
        {busy ? 'Requesting…' : 'Request approval'}
      </button>
    </form>
  );
}
