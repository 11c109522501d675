/**
 * What the pages read of a lesson (its entry) and where the rest goes: a pipeline run's lessons
 * become entries (everything but the HTML and questions, which go to the pack of lesson bodies:
 * see lesson-body.ts), and the files the integrations read of the run are written beside them
 * (the attachments the pages use, the lessons with a quiz). Both makers of a build's lessons do
 * this, the same way: the Astro loader when it runs the pipeline itself, and the run `npm run
 * build` starts beside Astro (see early-lessons.ts), whose entries the pages may read without the
 * loader (see lessonsHandedToPages there).
 *
 * Plain Node runs this module (see cli/early-lessons.ts): its imports name their `.ts` files.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { VaultBuild } from './build-lessons.ts';
import { bodyHash, type LessonBody, writeLessonBodies } from './lesson-body.ts';
import { ATTACHMENT_MANIFEST, LESSON_QUIZZES_MANIFEST } from './loader-handoff.ts';
import { isScored } from './questions/schema.ts';

const heading = z.object({ depth: z.number(), text: z.string(), id: z.string() });

/** A lesson's entry: the lessons collection's schema (src/content.config.ts), and what the pages read. */
export const lessonEntrySchema = z.object({
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
  /** The pack holding this lesson's HTML and questions, and the hash of its body there (see lesson-body.ts). */
  bodyFile: z.string(),
  bodyHash: z.string(),
});

export type LessonEntryData = z.infer<typeof lessonEntrySchema>;

/**
 * One lesson as the pages get it: `id` its slug, and `digest` covering everything its pages show
 * (HTML, questions, backlinks, resolved links and embeds of other notes, through the body's hash).
 * A lesson page's `cacheKey` starts from it, so a rebuild renders again only the pages whose lesson
 * changed, and the loader keeps a store entry whose digest is unchanged.
 */
export interface HandedLesson {
  id: string;
  data: LessonEntryData;
  digest: string;
}

/** Where a build's lesson bodies are packed, in Astro's cache folder. */
export const lessonBodiesFile = (cacheDir: string): string => join(cacheDir, 'lesson-bodies.pack');

/**
 * Makes the entries of a run's lessons, and writes what goes beside them into `cacheDir`: the pack
 * of their bodies, the attachments the pages use (published from `vaultDir` under the site base
 * `base`) and the slugs of the lessons with a scored question.
 */
export function writeLessonEntries(cacheDir: string, vaultDir: string, base: string, build: Pick<VaultBuild, 'lessons' | 'attachments'>): HandedLesson[] {
  const packFile = lessonBodiesFile(cacheDir);
  const bodies: Array<[string, string, string]> = [];
  const entries: HandedLesson[] = [];
  for (const lesson of build.lessons) {
    const { html, questions, ...rest } = lesson;
    const bodyJson = JSON.stringify({ html, questions } satisfies LessonBody);
    const hash = bodyHash(bodyJson);
    bodies.push([lesson.slug, bodyJson, hash]);
    const data: LessonEntryData = { ...rest, bodyFile: packFile, bodyHash: hash };
    entries.push({ id: lesson.slug, data, digest: bodyHash(JSON.stringify(data)) });
  }
  writeLessonBodies(packFile, bodies);
  // Builds before the pack wrote a file per lesson into this folder.
  rmSync(join(cacheDir, 'lesson-bodies'), { recursive: true, force: true });
  writeFileSync(join(cacheDir, ATTACHMENT_MANIFEST), JSON.stringify({ vaultDir, base, attachments: build.attachments }));
  writeFileSync(join(cacheDir, LESSON_QUIZZES_MANIFEST), JSON.stringify(build.lessons.filter((lesson) => lesson.questions.some(isScored)).map((lesson) => lesson.slug)));
  return entries;
}
