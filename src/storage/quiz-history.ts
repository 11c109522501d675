/**
 * Reading quiz answers back. What IndexedDB returns may have been written by another version of
 * the site, so every record is validated and records that no longer fit are skipped.
 */
import type { AmiLabDatabase } from './db';
import { quizAttemptSchema, type QuizAttemptRecord } from './records';

/** The latest attempt per question of one lesson. */
export async function latestAttemptsForLesson(db: AmiLabDatabase, lessonSlug: string): Promise<Map<string, QuizAttemptRecord>> {
  const rows = await db.quizAttempts.where('lessonSlug').equals(lessonSlug).sortBy('answeredAt');
  const latest = new Map<string, QuizAttemptRecord>();
  for (const row of rows) {
    const parsed = quizAttemptSchema.safeParse(row);
    if (parsed.success) latest.set(parsed.data.questionId, parsed.data);
  }
  return latest;
}
