// trainingStatus on both backends (R15): which courses count, when a completion expires, and what
// a reactivated user must retake.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.js';
import { DAY, FakeClock } from '../platform/clock.js';
import * as accessStore from './access.store.js';
import { TrainingService } from './training.service.js';

describe.each(DIALECTS)('training on %s', (dialect) => {
  let t: TestDatabase;
  let clock: FakeClock;
  let training: TrainingService;
  const changes: string[] = [];
  const admin = { actor: { userId: 'admin-id', username: 'admin' } };

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    clock = new FakeClock('2026-01-31T09:00:00Z');
    changes.length = 0;
    training = new TrainingService(t.handle.db, clock, { retrainingIntervalMonths: 12, coordinatorTitle: 'Training Sergeant' }, {
      recordChange: (_actor, action) => {
        changes.push(action);
        return Promise.resolve({} as never);
      },
    });
    const now = clock.now().getTime();
    await accessStore.insertUser(t.handle.db, { id: 'u1', username: 'officer1', displayName: 'Officer One', jobTitle: 'Sworn police officer', passwordHash: 'x', status: 'active', statusReason: null, lockedUntil: null, lastActiveAt: null, createdAt: now, updatedAt: now }, ['officer']);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('counts only active required courses, and expires completions by calendar month', async () => {
    const core = await training.createCourse(admin, { title: 'ALPR use and privacy', version: '1', validityMonths: 1 });
    await training.createCourse(admin, { title: 'Optional refresher', version: '1', required: false });
    expect(core.validityMonths).toBe(1);
    expect(await training.trainingStatus('u1', clock.now())).toMatchObject({ status: 'missing', course: { title: 'ALPR use and privacy' } });

    const completion = await training.recordCompletion(admin, { userId: 'u1', courseId: core.id, completedAt: clock.now() });
    expect(completion.expiresAt).toBe('2026-02-28T09:00:00.000Z'); // 31 January + 1 month clamps to the end of February
    expect(await training.trainingStatus('u1', clock.now())).toMatchObject({ status: 'current', validUntil: Date.parse('2026-02-28T09:00:00Z') });

    clock.set('2026-02-28T09:00:00Z');
    expect(await training.trainingStatus('u1', clock.now())).toMatchObject({ status: 'expired', course: { id: core.id }, expiredAt: Date.parse('2026-02-28T09:00:00Z') });
    await training.updateCourse(admin, core.id, { required: false });
    expect(await training.trainingStatus('u1', clock.now())).toEqual({ status: 'missing', course: null, courses: [] });
    expect(changes).toEqual(['training.course.create', 'training.course.create', 'training.completion.record', 'training.course.update']);
  });

  it('keeps needs_retraining until every required course is retaken after the reactivation', async () => {
    const a = await training.createCourse(admin, { title: 'ALPR use and privacy', version: '1' });
    const b = await training.createCourse(admin, { title: 'CLETS and privacy', version: '1' });
    await training.recordCompletion(admin, { userId: 'u1', courseId: a.id, completedAt: clock.now() });
    await training.recordCompletion(admin, { userId: 'u1', courseId: b.id, completedAt: clock.now() });
    clock.advance(30 * DAY);
    await accessStore.updateUser(t.handle.db, 'u1', { needsRetraining: 1, statusChangedAt: clock.now().getTime() });
    clock.advance(DAY);
    await training.recordCompletion(admin, { userId: 'u1', courseId: a.id, completedAt: clock.now() });
    expect((await accessStore.findUserById(t.handle.db, 'u1'))?.needsRetraining).toBe(1);
    await training.recordCompletion(admin, { userId: 'u1', courseId: b.id, completedAt: clock.now() });
    expect((await accessStore.findUserById(t.handle.db, 'u1'))?.needsRetraining).toBe(0);
    expect(changes.at(-1)).toBe('user.retrained');
    expect(await training.standing('u1')).toMatchObject({ status: 'current', needsRetraining: false, contact: 'Training Sergeant' });
  });

  it('refuses a completion in the future, an unknown course and a validity beyond the retraining interval', async () => {
    const course = await training.createCourse(admin, { title: 'ALPR use and privacy', version: '1' });
    expect(course.validityMonths).toBe(12);
    await expect(training.recordCompletion(admin, { userId: 'u1', courseId: course.id, completedAt: new Date(clock.now().getTime() + DAY) })).rejects.toMatchObject({ id: 'training_completed_in_future' });
    await expect(training.recordCompletion(admin, { userId: 'u1', courseId: 'nope', completedAt: clock.now() })).rejects.toMatchObject({ id: 'training_course_not_found', status: 404 });
    await expect(training.createCourse(admin, { title: 'Long', version: '1', validityMonths: 13 })).rejects.toMatchObject({ id: 'training_validity_too_long', status: 400 });
    await expect(training.createCourse(admin, { title: '  ', version: '1' })).rejects.toMatchObject({ id: 'training_title_missing' });
  });
});
