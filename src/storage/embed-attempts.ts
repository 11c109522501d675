/**
 * Answers given in an embedded quiz (on an instructor's page) live in their own database, apart
 * from the learner's study progress: an embed is someone else's lesson, and its answers must not
 * move the learner's review schedule or lesson statistics. (In a cross-site iframe the browser
 * also partitions this storage by the host site.) Reading back: embed-history.ts.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { EmbedAttemptRecord } from './records';

export type { EmbedAttemptRecord };

export const EMBED_DATABASE_NAME = 'ami-lab-embed';

export type EmbedDatabase = Dexie & { embedAttempts: EntityTable<EmbedAttemptRecord, 'id'> };

export function openEmbedDatabase(name: string = EMBED_DATABASE_NAME): EmbedDatabase {
  const db = new Dexie(name) as EmbedDatabase;
  db.version(1).stores({ embedAttempts: '++id, quizId, questionId, answeredAt' });
  return db;
}

export async function recordEmbedAttempt(db: EmbedDatabase, attempt: Omit<EmbedAttemptRecord, 'id'>): Promise<number> {
  // The table key is auto-incremented, so Dexie always returns the new id.
  // Write path of the embed page: no zod here (see quiz-attempts.ts); reads validate.
  return (await db.embedAttempts.add({ ...attempt })) as number;
}
