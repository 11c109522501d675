import { afterEach, expect, test, vi } from 'vitest';
import { openDatabase, reopenIfFailed } from '../../../src/storage/db';

afterEach(() => vi.restoreAllMocks());

test('a connection whose opening was refused opens again on Retry, once the browser allows storage', async () => {
  const db = openDatabase(`reopen-${crypto.randomUUID()}`);
  vi.spyOn(indexedDB, 'open').mockImplementationOnce(() => {
    throw new DOMException('The user denied permission to access the database.', 'SecurityError');
  });
  await expect(db.lessonProgress.count()).rejects.toThrow();
  // Dexie keeps a failed open failed: without reopening, storage that is back still looks refused.
  await expect(db.lessonProgress.count()).rejects.toThrow();

  await reopenIfFailed(db).lessonProgress.put({ slug: 'ami', firstOpenedAt: 1, lastOpenedAt: 1, doneAt: 1, updatedAt: 1 });

  expect(await db.lessonProgress.get('ami')).toMatchObject({ doneAt: 1 });
  db.close();
});

test('a connection that works is left open', async () => {
  const db = openDatabase(`reopen-${crypto.randomUUID()}`);
  await db.lessonProgress.count();
  expect(reopenIfFailed(db).isOpen()).toBe(true);
  db.close();
});
