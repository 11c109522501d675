/**
 * The stored shape of one item's FSRS state: plain JSON, dates as epoch milliseconds. Separate from
 * the ts-fsrs adapter so storage and the home page's "due today" count can read cards without
 * loading the scheduler.
 */
import { z } from 'zod';

export const reviewCardStateSchema = z.object({
  /** Next due time (epoch ms). */
  due: z.number(),
  stability: z.number(),
  difficulty: z.number(),
  elapsedDays: z.number(),
  scheduledDays: z.number(),
  learningSteps: z.number(),
  reps: z.number().int(),
  lapses: z.number().int(),
  /** 0 new, 1 learning, 2 review, 3 relearning (ts-fsrs's State). */
  state: z.number().int().min(0).max(3),
  /** Last review (epoch ms), null for a new card. */
  lastReview: z.number().nullable(),
});
export type ReviewCardState = z.infer<typeof reviewCardStateSchema>;
