/** The learner's own quiz answers (lesson and tag quizzes), in the study database. */
import type { Answer } from '../../content-pipeline/questions/schema';
import type { ScoreResult } from '../../learning/score-answer';
import { database } from '../../storage/db';
import { recordQuizAttempt } from '../../storage/quiz-attempts';
import type { QuizStore } from './ami-quiz';

export function createQuizStore(context: 'lesson' | 'tag', lessonSlug: string | null): QuizStore {
  return {
    async save(questionId: string, answer: Answer, result: ScoreResult, now: number) {
      await recordQuizAttempt(database(), { questionId, lessonSlug, context, answer, outcome: result.outcome, answeredAt: now });
    },
  };
}
