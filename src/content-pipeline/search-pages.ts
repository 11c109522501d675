/**
 * What the search index reads of each lesson page, made by the lessons pipeline run that
 * `npm run build` starts beside Astro (cli/early-lessons.ts). With these, Pagefind indexes the
 * lessons while Astro is still rendering the pages (src/scripts/search-index.mjs), on the core
 * Astro leaves idle, where it used to read every built page once Astro had ended: 1.6–2.3 s at the
 * end of a 2,000-note build, and about 1 s of every one-note rebuild.
 *
 * Pagefind indexes what a page's `data-pagefind-body` element holds, less the elements marked
 * `data-pagefind-ignore`; it still takes filters and metadata from inside those. Of a lesson page
 * (src/pages/notes/[...slug].astro) that leaves the title (the `title` metadata), the tags (the
 * `tag` filter, inside the ignored tag list) and the lesson's HTML. The page here holds just those,
 * the same way, and nothing else: the index made from these pages is the index made from the
 * built pages, byte for byte (tests/unit/build/search-pages.test.ts builds a site and compares
 * the two, so a change to what the lesson page shows Pagefind cannot pass unnoticed).
 *
 * Plain Node runs this module (see cli/early-lessons.ts): its imports name their `.ts` files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { escapeText } from '../shared/escape-html.ts';
import type { Lesson } from './build-lessons.ts';
import { writeFileAtomically } from './write-atomically.ts';

/** A page for the search index: where it would be in the built site, and its HTML. */
export interface SearchPage {
  /** The built page's path in the site folder, from which Pagefind makes the page's URL. */
  sourcePath: string;
  html: string;
}

/** The search index's view of each lesson page. */
export function lessonSearchPages(lessons: ReadonlyArray<Pick<Lesson, 'slug' | 'title' | 'tags' | 'html'>>): SearchPage[] {
  return lessons.map((lesson) => {
    const tags = lesson.tags.map((tag) => `<li><a data-pagefind-filter="tag">#${escapeText(tag)}</a></li>`).join('');
    const tagList = lesson.tags.length > 0 ? `<ul data-pagefind-ignore>${tags}</ul>` : '';
    return {
      sourcePath: `notes/${lesson.slug}/index.html`,
      html: `<!DOCTYPE html><html lang="en"><head></head><body><main data-pagefind-body><h1 data-pagefind-meta="title">${escapeText(lesson.title)}</h1>${tagList}${lesson.html}</main></body></html>`,
    };
  });
}

interface SearchPagesFile {
  /** The digest of the lessons run's inputs (see lessons-run.ts): the lessons these pages show. */
  inputs: string;
  pages: SearchPage[];
}

/** Writes a run's search pages to `file`, keyed by its inputs (atomically, as its lessons). */
export function writeSearchPages(file: string, inputs: string, pages: SearchPage[]): void {
  const content: SearchPagesFile = { inputs, pages };
  writeFileAtomically(file, serialize(content));
}

/** The search pages in `file`, or undefined when there is none or it cannot be read. */
export function readSearchPages(file: string): SearchPagesFile | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const read = deserialize(readFileSync(file)) as Partial<SearchPagesFile> | null;
    if (typeof read?.inputs !== 'string' || !Array.isArray(read.pages)) return undefined;
    const pages = read.pages.filter((page): page is SearchPage => typeof page?.sourcePath === 'string' && typeof page.html === 'string');
    return pages.length === read.pages.length ? { inputs: read.inputs, pages } : undefined;
  } catch {
    return undefined;
  }
}
