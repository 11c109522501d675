import { describe, expect, test } from 'vitest';
import { estimateReadiness, readinessLevel } from '../../../src/learning/readiness';
import { newReviewCard, rateCard, retrievability, type ReviewCardState } from '../../../src/learning/review-scheduler';

const NOW = new Date(Date.UTC(2026, 10, 27, 9, 0, 0));
const DAY = 86_400_000;

/** A card rated "good" twice, the last time `daysAgo` before NOW. */
function reviewedCard(daysAgo: number): ReviewCardState {
  const first = new Date(NOW.getTime() - (daysAgo + 1) * DAY);
  return rateCard(rateCard(newReviewCard(first), 'good', first), 'good', new Date(NOW.getTime() - daysAgo * DAY));
}

describe('readiness from FSRS retrievability', () => {
  test('retrievability is 0 for a new card, near 1 just after a review, and falls with time', () => {
    const card = reviewedCard(0);

    expect(retrievability(newReviewCard(NOW), NOW)).toBe(0);
    expect(retrievability(card, NOW)).toBeCloseTo(1, 2);
    expect(retrievability(card, new Date(NOW.getTime() + 30 * DAY))).toBeLessThan(retrievability(card, new Date(NOW.getTime() + 3 * DAY)));
  });

  test('a topic is the mean retrievability over all its items, unreviewed items counting 0', () => {
    const items = [
      { id: 'a', tags: ['aws/ec2'] },
      { id: 'b', tags: ['aws/ec2'] },
      { id: 'c', tags: ['aws/ec2'] },
      { id: 'd', tags: ['aws/ec2'] },
    ];
    const cards = new Map([
      ['a', reviewedCard(0)],
      ['b', reviewedCard(0)],
    ]);

    const { topics } = estimateReadiness(items, cards, NOW);

    const ec2 = topics.find((t) => t.topic === 'aws/ec2');
    expect(ec2).toMatchObject({ items: 4, studied: 2, level: 'building' });
    expect(ec2?.readiness).toBeCloseTo(0.5, 2);
  });

  test('nested tags roll up to their parents, and the weakest topic comes first', () => {
    const items = [
      { id: 'ami-1', tags: ['aws/ec2/ami'] },
      { id: 'ebs-1', tags: ['aws/ebs'] },
      { id: 'ebs-2', tags: ['AWS/EBS'] },
    ];
    const cards = new Map([['ami-1', reviewedCard(0)]]);

    const { overall, topics } = estimateReadiness(items, cards, NOW);

    expect(topics.map((t) => [t.topic, t.items, t.studied])).toEqual([
      ['aws/ebs', 2, 0],
      ['aws', 3, 1],
      ['aws/ec2', 1, 1],
      ['aws/ec2/ami', 1, 1],
    ]);
    expect(topics[0]?.level).toBe('not-started');
    expect(topics[3]?.level).toBe('ready');
    expect(overall).toMatchObject({ topic: 'All topics', items: 3, studied: 1 });
    expect(overall.readiness).toBeCloseTo(1 / 3, 2);
  });

  test('levels: ready from 85 %, nearly from 60 %, and nothing studied is "not started"', () => {
    expect([readinessLevel(0.9, 3), readinessLevel(0.7, 3), readinessLevel(0.2, 1), readinessLevel(0, 0)]).toEqual(['ready', 'nearly', 'building', 'not-started']);
  });
});
