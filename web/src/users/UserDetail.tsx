// One account's administration: lifecycle (R18), job title (R16), second factor (R19), data sources
// (R20) and training records (R15). Each part shows only with the permission its route needs.
import { useState, type FormEvent } from 'react';
import { api, type User } from '../api/client.js';
import { useCan, useMe } from '../app/session.js';
import { RecordCompletionForm } from '../training/RecordCompletionForm.js';
import { TrainingStandingView } from '../training/TrainingStandingView.js';
import { ConfirmButton } from '../ui/ConfirmButton.js';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { useResource } from '../ui/useResource.js';
import { DataSourcesForm } from './DataSourcesForm.js';

export function UserDetail({ user, titles, onChanged }: { user: User; titles: readonly string[]; onChanged: () => void }) {
  const can = useCan();
  const manage = can('users.manage');
  const me = useMe();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const left = user.status === 'deleted';

  async function act(action: () => Promise<unknown>, message: string) {
    setError(undefined);
    setDone(undefined);
    try {
      await action();
      setDone(message);
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <div className="user-detail" aria-label={`Account of ${user.username}`} role="group">
      <FormAlert message={formError(error, ['jobTitle'])} />
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      {manage && !left ? (
        <section aria-labelledby={`lifecycle-${user.id}`}>
          <h3 id={`lifecycle-${user.id}`}>Account</h3>
          <div className="actions">
            {user.status === 'suspended' ? (
              <button
                type="button"
                className="button-quiet"
                onClick={() => void act(() => api.reinstateUser(user.id), `${user.username} is active again and must retrain before reaching ALPR data (R15).`)}
              >
                Reinstate
              </button>
            ) : (
              <button
                type="button"
                className="button-quiet"
                onClick={() => void act(() => api.approveUser(user.id), `Review recorded for ${user.username}; the next one falls due in a year.`)}
              >
                Approve (annual review)
              </button>
            )}
            {user.secondFactorEnrolled ? (
              <ConfirmButton
                label="Reset second factor"
                confirmLabel="Reset now"
                onConfirm={() =>
                  act(
                    () => api.resetSecondFactor(user.id),
                    `${user.username}'s authenticator and recovery codes are removed and their sessions ended; they set up a new one at next sign-in.`,
                  )
                }
              >
                <span className="muted">Ends their sessions. </span>
              </ConfirmButton>
            ) : null}
            {user.id === me.user.id ? null : (
              <ConfirmButton
                label="Mark as left the agency"
                confirmLabel="Mark as left"
                onConfirm={() => act(() => api.markUserLeft(user.id), `${user.username} is marked as having left; the account is closed.`)}
              >
                <span className="muted">Closes the account for good. </span>
              </ConfirmButton>
            )}
          </div>
          <JobTitleForm
            user={user}
            titles={titles}
            error={errorFor(error, 'jobTitle')}
            onSubmit={(jobTitle) => act(() => api.changeJobTitle(user.id, jobTitle), `${user.username}'s job title is now “${jobTitle}”.`)}
          />
        </section>
      ) : null}
      {left ? <p className="muted">This person left the agency; the account stays so the access log keeps naming them.</p> : <DataSourcesForm userId={user.id} editable={manage} />}
      {can('training.view') ? <UserTraining user={user} manage={can('training.manage') && !left} /> : null}
    </div>
  );
}

function JobTitleForm({ user, titles, error, onSubmit }: { user: User; titles: readonly string[]; error: string | undefined; onSubmit: (jobTitle: string) => Promise<void> }) {
  const [jobTitle, setJobTitle] = useState(user.jobTitle);
  const id = `job-title-${user.id}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    void onSubmit(jobTitle.trim());
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <Field id={id} label="Job title" hint="A title that is not authorized suspends the account until it is changed back (R16, R18)." error={error}>
        {(control) => (
          <>
            <input {...control} list={`${id}-titles`} required maxLength={120} value={jobTitle} onChange={(event) => setJobTitle(event.target.value)} />
            <datalist id={`${id}-titles`}>
              {titles.map((title) => (
                <option key={title} value={title} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <button type="submit" className="button-quiet" disabled={jobTitle.trim() === user.jobTitle}>
        Change job title
      </button>
    </form>
  );
}

function UserTraining({ user, manage }: { user: User; manage: boolean }) {
  const standing = useResource(() => api.userTraining(user.id));
  return (
    <section aria-labelledby={`training-${user.id}`}>
      <h3 id={`training-${user.id}`}>Training</h3>
      {standing.data ? <TrainingStandingView standing={standing.data} /> : <FormAlert message={formError(standing.error, [])} />}
      {manage ? <RecordCompletionForm userId={user.id} onRecorded={() => void standing.reload()} /> : null}
    </section>
  );
}
