/**
 * What is due: the queue of items for a review session and the "due today" count. Kept apart from
 * the ts-fsrs adapter so the home page can count due items without loading the scheduler.
 */
import type { ReviewCardState } from './review-card';

/** End of the learner's local day containing `now` (for "due today"). */
export function endOfDay(now: Date): Date {
  const end = new Date(now);
  end.setHours(23, 59, 59, 999);
  return end;
}

/** New items introduced per day, so a first visit does not bring hundreds at once. */
export const NEW_PER_DAY = 20;

export interface ReviewQueue {
  /** Known cards due now, most overdue first. */
  due: string[];
  /** Never-reviewed items to introduce, up to the daily limit. */
  fresh: string[];
}

/**
 * What to review now: every stored card due by `until` (most overdue first), then new items in
 * the given order, at most `newLimit` of them (a first visit should not bring 500 new cards).
 */
export function buildReviewQueue(itemIds: readonly string[], cards: ReadonlyMap<string, ReviewCardState>, until: Date, newLimit: number): ReviewQueue {
  const due = itemIds
    .filter((id) => {
      const card = cards.get(id);
      return card !== undefined && card.due <= until.getTime();
    })
    .sort((a, b) => (cards.get(a)?.due ?? 0) - (cards.get(b)?.due ?? 0));
  const fresh = itemIds.filter((id) => !cards.has(id)).slice(0, Math.max(0, newLimit));
  return { due, fresh };
}
