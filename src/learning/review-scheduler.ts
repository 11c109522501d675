/**
 * Spaced review with FSRS (ts-fsrs). The adapter keeps ts-fsrs's Card out of storage and UI:
 * cards are stored as plain JSON (dates as epoch milliseconds, validated by zod on the way in),
 * and `now` is always passed in, never read from the clock, so schedules are reproducible.
 *
 * Fuzz is off: the interval shown on a rating button must be the interval the card then gets.
 */
import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from 'ts-fsrs';

import { reviewCardStateSchema, type ReviewCardState } from './review-card';

export { reviewCardStateSchema, type ReviewCardState };

export const REVIEW_RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];

const GRADE: Record<ReviewRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

const scheduler = fsrs({ enable_fuzz: false, enable_short_term: true });

function toCard(state: ReviewCardState): Card {
  return {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state as State,
    ...(state.lastReview === null ? {} : { last_review: new Date(state.lastReview) }),
  };
}

function fromCard(card: Card): ReviewCardState {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ? card.last_review.getTime() : null,
  };
}

/** A card never reviewed, due at `now`. */
export function newReviewCard(now: Date): ReviewCardState {
  return fromCard(createEmptyCard(now));
}

export interface RatingPreview {
  rating: ReviewRating;
  /** When the card would be due after this rating (epoch ms). */
  due: number;
  /** The wait, short and readable: "1m", "10m", "3d", "2mo". */
  interval: string;
}

/** What each of the four ratings would do to the card, for the buttons. */
export function previewRatings(state: ReviewCardState, now: Date): RatingPreview[] {
  const preview = scheduler.repeat(toCard(state), now);
  return REVIEW_RATINGS.map((rating) => {
    const due = preview[GRADE[rating]].card.due.getTime();
    return { rating, due, interval: formatInterval(due - now.getTime()) };
  });
}

/** Applies a rating at `now`; returns the card's next state. */
export function rateCard(state: ReviewCardState, rating: ReviewRating, now: Date): ReviewCardState {
  return fromCard(scheduler.next(toCard(state), now, GRADE[rating]).card);
}

/** "45s" → "1m"; minutes under an hour, hours under a day, then days, months, years. */
export function formatInterval(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours}h`;
  const days = Math.round(hours / 24);
  if (days < 30) return `${days}d`;
  const months = Math.round(days / 30);
  if (months < 12) return `${months}mo`;
  return `${Math.round((days / 365) * 10) / 10}y`;
}

/**
 * FSRS retrievability: the probability (0..1) that the learner recalls the item at `now`, from its
 * stability and the time since the last review. A card never reviewed has 0.
 */
export function retrievability(state: ReviewCardState, now: Date): number {
  if (state.state === State.New || state.lastReview === null) return 0;
  return scheduler.get_retrievability(toCard(state), now, false);
}

export { buildReviewQueue } from './review-queue';
