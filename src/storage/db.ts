/**
 * The learner's progress in IndexedDB. Dexie is the only code that touches IndexedDB.
 *
 * Schema versions are append-only: a new table or index is a new `db.version(n)` with an upgrade
 * function where data must move; a released version is never edited, so any browser can upgrade
 * from whatever it has.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { ExamResultRecord, QuizAttemptRecord, ReviewCardRecord } from './records';

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

export const DATABASE_NAME = 'ami-lab';

export type AmiLabDatabase = Dexie & {
  lessonProgress: EntityTable<LessonProgressRecord, 'slug'>;
  quizAttempts: EntityTable<QuizAttemptRecord, 'id'>;
  reviewCards: EntityTable<ReviewCardRecord, 'questionId'>;
  examResults: EntityTable<ExamResultRecord, 'id'>;
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
  return db;
}

let shared: AmiLabDatabase | undefined;

/** The page's database connection, opened on first use (Dexie does not touch IndexedDB before). */
export function database(): AmiLabDatabase {
  shared ??= openDatabase();
  return shared;
}
