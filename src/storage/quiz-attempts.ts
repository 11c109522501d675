/**
 * Recording quiz answers. Write-only on purpose: this module is what a lesson page loads on the
 * first answer, so it carries no zod (records come from typed code here; they are validated where
 * they are read back, in quiz-history.ts).
 */
import type { AmiLabDatabase } from './db';
import type { QuizAttemptRecord } from './records';

export async function recordQuizAttempt(db: AmiLabDatabase, attempt: Omit<QuizAttemptRecord, 'id'>): Promise<number> {
  // The table key is auto-incremented, so Dexie always returns the new id.
  return (await db.quizAttempts.add({ ...attempt })) as number;
}
