// The workflow as a pure function (R10, R11): what may come next after each sequence of steps,
// under each kind of policy. The API tests (alerts.test.ts, alerts.profiles.test.ts) check the same
// rules through HTTP on both databases.
import { describe, expect, it } from 'vitest';
import { DISPOSITIONS, STEPS, type StepName } from './alerts.types.js';
import { exigencyAllowed, refusal, stateOf, type AlertPolicy, type RecordedStep } from './alerts.workflow.js';

const MANDATORY: AlertPolicy = { cletsCheck: 'mandatory', exigentOverrideAllowed: false };
const MANDATORY_EXIGENT: AlertPolicy = { cletsCheck: 'mandatory', exigentOverrideAllowed: true };
const PRACTICABLE: AlertPolicy = { cletsCheck: 'ifPracticable', exigentOverrideAllowed: false };

const s = (step: StepName, detail: Record<string, unknown> = {}): RecordedStep => ({ step, detail });
const ack = s('acknowledge');
const confirmed = s('confirm', { method: 'clets', result: 'active' });
const exigency = s('exigency', { justification: 'fleeing' });
const match = s('verify', { result: 'match' });
const action = s('action', { action: 'traffic_stop' });

const allowed = (steps: RecordedStep[], policy: AlertPolicy) =>
  STEPS.filter((step) => step !== 'disposition' && !refusal(stateOf(steps, policy), step, policy)).concat(
    DISPOSITIONS.filter((d) => !refusal(stateOf(steps, policy), 'disposition', policy, d)).map((d) => `disposition:${d}` as StepName),
  );

describe('the alert workflow', () => {
  it('allows only acknowledgement first', () => {
    expect(allowed([], MANDATORY)).toEqual(['acknowledge']);
    expect(stateOf([], MANDATORY).next).toBe('acknowledge');
  });

  it('after acknowledgement: the check (and exigency where allowed), or closing without a stop', () => {
    expect(allowed([ack], MANDATORY)).toEqual(['confirm', 'disposition:no_longer_wanted', 'disposition:unable_to_locate']);
    expect(allowed([ack], MANDATORY_EXIGENT)).toEqual(['confirm', 'exigency', 'disposition:no_longer_wanted', 'disposition:unable_to_locate']);
    expect(allowed([ack], PRACTICABLE)).toEqual(['confirm', 'exigency', 'disposition:no_longer_wanted', 'disposition:unable_to_locate']);
  });

  it('after the check: the visual verification', () => {
    expect(allowed([ack, confirmed], MANDATORY)).toEqual(['verify', 'disposition:no_longer_wanted', 'disposition:unable_to_locate']);
  });

  it('after a matching verification: the action, or a disposition that needs no stop', () => {
    expect(allowed([ack, confirmed, match], MANDATORY)).toEqual(['action', 'disposition:no_action', 'disposition:misread', 'disposition:no_longer_wanted', 'disposition:unable_to_locate']);
    expect(allowed([ack, confirmed, match, action], MANDATORY)).toEqual(DISPOSITIONS.map((d) => `disposition:${d}`));
  });

  it('mandatory check: exigency opens the visual check but the action waits for the check', () => {
    const steps = [ack, exigency, match];
    expect(stateOf(steps, MANDATORY_EXIGENT)).toMatchObject({ next: 'confirm', checkOwed: true });
    expect(refusal(stateOf(steps, MANDATORY_EXIGENT), 'action', MANDATORY_EXIGENT)?.id).toBe('clets_check_required');
    expect(refusal(stateOf([...steps, confirmed], MANDATORY_EXIGENT), 'action', MANDATORY_EXIGENT)).toBeUndefined();
  });

  it('if practicable: exigency stands in for the check', () => {
    const state = stateOf([ack, exigency, match], PRACTICABLE);
    expect(state).toMatchObject({ next: 'action', checkOwed: false });
    expect(refusal(state, 'action', PRACTICABLE)).toBeUndefined();
    expect(exigencyAllowed(PRACTICABLE)).toBe(true);
    expect(exigencyAllowed(MANDATORY)).toBe(false);
  });

  it('a closed alert refuses everything', () => {
    const closed = stateOf([ack, s('disposition', { disposition: 'unable_to_locate' })], MANDATORY);
    expect(closed.next).toBe('closed');
    for (const step of STEPS) expect(refusal(closed, step, MANDATORY, 'arrest')?.id).toBe('alert_closed');
  });
});
