// Live alerts for officers and dispatchers (issue 5): the stream's alerts, most urgent first; the
// chosen one large, with only its next step. A chime on each new hit (after "Sound on"), and a
// connection indicator: alerts missed while reconnecting are replayed by the server.
import { useState } from 'react';
import { useCan } from '../app/session.js';
import type { AlertView } from '../api/client.js';
import { Badge } from '../ui/Badge.js';
import { PageHeading } from '../ui/PageHeading.js';
import { absoluteTime } from '../ui/time.js';
import { AlertDetail } from './AlertDetail.js';
import { AlertSteps } from './AlertSteps.js';
import { humanize, NEXT_LABELS } from './labels.js';
import { enableSound } from './sound.js';
import { useAlertStream, type StreamStatus } from './useAlertStream.js';
import './alerts.css';

const STATUS_TEXT: Record<StreamStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting… missed alerts will follow',
  refused: 'Not receiving alerts',
};

const order = (a: AlertView, b: AlertView) => Number(a.workflow.status === 'closed') - Number(b.workflow.status === 'closed') || a.list.priority - b.list.priority || b.seq - a.seq;

export function LiveAlertsPage() {
  const { alerts, status, refusal, newest, put } = useAlertStream();
  const [chosen, setChosen] = useState<number>();
  const [sound, setSound] = useState(false);
  const mayAct = useCan()('alerts.act');
  const list = [...alerts.values()].sort(order);
  const current = alerts.get(chosen ?? newest ?? -1) ?? list.find((a) => a.workflow.status === 'open');

  return (
    <>
      <PageHeading title="Live alerts">
        <p className={`stream-status stream-${status}`} role="status" data-status={status}>
          <span aria-hidden="true">●</span> {STATUS_TEXT[status]}
        </p>
        <button type="button" className="button-quiet" aria-pressed={sound} onClick={() => setSound(enableSound())}>
          {sound ? 'Sound on' : 'Turn sound on'}
        </button>
      </PageHeading>
      {refusal ? <p className="form-alert" role="alert">{refusal}</p> : null}
      <div className="alerts-layout">
        <nav className="alert-queue" aria-label="Alerts">
          {list.length === 0 ? <p className="hint">No alerts yet. New hits appear here as cameras read them.</p> : null}
          <ul>
            {list.map((alert) => (
              <li key={alert.seq}>
                <button type="button" className={`alert-item${alert.seq === current?.seq ? ' selected' : ''}`} aria-current={alert.seq === current?.seq} onClick={() => setChosen(alert.seq)}>
                  <span className="plate mono">{alert.read.plate}</span> {alert.read.needsVerification ? <Badge tone="warn">low confidence</Badge> : null} <span>{humanize(alert.hit.category)}</span>{' '}
                  {alert.workflow.status === 'closed' ? <Badge tone="muted">closed</Badge> : <Badge tone="bad">P{alert.list.priority}</Badge>}
                  <span className="hint">{absoluteTime(alert.read.capturedAt)} · {alert.read.cameraName}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {current ? (
          <section className="alert-current" aria-label="Alert">
            <h2>
              Alert {current.seq}: {humanize(current.hit.category)} — <span className="next-step">{NEXT_LABELS[current.workflow.next]}</span>
            </h2>
            <AlertDetail alert={current} />
            {mayAct && current.workflow.status === 'open' ? <AlertSteps key={`${current.seq}-${current.workflow.next}`} alert={current} onChange={(view) => {
                  // The alert being worked stays on screen when a new one arrives.
                  setChosen(view.seq);
                  put(view);
                }} /> : null}
          </section>
        ) : null}
      </div>
    </>
  );
}
