// A user's training standing (R15): current, missing or expired, each required course, and the
// completion records behind it.
import type { TrainingStanding } from '../api/client.js';
import { TRAINING_STATE } from '../access/labels.js';
import { Badge } from '../ui/Badge.js';
import { formatDate } from '../ui/time.js';

export function TrainingStandingView({ standing, self = false }: { standing: TrainingStanding; self?: boolean }) {
  const state = TRAINING_STATE[standing.status];
  return (
    <div className="training-standing">
      <p>
        <Badge tone={state.tone}>{state.label}</Badge>
        {standing.needsRetraining ? <Badge tone="warn">Retraining required</Badge> : null}
        {standing.validUntil ? <span className="muted"> valid until {formatDate(standing.validUntil)}</span> : null}
      </p>
      {standing.status === 'current' && !standing.needsRetraining ? null : <p>{standing.message}</p>}
      {standing.courses.length ? (
        <ul className="course-states" aria-label="Required courses">
          {standing.courses.map(({ course, state: courseState, completedAt, expiresAt }) => (
            <li key={course.id}>
              <Badge tone={TRAINING_STATE[courseState].tone}>{TRAINING_STATE[courseState].label}</Badge> <strong>{course.title}</strong>{' '}
              <span className="muted">v{course.version}</span>
              {completedAt ? (
                <div className="muted small">
                  completed {formatDate(completedAt)}
                  {expiresAt ? `, ${courseState === 'expired' ? 'expired' : 'expires'} ${formatDate(expiresAt)}` : ''}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {standing.records.length ? (
        <details>
          <summary>
            {standing.records.length} completion {standing.records.length === 1 ? 'record' : 'records'}
          </summary>
          <ul className="plain-list">
            {standing.records.map((record) => (
              <li key={record.id}>
                {record.courseTitle} v{record.courseVersion}: completed {formatDate(record.completedAt)}, expires {formatDate(record.expiresAt)}
                {record.notes ? <span className="muted"> — {record.notes}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {self && standing.status !== 'current' ? <p className="hint">Training is given by the {standing.contact}.</p> : null}
    </div>
  );
}
