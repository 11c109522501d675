/** Builders for progress records with explicit values (tests read as data, not as setup code). */
import type { ExportedExamResult, ExportedQuizAttempt, LabProgressData, ProgressData } from '../../../src/storage/progress-file';
import type { LessonProgressRecord } from '../../../src/storage/db';
import type { ReviewCardRecord } from '../../../src/storage/records';

export const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
export const MINUTE = 60_000;

export function lesson(slug: string, updatedAt: number, doneAt: number | null = null): LessonProgressRecord {
  return { slug, firstOpenedAt: T0, lastOpenedAt: updatedAt, doneAt, updatedAt };
}

export function attempt(questionId: string, answeredAt: number, outcome: ExportedQuizAttempt['outcome'] = 'correct'): ExportedQuizAttempt {
  return { questionId, lessonSlug: 'ami', context: 'lesson', answer: { kind: 'choice', selected: ['a'] }, outcome, answeredAt };
}

export function reviewCard(questionId: string, updatedAt: number, due: number = updatedAt + 86_400_000): ReviewCardRecord {
  return {
    questionId,
    card: { due, stability: 3, difficulty: 5, elapsedDays: 0, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state: 2, lastReview: updatedAt },
    updatedAt,
    introducedAt: T0,
  };
}

export function exam(startedAt: number, correct: number, total: number): ExportedExamResult {
  return {
    startedAt,
    finishedAt: startedAt + 30 * MINUTE,
    tags: ['aws/ec2'],
    correct,
    total,
    percent: Math.round((correct / total) * 100),
    byTag: [{ label: 'aws/ec2', correct, total }],
    byNote: [{ label: 'AMI', correct, total }],
    items: [{ questionId: 'q1', answer: { kind: 'choice', selected: ['a'] }, outcome: 'correct', flagged: false }],
  };
}

export function labProgress(slug: string, updatedAt: number, completedAt: number | null = null): LabProgressData {
  return { slug, goalsMet: { 'image-available': T0 }, hintsRevealed: 1, startedAt: T0, completedAt, updatedAt };
}

export function progress(parts: {
  lessons?: LessonProgressRecord[];
  attempts?: ExportedQuizAttempt[];
  cards?: ReviewCardRecord[];
  exams?: ExportedExamResult[];
  labs?: LabProgressData[];
}): ProgressData {
  return {
    study: { lessonProgress: parts.lessons ?? [], quizAttempts: parts.attempts ?? [], reviewCards: parts.cards ?? [], examResults: parts.exams ?? [] },
    lab: { scenarioProgress: parts.labs ?? [] },
  };
}
