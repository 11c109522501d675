/** FSRS card states, one per question id. Time is passed in. */
import type { ReviewCardState } from '../learning/review-card';
import type { AmiLabDatabase } from './db';
import { reviewCardRecordSchema, type ReviewCardRecord } from './records';

/** Every valid stored card, by question id. */
export async function loadReviewCards(db: AmiLabDatabase): Promise<Map<string, ReviewCardRecord>> {
  const rows = await db.reviewCards.toArray();
  const cards = new Map<string, ReviewCardRecord>();
  for (const row of rows) {
    const parsed = reviewCardRecordSchema.safeParse(row);
    if (parsed.success) cards.set(parsed.data.questionId, parsed.data);
  }
  return cards;
}

/** Saves a card's new state; the first save records when the item was introduced. */
export async function saveReviewCard(db: AmiLabDatabase, questionId: string, card: ReviewCardState, now: number): Promise<ReviewCardRecord> {
  return db.transaction('rw', db.reviewCards, async () => {
    const existing = await db.reviewCards.get(questionId);
    const record = reviewCardRecordSchema.parse({ questionId, card, updatedAt: now, introducedAt: existing?.introducedAt ?? now });
    await db.reviewCards.put(record);
    return record;
  });
}
