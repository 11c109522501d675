/**
 * What a lesson's body file holds: its HTML and its questions. The content loader writes one per
 * lesson (keeping the bulk out of Astro's bundled content store, see astro-loader.ts) and the
 * pages read it back through src/data/lessons.ts, validated with this schema.
 */
import { z } from 'zod';
import { questionSchema } from './questions/schema';

export const lessonBodySchema = z.object({ html: z.string(), questions: z.array(questionSchema) });

export type LessonBody = z.infer<typeof lessonBodySchema>;
