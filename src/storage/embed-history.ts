/** Reading embedded answers back, validated (see quiz-history.ts for why). */
import type { EmbedDatabase } from './embed-attempts';
import { embedAttemptSchema, type EmbedAttemptRecord } from './records';

export async function listEmbedAttempts(db: EmbedDatabase, quizId: string): Promise<EmbedAttemptRecord[]> {
  const rows = await db.embedAttempts.where('quizId').equals(quizId).sortBy('answeredAt');
  return rows.flatMap((row) => {
    const parsed = embedAttemptSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}
