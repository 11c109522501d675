import { Dexie } from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../src/storage/db';
import { readProgress } from '../../../src/storage/progress-transfer';
import { openLabDatabase } from '../../../src/storage/lab-db';
import { recordLessonOpened, setLessonDone } from '../../../src/storage/lesson-progress';
import { attempt, lesson, T0 } from './progress-builders';

/**
 * Browsers out there hold databases written by every released schema. These tests write one with
 * the first released schema, exactly as it was committed (bfda977: version 1, lessonProgress only),
 * fill it with the records that version wrote, and open it with today's db.ts.
 */
const V1_STORES = { lessonProgress: 'slug, updatedAt, doneAt' };

/** What the first release wrote: lessons opened, done, done then un-marked. */
const V1_RECORDS = [
  { slug: 'amazon-machine-images-ami', firstOpenedAt: T0, lastOpenedAt: T0 + 3_600_000, doneAt: T0 + 3_600_000, updatedAt: T0 + 3_600_000 },
  { slug: 'regions-and-availability-zones', firstOpenedAt: T0 + 60_000, lastOpenedAt: T0 + 60_000, doneAt: null, updatedAt: T0 + 60_000 },
  { slug: 'ebs-snapshots-restore-and-fast-snapshot-restore-fsr', firstOpenedAt: T0, lastOpenedAt: T0 + 7_200_000, doneAt: null, updatedAt: T0 + 7_200_000 },
  { slug: 'folder/nested-note', firstOpenedAt: T0, lastOpenedAt: T0, doneAt: T0, updatedAt: T0 },
];

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

async function writeVersion1Database(name: string): Promise<void> {
  names.push(name);
  const v1 = new Dexie(name);
  v1.version(1).stores(V1_STORES);
  await v1.table('lessonProgress').bulkPut(V1_RECORDS);
  v1.close();
}

describe('upgrading from the first released schema', () => {
  test('every lesson record written by version 1 is there, unchanged, after the upgrade', async () => {
    await writeVersion1Database('upgrade-v1-records');

    const db = openDatabase('upgrade-v1-records');
    const records = await db.lessonProgress.orderBy('slug').toArray();
    db.close();

    expect(records).toEqual([...V1_RECORDS].sort((a, b) => a.slug.localeCompare(b.slug)));
  });

  test('the upgraded database has every table and index of the current schema, and the old indexes still answer', async () => {
    await writeVersion1Database('upgrade-v1-schema');

    const db = openDatabase('upgrade-v1-schema');
    await db.open();
    const schema = db.tables.map((t) => [t.name, t.schema.primKey.src, t.schema.indexes.map((i) => i.src).sort()]).sort();
    const done = await db.lessonProgress.where('doneAt').above(0).primaryKeys();
    db.close();

    expect(db.verno).toBe(3);
    expect(schema).toEqual([
      ['examAttempts', 'id', ['updatedAt']],
      ['examResults', '++id', ['finishedAt']],
      ['lessonProgress', 'slug', ['doneAt', 'updatedAt']],
      ['quizAttempts', '++id', ['answeredAt', 'lessonSlug', 'questionId']],
      ['reviewCards', 'questionId', ['card.due']],
    ]);
    expect(done.sort()).toEqual(['amazon-machine-images-ami', 'folder/nested-note']);
  });

  test("after the upgrade the old records keep working with today's code and export in full", async () => {
    await writeVersion1Database('upgrade-v1-use');
    names.push('upgrade-v1-use-lab');

    const db = openDatabase('upgrade-v1-use');
    const labDb = openLabDatabase('upgrade-v1-use-lab');
    await setLessonDone(db, 'regions-and-availability-zones', true, T0 + 9_000_000);
    await recordLessonOpened(db, 'amazon-machine-images-ami', T0 + 9_000_000);
    await db.quizAttempts.add(attempt('q1', T0 + 9_000_000));
    const exported = await readProgress(db, labDb);
    db.close();
    labDb.close();

    expect(exported.study.lessonProgress).toHaveLength(4);
    expect(exported.study.lessonProgress.find((l) => l.slug === 'regions-and-availability-zones')).toEqual({
      ...lesson('regions-and-availability-zones', T0 + 9_000_000, T0 + 9_000_000),
      firstOpenedAt: T0 + 60_000,
      lastOpenedAt: T0 + 60_000,
    });
    expect(exported.study.lessonProgress.find((l) => l.slug === 'amazon-machine-images-ami')).toMatchObject({
      firstOpenedAt: T0,
      doneAt: T0 + 3_600_000,
      lastOpenedAt: T0 + 9_000_000,
    });
    expect(exported.study.quizAttempts).toEqual([attempt('q1', T0 + 9_000_000)]);
  });
});
