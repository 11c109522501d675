/**
 * The learner's progress in IndexedDB. Dexie is the only code that touches IndexedDB.
 *
 * Schema versions are append-only: a new table or index is a new `db.version(n)` with an upgrade
 * function where data must move; a released version is never edited, so any browser can upgrade
 * from whatever it has.
 */
import { Dexie, type EntityTable } from 'dexie';
import { DATABASE_NAME } from './database-exists';
import type { ExamAttemptRecord, ExamResultRecord, QuizAttemptRecord, ReviewCardRecord } from './records';

/** What the learner did with one lesson. Keyed by the lesson's slug, which is stable per note path. */
export interface LessonProgressRecord {
  slug: string;
  /** First time the lesson was opened (epoch ms). */
  firstOpenedAt: number;
  /** Most recent visit (epoch ms). */
  lastOpenedAt: number;
  /** When the learner marked it done; null when not done (or un-marked). */
  doneAt: number | null;
  /** Last change of this record (epoch ms): the newer record wins when progress is merged. */
  updatedAt: number;
}

export { DATABASE_NAME };

export type AmiLabDatabase = Dexie & {
  lessonProgress: EntityTable<LessonProgressRecord, 'slug'>;
  quizAttempts: EntityTable<QuizAttemptRecord, 'id'>;
  reviewCards: EntityTable<ReviewCardRecord, 'questionId'>;
  examResults: EntityTable<ExamResultRecord, 'id'>;
  examAttempts: EntityTable<ExamAttemptRecord, 'id'>;
};

export function openDatabase(name: string = DATABASE_NAME): AmiLabDatabase {
  const db = new Dexie(name) as AmiLabDatabase;
  db.version(1).stores({
    lessonProgress: 'slug, updatedAt, doneAt',
  });
  // Version 2: quizzes, spaced review and practice exams. New tables only, so no upgrade function.
  db.version(2).stores({
    quizAttempts: '++id, questionId, lessonSlug, answeredAt',
    reviewCards: 'questionId, card.due',
    examResults: '++id, finishedAt',
  });
  // Version 3: the practice exam in progress, so a reload resumes it. A new table only.
  db.version(3).stores({
    examAttempts: 'id, updatedAt',
  });
  return db;
}

/**
 * Lets a connection whose opening failed try again on its next use. Dexie keeps a failed open
 * failed (every later call rejects with the same error) until the connection is closed; closing it
 * without turning auto-open off makes the next read or write open it afresh, so a learner's Retry
 * can succeed once the browser allows storage again.
 */
export function reopenIfFailed<D extends Dexie>(db: D): D {
  if (db.hasFailed()) db.close({ disableAutoOpen: false });
  return db;
}

let shared: AmiLabDatabase | undefined;

/** The page's database connection, opened on first use (Dexie does not touch IndexedDB before). */
export function database(): AmiLabDatabase {
  shared ??= openDatabase();
  return reopenIfFailed(shared);
}
