// Training's HTTP shapes (R15; STYLE 3): courses, completions and a user's standing.
import { Type } from 'typebox';

const Instant = Type.String({ format: 'date-time' });
const NullableInstant = Type.Union([Instant, Type.Null()]);
const CourseRef = Type.Object({ id: Type.String(), title: Type.String(), version: Type.String() });

export const CourseSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  version: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  validityMonths: Type.Integer({ description: 'R15: a completion stays valid this many months.' }),
  required: Type.Boolean({ description: 'R15: every active required course must be current to pass the purpose gate.' }),
  active: Type.Boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});

export const CourseList = Type.Object({ courses: Type.Array(CourseSchema) });

export const CompletionSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  courseId: Type.String(),
  courseTitle: Type.String(),
  courseVersion: Type.String(),
  completedAt: Instant,
  expiresAt: Instant,
  enteredBy: Type.String({ description: 'User id of the administrator who entered it.' }),
  enteredAt: Instant,
  notes: Type.Union([Type.String(), Type.Null()]),
});

const State = Type.Union([Type.Literal('current'), Type.Literal('missing'), Type.Literal('expired')]);

export const StandingSchema = Type.Object({
  status: State,
  course: Type.Union([CourseRef, Type.Null()], { description: 'The course missing or expired.' }),
  validUntil: NullableInstant,
  needsRetraining: Type.Boolean({ description: 'R15: reactivated; must retrain before data access.' }),
  message: Type.String({ description: 'Why, and who to ask.' }),
  contact: Type.String({ description: 'Who provides training (profile: administrator.trainingCoordinatorTitle).' }),
  courses: Type.Array(Type.Object({ course: CourseRef, state: State, completedAt: NullableInstant, expiresAt: NullableInstant })),
  records: Type.Array(CompletionSchema),
});

export const NewCourseBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    version: Type.String({ minLength: 1, maxLength: 40 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    validityMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    required: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

export const CourseChangesBody = Type.Object(
  { description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])), required: Type.Optional(Type.Boolean()), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

export const NewCompletionBody = Type.Object(
  {
    userId: Type.String({ minLength: 1, maxLength: 64 }),
    courseId: Type.String({ minLength: 1, maxLength: 64 }),
    completedAt: Type.Union([Instant, Type.String({ format: 'date' })], { description: 'When the training was completed: a date-time, or a date (taken as 00:00 UTC).' }),
    notes: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
