// "My access": what the signed-in user may do and why not, so people can learn the rules before they
// need them: account, training (R15), second factor (R19), sessions, and a purpose check (R21).
import { useState } from 'react';
import { api } from '../api/client.js';
import { useMe, useSession } from '../app/session.js';
import { TrainingStandingView } from '../training/TrainingStandingView.js';
import { Badge } from '../ui/Badge.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { formatDate } from '../ui/time.js';
import { useResource } from '../ui/useResource.js';
import { roleLabel } from './labels.js';
import { PurposeForm, type AcceptedPurpose } from './PurposeForm.js';

export function MyAccessPage() {
  const { user } = useMe();
  const training = useResource(api.myTraining);
  const secondFactor = useResource(api.secondFactor);
  const [accepted, setAccepted] = useState<AcceptedPurpose>();

  return (
    <>
      <PageHeading title="My access" />
      <p className="lead">What your account may do, and what it needs before it can reach ALPR data. Every search asks for a purpose; check one here to learn the rules.</p>
      <div className="cards">
        <section className="panel" aria-labelledby="account-heading">
          <h2 id="account-heading">Account</h2>
          <dl className="facts">
            <dt>Name</dt>
            <dd>
              {user.displayName} <span className="muted">({user.username})</span>
            </dd>
            <dt>Job title</dt>
            <dd>{user.jobTitle}</dd>
            <dt>Roles</dt>
            <dd>{user.roles.map(roleLabel).join(', ')}</dd>
            <dt>Next review</dt>
            <dd>{user.reviewDueAt ? formatDate(user.reviewDueAt) : <span className="muted">not scheduled</span>}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="training-heading">
          <h2 id="training-heading">Training</h2>
          {training.data ? <TrainingStandingView standing={training.data} self /> : <FormAlert message={formError(training.error, [])} />}
        </section>
        <section className="panel" aria-labelledby="second-factor-heading">
          <h2 id="second-factor-heading">Second factor</h2>
          {secondFactor.data ? (
            secondFactor.data.enrolled ? (
              <>
                <p>
                  <Badge tone="good">Authenticator app</Badge>
                  {secondFactor.data.enrolledAt ? <span className="muted"> set up {formatDate(secondFactor.data.enrolledAt)}</span> : null}
                </p>
                <p>
                  {secondFactor.data.recoveryCodesLeft} of 10 recovery codes left.{' '}
                  {secondFactor.data.recoveryCodesLeft <= 3 ? 'Ask the ALPR Administrator to reset your second factor to get new ones.' : null}
                </p>
              </>
            ) : (
              <p>
                <Badge tone="warn">Not set up</Badge> You will be asked to set one up at your next sign-in.
              </p>
            )
          ) : (
            <FormAlert message={formError(secondFactor.error, [])} />
          )}
          <p className="hint">Lost your phone? Ask the ALPR Administrator to reset your second factor; you set up a new one at your next sign-in.</p>
        </section>
        <SessionsPanel />
      </div>

      <section className="panel purpose-panel" aria-labelledby="check-purpose-heading">
        <h2 id="check-purpose-heading">Check a purpose</h2>
        <p className="hint">Nothing is searched and nothing is recorded: this only runs the rules every search applies to its purpose.</p>
        <PurposeForm onChecked={setAccepted} ineligibleNote={<p className="hint">The purpose form appears here once you may reach ALPR data.</p>} />
        {accepted ? (
          <div className="accepted-panel" role="status">
            <strong>This purpose would be accepted</strong>, recorded as: <span className="mono">{accepted.caseNumber}</span> · {accepted.categoryLabel} · “{accepted.reason}”
          </div>
        ) : null}
      </section>
    </>
  );
}

function SessionsPanel() {
  const { signOutEverywhere } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <section className="panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <p>If you signed in on a device you no longer have, or think someone else used your account, end every session of your account, this one included.</p>
      <FormAlert message={formError(error, [])} />
      {confirming ? (
        <div className="actions">
          <button type="button" className="button-danger" onClick={() => void signOutEverywhere().catch(setError)}>
            Sign out everywhere now
          </button>
          <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
            Keep my sessions
          </button>
        </div>
      ) : (
        <button type="button" className="button-quiet" onClick={() => setConfirming(true)}>
          Sign out everywhere…
        </button>
      )}
    </section>
  );
}
