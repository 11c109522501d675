import { Dexie } from 'dexie';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { openDatabase, type AmiLabDatabase } from '../../../src/storage/db';
import { openEmbedDatabase, recordEmbedAttempt, type EmbedDatabase } from '../../../src/storage/embed-attempts';
import { openLabDatabase, type LabDatabase } from '../../../src/storage/lab-db';
import { buildProgressFile, parseProgressFile } from '../../../src/storage/progress-file';
import { deleteAllProgress, importProgress, readProgress } from '../../../src/storage/progress-transfer';
import { attempt, exam, labProgress, lesson, MINUTE, progress, reviewCard, T0 } from './progress-builders';

const opened: Dexie[] = [];
let counter = 0;
function databases(): { db: AmiLabDatabase; labDb: LabDatabase; embedDb: EmbedDatabase } {
  counter += 1;
  const db = openDatabase(`transfer-${counter}`);
  const labDb = openLabDatabase(`transfer-lab-${counter}`);
  const embedDb = openEmbedDatabase(`transfer-embed-${counter}`);
  opened.push(db, labDb, embedDb);
  return { db, labDb, embedDb };
}
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function seed({ db, labDb }: { db: AmiLabDatabase; labDb: LabDatabase }): Promise<void> {
  await db.lessonProgress.bulkPut([lesson('ami', T0, T0), lesson('ebs', T0 + MINUTE)]);
  await db.quizAttempts.bulkAdd([attempt('q1', T0), attempt('q2', T0 + MINUTE, 'incorrect')]);
  await db.reviewCards.put(reviewCard('q1', T0));
  await db.examResults.add(exam(T0, 8, 10));
  await labDb.progress.put(labProgress('bake-an-ami', T0, T0));
  await labDb.sessions.put({
    slot: 'sandbox',
    world: '{}',
    commandHistory: ['aws ec2 describe-images'],
    transcript: [],
    view: { accountId: '111122223333', region: 'us-east-1', speed: 1, running: false, selectedId: null },
    ownerTab: 'tab-1',
    updatedAt: T0,
    revision: 1,
  });
}

describe('export, delete all, import', () => {
  test('everything exported comes back after deleting all and importing the file', async () => {
    const browser = databases();
    await seed(browser);
    const before = await readProgress(browser.db, browser.labDb);
    const text = JSON.stringify(buildProgressFile(before, new Date(T0)));

    await deleteAllProgress(browser.db, browser.labDb, browser.embedDb);
    expect(await readProgress(browser.db, browser.labDb)).toEqual(progress({}));
    const parsed = parseProgressFile(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const result = await importProgress(browser.db, browser.labDb, parsed.file);

    expect(result).toMatchObject({
      ok: true,
      report: { lessonProgress: { added: 2 }, quizAttempts: { added: 2 }, reviewCards: { added: 1 }, examResults: { added: 1 }, labProgress: { added: 1 } },
    });
    expect(await readProgress(browser.db, browser.labDb)).toEqual(before);
  });

  test('importing into another browser merges: newer records win, events are added once', async () => {
    const other = databases();
    await other.db.lessonProgress.bulkPut([lesson('ami', T0 + 5 * MINUTE), lesson('kms', T0)]);
    await other.db.quizAttempts.add(attempt('q1', T0));
    const file = buildProgressFile(progress({ lessons: [lesson('ami', T0, T0), lesson('ebs', T0)], attempts: [attempt('q1', T0), attempt('q3', T0)] }), new Date(T0));

    const result = await importProgress(other.db, other.labDb, file);

    expect(result).toMatchObject({ ok: true, report: { lessonProgress: { added: 1, updated: 0, kept: 1 }, quizAttempts: { added: 1, kept: 1 } } });
    expect((await other.db.lessonProgress.toArray()).map((l) => [l.slug, l.updatedAt])).toEqual([
      ['ami', T0 + 5 * MINUTE],
      ['ebs', T0],
      ['kms', T0],
    ]);
    expect(await other.db.quizAttempts.count()).toBe(2);
  });

  test('a write that fails part-way through an import changes nothing in that database', async () => {
    const browser = databases();
    await browser.db.lessonProgress.put(lesson('ami', T0));
    vi.spyOn(browser.db.examResults, 'bulkAdd').mockRejectedValue(new Error('disk full'));
    const file = buildProgressFile(
      progress({ lessons: [lesson('ami', T0 + MINUTE, T0 + MINUTE), lesson('ebs', T0)], attempts: [attempt('q1', T0)], exams: [exam(T0, 1, 2)] }),
      new Date(T0),
    );

    const result = await importProgress(browser.db, browser.labDb, file);

    expect(result).toEqual({ ok: false, message: 'The import failed and nothing was changed (disk full).', report: null, cause: new Error('disk full') });
    expect(await browser.db.lessonProgress.toArray()).toEqual([lesson('ami', T0)]);
    expect(await browser.db.quizAttempts.count()).toBe(0);
  });

  test('delete all empties the study, lab and embed databases, lab worlds included', async () => {
    const browser = databases();
    await seed(browser);
    await recordEmbedAttempt(browser.embedDb, {
      quizId: 'lesson:ami',
      questionId: 'q1',
      answer: { kind: 'choice', selected: ['a'] },
      outcome: 'correct',
      answeredAt: T0,
      hostOrigin: null,
    });

    await deleteAllProgress(browser.db, browser.labDb, browser.embedDb);

    const counts = await Promise.all([browser.db, browser.labDb, browser.embedDb].flatMap((d) => d.tables.map((t) => t.count())));
    expect(counts.every((n) => n === 0)).toBe(true);
  });

  test('records another version of the site wrote that no longer fit are left out of the export', async () => {
    const browser = databases();
    await browser.db.lessonProgress.put(lesson('ami', T0));
    await browser.db.table('lessonProgress').put({ slug: 'broken', doneAt: 'yes' });

    expect((await readProgress(browser.db, browser.labDb)).study.lessonProgress.map((l) => l.slug)).toEqual(['ami']);
  });
});
