// SQL for training courses and completions (R15). Functions take the database (or a transaction).
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { TrainingCompletionsTable, TrainingCoursesTable } from '../storage/tables.js';
import type { Db } from './access.store.js';

export type CourseRow = Selectable<TrainingCoursesTable>;
export type CompletionRow = Selectable<TrainingCompletionsTable>;
export type CompletionWithCourse = CompletionRow & { courseTitle: string };

export const insertCourse = (db: Db, course: Insertable<TrainingCoursesTable>) => db.insertInto('trainingCourses').values(course).execute();

export const findCourse = (db: Db, id: string) => db.selectFrom('trainingCourses').selectAll().where('id', '=', id).executeTakeFirst();

export const findCourseByTitleVersion = (db: Db, title: string, version: string) =>
  db.selectFrom('trainingCourses').selectAll().where('title', '=', title).where('version', '=', version).executeTakeFirst();

export const listCourses = (db: Db) => db.selectFrom('trainingCourses').selectAll().orderBy('title').orderBy('createdAt').execute();

/** What every user must hold: active courses marked required. */
export const requiredCourses = (db: Db) =>
  db.selectFrom('trainingCourses').selectAll().where('required', '=', 1).where('active', '=', 1).orderBy('title').orderBy('version').execute();

export const updateCourse = (db: Db, id: string, changes: Updateable<TrainingCoursesTable>) =>
  db.updateTable('trainingCourses').set(changes).where('id', '=', id).execute();

export const insertCompletion = (db: Db, completion: Insertable<TrainingCompletionsTable>) => db.insertInto('trainingCompletions').values(completion).execute();

/** A user's completions, newest first, with each course's title. */
export const completionsOf = (db: Db, userId: string): Promise<CompletionWithCourse[]> =>
  db
    .selectFrom('trainingCompletions')
    .innerJoin('trainingCourses', 'trainingCourses.id', 'trainingCompletions.courseId')
    .selectAll('trainingCompletions')
    .select('trainingCourses.title as courseTitle')
    .where('trainingCompletions.userId', '=', userId)
    .orderBy('trainingCompletions.completedAt', 'desc')
    .orderBy('trainingCompletions.enteredAt', 'desc')
    .execute();
