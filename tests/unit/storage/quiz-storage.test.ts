import { afterEach, describe, expect, test } from 'vitest';
import { newReviewCard, rateCard } from '../../../src/learning/review-scheduler';
import { openDatabase, type AmiLabDatabase } from '../../../src/storage/db';
import { openEmbedDatabase, recordEmbedAttempt } from '../../../src/storage/embed-attempts';
import { listEmbedAttempts } from '../../../src/storage/embed-history';
import { listExamResults, saveExamResult } from '../../../src/storage/exam-results';
import { recordQuizAttempt } from '../../../src/storage/quiz-attempts';
import { latestAttemptsForLesson } from '../../../src/storage/quiz-history';
import { loadReviewCards, saveReviewCard } from '../../../src/storage/review-cards';
import { Dexie } from 'dexie';

const opened: Dexie[] = [];
let counter = 0;
function freshDb(): AmiLabDatabase {
  counter += 1;
  const db = openDatabase(`quiz-test-${counter}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('quiz storage', () => {
  test('a version-1 database (lesson progress only) upgrades to the current version and keeps its records', async () => {
    const name = 'quiz-test-upgrade';
    const v1 = new Dexie(name);
    v1.version(1).stores({ lessonProgress: 'slug, updatedAt, doneAt' });
    await v1.table('lessonProgress').put({ slug: 'ami', firstOpenedAt: 1, lastOpenedAt: 1, doneAt: null, updatedAt: 1 });
    v1.close();
    const db = openDatabase(name);
    opened.push(db);
    expect(await db.lessonProgress.get('ami')).toMatchObject({ slug: 'ami' });
    expect(db.verno).toBe(3);
    expect(await db.quizAttempts.count()).toBe(0);
  });

  test('attempts are kept per lesson, the latest per question wins, and bad records are skipped', async () => {
    const db = freshDb();
    await recordQuizAttempt(db, { questionId: 'q-1', lessonSlug: 'ami', context: 'lesson', answer: { kind: 'choice', selected: ['a'] }, outcome: 'incorrect', answeredAt: 100 });
    await recordQuizAttempt(db, { questionId: 'q-1', lessonSlug: 'ami', context: 'lesson', answer: { kind: 'choice', selected: ['b'] }, outcome: 'correct', answeredAt: 200 });
    await db.quizAttempts.add({ questionId: 'q-2', lessonSlug: 'ami', answeredAt: 300 } as never);
    const latest = await latestAttemptsForLesson(db, 'ami');
    expect([...latest.keys()]).toEqual(['q-1']);
    expect(latest.get('q-1')).toMatchObject({ outcome: 'correct', answeredAt: 200 });
  });

  test('review cards survive a reopen with their FSRS state and first-introduced time', async () => {
    const db = freshDb();
    const t0 = new Date('2026-03-02T09:00:00Z');
    const card = rateCard(newReviewCard(t0), 'good', t0);
    await saveReviewCard(db, 'q-1', card, t0.getTime());
    await saveReviewCard(db, 'q-1', rateCard(card, 'good', new Date(card.due)), card.due);
    db.close();
    const reopened = openDatabase(db.name);
    opened.push(reopened);
    const cards = await loadReviewCards(reopened);
    expect(cards.get('q-1')).toMatchObject({ introducedAt: t0.getTime(), updatedAt: card.due, card: { reps: 2, state: 2 } });
  });

  test('exam results are listed newest first', async () => {
    const db = freshDb();
    const base = { startedAt: 0, tags: [], correct: 1, total: 2, percent: 50, byTag: [], byNote: [], items: [] };
    await saveExamResult(db, { ...base, finishedAt: 10 });
    await saveExamResult(db, { ...base, finishedAt: 20, correct: 2, percent: 100 });
    expect((await listExamResults(db)).map((r) => r.finishedAt)).toEqual([20, 10]);
  });

  test('embedded attempts go to their own database, not the study database', async () => {
    const study = freshDb();
    const embed = openEmbedDatabase('quiz-test-embed');
    opened.push(embed);
    await recordEmbedAttempt(embed, {
      quizId: 'lesson:ami',
      questionId: 'q-1',
      answer: { kind: 'choice', selected: ['a'] },
      outcome: 'correct',
      answeredAt: 5,
      hostOrigin: 'https://course.example',
    });
    expect(await listEmbedAttempts(embed, 'lesson:ami')).toHaveLength(1);
    expect(await study.quizAttempts.count()).toBe(0);
  });
});
