/**
 * The learner's own quiz answers (lesson and tag quizzes), in the study database. Every answer
 * also schedules its question for spaced review with the same FSRS scheduler the review page uses:
 * a wrong answer rates it Again (it comes back first, within minutes), a right one Good.
 */
import type { Answer } from '../../content-pipeline/questions/schema';
import { newReviewCard, rateCard } from '../../learning/review-scheduler';
import type { ScoreResult } from '../../learning/score-answer';
import { database } from '../../storage/db';
import { recordAnswerAndSchedule } from '../../storage/quiz-answers';
import { latestAttemptsForLesson } from '../../storage/quiz-history';
import type { QuizStore, StoredAnswer } from './ami-quiz';

export function createQuizStore(context: 'lesson' | 'tag', lessonSlug: string | null): QuizStore {
  return {
    async save(questionId: string, answer: Answer, result: ScoreResult, now: number) {
      const at = new Date(now);
      const rating = result.outcome === 'correct' ? 'good' : 'again';
      await recordAnswerAndSchedule(database(), { questionId, lessonSlug, context, answer, outcome: result.outcome, answeredAt: now }, (card) =>
        rateCard(card ?? newReviewCard(at), rating, at),
      );
    },
    async latest(): Promise<Map<string, StoredAnswer>> {
      if (context !== 'lesson' || !lessonSlug) return new Map();
      const attempts = await latestAttemptsForLesson(database(), lessonSlug);
      return new Map([...attempts].filter(([, a]) => a.context === 'lesson').map(([id, a]) => [id, { answer: a.answer, answeredAt: a.answeredAt }]));
    },
  };
}
