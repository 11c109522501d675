/**
 * The records the quiz, review and exam features keep in IndexedDB. Zod schemas, because what
 * comes back out of IndexedDB was written by an older (or newer) version of this site: records
 * are checked on the way out, and a record that no longer fits is skipped, never trusted.
 */
import { z } from 'zod';
import { answerSchema } from '../content-pipeline/questions/schema';
import { reviewCardStateSchema } from '../learning/review-card';
import type { LessonProgressRecord } from './db';

/** What the learner did with one lesson (the record db.ts keeps since version 1). */
export const lessonProgressRecordSchema = z.object({
  slug: z.string().min(1),
  /** Epoch ms of the first visit. */
  firstOpenedAt: z.number(),
  /** Epoch ms of the latest visit. */
  lastOpenedAt: z.number(),
  /** Epoch ms when marked done; null when not done. */
  doneAt: z.number().nullable(),
  /** Epoch ms of the last change: the newer record wins when progress is merged. */
  updatedAt: z.number(),
}) satisfies z.ZodType<LessonProgressRecord>;

export const outcomeSchema = z.enum(['correct', 'incorrect', 'unanswered']);

/** One answer to one question, from a lesson quiz, a tag quiz or a review session. */
export const quizAttemptSchema = z.object({
  id: z.number().int().optional(),
  questionId: z.string(),
  /** The lesson the quiz belonged to; null for a tag quiz or review. */
  lessonSlug: z.string().nullable(),
  context: z.enum(['lesson', 'tag', 'review']),
  answer: answerSchema,
  outcome: outcomeSchema,
  /** Epoch ms. */
  answeredAt: z.number(),
});
export type QuizAttemptRecord = z.infer<typeof quizAttemptSchema>;

/** The FSRS state of one question or card. */
export const reviewCardRecordSchema = z.object({
  questionId: z.string(),
  card: reviewCardStateSchema,
  /** Epoch ms of the last rating; also when the item was first introduced, via `introducedAt`. */
  updatedAt: z.number(),
  introducedAt: z.number(),
});
export type ReviewCardRecord = z.infer<typeof reviewCardRecordSchema>;

const scoreLineSchema = z.object({ label: z.string(), correct: z.number().int(), total: z.number().int() });

/** A finished practice exam. */
export const examResultSchema = z.object({
  id: z.number().int().optional(),
  startedAt: z.number(),
  finishedAt: z.number(),
  /** Tags the questions were drawn from; empty for all notes. */
  tags: z.array(z.string()),
  /** `full`: the full-length exam; `custom` (or absent, before full-length exams): N questions by tag. */
  mode: z.enum(['full', 'custom']).optional(),
  correct: z.number().int(),
  total: z.number().int(),
  percent: z.number(),
  /** Per SAA-C03 domain (absent in results from before domains). */
  byDomain: z.array(scoreLineSchema).optional(),
  byTag: z.array(scoreLineSchema),
  byNote: z.array(scoreLineSchema),
  items: z.array(
    z.object({
      questionId: z.string(),
      answer: answerSchema.nullable(),
      outcome: outcomeSchema,
      flagged: z.boolean(),
    }),
  ),
});
export type ExamResultRecord = z.infer<typeof examResultSchema>;

/**
 * A practice exam in progress, saved as the learner goes so that a reload (or a crash) resumes it.
 * One at a time: starting a new exam replaces it, submitting or discarding deletes it.
 */
export const examAttemptSchema = z.object({
  /** Unique per attempt (the start time and a random part). */
  id: z.string().min(1),
  mode: z.enum(['full', 'custom']),
  /** Tags the questions were drawn from; empty for all notes. */
  tags: z.array(z.string()),
  /** The questions, in the order shown. */
  questionIds: z.array(z.string()).min(1),
  /** The answers given so far, by question id (unanswered questions are absent). */
  answers: z.record(z.string(), answerSchema),
  /** Question ids flagged for review. */
  flagged: z.array(z.string()),
  /** The question on screen (0-based). */
  current: z.number().int().min(0),
  /** Epoch ms when the exam started. */
  startedAt: z.number(),
  /** The time allowed, in ms. */
  durationMs: z.number().positive(),
  /** Time left when last saved, in ms: the clock stops while the exam is closed and resumes from here. */
  timeLeftMs: z.number().min(0),
  /** Epoch ms of the last save. */
  updatedAt: z.number(),
});
export type ExamAttemptRecord = z.infer<typeof examAttemptSchema>;

/** One answer given in an embedded quiz (stored in the separate embed database). */
export const embedAttemptSchema = z.object({
  id: z.number().int().optional(),
  /** `lesson:<slug>` or `tag:<tag>`. */
  quizId: z.string(),
  questionId: z.string(),
  answer: answerSchema,
  outcome: outcomeSchema,
  answeredAt: z.number(),
  /** The page that embedded the quiz, when known. */
  hostOrigin: z.string().nullable(),
});
export type EmbedAttemptRecord = z.infer<typeof embedAttemptSchema>;
