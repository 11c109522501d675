/**
 * Lesson progress: opened and done. Time is passed in, so tests control it.
 */
import type { AmiLabDatabase, LessonProgressRecord } from './db';

/** Records a visit; the first visit also sets `firstOpenedAt`. */
export async function recordLessonOpened(db: AmiLabDatabase, slug: string, now: number): Promise<LessonProgressRecord> {
  return db.transaction('rw', db.lessonProgress, async () => {
    const existing = await db.lessonProgress.get(slug);
    const record: LessonProgressRecord = existing
      ? { ...existing, lastOpenedAt: now, updatedAt: now }
      : { slug, firstOpenedAt: now, lastOpenedAt: now, doneAt: null, updatedAt: now };
    await db.lessonProgress.put(record);
    return record;
  });
}

/** Marks a lesson done (or not done). Marking done also counts as having opened it. */
export async function setLessonDone(db: AmiLabDatabase, slug: string, done: boolean, now: number): Promise<LessonProgressRecord> {
  return db.transaction('rw', db.lessonProgress, async () => {
    const existing = await db.lessonProgress.get(slug);
    const record: LessonProgressRecord = {
      slug,
      firstOpenedAt: existing?.firstOpenedAt ?? now,
      lastOpenedAt: existing?.lastOpenedAt ?? now,
      doneAt: done ? (existing?.doneAt ?? now) : null,
      updatedAt: now,
    };
    await db.lessonProgress.put(record);
    return record;
  });
}

export async function getLessonProgress(db: AmiLabDatabase, slug: string): Promise<LessonProgressRecord | undefined> {
  return db.lessonProgress.get(slug);
}

export async function listLessonProgress(db: AmiLabDatabase): Promise<LessonProgressRecord[]> {
  return db.lessonProgress.toArray();
}
