import { Dexie } from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { newReviewCard, rateCard } from '../../../src/learning/review-scheduler';
import { openDatabase, type AmiLabDatabase } from '../../../src/storage/db';
import { recordAnswerAndSchedule } from '../../../src/storage/quiz-answers';
import { loadReviewCards } from '../../../src/storage/review-cards';

const opened: Dexie[] = [];
let counter = 0;
function freshDb(): AmiLabDatabase {
  counter += 1;
  const db = openDatabase(`quiz-answers-test-${counter}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const schedule = (rating: 'again' | 'good', at: number) => (card: ReturnType<typeof newReviewCard> | undefined) =>
  rateCard(card ?? newReviewCard(new Date(at)), rating, new Date(at));

describe('a lesson-quiz answer schedules its question for review', () => {
  test('a wrong answer is stored with an Again card, due in a minute; the first answer sets when it was introduced', async () => {
    const db = freshDb();
    const attempt = {
      questionId: 'q-1',
      lessonSlug: 'ami',
      context: 'lesson' as const,
      answer: { kind: 'choice' as const, selected: ['b'] },
      outcome: 'incorrect' as const,
      answeredAt: T0,
    };

    await recordAnswerAndSchedule(db, attempt, schedule('again', T0));

    const cards = await loadReviewCards(db);
    expect(await db.quizAttempts.count()).toBe(1);
    expect(cards.get('q-1')).toMatchObject({ introducedAt: T0, updatedAt: T0, card: { due: T0 + 60_000, reps: 1 } });
  });

  test('a later right answer rates the same card Good and keeps when it was introduced', async () => {
    const db = freshDb();
    const base = { questionId: 'q-1', lessonSlug: 'ami', context: 'lesson' as const, answer: { kind: 'choice' as const, selected: ['a'] } };
    await recordAnswerAndSchedule(db, { ...base, outcome: 'incorrect', answeredAt: T0 }, schedule('again', T0));

    await recordAnswerAndSchedule(db, { ...base, outcome: 'correct', answeredAt: T0 + 120_000 }, schedule('good', T0 + 120_000));

    const card = (await loadReviewCards(db)).get('q-1');
    expect(card).toMatchObject({ introducedAt: T0, updatedAt: T0 + 120_000, card: { reps: 2 } });
    expect(card?.card.due).toBeGreaterThan(T0 + 120_000 + 60_000);
    expect(await db.quizAttempts.count()).toBe(2);
  });

  test('when the card cannot be written, the answer is not stored either (a retry writes both once)', async () => {
    const db = freshDb();
    const attempt = {
      questionId: 'q-1',
      lessonSlug: 'ami',
      context: 'lesson' as const,
      answer: { kind: 'choice' as const, selected: ['b'] },
      outcome: 'incorrect' as const,
      answeredAt: T0,
    };

    await expect(
      recordAnswerAndSchedule(db, attempt, () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');

    expect(await db.quizAttempts.count()).toBe(0);
    expect(await db.reviewCards.count()).toBe(0);
  });
});
