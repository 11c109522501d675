import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase, type AmiLabDatabase } from '../../../src/storage/db';
import { getLessonProgress, listLessonProgress, recordLessonOpened, setLessonDone } from '../../../src/storage/lesson-progress';

let db: AmiLabDatabase;
const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);

beforeEach(() => {
  db = openDatabase(`lesson-progress-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('lesson progress', () => {
  test('the first visit records when the lesson was opened; later visits only move lastOpenedAt', async () => {
    await recordLessonOpened(db, 'ami', T0);
    await recordLessonOpened(db, 'ami', T0 + 60_000);
    expect(await getLessonProgress(db, 'ami')).toEqual({ slug: 'ami', firstOpenedAt: T0, lastOpenedAt: T0 + 60_000, doneAt: null, updatedAt: T0 + 60_000 });
  });

  test('marking done keeps the first time it was done, and un-marking clears it', async () => {
    await setLessonDone(db, 'ami', true, T0);
    await setLessonDone(db, 'ami', true, T0 + 1000);
    expect((await getLessonProgress(db, 'ami'))?.doneAt).toBe(T0);
    await setLessonDone(db, 'ami', false, T0 + 2000);
    expect(await getLessonProgress(db, 'ami')).toMatchObject({ doneAt: null, updatedAt: T0 + 2000, firstOpenedAt: T0 });
  });

  test('progress survives closing and reopening the database', async () => {
    const name = db.name;
    await setLessonDone(db, 'ebs', true, T0);
    db.close();
    const reopened = openDatabase(name);
    expect(await listLessonProgress(reopened)).toEqual([expect.objectContaining({ slug: 'ebs', doneAt: T0 })]);
    db = reopened;
  });
});
