// The verification workflow an officer follows before acting on an alert (R10, R11), as a pure
// function of the steps recorded so far and the agency's policy. The server enforces it: each step
// asked for out of order is refused with 409 and a message naming the step that must come first.
//
//   1. acknowledge
//   2. confirm the entry is still listed: a CLETS or dispatch check ('active' or 'not_active'; not
//      active closes the alert as no_longer_wanted), or exigent circumstances with a written
//      justification. Exigency is open where the profile allows it (exigentOverrideAllowed) or the
//      check is only "if practicable"; where the check is mandatory (LA Port, Los Altos) exigency
//      lets the officer go on to the visual check but never skips the CLETS check: no enforcement
//      action is recorded until it is done.
//   3. visual verification: characters, state and each vehicle descriptor against the image, each
//      yes or no. Any no closes the alert as a misread (R28).
//   4. an enforcement action (a stop, a detention, a recovery), only after 3.
//   5. a disposition (R11). Outcomes of a stop (arrest, recovery, citation, field interview) need
//      the action recorded; no_action and misread need the visual check; unable_to_locate and
//      no_longer_wanted need only the acknowledgement.
import type { PolicyProfile } from '../policy/index.js';
import { conflict, type AppError } from '../platform/errors.js';
import { ENFORCEMENT_DISPOSITIONS, type Disposition, type StepName } from './alerts.types.js';

export type AlertPolicy = PolicyProfile['alerts'];

export interface RecordedStep {
  step: StepName;
  detail: Record<string, unknown>;
}

export type NextStep = 'acknowledge' | 'confirm' | 'verify' | 'action' | 'disposition' | 'closed';

export interface WorkflowState {
  acknowledged: boolean;
  /** A CLETS or dispatch check said the entry is still active. */
  confirmed: boolean;
  exigency: boolean;
  verified: 'match' | 'mismatch' | null;
  action: boolean;
  disposition: Disposition | null;
  /** What the officer should do now (the UI shows one step at a time). */
  next: NextStep;
  /** The CLETS check is still owed before an action (mandatory check, exigency recorded). */
  checkOwed: boolean;
}

export function stateOf(steps: readonly RecordedStep[], policy: AlertPolicy): WorkflowState {
  const state: WorkflowState = { acknowledged: false, confirmed: false, exigency: false, verified: null, action: false, disposition: null, next: 'acknowledge', checkOwed: false };
  for (const { step, detail } of steps) {
    switch (step) {
      case 'acknowledge':
        state.acknowledged = true;
        break;
      case 'confirm':
        if (detail.result === 'active') state.confirmed = true;
        break;
      case 'exigency':
        state.exigency = true;
        break;
      case 'verify':
        state.verified = detail.result === 'match' ? 'match' : 'mismatch';
        break;
      case 'action':
        state.action = true;
        break;
      case 'disposition':
        state.disposition = detail.disposition as Disposition;
        break;
    }
  }
  state.checkOwed = policy.cletsCheck === 'mandatory' && !state.confirmed;
  state.next = state.disposition
    ? 'closed'
    : !state.acknowledged
      ? 'acknowledge'
      : !state.confirmed && !state.exigency
        ? 'confirm'
        : !state.verified
          ? 'verify'
          : state.checkOwed
            ? 'confirm'
            : !state.action
              ? 'action'
              : 'disposition';
  return state;
}

/** Whether exigent circumstances may be recorded instead of (or, where the check is mandatory, ahead of) the check. */
export const exigencyAllowed = (policy: AlertPolicy): boolean => policy.exigentOverrideAllowed || policy.cletsCheck === 'ifPracticable';

const first = (id: string, message: string): AppError => conflict(id, message);
const ACK = () => first('acknowledge_first', 'Acknowledge the alert first (step 1): then confirm the entry is still listed, verify against the image, and only then act.');
const CONFIRM = () =>
  first('confirm_first', 'Confirm the entry is still listed first (step 2): record the CLETS or dispatch check, or exigent circumstances with a justification where policy allows (R10).');
const VERIFY = () => first('verify_first', 'Verify the plate characters, state and vehicle descriptors against the captured image first (step 3, R10).');

/** Refuses a step that may not come now; undefined when it may. */
export function refusal(state: WorkflowState, step: StepName, policy: AlertPolicy, disposition?: Disposition): AppError | undefined {
  if (state.disposition) return first('alert_closed', `This alert is closed (disposition: ${state.disposition}); nothing more can be recorded on it.`);
  switch (step) {
    case 'acknowledge':
      return state.acknowledged ? first('already_acknowledged', 'This alert is already acknowledged; go on with the next step.') : undefined;
    case 'confirm':
      if (!state.acknowledged) return ACK();
      return state.confirmed ? first('already_confirmed', 'The entry was already confirmed as still listed; go on with the next step.') : undefined;
    case 'exigency':
      if (!state.acknowledged) return ACK();
      if (!exigencyAllowed(policy)) {
        return first('exigency_not_allowed', "This agency's policy names no exigent-circumstances exception: confirm the entry through CLETS or dispatch first (step 2, R10).");
      }
      if (state.confirmed) return first('already_confirmed', 'The entry was already confirmed through CLETS or dispatch; no exigency is needed.');
      return state.exigency ? first('exigency_already_recorded', 'Exigent circumstances are already recorded for this alert.') : undefined;
    case 'verify':
      if (!state.acknowledged) return ACK();
      if (!state.confirmed && !state.exigency) return CONFIRM();
      return state.verified ? first('already_verified', 'The visual verification is already recorded for this alert.') : undefined;
    case 'action':
      if (!state.acknowledged) return ACK();
      if (!state.confirmed && !state.exigency) return CONFIRM();
      if (!state.verified) return VERIFY();
      if (state.checkOwed) {
        return first(
          'clets_check_required',
          "This agency's policy makes the CLETS check mandatory before any stop or detention on an alert (R10): exigency does not skip it. Confirm the entry through CLETS or dispatch first (step 2).",
        );
      }
      return state.action ? first('action_already_recorded', 'An enforcement action is already recorded; record the disposition.') : undefined;
    case 'disposition': {
      if (!state.acknowledged) return ACK();
      if (disposition === 'unable_to_locate' || disposition === 'no_longer_wanted') return undefined;
      if (!state.confirmed && !state.exigency) return CONFIRM();
      if (!state.verified) return VERIFY();
      if (disposition && ENFORCEMENT_DISPOSITIONS.includes(disposition) && !state.action) {
        return first('action_first', `Record the enforcement action (the stop or detention) before the disposition "${disposition}" (step 4).`);
      }
      return undefined;
    }
  }
}
