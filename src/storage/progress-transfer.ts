/**
 * Export, import and "delete all my data": the Dexie side of progress-file.ts and progress-merge.ts.
 *
 * An import is one read-write transaction per database: the current records are read, the merge
 * is planned and written inside it, so a failure part-way (quota, a closed tab, a bug) rolls the
 * whole database back, and a write from another tab cannot slip in between the read and the write.
 * The study database is imported before the lab database; IndexedDB has no transaction across
 * two databases, so if the second fails the result says that the first was imported.
 */
import type { Dexie } from 'dexie';
import type { AmiLabDatabase } from './db';
import type { EmbedDatabase } from './embed-attempts';
import type { LabDatabase } from './lab-db';
import { planMerge, type MergeReport } from './progress-merge';
import { emptyProgressData, labProgressRecordSchema, type ProgressData, type ProgressFile } from './progress-file';
import { examResultSchema, lessonProgressRecordSchema, quizAttemptSchema, reviewCardRecordSchema } from './records';
import { classifyStorageFailure } from './storage-health';
import type { z } from 'zod';

function valid<S extends z.ZodType>(schema: S, rows: readonly unknown[]): Array<z.infer<S>> {
  // Rows written by another version of the site that no longer fit are left out, never trusted.
  return rows.flatMap((row) => {
    const parsed = schema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

function withoutId<T extends { id?: number | undefined }>(record: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = record;
  return rest;
}

async function readStudyTables(db: AmiLabDatabase): Promise<ProgressData['study']> {
  const [lessonProgress, quizAttempts, reviewCards, examResults] = await Promise.all([
    db.lessonProgress.toArray(),
    db.quizAttempts.orderBy('answeredAt').toArray(),
    db.reviewCards.toArray(),
    db.examResults.orderBy('finishedAt').toArray(),
  ]);
  return studyProgressFromRows({ lessonProgress, quizAttempts, reviewCards, examResults });
}

/**
 * The study records among stored rows, validated, answers and exams oldest first: what
 * readStudyProgress returns, for the progress page's first paint, which reads the rows without
 * Dexie (storage/read-only.ts).
 */
export function studyProgressFromRows(rows: Record<keyof ProgressData['study'], readonly unknown[]>): ProgressData['study'] {
  return {
    lessonProgress: valid(lessonProgressRecordSchema, rows.lessonProgress),
    quizAttempts: valid(quizAttemptSchema, rows.quizAttempts)
      .sort((a, b) => a.answeredAt - b.answeredAt)
      .map(withoutId),
    reviewCards: valid(reviewCardRecordSchema, rows.reviewCards),
    examResults: valid(examResultSchema, rows.examResults)
      .sort((a, b) => a.finishedAt - b.finishedAt)
      .map(withoutId),
  };
}

/** The lab's scenario progress among stored rows, validated (what readLabProgress returns). */
export function labProgressFromRows(rows: readonly unknown[]): ProgressData['lab'] {
  return { scenarioProgress: valid(labProgressRecordSchema, rows) };
}

/** The study database's records, validated, read in one transaction (one consistent moment). */
export async function readStudyProgress(db: AmiLabDatabase): Promise<ProgressData['study']> {
  return db.transaction('r', [db.lessonProgress, db.quizAttempts, db.reviewCards, db.examResults], () => readStudyTables(db));
}

/** The lab database's scenario progress, validated. */
export async function readLabProgress(labDb: LabDatabase): Promise<ProgressData['lab']> {
  return labProgressFromRows(await labDb.progress.toArray());
}

/** Everything the progress file carries, each database read in one transaction. */
export async function readProgress(db: AmiLabDatabase, labDb: LabDatabase): Promise<ProgressData> {
  return { study: await readStudyProgress(db), lab: await readLabProgress(labDb) };
}

export type ImportResult =
  | { ok: true; report: MergeReport }
  | {
      ok: false;
      message: string;
      /** What was imported before the failure, if anything. */
      report: MergeReport | null;
      /** The storage error, so the page can tell a full disk from refused storage and retry. */
      cause: unknown;
    };

function emptyReport(): MergeReport {
  const zero = () => ({ added: 0, updated: 0, kept: 0 });
  return { lessonProgress: zero(), quizAttempts: zero(), reviewCards: zero(), examResults: zero(), labProgress: zero() };
}

function reason(error: unknown): string {
  if (classifyStorageFailure(error) === 'full') return 'the browser’s storage is full';
  return error instanceof Error ? error.message || error.name : String(error);
}

/** Merges a parsed progress file into both databases (newer record wins; see progress-merge.ts). */
export async function importProgress(db: AmiLabDatabase, labDb: LabDatabase, file: ProgressFile): Promise<ImportResult> {
  const report = emptyReport();
  try {
    await db.transaction('rw', [db.lessonProgress, db.quizAttempts, db.reviewCards, db.examResults], async () => {
      const current = { ...emptyProgressData(), study: await readStudyTables(db) };
      const plan = planMerge(current, { ...file, lab: { scenarioProgress: [] } });
      await db.lessonProgress.bulkPut(plan.lessonProgress);
      await db.reviewCards.bulkPut(plan.reviewCards);
      await db.quizAttempts.bulkAdd(plan.quizAttempts.map((a) => ({ ...a })));
      await db.examResults.bulkAdd(plan.examResults.map((r) => ({ ...r })));
      Object.assign(report, {
        lessonProgress: plan.report.lessonProgress,
        quizAttempts: plan.report.quizAttempts,
        reviewCards: plan.report.reviewCards,
        examResults: plan.report.examResults,
      });
    });
  } catch (error) {
    return { ok: false, message: `The import failed and nothing was changed (${reason(error)}).`, report: null, cause: error };
  }
  try {
    await labDb.transaction('rw', labDb.progress, async () => {
      const current = { ...emptyProgressData(), lab: await readLabProgress(labDb) };
      const plan = planMerge(current, { study: emptyProgressData().study, lab: file.lab });
      await labDb.progress.bulkPut(plan.labProgress);
      report.labProgress = plan.report.labProgress;
    });
  } catch (error) {
    return { ok: false, message: `Study progress was imported, but lab progress could not be (${reason(error)}); import the same file again to finish.`, report, cause: error };
  }
  return { ok: true, report };
}

/**
 * Deletes everything AMI Lab keeps in this browser: every table of the study database, the lab's
 * database (worlds, console history, scenario progress, settings) and embedded-quiz answers.
 * Tables are cleared rather than the databases deleted, so other open tabs keep working and their
 * live queries see the change at once (deleting a database would wait for them to close).
 */
export async function deleteAllProgress(db: AmiLabDatabase, labDb: LabDatabase, embedDb: EmbedDatabase): Promise<void> {
  const databases: Dexie[] = [db, labDb, embedDb];
  for (const database of databases) {
    await database.transaction('rw', database.tables, () => Promise.all(database.tables.map((table) => table.clear())));
  }
}
