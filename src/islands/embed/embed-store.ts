/** Answers given inside an embed: their own database, apart from study progress. */
import type { Answer } from '../../content-pipeline/questions/schema';
import type { ScoreResult } from '../../learning/score-answer';
import { reopenIfFailed } from '../../storage/db';
import { openEmbedDatabase, recordEmbedAttempt, type EmbedDatabase } from '../../storage/embed-attempts';
import type { QuizStore } from '../quiz/ami-quiz';

let db: EmbedDatabase | undefined;

export function createEmbedStore(quizId: string, hostOrigin: string | null): QuizStore {
  return {
    async save(questionId: string, answer: Answer, result: ScoreResult, now: number) {
      db ??= openEmbedDatabase();
      await recordEmbedAttempt(reopenIfFailed(db), { quizId, questionId, answer, outcome: result.outcome, answeredAt: now, hostOrigin });
    },
  };
}
