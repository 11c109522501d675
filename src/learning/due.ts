/**
 * What is due for review: the one computation the home page, the review session and the progress
 * page all use, so the three never disagree. An item is a question or card of the vault; it is
 *
 * - due now when its stored FSRS card is due at `now` (most overdue first),
 * - due later today when its card falls due before the end of the learner's local day,
 * - new when it has no card yet, up to what is left of today's allowance of new items
 *   (NEW_PER_DAY, less the items introduced since local midnight: by a review, or by an answer in a
 *   lesson quiz, which schedules the question too).
 *
 * Pure and without the scheduler, so the home page can count without loading ts-fsrs.
 */
import type { ReviewCardState } from './review-card';
import { buildReviewQueue, endOfDay, NEW_PER_DAY } from './review-queue';

/** What storage holds for one item (only the fields "due" needs). */
export interface StoredReviewCard {
  card: ReviewCardState;
  /** Epoch ms when the item was first scheduled. */
  introducedAt: number;
}

export interface DueSummary {
  /** Cards due at `now`, most overdue first: a review session serves these first. */
  dueNow: string[];
  /** Cards that fall due after `now` but before the end of the day, soonest first. */
  laterToday: string[];
  /** Items never scheduled, in the given order, within today's allowance. */
  fresh: string[];
  /** Items introduced since local midnight (they count against the allowance). */
  introducedToday: number;
}

/** Local midnight of the day containing `now`. */
export function startOfDay(now: Date): Date {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  return start;
}

/** What is due now, later today and new, for the items with these ids (see the module comment). */
export function summariseDue(itemIds: readonly string[], stored: ReadonlyMap<string, StoredReviewCard>, now: Date, newPerDay: number = NEW_PER_DAY): DueSummary {
  const since = startOfDay(now).getTime();
  const introducedToday = [...stored.values()].filter((r) => r.introducedAt >= since).length;
  const cards = new Map([...stored].map(([id, r]) => [id, r.card]));
  const allowance = newPerDay - introducedToday;
  const current = buildReviewQueue(itemIds, cards, now, allowance);
  const today = buildReviewQueue(itemIds, cards, endOfDay(now), allowance);
  const dueNow = new Set(current.due);
  return { dueNow: current.due, laterToday: today.due.filter((id) => !dueNow.has(id)), fresh: current.fresh, introducedToday };
}
