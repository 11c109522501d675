import { Dexie } from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase, type AmiLabDatabase } from '../../../src/storage/db';
import { deleteExamAttempt, finishExamAttempt, loadExamAttempt, saveExamAttempt } from '../../../src/storage/exam-attempts';
import { listExamResults } from '../../../src/storage/exam-results';
import type { ExamAttemptRecord } from '../../../src/storage/records';

const opened: Dexie[] = [];
let counter = 0;
function freshDb(): AmiLabDatabase {
  counter += 1;
  const db = openDatabase(`exam-attempt-test-${counter}`);
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
function attempt(overrides: Partial<ExamAttemptRecord> = {}): ExamAttemptRecord {
  return {
    id: `${T0}-a`,
    mode: 'full',
    tags: [],
    questionIds: ['q-1', 'q-2', 'q-3'],
    answers: { 'q-1': { kind: 'choice', selected: ['b'] }, 'q-3': { kind: 'choice', selected: ['a', 'c'] } },
    flagged: ['q-2'],
    current: 1,
    startedAt: T0,
    durationMs: 130 * 60_000,
    timeLeftMs: 100 * 60_000,
    updatedAt: T0 + 30 * 60_000,
    ...overrides,
  };
}

describe('the exam in progress survives a reload', () => {
  test('what was saved comes back as it was: questions, answers, flags, position, start time and time left', async () => {
    const db = freshDb();
    await saveExamAttempt(db, attempt());

    expect(await loadExamAttempt(db)).toEqual({ kind: 'found', attempt: attempt() });
  });

  test('a later save replaces the earlier one, and a new exam replaces the one before it', async () => {
    const db = freshDb();
    await saveExamAttempt(db, attempt());
    await saveExamAttempt(db, attempt({ current: 2, timeLeftMs: 90 * 60_000, updatedAt: T0 + 40 * 60_000 }));
    expect(await loadExamAttempt(db)).toMatchObject({ kind: 'found', attempt: { current: 2, timeLeftMs: 90 * 60_000 } });

    await saveExamAttempt(db, attempt({ id: 'second', mode: 'custom', tags: ['aws/ec2'], updatedAt: T0 + 50 * 60_000 }));

    expect(await db.examAttempts.count()).toBe(1);
    expect(await loadExamAttempt(db)).toMatchObject({ kind: 'found', attempt: { id: 'second', mode: 'custom' } });
  });

  test('nothing saved reads as none; a discarded attempt is gone', async () => {
    const db = freshDb();
    expect(await loadExamAttempt(db)).toEqual({ kind: 'none' });
    await saveExamAttempt(db, attempt());

    await deleteExamAttempt(db, attempt().id);

    expect(await loadExamAttempt(db)).toEqual({ kind: 'none' });
  });

  test('a record that no longer fits the schema is reported with its path, never resumed', async () => {
    const db = freshDb();
    await db.examAttempts.put({ ...attempt(), answers: { 'q-1': { kind: 'essay', text: '?' } } } as unknown as ExamAttemptRecord);

    const loaded = await loadExamAttempt(db);

    expect(loaded).toMatchObject({ kind: 'unreadable', id: attempt().id });
    if (loaded.kind === 'unreadable') expect(loaded.problem).toMatch(/^answers\.q-1/);
  });

  test('an invalid attempt is refused on save', async () => {
    const db = freshDb();
    await expect(saveExamAttempt(db, attempt({ questionIds: [] }))).rejects.toThrow();
    expect(await db.examAttempts.count()).toBe(0);
  });

  test('finishing stores the result and removes the attempt in one go', async () => {
    const db = freshDb();
    await saveExamAttempt(db, attempt());

    await finishExamAttempt(db, attempt().id, {
      startedAt: T0,
      finishedAt: T0 + 60 * 60_000,
      tags: [],
      mode: 'full',
      correct: 1,
      total: 3,
      percent: 33,
      byDomain: [{ label: 'Design Secure Architectures', correct: 1, total: 3 }],
      byTag: [],
      byNote: [],
      items: [],
    });

    expect(await loadExamAttempt(db)).toEqual({ kind: 'none' });
    expect(await listExamResults(db)).toMatchObject([{ mode: 'full', correct: 1, byDomain: [{ label: 'Design Secure Architectures' }] }]);
  });

  test('a version-2 database (before attempts were kept) upgrades and keeps its exam results', async () => {
    const name = 'exam-attempt-upgrade';
    const v2 = new Dexie(name);
    v2.version(1).stores({ lessonProgress: 'slug, updatedAt, doneAt' });
    v2.version(2).stores({ quizAttempts: '++id, questionId, lessonSlug, answeredAt', reviewCards: 'questionId, card.due', examResults: '++id, finishedAt' });
    await v2.table('examResults').add({ startedAt: T0, finishedAt: T0 + 1, tags: [], correct: 1, total: 2, percent: 50, byTag: [], byNote: [], items: [] });
    v2.close();

    const db = openDatabase(name);
    opened.push(db);

    expect(await listExamResults(db)).toHaveLength(1);
    expect(await loadExamAttempt(db)).toEqual({ kind: 'none' });
    expect(db.verno).toBe(3);
  });
});
