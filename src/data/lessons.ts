/**
 * Queries between the lessons collection and the pages: pages stay thin and never sort, group or
 * look things up themselves.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { lessonsHandedToPages } from '../content-pipeline/early-lessons';
import { type LessonBody, readLessonBody } from '../content-pipeline/lesson-body';
import type { Question } from '../content-pipeline/questions/schema';
import { compareNatural } from '../content-pipeline/vault';
import { normalizeTag } from '../content-pipeline/frontmatter';
import { slugifyPath } from '../content-pipeline/slug';

export type LessonEntry = CollectionEntry<'notes'>;

// The promise, not the list: pages render 16 at a time, and each of the first 16 called
// getCollection itself before any had stored its result (16 calls in a build, each making every
// entry of a 2,000-note vault again and sorting it; and, for an empty vault, Astro's warning 16 times).
let cached: Promise<LessonEntry[]> | undefined;

function studyOrder(lesson: LessonEntry): number {
  const order = lesson.data.frontmatter.order;
  return typeof order === 'number' ? order : 0;
}

/**
 * The lessons, from the content store, or in `npm run build` from the pipeline's run beside Astro
 * when the loader left them to it (see content-pipeline/early-lessons.ts): the same entries, read
 * when the first page needs them, so that Astro bundles the pages while the run goes on.
 */
function unsortedLessons(): Promise<LessonEntry[]> {
  const handed = lessonsHandedToPages();
  return handed ? handed.then((entries) => entries.map((entry): LessonEntry => ({ ...entry, collection: 'notes' }))) : getCollection('notes');
}

/**
 * Every lesson in study order: folders in natural order, then the `order` property within a
 * folder, then names (so "2. Compute" comes before "10. Other").
 */
export function getLessons(): Promise<LessonEntry[]> {
  // In `npm run dev` the vault changes under a running server (src/integrations/dev-notes-reload.ts reloads it): no caching.
  if (import.meta.env.DEV) {
    cached = undefined;
    lookup = undefined;
  }
  cached ??= unsortedLessons().then((lessons) =>
    lessons.sort((a, b) => compareNatural(a.data.folder, b.data.folder) || studyOrder(a) - studyOrder(b) || compareNatural(a.data.path, b.data.path)),
  );
  return cached;
}

/** Questions are cached (tag quizzes, the exam and embeds need them again); HTML is read once per page. */
const questionsByBody = new Map<string, Question[]>();

/**
 * A lesson's HTML and questions, from the pack of lesson bodies the content loader wrote in this
 * build (they are kept out of Astro's content store to keep the build light: see
 * content-pipeline/lesson-body.ts).
 */
export function lessonBody(lesson: LessonEntry): LessonBody {
  const read = readLessonBody(lesson.data.bodyFile, lesson.data.slug, lesson.data.bodyHash);
  if (!read.ok) throw new Error(`The body of lesson ${lesson.data.path} cannot be read (${read.reason}, ${lesson.data.bodyFile}): build the site again.`);
  questionsByBody.set(lesson.data.bodyHash, read.body.questions);
  return read.body;
}

/** A lesson's questions (read from its body once per build). */
export function lessonQuestionsOf(lesson: LessonEntry): Question[] {
  return questionsByBody.get(lesson.data.bodyHash) ?? lessonBody(lesson).questions;
}

export function lessonUrl(base: string, lesson: LessonEntry): string {
  return `${base}notes/${lesson.data.slug}/`;
}

export function tagUrl(base: string, tag: string): string {
  return `${base}tags/${tagSlug(tag)}/`;
}

export function tagSlug(tag: string): string {
  return slugifyPath(normalizeTag(tag));
}

export interface FolderGroup {
  folder: string;
  /** The folder's name for display ('' at the vault root shows as "Notes"). */
  label: string;
  lessons: LessonEntry[];
}

/** Lessons grouped by their folder, folders in vault order. */
export async function getLessonsByFolder(): Promise<FolderGroup[]> {
  const groups = new Map<string, LessonEntry[]>();
  for (const lesson of await getLessons()) {
    const list = groups.get(lesson.data.folder) ?? [];
    list.push(lesson);
    groups.set(lesson.data.folder, list);
  }
  return [...groups.entries()].sort(([a], [b]) => compareNatural(a, b)).map(([folder, lessons]) => ({ folder, label: folder || 'Notes', lessons }));
}

export interface TagSummary {
  /** Display form, as first written. */
  tag: string;
  slug: string;
  /** Lessons tagged with this tag or a tag nested under it. */
  lessons: LessonEntry[];
  /** Direct children, e.g. `aws/ec2` under `aws`. */
  children: string[];
}

/** The tags, made once per build like the lessons (see getLessons): the home, tag and quiz pages each ask. */
let tagsCached: Promise<TagSummary[]> | undefined;

/**
 * Every tag and every parent of a nested tag (`aws/ec2/ami` also makes `aws/ec2` and `aws`),
 * each with the lessons under it, as Obsidian's tag pane counts them.
 */
export function getTags(): Promise<TagSummary[]> {
  if (import.meta.env.DEV) tagsCached = undefined;
  tagsCached ??= getLessons().then(summarizeTags);
  return tagsCached;
}

function summarizeTags(lessons: readonly LessonEntry[]): TagSummary[] {
  // A lesson counts once under a tag however many of its tags fall under it: a set per tag, where
  // a search of the tag's list grew with the square of the vault (a broad tag on 2,000 lessons).
  const byKey = new Map<string, { summary: TagSummary; counted: Set<LessonEntry> }>();
  for (const lesson of lessons) {
    for (const tag of lesson.data.tags) {
      const parts = tag.split('/').filter(Boolean);
      for (let depth = 1; depth <= parts.length; depth += 1) {
        const display = parts.slice(0, depth).join('/');
        const key = normalizeTag(display);
        let entry = byKey.get(key);
        if (!entry) {
          entry = { summary: { tag: display, slug: tagSlug(display), lessons: [], children: [] }, counted: new Set() };
          byKey.set(key, entry);
        }
        const { summary, counted } = entry;
        if (!counted.has(lesson)) {
          counted.add(lesson);
          summary.lessons.push(lesson);
        }
        if (depth < parts.length) {
          const child = parts.slice(0, depth + 1).join('/');
          if (!summary.children.some((c) => normalizeTag(c) === normalizeTag(child))) summary.children.push(child);
        }
      }
    }
  }
  return [...byKey.values()].map(({ summary }) => summary).sort((a, b) => compareNatural(a.tag, b.tag));
}

export interface LessonNeighbours {
  previous: LessonEntry | undefined;
  next: LessonEntry | undefined;
  linkedFrom: LessonEntry[];
}

/** Lessons by path and their place in study order, built once per build (not once per page). */
let lookup: { byPath: Map<string, LessonEntry>; at: Map<LessonEntry, number> } | undefined;

export async function getNeighbours(lesson: LessonEntry): Promise<LessonNeighbours> {
  const lessons = await getLessons();
  lookup ??= { byPath: new Map(lessons.map((l) => [l.data.path, l])), at: new Map(lessons.map((l, i) => [l, i])) };
  const { byPath } = lookup;
  const at = lookup.at.get(lesson) ?? lessons.indexOf(lesson);
  return {
    previous: at > 0 ? lessons[at - 1] : undefined,
    next: at >= 0 && at < lessons.length - 1 ? lessons[at + 1] : undefined,
    linkedFrom: lesson.data.linkedFrom.map((path) => byPath.get(path)).filter((l): l is LessonEntry => l !== undefined),
  };
}
