// One alert, as an officer weighs it: the captured image large, the plate read against the list,
// why it is wanted, how it matched, and how fresh the list is (R9, R12).
import { alertImageUrl, type AlertView } from '../api/client.js';
import { Badge } from '../ui/Badge.js';
import { absoluteTime } from '../ui/time.js';
import { DISPOSITION_LABELS, humanize, KIND_LABELS, STATE_CHECK_LABELS, STEP_LABELS } from './labels.js';

export function AlertDetail({ alert }: { alert: AlertView }) {
  const { read, list, hit, workflow } = alert;
  const vehicle = [read.vehicle.color, read.vehicle.make, read.vehicle.model, read.vehicle.bodyType].filter(Boolean).join(' ');
  return (
    <article className="alert-detail" aria-label={`Alert ${alert.seq}`}>
      <div className="alert-images">
        {read.plateImage ? <img src={alertImageUrl(alert.seq, 'plate')} alt={`Plate image for alert ${alert.seq}`} className="alert-image" /> : null}
        {read.vehicleImage ? <img src={alertImageUrl(alert.seq, 'vehicle')} alt={`Vehicle image for alert ${alert.seq}`} className="alert-image" /> : null}
        {!read.plateImage && !read.vehicleImage ? <p className="no-image">No image was captured with this read: verify by sight.</p> : null}
      </div>
      <dl className="alert-facts">
        <dt>Plate read</dt>
        <dd className="plate mono" data-testid="alert-plate">
          {read.plate} {read.region ? <span className="region">{read.region}</span> : null}
        </dd>
        <dt>Read confidence</dt>
        <dd data-testid="alert-confidence">
          {read.confidence === null ? 'not given by the camera' : `${Math.round(read.confidence * 100)}%`}{' '}
          {read.needsVerification ? <Badge tone="warn">Low confidence: check every character on the image before acting</Badge> : null}
        </dd>
        <dt>Listed</dt>
        <dd className="mono">
          {hit.entry.plate ?? hit.entry.pattern ?? '(no plate: vehicle description)'} {hit.entry.state ?? ''}
        </dd>
        <dt>Why wanted</dt>
        <dd>
          <strong>{humanize(hit.category)}</strong>
          {hit.reason ? ` — ${hit.reason}` : ''}
        </dd>
        <dt>List</dt>
        <dd>
          {list.name} ({list.source}, {list.dataSource}) ·{' '}
          <span className={list.lastUpdatedAt ? '' : 'warn'}>{list.lastUpdatedAt ? `last updated ${absoluteTime(list.lastUpdatedAt)}` : 'never updated'}</span>
        </dd>
        <dt>How it matched</dt>
        <dd>
          {KIND_LABELS[hit.kind]}
          {hit.confused ? ` (position ${hit.confused.position + 1}: read ${hit.confused.read}, listed ${hit.confused.listed})` : ''}; {STATE_CHECK_LABELS[hit.stateCheck]}
          {hit.agreed.length ? `; agreed: ${hit.agreed.join(', ')}` : ''}
        </dd>
        <dt>Vehicle seen</dt>
        <dd>{vehicle || 'not described by the camera'}</dd>
        <dt>Camera</dt>
        <dd>
          {read.cameraName} · {absoluteTime(read.capturedAt)}
        </dd>
        <dt>Status</dt>
        <dd>
          {workflow.disposition ? <Badge tone={workflow.disposition === 'misread' ? 'warn' : 'good'}>{DISPOSITION_LABELS[workflow.disposition]}</Badge> : <Badge tone="bad">Open</Badge>}
          {workflow.correctedPlate ? <span className="mono"> corrected to {workflow.correctedPlate}</span> : null}
        </dd>
      </dl>
      {workflow.steps.length ? (
        <ol className="alert-steps-done">
          {workflow.steps.map((step, i) => (
            <li key={i}>
              {STEP_LABELS[step.step] ?? step.step} — {step.username}, {absoluteTime(step.at)}
              {typeof step.detail.disposition === 'string' ? `: ${humanize(step.detail.disposition)}` : ''}
              {typeof step.detail.result === 'string' ? `: ${humanize(step.detail.result)}` : ''}
              {typeof step.detail.action === 'string' ? `: ${humanize(step.detail.action)}` : ''}
              {typeof step.detail.justification === 'string' ? `: ${step.detail.justification}` : ''}
            </li>
          ))}
        </ol>
      ) : null}
    </article>
  );
}
