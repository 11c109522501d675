/** Queries between the labs collection and the pages. */
import { getCollection, type CollectionEntry } from 'astro:content';
import { LESSONS } from '../simulator/cli/explanations';
import { getLessons } from './lessons';
import { pageCacheKey } from './page-cache-key';

export type LabEntry = CollectionEntry<'labs'>;

// The promise, not the list, as in lessons.ts: pages that render at the same time share one call.
let cached: Promise<LabEntry[]> | undefined;

/** Every scenario, in order. */
export function getLabs(): Promise<LabEntry[]> {
  cached ??= getCollection('labs').then((labs) => labs.sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title)));
  return cached;
}

/** The scenarios that practise a lesson. */
export async function labsForLesson(slug: string): Promise<LabEntry[]> {
  return (await getLabs()).filter((lab) => lab.data.lessons.includes(slug));
}

export function labUrl(base: string, lab: LabEntry): string {
  return `${base}lab/${lab.data.slug}/`;
}

/**
 * Lesson titles by slug, for the lessons a lab page links to: those its error explanations name
 * (simulator/cli/explanations.ts) and those the scenario practises, where this vault has them (a
 * link to any other shows its slug). Only these: each lab page, lab embed and lab package carries
 * the map to the browser, and with every lesson's title a 2,000-note vault made each of them
 * about 240 KB, and each cost its build a quarter of a second.
 */
export async function labLessonTitles(lab?: LabEntry): Promise<Record<string, string>> {
  const linked = new Set<string>([...Object.values(LESSONS), ...(lab?.data.lessons ?? [])]);
  const titles: Record<string, string> = {};
  for (const lesson of await getLessons()) if (linked.has(lesson.data.slug)) titles[lesson.data.slug] = lesson.data.title;
  return titles;
}

/** The `cacheKey` of a page that shows one lab (its page, its embed, its package): the scenario and the lesson titles it carries. */
export async function labPageCacheKey(lab: LabEntry): Promise<string> {
  return pageCacheKey([lab, await labLessonTitles(lab)]);
}
