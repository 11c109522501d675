/** Finished practice exams, kept so the learner sees past results. */
import type { AmiLabDatabase } from './db';
import { examResultSchema, type ExamResultRecord } from './records';

export async function saveExamResult(db: AmiLabDatabase, result: Omit<ExamResultRecord, 'id'>): Promise<number> {
  // The table key is auto-incremented, so Dexie always returns the new id.
  return (await db.examResults.add(examResultSchema.parse(result))) as number;
}

/** Past results, newest first. */
export async function listExamResults(db: AmiLabDatabase): Promise<ExamResultRecord[]> {
  return validExamResults(await db.examResults.orderBy('finishedAt').reverse().toArray());
}

/**
 * The valid results among stored rows, newest first. Shared by listExamResults and the exam page's
 * first paint, which reads the rows without Dexie (storage/read-only.ts).
 */
export function validExamResults(rows: readonly unknown[]): ExamResultRecord[] {
  return rows
    .flatMap((row) => {
      const parsed = examResultSchema.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    })
    .sort((a, b) => b.finishedAt - a.finishedAt);
}
