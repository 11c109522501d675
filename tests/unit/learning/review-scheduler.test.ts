import { describe, expect, test } from 'vitest';
import { buildReviewQueue, formatInterval, newReviewCard, previewRatings, rateCard, reviewCardStateSchema } from '../../../src/learning/review-scheduler';

const T0 = new Date('2026-03-02T09:00:00Z');
const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 86_400_000;

describe('FSRS adapter with fixed dates', () => {
  test('a new card is due at the time it was created and round-trips through its schema', () => {
    const card = newReviewCard(T0);
    expect(card).toMatchObject({ due: T0.getTime(), reps: 0, state: 0, lastReview: null });
    expect(reviewCardStateSchema.parse(JSON.parse(JSON.stringify(card)))).toEqual(card);
  });

  test('the preview gives each rating its next interval, growing from Again to Easy', () => {
    const preview = previewRatings(newReviewCard(T0), T0);
    expect(preview.map((p) => p.rating)).toEqual(['again', 'hard', 'good', 'easy']);
    expect(preview.map((p) => p.interval)).toEqual(['1m', '6m', '10m', '8d']);
    const dues = preview.map((p) => p.due);
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
  });

  test('rating applies exactly the previewed interval (no fuzz), and time only comes from the caller', () => {
    const card = newReviewCard(T0);
    const good = rateCard(card, 'good', T0);
    expect(good.due).toBe(T0.getTime() + minutes(10));
    expect(good).toMatchObject({ reps: 1, state: 1, lastReview: T0.getTime() });
    const later = new Date(good.due);
    const graduated = rateCard(good, 'good', later);
    expect(graduated.state).toBe(2);
    expect(graduated.due).toBeGreaterThanOrEqual(later.getTime() + days(1));
    expect(rateCard(card, 'good', T0)).toEqual(good);
  });

  test('Again on a review card lapses it back to relearning', () => {
    const review = rateCard(newReviewCard(T0), 'easy', T0);
    const lapsed = rateCard(review, 'again', new Date(review.due));
    expect(lapsed).toMatchObject({ state: 3, lapses: 1 });
  });

  test('the queue serves due cards, most overdue first, then new items up to the daily limit', () => {
    const cards = new Map([
      ['late', { ...newReviewCard(T0), due: T0.getTime() - days(2) }],
      ['later', { ...newReviewCard(T0), due: T0.getTime() - days(5) }],
      ['future', { ...newReviewCard(T0), due: T0.getTime() + days(3) }],
    ]);
    const queue = buildReviewQueue(['late', 'new-1', 'future', 'later', 'new-2', 'new-3'], cards, T0, 2);
    expect(queue).toEqual({ due: ['later', 'late'], fresh: ['new-1', 'new-2'] });
  });

  test('intervals read short', () => {
    expect([formatInterval(30_000), formatInterval(minutes(90)), formatInterval(days(3)), formatInterval(days(61)), formatInterval(days(800))]).toEqual([
      '1m',
      '2h',
      '3d',
      '2mo',
      '2.2y',
    ]);
  });
});
