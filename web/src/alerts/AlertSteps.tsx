// One workflow step at a time (R10, R11): the server decides what comes next (workflow.next) and
// refuses anything out of order; this shows only the form for that step.
import { useState, type FormEvent } from 'react';
import { api, type AlertAction, type AlertDisposition, type AlertView } from '../api/client.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { ACTION_LABELS, DISPOSITION_LABELS, verifyQuestion } from './labels.js';

type Props = { alert: AlertView; onChange: (view: AlertView) => void };

const ALL_DISPOSITIONS = Object.keys(DISPOSITION_LABELS) as AlertDisposition[];

function useStep(onChange: (view: AlertView) => void) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async (step: () => Promise<AlertView>) => {
    setBusy(true);
    setError(undefined);
    try {
      onChange(await step());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

export function AlertSteps({ alert, onChange }: Props) {
  const { error, busy, run } = useStep(onChange);
  const seq = alert.seq;
  const next = alert.workflow.next;
  return (
    <section className="panel alert-step" aria-label="Next step">
      <FormAlert message={formError(error, [])} />
      {next === 'acknowledge' ? (
        <button type="button" className="button-primary" disabled={busy} onClick={() => void run(() => api.acknowledgeAlert(seq))}>
          Acknowledge
        </button>
      ) : null}
      {next === 'confirm' ? <ConfirmStep alert={alert} busy={busy} run={run} /> : null}
      {next === 'verify' ? <VerifyStep alert={alert} busy={busy} run={run} /> : null}
      {next === 'action' ? <ActionStep alert={alert} busy={busy} run={run} /> : null}
      {next === 'disposition' ? <DispositionStep alert={alert} busy={busy} run={run} choices={ALL_DISPOSITIONS.filter((d) => d !== 'misread')} /> : null}
      {next === 'confirm' || next === 'verify' ? (
        <p className="hint">
          Vehicle gone?{' '}
          <button type="button" className="button-quiet" disabled={busy} onClick={() => void run(() => api.disposeAlert(seq, 'unable_to_locate'))}>
            Close as unable to locate
          </button>
        </p>
      ) : null}
    </section>
  );
}

type StepProps = { alert: AlertView; busy: boolean; run: (step: () => Promise<AlertView>) => Promise<void> };

function ConfirmStep({ alert, busy, run }: StepProps) {
  const [method, setMethod] = useState<'clets' | 'dispatch'>('clets');
  const [reference, setReference] = useState('');
  const [justification, setJustification] = useState('');
  const owed = alert.workflow.checkOwed && alert.workflow.exigency;
  const confirm = (result: 'active' | 'not_active') => run(() => api.confirmAlert(alert.seq, { method, result, ...(reference.trim() ? { reference: reference.trim() } : {}) }));
  return (
    <div>
      <h3>Confirm the entry is still listed</h3>
      <p className="hint">
        {owed
          ? 'Exigent circumstances are recorded, but this agency makes the CLETS check mandatory: no stop or detention can be recorded until it is done (R10).'
          : 'Run the plate through CLETS (MDC) or ask dispatch. An alert alone is never the basis for a stop (R10).'}
      </p>
      <fieldset className="choices">
        <legend>Checked through</legend>
        <label>
          <input type="radio" name="method" checked={method === 'clets'} onChange={() => setMethod('clets')} /> CLETS inquiry
        </label>
        <label>
          <input type="radio" name="method" checked={method === 'dispatch'} onChange={() => setMethod('dispatch')} /> Dispatch
        </label>
      </fieldset>
      <label className="field-inline">
        Reference (optional)
        <input value={reference} onChange={(event) => setReference(event.target.value)} maxLength={80} placeholder="CAD or inquiry number" />
      </label>
      <div className="button-row">
        <button type="button" className="button-primary" disabled={busy} onClick={() => void confirm('active')}>
          Still listed
        </button>
        <button type="button" disabled={busy} onClick={() => void confirm('not_active')}>
          No longer listed
        </button>
      </div>
      {alert.policy.exigencyAllowed && !alert.workflow.exigency ? (
        <details className="exigency">
          <summary>Exigent circumstances</summary>
          <p className="hint">
            {alert.policy.cletsCheck === 'mandatory'
              ? 'You may go on to the visual check now; the CLETS check is still required before any stop.'
              : 'Record why the check could not come first; it is kept with the alert.'}
          </p>
          <label className="field-block">
            Justification
            <textarea value={justification} onChange={(event) => setJustification(event.target.value)} minLength={20} maxLength={1000} rows={3} />
          </label>
          <button type="button" disabled={busy || justification.trim().length < 20} onClick={() => void run(() => api.exigencyAlert(alert.seq, justification.trim()))}>
            Record exigent circumstances
          </button>
        </details>
      ) : null}
    </div>
  );
}

function VerifyStep({ alert, busy, run }: StepProps) {
  const [answers, setAnswers] = useState<Record<string, boolean | undefined>>({});
  const [corrected, setCorrected] = useState('');
  const fields = alert.verify.fields;
  const complete = fields.every((field) => answers[field] !== undefined);
  const mismatch = fields.some((field) => answers[field] === false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const vehicle = Object.fromEntries(fields.filter((f) => f !== 'characters' && f !== 'state').map((f) => [f, answers[f]!]));
    void run(() =>
      api.verifyAlert(alert.seq, {
        ...(fields.includes('characters') ? { characters: answers.characters! } : {}),
        state: answers.state!,
        ...(Object.keys(vehicle).length ? { vehicle } : {}),
        ...(mismatch && corrected.trim() ? { correctedPlate: corrected.trim() } : {}),
      }),
    );
  };
  return (
    <form onSubmit={submit}>
      <h3>Verify against the image</h3>
      <p className="hint">Check each against the captured image. Any “No” closes the alert as a misread (R10, R28).</p>
      {fields.map((field) => (
        <fieldset key={field} className="choices verify-field">
          <legend>{verifyQuestion(alert, field)}</legend>
          <label>
            <input type="radio" name={`verify-${field}`} checked={answers[field] === true} onChange={() => setAnswers({ ...answers, [field]: true })} /> Yes
          </label>
          <label>
            <input type="radio" name={`verify-${field}`} checked={answers[field] === false} onChange={() => setAnswers({ ...answers, [field]: false })} /> No
          </label>
        </fieldset>
      ))}
      {mismatch ? (
        <label className="field-inline">
          Plate as the image shows it
          <input value={corrected} onChange={(event) => setCorrected(event.target.value)} maxLength={12} className="mono" />
        </label>
      ) : null}
      <button type="submit" className="button-primary" disabled={busy || !complete}>
        {mismatch ? 'Record misread' : 'Record verification'}
      </button>
    </form>
  );
}

function ActionStep({ alert, busy, run }: StepProps) {
  const [action, setAction] = useState<AlertAction>('traffic_stop');
  return (
    <div>
      <h3>Enforcement action</h3>
      <label className="field-inline">
        Action
        <select value={action} onChange={(event) => setAction(event.target.value as AlertAction)}>
          {(Object.keys(ACTION_LABELS) as AlertAction[]).map((key) => (
            <option key={key} value={key}>
              {ACTION_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button-primary" disabled={busy} onClick={() => void run(() => api.actionAlert(alert.seq, action))}>
        Record action
      </button>
      <p className="hint">Or close without a stop:</p>
      <DispositionStep alert={alert} busy={busy} run={run} choices={['no_action', 'unable_to_locate', 'misread']} />
    </div>
  );
}

function DispositionStep({ alert, busy, run, choices }: StepProps & { choices: AlertDisposition[] }) {
  const [disposition, setDisposition] = useState<AlertDisposition>(choices[0]!);
  const [notes, setNotes] = useState('');
  return (
    <div className="disposition">
      <label className="field-inline">
        Disposition
        <select value={disposition} onChange={(event) => setDisposition(event.target.value as AlertDisposition)}>
          {choices.map((key) => (
            <option key={key} value={key}>
              {DISPOSITION_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
      <label className="field-inline">
        Notes
        <input value={notes} onChange={(event) => setNotes(event.target.value)} maxLength={1000} />
      </label>
      <button type="button" disabled={busy} onClick={() => void run(() => api.disposeAlert(alert.seq, disposition, notes.trim() || undefined))}>
        Close alert
      </button>
    </div>
  );
}
