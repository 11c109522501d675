import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { lessonsLoader } from './content-pipeline/astro-loader';
import { questionSchema } from './content-pipeline/questions/schema';

const heading = z.object({ depth: z.number(), text: z.string(), id: z.string() });

/** One lesson per note of the vault; HTML is rendered by the pipeline, not by Astro's Markdown. */
const notes = defineCollection({
  loader: lessonsLoader(),
  schema: z.object({
    path: z.string(),
    slug: z.string(),
    name: z.string(),
    title: z.string(),
    folder: z.string(),
    aliases: z.array(z.string()),
    tags: z.array(z.string()),
    headings: z.array(heading),
    description: z.string(),
    linksTo: z.array(z.string()),
    linkedFrom: z.array(z.string()),
    hasMath: z.boolean(),
    hasMermaid: z.boolean(),
    examCallouts: z.number(),
    wordCount: z.number(),
    frontmatter: z.record(z.string(), z.unknown()),
    /** Authored and generated questions (content-pipeline/questions). */
    questions: z.array(questionSchema),
  }),
});

export const collections = { notes };
