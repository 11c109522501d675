// `defineCollection` from the module that defines it, not from `astro:content`: that virtual module
// is Astro's whole content runtime (about 75 modules, the server renderer's included), which Vite's
// module runner then transformed and ran to load this file, before every content sync.
import { defineCollection } from 'astro/content/config';
import { z } from 'astro/zod';
import { lessonsLoader } from './content-pipeline/astro-loader';
import { lessonEntrySchema } from './content-pipeline/lesson-entry';
import { labsLoader } from './content-pipeline/labs/astro-loader';

/**
 * One lesson per note of the vault; HTML is rendered by the pipeline, not by Astro's Markdown, and
 * kept with the lesson's questions in a body file (read through src/data/lessons.ts). The schema is
 * the pipeline's (lesson-entry.ts): in `npm run build` the pages may read the entries from the
 * pipeline's run beside Astro instead of this collection, checked against the same schema.
 */
const notes = defineCollection({
  loader: lessonsLoader(),
  schema: lessonEntrySchema,
});

/** Guided lab scenarios (content/labs), validated and rendered by content-pipeline/labs. */
const labs = defineCollection({
  loader: labsLoader(),
  schema: z.object({
    slug: z.string(),
    path: z.string(),
    title: z.string(),
    order: z.number(),
    description: z.string(),
    lessons: z.array(z.string()),
    region: z.string(),
    /**
     * The starting world's recipe, every option kept (`.loose()`): content-pipeline/labs checked it
     * with the simulator's own schema, and the pages build the world from it (scenario-props.ts).
     * This schema once kept only these three keys, and a lab lost its weekly Amazon Linux release.
     */
    start: z.object({ seed: z.number(), now: z.string(), steps: z.array(z.record(z.string(), z.unknown())) }).loose(),
    goals: z.array(z.object({ id: z.string(), text: z.string(), check: z.string(), params: z.record(z.string(), z.unknown()) })),
    hintsHtml: z.array(z.string()),
    successHtml: z.string(),
    instructionsHtml: z.string(),
  }),
});

export const collections = { notes, labs };
