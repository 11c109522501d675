/** Queries between the labs collection and the pages. */
import { getCollection, type CollectionEntry } from 'astro:content';
import { getLessons } from './lessons';

export type LabEntry = CollectionEntry<'labs'>;

let cached: LabEntry[] | undefined;

/** Every scenario, in order. */
export async function getLabs(): Promise<LabEntry[]> {
  cached ??= (await getCollection('labs')).sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title));
  return cached;
}

/** The scenarios that practise a lesson. */
export async function labsForLesson(slug: string): Promise<LabEntry[]> {
  return (await getLabs()).filter((lab) => lab.data.lessons.includes(slug));
}

export function labUrl(base: string, lab: LabEntry): string {
  return `${base}lab/${lab.data.slug}/`;
}

/** Lesson titles by slug, for links from the lab. */
export async function lessonTitles(): Promise<Record<string, string>> {
  const titles: Record<string, string> = {};
  for (const lesson of await getLessons()) titles[lesson.data.slug] = lesson.data.title;
  return titles;
}
