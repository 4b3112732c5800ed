// Training (R15): no access to ALPR data before department-approved training, and retraining at
// least every profile.access.retrainingIntervalMonths and after a reactivation. The Administrator
// keeps the courses (one row per version) and enters completions; the purpose gate asks
// trainingStatus() on every opening. Which courses are required: every active course marked
// required. No required course at all means nobody is trained (the profile makes training
// mandatory), and the gate says so.
import type { Actor, AuditRecorder, ClientOrigin } from '../audit/access-log.js';
import type { Clock } from '../platform/clock.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import * as accessStore from './access.store.js';
import { addMonths } from './lifecycle.dates.js';
import * as store from './training.store.js';

export type ChangeRecorder = Pick<AuditRecorder, 'recordChange'>;

/** Who made an administrative change, and from where (for the access log). */
export interface ChangedBy {
  actor: Actor;
  origin?: Partial<ClientOrigin>;
}

export interface TrainingPolicy {
  /** profile.access.retrainingIntervalMonths: the default and the longest validity of a course. */
  retrainingIntervalMonths: number;
  /** profile.administrator.trainingCoordinatorTitle: who users ask for training. */
  coordinatorTitle: string;
}

export interface Course {
  id: string;
  title: string;
  version: string;
  description: string | null;
  validityMonths: number;
  required: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Completion {
  id: string;
  userId: string;
  courseId: string;
  courseTitle: string;
  courseVersion: string;
  completedAt: string;
  expiresAt: string;
  enteredBy: string;
  enteredAt: string;
  notes: string | null;
}

export interface CourseRef {
  id: string;
  title: string;
  version: string;
}

export interface CourseStatus {
  course: CourseRef;
  state: 'current' | 'missing' | 'expired';
  completedAt: number | null;
  expiresAt: number | null;
}

/** The user's standing for the gate: current, or the first course missing or expired (course null: none is set up). */
export type TrainingStatus =
  | { status: 'current'; validUntil: number; courses: CourseStatus[] }
  | { status: 'missing'; course: CourseRef | null; courses: CourseStatus[] }
  | { status: 'expired'; course: CourseRef; expiredAt: number; courses: CourseStatus[] };

export interface TrainingStanding {
  status: TrainingStatus['status'];
  /** The course missing or expired (null when current, or when no course is set up). */
  course: CourseRef | null;
  validUntil: string | null;
  needsRetraining: boolean;
  /** Why, and who to ask. */
  message: string;
  contact: string;
  courses: (Omit<CourseStatus, 'completedAt' | 'expiresAt'> & { completedAt: string | null; expiresAt: string | null })[];
  records: Completion[];
}

export interface NewCourseInput {
  title: string;
  version: string;
  description?: string | undefined;
  validityMonths?: number | undefined;
  required?: boolean | undefined;
}

export interface CourseChanges {
  description?: string | null | undefined;
  required?: boolean | undefined;
  active?: boolean | undefined;
}

export interface NewCompletionInput {
  userId: string;
  courseId: string;
  completedAt: Date;
  notes?: string | undefined;
}

const iso = (at: number) => new Date(at).toISOString();
const ref = (row: store.CourseRow): CourseRef => ({ id: row.id, title: row.title, version: row.version });

const toCourse = (row: store.CourseRow): Course => ({
  id: row.id,
  title: row.title,
  version: row.version,
  description: row.description,
  validityMonths: row.validityMonths,
  required: row.required === 1,
  active: row.active === 1,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

const toCompletion = (row: store.CompletionWithCourse): Completion => ({
  id: row.id,
  userId: row.userId,
  courseId: row.courseId,
  courseTitle: row.courseTitle,
  courseVersion: row.courseVersion,
  completedAt: iso(row.completedAt),
  expiresAt: iso(row.expiresAt),
  enteredBy: row.enteredBy,
  enteredAt: iso(row.enteredAt),
  notes: row.notes,
});

export class TrainingService {
  constructor(
    private readonly db: accessStore.Db,
    private readonly clock: Clock,
    readonly policy: TrainingPolicy,
    private readonly changes: ChangeRecorder,
  ) {}

  async listCourses(): Promise<Course[]> {
    return (await store.listCourses(this.db)).map(toCourse);
  }

  async createCourse({ actor, origin }: ChangedBy, input: NewCourseInput): Promise<Course> {
    const title = input.title.replace(/\s+/g, ' ').trim();
    const version = input.version.replace(/\s+/g, ' ').trim();
    if (!title) throw badRequest('training_title_missing', 'Give the course a title, e.g. "ALPR use and privacy".', 'title');
    if (!version) throw badRequest('training_version_missing', 'Give the course version, e.g. "2026.1": a new version of a course is a new course row.', 'version');
    const validityMonths = input.validityMonths ?? this.policy.retrainingIntervalMonths;
    if (validityMonths > this.policy.retrainingIntervalMonths) {
      throw badRequest(
        'training_validity_too_long',
        `The policy requires retraining at least every ${this.policy.retrainingIntervalMonths} months (R15), so a completion cannot stay valid for ${validityMonths}. Use ${this.policy.retrainingIntervalMonths} or fewer.`,
        'validityMonths',
      );
    }
    if (await store.findCourseByTitleVersion(this.db, title, version)) {
      throw conflict('training_course_exists', `"${title}" version ${version} already exists; give the new version its own version label.`, 'version');
    }
    const now = this.clock.now().getTime();
    const row = {
      id: newId(),
      title,
      version,
      description: input.description?.trim() || null,
      validityMonths,
      required: input.required === false ? 0 : 1,
      active: 1,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    await store.insertCourse(this.db, row);
    const course = toCourse(row);
    await this.changes.recordChange(actor, 'training.course.create', null, course, { subject: { courseId: row.id }, ...origin });
    return course;
  }

  async updateCourse({ actor, origin }: ChangedBy, id: string, changes: CourseChanges): Promise<Course> {
    const before = await store.findCourse(this.db, id);
    if (!before) throw notFound('training course', id);
    const update = {
      ...(changes.description !== undefined ? { description: changes.description?.trim() || null } : {}),
      ...(changes.required !== undefined ? { required: changes.required ? 1 : 0 } : {}),
      ...(changes.active !== undefined ? { active: changes.active ? 1 : 0 } : {}),
      updatedAt: this.clock.now().getTime(),
    };
    await store.updateCourse(this.db, id, update);
    const after = toCourse({ ...before, ...update });
    await this.changes.recordChange(actor, 'training.course.update', toCourse(before), after, { subject: { courseId: id }, ...origin });
    return after;
  }

  /** Entered by the Administrator from the training record (R15). Clears needs_retraining once every required course is retaken. */
  async recordCompletion({ actor, origin }: ChangedBy, input: NewCompletionInput): Promise<Completion> {
    const user = await accessStore.findUserById(this.db, input.userId);
    if (!user || user.status === 'deleted') throw notFound('user', input.userId);
    const course = await store.findCourse(this.db, input.courseId);
    if (!course) throw notFound('training course', input.courseId);
    const now = this.clock.now().getTime();
    const completedAt = input.completedAt.getTime();
    if (!Number.isFinite(completedAt)) throw badRequest('training_completed_at_invalid', 'completedAt is not a date; send an ISO 8601 date or date-time.', 'completedAt');
    if (completedAt > now) throw badRequest('training_completed_in_future', 'A completion cannot be entered before it happened: completedAt is in the future.', 'completedAt');
    const row = {
      id: newId(),
      userId: user.id,
      courseId: course.id,
      courseVersion: course.version,
      completedAt,
      expiresAt: addMonths(completedAt, course.validityMonths),
      enteredBy: actor.userId ?? 'system',
      enteredAt: now,
      notes: input.notes?.trim() || null,
    };
    await store.insertCompletion(this.db, row);
    const completion = toCompletion({ ...row, courseTitle: course.title });
    await this.changes.recordChange(actor, 'training.completion.record', null, completion, { subject: { userId: user.id, courseId: course.id }, ...origin });

    if (user.needsRetraining === 1) {
      // R15: after a reactivation, only training taken since then counts.
      const since = await this.trainingStatus(user.id, new Date(now), { completedSince: user.statusChangedAt ?? 0 });
      if (since.status === 'current') {
        await accessStore.updateUser(this.db, user.id, { needsRetraining: 0, updatedAt: now });
        await this.changes.recordChange(actor, 'user.retrained', { needsRetraining: true }, { needsRetraining: false }, { subject: { userId: user.id }, ...origin });
      }
    }
    return completion;
  }

  async completionsOf(userId: string): Promise<Completion[]> {
    const user = await accessStore.findUserById(this.db, userId);
    if (!user) throw notFound('user', userId);
    return (await store.completionsOf(this.db, userId)).map(toCompletion);
  }

  /** What a user (or the Administrator about a user) sees: the status in words, who to ask, and the records. */
  async standing(userId: string): Promise<TrainingStanding> {
    const user = await accessStore.findUserById(this.db, userId);
    if (!user) throw notFound('user', userId);
    const now = this.clock.now();
    const status = await this.trainingStatus(userId, now);
    const records = (await store.completionsOf(this.db, userId)).map(toCompletion);
    const needsRetraining = user.needsRetraining === 1;
    const ask = `Ask the ${this.policy.coordinatorTitle} for training; the ALPR Administrator records completions.`;
    const courses = status.courses.map((c) => ({ ...c, completedAt: c.completedAt === null ? null : iso(c.completedAt), expiresAt: c.expiresAt === null ? null : iso(c.expiresAt) }));
    const message = needsRetraining
      ? `Your access was reactivated: retrain before using ALPR data (R15). ${ask}`
      : status.status === 'current'
        ? `Your training is current until ${iso(status.validUntil).slice(0, 10)} (R15).`
        : status.status === 'expired'
          ? `Your training "${status.course.title}" (version ${status.course.version}) expired on ${iso(status.expiredAt).slice(0, 10)}; you cannot use ALPR data until you retrain (R15). ${ask}`
          : status.course
            ? `You have not completed "${status.course.title}" (version ${status.course.version}); you cannot use ALPR data until you do (R15). ${ask}`
            : 'No required ALPR training course is set up yet, so no one can use ALPR data (R15). Ask the ALPR Administrator to add the agency\'s course.';
    return {
      status: status.status,
      course: status.status === 'current' ? null : status.course,
      validUntil: status.status === 'current' ? iso(status.validUntil) : null,
      needsRetraining,
      message,
      contact: this.policy.coordinatorTitle,
      courses,
      records,
    };
  }

  /** current | missing | expired, naming the course (R15). `completedSince` counts only completions from then on. */
  async trainingStatus(userId: string, now: Date, options: { completedSince?: number } = {}): Promise<TrainingStatus> {
    const at = now.getTime();
    const since = options.completedSince ?? Number.NEGATIVE_INFINITY;
    const [required, completions] = await Promise.all([store.requiredCourses(this.db), store.completionsOf(this.db, userId)]);
    const usable = completions.filter((c) => c.completedAt >= since && c.completedAt <= at);
    const courses: CourseStatus[] = required.map((course) => {
      const best = usable.filter((c) => c.courseId === course.id).reduce<store.CompletionWithCourse | undefined>((a, c) => (!a || c.expiresAt > a.expiresAt ? c : a), undefined);
      if (!best) return { course: ref(course), state: 'missing', completedAt: null, expiresAt: null };
      return { course: ref(course), state: best.expiresAt > at ? 'current' : 'expired', completedAt: best.completedAt, expiresAt: best.expiresAt };
    });
    const missing = courses.find((c) => c.state === 'missing');
    if (courses.length === 0) return { status: 'missing', course: null, courses };
    if (missing) return { status: 'missing', course: missing.course, courses };
    const expired = courses.find((c) => c.state === 'expired');
    if (expired) return { status: 'expired', course: expired.course, expiredAt: expired.expiresAt ?? at, courses };
    return { status: 'current', validUntil: Math.min(...courses.map((c) => c.expiresAt ?? at)), courses };
  }
}
