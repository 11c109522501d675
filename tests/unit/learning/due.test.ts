import { describe, expect, test } from 'vitest';
import { summariseDue, type StoredReviewCard } from '../../../src/learning/due';
import { newReviewCard, rateCard } from '../../../src/learning/review-scheduler';

// A fixed local time: 10:00 on a weekday.
const NOW = new Date(2026, 10, 30, 10, 0, 0);
const MINUTE = 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

function stored(card: StoredReviewCard['card'], introducedAt: number): StoredReviewCard {
  return { card, introducedAt };
}

describe('what is due (one count for home, review and progress)', () => {
  test('with nothing stored, every item is new up to the daily allowance', () => {
    const ids = Array.from({ length: 25 }, (_, i) => `q-${i}`);

    const due = summariseDue(ids, new Map(), NOW);

    expect(due).toEqual({ dueNow: [], laterToday: [], fresh: ids.slice(0, 20), introducedToday: 0 });
  });

  test('a question missed two minutes ago (Again) is due now; one answered right (Good) is due later today', () => {
    const answeredAt = at(-2 * MINUTE);
    const missed = rateCard(newReviewCard(answeredAt), 'again', answeredAt);
    const right = rateCard(newReviewCard(answeredAt), 'good', answeredAt);
    const cards = new Map([
      ['missed', stored(missed, answeredAt.getTime())],
      ['right', stored(right, answeredAt.getTime())],
    ]);

    const due = summariseDue(['right', 'missed', 'fresh-1'], cards, NOW);

    expect(due.dueNow).toEqual(['missed']);
    expect(due.laterToday).toEqual(['right']);
    expect(due.fresh).toEqual(['fresh-1']);
    expect(due.introducedToday).toBe(2);
  });

  test('cards due now come most overdue first', () => {
    const older = { ...newReviewCard(NOW), due: at(-60 * MINUTE).getTime() };
    const newer = { ...newReviewCard(NOW), due: at(-5 * MINUTE).getTime() };
    const cards = new Map([
      ['newer', stored(newer, 0)],
      ['older', stored(older, 0)],
    ]);

    expect(summariseDue(['newer', 'older'], cards, NOW).dueNow).toEqual(['older', 'newer']);
  });

  test('items introduced today use up the allowance; cards due tomorrow are not counted', () => {
    const tomorrow = { ...newReviewCard(NOW), due: at(24 * 60 * MINUTE).getTime() };
    const cards = new Map(Array.from({ length: 18 }, (_, i) => [`seen-${i}`, stored(tomorrow, NOW.getTime() - MINUTE)] as const));
    const ids = [...cards.keys(), 'a', 'b', 'c', 'd'];

    const due = summariseDue(ids, cards, NOW);

    expect(due.dueNow).toEqual([]);
    expect(due.laterToday).toEqual([]);
    expect(due.fresh).toEqual(['a', 'b']);
  });

  test('cards of items no longer in the vault are ignored', () => {
    const card = { ...newReviewCard(NOW), due: at(-MINUTE).getTime() };

    expect(summariseDue(['kept'], new Map([['gone', stored(card, 0)]]), NOW).dueNow).toEqual([]);
  });
});
