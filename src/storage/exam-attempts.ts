/**
 * The practice exam in progress (see examAttemptSchema): saved as the learner answers, read back
 * when the exam page opens so it can offer to resume. Records are validated on the way out; one
 * that no longer fits (written by another version of the site) is reported as unusable, not trusted.
 */
import type { AmiLabDatabase } from './db';
import { examAttemptSchema, examResultSchema, type ExamAttemptRecord, type ExamResultRecord } from './records';

/** Saves the attempt, replacing any other attempt in progress (there is one at a time). */
export async function saveExamAttempt(db: AmiLabDatabase, attempt: ExamAttemptRecord): Promise<void> {
  const record = examAttemptSchema.parse(attempt);
  await db.transaction('rw', db.examAttempts, async () => {
    await db.examAttempts.where('id').notEqual(record.id).delete();
    await db.examAttempts.put(record);
  });
}

/** What the exam page finds on opening. */
export type StoredExamAttempt = { kind: 'none' } | { kind: 'found'; attempt: ExamAttemptRecord } | { kind: 'unreadable'; id: string; problem: string };

/** The attempt in progress, newest first if several were left by an older version. */
export async function loadExamAttempt(db: AmiLabDatabase): Promise<StoredExamAttempt> {
  return pickExamAttempt(await db.examAttempts.orderBy('updatedAt').reverse().toArray());
}

/**
 * The attempt in progress among stored rows, newest first (by `updatedAt`), validated. Shared by
 * loadExamAttempt and the exam page's first paint, which reads the rows without Dexie
 * (storage/read-only.ts).
 */
export function pickExamAttempt(stored: readonly unknown[]): StoredExamAttempt {
  const updated = (row: unknown) => (typeof row === 'object' && row !== null ? (row as { updatedAt?: unknown }).updatedAt : undefined);
  const rows = stored.filter((row) => typeof updated(row) === 'number').sort((a, b) => (updated(b) as number) - (updated(a) as number));
  const row = rows[0];
  if (!row) return { kind: 'none' };
  const parsed = examAttemptSchema.safeParse(row);
  if (parsed.success) return { kind: 'found', attempt: parsed.data };
  const issue = parsed.error.issues[0];
  const id = typeof (row as { id?: unknown }).id === 'string' ? (row as { id: string }).id : '';
  return { kind: 'unreadable', id, problem: issue ? `${issue.path.join('.') || '(record)'}: ${issue.message}` : 'does not match' };
}

/** Removes the attempt (submitted or discarded). */
export async function deleteExamAttempt(db: AmiLabDatabase, id: string): Promise<void> {
  await db.examAttempts.delete(id);
}

/**
 * Stores a finished exam's result and removes its attempt in one transaction: the page never
 * offers to resume an exam whose result is already kept, and a retry never stores the result twice.
 */
export async function finishExamAttempt(db: AmiLabDatabase, attemptId: string, result: Omit<ExamResultRecord, 'id'>): Promise<number> {
  const record = examResultSchema.parse(result);
  return db.transaction('rw', db.examResults, db.examAttempts, async () => {
    await db.examAttempts.delete(attemptId);
    return (await db.examResults.add(record)) as number;
  });
}
