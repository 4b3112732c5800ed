// The confirmation step per agency policy (R10), on both backends:
// - LA Port (cletsCheck mandatory, no exigent exception): exigency is refused; only the check opens step 3.
// - CA DOJ template (mandatory, exigency allowed): exigency lets the officer go on to the visual
//   check, but it does not skip the check: no action is recorded until CLETS or dispatch confirms.
// - El Cajon (if practicable): exigency with a justification stands in for the check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { alertSeqs, hitRead, sendReads, testHitSource } from './alerts.testkit.js';

const JUSTIFICATION = 'Vehicle fleeing toward a school zone at speed; no time for a dispatch return';
const VERIFIED = { characters: true, state: true };

describe.each(DIALECTS)('confirmation per profile on %s', (dialect) => {
  const setUp = (profile: string) => {
    const ctx = {} as { t: TestApp; officer: TestUser; key: string };
    beforeAll(async () => {
      ctx.t = await startTestApp(dialect, { profile });
      ctx.t.app.alerts.useHitSource(testHitSource());
      ctx.key = (await ctx.t.registerCamera()).key;
      ctx.officer = await ctx.t.createEligibleUser(['officer']);
    });
    afterAll(async () => ctx.t?.cleanup());
    const post = (seq: number, path: string, payload?: object) => ctx.t.app.http.inject({ method: 'POST', url: `/api/v1/alerts/${seq}/${path}`, headers: ctx.officer.headers, ...(payload ? { payload } : {}) });
    const acknowledged = async () => {
      const before = await alertSeqs(ctx.t);
      await sendReads(ctx.t, ctx.key, [hitRead('7XYZ555', { region: 'us-ca' })]);
      const seq = (await alertSeqs(ctx.t)).find((s) => !before.includes(s))!;
      expect((await post(seq, 'acknowledge')).statusCode).toBe(200);
      return seq;
    };
    return { ctx, post, acknowledged };
  };

  describe('la-port-police: CLETS mandatory, no exigent exception', () => {
    const { ctx, post, acknowledged } = setUp('la-port-police');
    it('refuses exigency and the visual check until CLETS confirms', async () => {
      expect(ctx.t.app.profile.alerts).toEqual({ cletsCheck: 'mandatory', exigentOverrideAllowed: false });
      const seq = await acknowledged();
      const exigency = await post(seq, 'exigency', { justification: JUSTIFICATION });
      expect(exigency.statusCode).toBe(409);
      expect(exigency.json().error).toMatchObject({ id: 'exigency_not_allowed' });
      expect(exigency.json().error.message).toMatch(/CLETS or dispatch first/);
      expect((await post(seq, 'verify', VERIFIED)).json().error.id).toBe('confirm_first');
      expect((await post(seq, 'confirm', { method: 'clets', result: 'active' })).statusCode).toBe(200);
      expect((await post(seq, 'verify', VERIFIED)).statusCode).toBe(200);
      expect((await post(seq, 'action', { action: 'traffic_stop' })).statusCode).toBe(200);
      const view = (await post(seq, 'disposition', { disposition: 'citation' })).json();
      expect(view.policy).toEqual({ cletsCheck: 'mandatory', exigencyAllowed: false });
      expect(view.workflow.disposition).toBe('citation');
    });
  });

  describe('ca-doj-template: CLETS mandatory, exigency allowed but it does not skip the check', () => {
    const { ctx, post, acknowledged } = setUp('ca-doj-template');
    it('lets exigency open the visual check, then refuses the action until CLETS confirms', async () => {
      expect(ctx.t.app.profile.alerts).toEqual({ cletsCheck: 'mandatory', exigentOverrideAllowed: true });
      const seq = await acknowledged();
      expect((await post(seq, 'exigency', { justification: 'too short' })).statusCode).toBe(400);
      expect((await post(seq, 'exigency', { justification: JUSTIFICATION })).json().workflow).toMatchObject({ exigency: true, next: 'verify', checkOwed: true });
      expect((await post(seq, 'verify', VERIFIED)).json().workflow).toMatchObject({ verified: 'match', next: 'confirm' });
      const action = await post(seq, 'action', { action: 'traffic_stop' });
      expect(action.statusCode).toBe(409);
      expect(action.json().error.id).toBe('clets_check_required');
      expect(action.json().error.message).toMatch(/exigency does not skip it/);
      expect((await post(seq, 'disposition', { disposition: 'arrest' })).json().error.id).toBe('action_first');
      expect((await post(seq, 'confirm', { method: 'clets', result: 'active' })).json().workflow).toMatchObject({ checkOwed: false, next: 'action' });
      expect((await post(seq, 'action', { action: 'high_risk_stop' })).statusCode).toBe(200);
      expect((await post(seq, 'disposition', { disposition: 'arrest' })).json().workflow.disposition).toBe('arrest');
    });
  });

  describe('el-cajon-pd: CLETS if practicable', () => {
    const { ctx, post, acknowledged } = setUp('el-cajon-pd');
    it('accepts exigency with a justification in place of the check, and records it', async () => {
      expect(ctx.t.app.profile.alerts.cletsCheck).toBe('ifPracticable');
      const seq = await acknowledged();
      expect((await post(seq, 'exigency', { justification: JUSTIFICATION })).json().workflow).toMatchObject({ exigency: true, checkOwed: false, next: 'verify' });
      expect((await post(seq, 'confirm', { method: 'clets', result: 'active' })).statusCode).toBe(200); // a later check is still welcome
      expect((await post(seq, 'verify', VERIFIED)).statusCode).toBe(200);
      expect((await post(seq, 'action', { action: 'traffic_stop' })).statusCode).toBe(200);
      const closed = (await post(seq, 'disposition', { disposition: 'field_interview' })).json();
      expect(closed.workflow.steps.find((s: { step: string }) => s.step === 'exigency').detail).toEqual({ justification: JUSTIFICATION });
    });
  });
});
