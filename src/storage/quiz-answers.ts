/**
 * A quiz answer that also schedules its question for review: the attempt and the question's FSRS
 * card are written in one transaction, so a retry after a failed write (save-with-retry) never
 * leaves an answer without its schedule, nor records the answer twice. The scheduling rule is
 * passed in (learning/review-scheduler), so storage does not load ts-fsrs itself.
 */
import type { ReviewCardState } from '../learning/review-card';
import type { AmiLabDatabase } from './db';
import { quizAttemptSchema, reviewCardRecordSchema, type QuizAttemptRecord, type ReviewCardRecord } from './records';

/** Records the attempt and stores `schedule(current card)` as the question's card. */
export async function recordAnswerAndSchedule(
  db: AmiLabDatabase,
  attempt: Omit<QuizAttemptRecord, 'id'>,
  schedule: (current: ReviewCardState | undefined) => ReviewCardState,
): Promise<ReviewCardRecord> {
  return db.transaction('rw', db.quizAttempts, db.reviewCards, async () => {
    await db.quizAttempts.add(quizAttemptSchema.parse(attempt));
    const existing = reviewCardRecordSchema.safeParse(await db.reviewCards.get(attempt.questionId));
    const current = existing.success ? existing.data : undefined;
    const record = reviewCardRecordSchema.parse({
      questionId: attempt.questionId,
      card: schedule(current?.card),
      updatedAt: attempt.answeredAt,
      introducedAt: current?.introducedAt ?? attempt.answeredAt,
    });
    await db.reviewCards.put(record);
    return record;
  });
}
