// Training over HTTP (R15): courses and completions kept by the Administrator, a user's records,
// and each user's own standing (who to ask when it is missing or expired).
import { Type } from 'typebox';
import { originOf } from '../audit/access-log.js';
import { badRequest } from '../platform/errors.js';
import type { HttpServer } from '../platform/http.js';
import { userOf } from './authorize.js';
import { CompletionSchema, CourseChangesBody, CourseList, CourseSchema, NewCompletionBody, NewCourseBody, StandingSchema } from './training.schemas.js';
import type { TrainingService } from './training.service.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function registerTrainingRoutes(app: HttpServer, training: TrainingService) {
  app.get('/api/v1/training/courses', { config: { access: 'training.view' }, schema: { tags: ['training'], response: { 200: CourseList } } }, async () => ({
    courses: await training.listCourses(),
  }));

  app.post(
    '/api/v1/training/courses',
    {
      config: { access: 'training.manage' },
      schema: {
        tags: ['training'],
        description: `Add a course or a new version of one (R15). validityMonths defaults to the profile's retraining interval (${training.policy.retrainingIntervalMonths}) and may not exceed it.`,
        body: NewCourseBody,
        response: { 201: CourseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await training.createCourse({ actor: userOf(request), origin: originOf(request) }, request.body)),
  );

  app.patch(
    '/api/v1/training/courses/:id',
    {
      config: { access: 'training.manage' },
      schema: {
        tags: ['training'],
        description: 'Mark a course required or not, retire it (active: false), or change its description. Title, version and validity are fixed: add a new version instead.',
        params: IdParams,
        body: CourseChangesBody,
        response: { 200: CourseSchema },
      },
    },
    async (request) => training.updateCourse({ actor: userOf(request), origin: originOf(request) }, request.params.id, request.body),
  );

  app.post(
    '/api/v1/training/completions',
    {
      config: { access: 'training.manage' },
      schema: {
        tags: ['training'],
        description: 'Record that a user completed a course version (R15), from the training record. It expires validityMonths after completedAt.',
        body: NewCompletionBody,
        response: { 201: CompletionSchema },
      },
    },
    async (request, reply) => {
      const completedAt = new Date(request.body.completedAt);
      if (Number.isNaN(completedAt.getTime())) throw badRequest('training_completed_at_invalid', 'completedAt is not a date; send an ISO 8601 date or date-time.', 'completedAt');
      const completion = await training.recordCompletion({ actor: userOf(request), origin: originOf(request) }, { ...request.body, completedAt });
      return reply.status(201).send(completion);
    },
  );

  app.get(
    '/api/v1/users/:id/training',
    { config: { access: 'training.view' }, schema: { tags: ['training'], description: 'A user\'s training standing and completion records (R15).', params: IdParams, response: { 200: StandingSchema } } },
    async (request) => training.standing(request.params.id),
  );

  app.get(
    '/api/v1/me/training',
    { config: { access: 'session.self' }, schema: { tags: ['training'], description: 'Your own training standing: current, missing or expired, and who to ask (R15).', response: { 200: StandingSchema } } },
    async (request) => training.standing(userOf(request).userId),
  );
}
