/** Finished practice exams, kept so the learner sees past results. */
import type { AmiLabDatabase } from './db';
import { examResultSchema, type ExamResultRecord } from './records';

export async function saveExamResult(db: AmiLabDatabase, result: Omit<ExamResultRecord, 'id'>): Promise<number> {
  // The table key is auto-incremented, so Dexie always returns the new id.
  return (await db.examResults.add(examResultSchema.parse(result))) as number;
}

/** Past results, newest first. */
export async function listExamResults(db: AmiLabDatabase): Promise<ExamResultRecord[]> {
  const rows = await db.examResults.orderBy('finishedAt').reverse().toArray();
  return rows.flatMap((row) => {
    const parsed = examResultSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}
