import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Dexie } from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { newReviewCard, rateCard } from '../../../src/learning/review-scheduler';
import { openDatabase } from '../../../src/storage/db';
import { validExamResults } from '../../../src/storage/exam-results';
import { pickExamAttempt } from '../../../src/storage/exam-attempts';
import { LAB_DATABASE_NAME, openLabDatabase } from '../../../src/storage/lab-db';
import * as z from '../../../src/simulator/model/zod';
import { labProgressSchema } from '../../../src/storage/lab-records';
import { DEXIE_CHANGE_CHANNEL, isLabProgressRecord, isReviewCardRecord, LAB_DATABASE, readRecords, readStores } from '../../../src/storage/read-only';
import { reviewCardRecordSchema } from '../../../src/storage/records';
import { loadReviewCards, saveReviewCard } from '../../../src/storage/review-cards';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('read-only look into IndexedDB (first paint without Dexie)', () => {
  test('a database that does not exist reads as null and is not created', async () => {
    expect(await readStores('read-only-missing', ['lessonProgress'])).toBeNull();
    expect((await indexedDB.databases()).some((d) => d.name === 'read-only-missing')).toBe(false);
  });

  test('reads what Dexie wrote, a store the database lacks as empty, and leaves Dexie free to write after', async () => {
    names.push('read-only-study');
    const db = openDatabase('read-only-study');
    const now = new Date(2026, 0, 1, 9);
    await saveReviewCard(db, 'q1', rateCard(newReviewCard(now), 'good', now), now.getTime());
    await db.lessonProgress.put({ slug: 'ami', firstOpenedAt: 1, lastOpenedAt: 2, doneAt: null, updatedAt: 2 });
    const rows = await readStores('read-only-study', ['lessonProgress', 'reviewCards', 'noSuchStore']);
    expect(rows?.lessonProgress).toEqual([{ slug: 'ami', firstOpenedAt: 1, lastOpenedAt: 2, doneAt: null, updatedAt: 2 }]);
    expect(rows?.reviewCards.filter(isReviewCardRecord).map((r) => r.questionId)).toEqual([...(await loadReviewCards(db)).keys()]);
    expect(rows?.noSuchStore).toEqual([]);
    await db.lessonProgress.put({ slug: 'ec2', firstOpenedAt: 3, lastOpenedAt: 3, doneAt: 3, updatedAt: 3 });
    db.close();
  });

  test('readRecords reads one key of each store as Dexie wrote it, and creates no database that is missing', async () => {
    expect(await readRecords('read-only-missing-lab', ['sessions', 'progress'], 'bake-an-ami')).toEqual({});
    expect((await indexedDB.databases()).some((d) => d.name === 'read-only-missing-lab')).toBe(false);
    names.push('read-only-lab');
    const db = openLabDatabase('read-only-lab');
    const progress = { slug: 'bake-an-ami', goalsMet: { launched: 5 }, hintsRevealed: 1, startedAt: 1, completedAt: null, updatedAt: 5 };
    await db.progress.put(progress);
    await db.progress.put({ ...progress, slug: 'other' });
    const rows = await readRecords('read-only-lab', ['sessions', 'progress', 'noSuchStore'], 'bake-an-ami');
    expect(rows).toEqual({ progress });
    db.close();
  });

  test('isReviewCardRecord keeps exactly the rows reviewCardRecordSchema accepts', () => {
    const number = fc.oneof(fc.double(), fc.integer(), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY), fc.constant(2 ** 60));
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(undefined), fc.constant(null), fc.string());
    const card = fc.record({
      due: maybe(number),
      stability: maybe(number),
      difficulty: maybe(number),
      elapsedDays: maybe(number),
      scheduledDays: maybe(number),
      learningSteps: maybe(number),
      reps: maybe(number),
      lapses: maybe(number),
      state: maybe(fc.oneof(fc.integer({ min: -1, max: 4 }), number)),
      lastReview: maybe(number),
    });
    const row = fc.oneof(fc.record({ questionId: maybe(fc.string()), card: maybe(card), updatedAt: maybe(number), introducedAt: maybe(number) }), fc.anything());
    fc.assert(
      fc.property(row, (value) => {
        expect(isReviewCardRecord(value)).toBe(reviewCardRecordSchema.safeParse(value).success);
      }),
      { numRuns: 2000 },
    );
    const valid = { questionId: 'q', card: { ...rateCard(newReviewCard(new Date(0)), 'good', new Date(0)) }, updatedAt: 1, introducedAt: 1 };
    expect(isReviewCardRecord(valid)).toBe(true);
  });

  test('isLabProgressRecord keeps exactly the rows labProgressSchema accepts', () => {
    const number = fc.oneof(fc.double(), fc.integer(), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY), fc.constant(2 ** 60), fc.constant(-1));
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(undefined), fc.constant(null), fc.string());
    const goals = fc.oneof(fc.dictionary(fc.string(), maybe(number)), fc.array(number), fc.constant({}));
    const row = fc.oneof(
      fc.record({ slug: maybe(fc.string()), goalsMet: maybe(goals), hintsRevealed: maybe(number), startedAt: maybe(number), completedAt: maybe(number), updatedAt: maybe(number) }),
      fc.anything(),
    );
    fc.assert(
      fc.property(row, (value) => {
        expect(isLabProgressRecord(value)).toBe(z.safeParse(labProgressSchema, value).success);
      }),
      { numRuns: 2000 },
    );
    expect(isLabProgressRecord({ slug: 'bake-an-ami', goalsMet: { launched: 5 }, hintsRevealed: 1, startedAt: 1, completedAt: null, updatedAt: 5 })).toBe(true);
  });

  test('the names it relies on are the ones storage and Dexie use', () => {
    expect(LAB_DATABASE).toBe(LAB_DATABASE_NAME);
    const dexie = readFileSync(
      createRequire(import.meta.url)
        .resolve('dexie')
        .replace(/dexie\.js$/, 'modern/dexie.mjs'),
      'utf8',
    );
    expect(dexie).toContain(`STORAGE_MUTATED_DOM_EVENT_NAME = '${DEXIE_CHANGE_CHANNEL}'`);
  });

  test('exam attempt and results read from raw rows as loadExamAttempt and listExamResults do', () => {
    expect(pickExamAttempt([])).toEqual({ kind: 'none' });
    const attempt = (id: string, updatedAt: number) => ({
      id,
      mode: 'custom',
      tags: [],
      questionIds: ['q'],
      answers: {},
      flagged: [],
      current: 0,
      startedAt: 1,
      durationMs: 60_000,
      timeLeftMs: 60_000,
      updatedAt,
    });
    expect(pickExamAttempt([attempt('old', 1), attempt('new', 5), { id: 'no-date' }])).toMatchObject({ kind: 'found', attempt: { id: 'new' } });
    expect(pickExamAttempt([{ ...attempt('bad', 9), questionIds: [] }])).toMatchObject({ kind: 'unreadable', id: 'bad' });
    const result = (finishedAt: number) => ({ startedAt: 0, finishedAt, tags: [], correct: 1, total: 1, percent: 100, byTag: [], byNote: [], items: [] });
    expect(validExamResults([result(10), { broken: true }, result(20)]).map((r) => r.finishedAt)).toEqual([20, 10]);
  });
});
