/**
 * Publishes the lesson quiz embed (pages/embed/lesson/index.astro, one page for every lesson) under
 * each lesson's embed address, `embed/lesson/<lesson>/`, the address instructors paste into their
 * courses. After a build the page is linked there for every lesson with a quiz (the lessons loader
 * lists them in LESSON_QUIZZES_MANIFEST); in `npm run dev` those addresses are served the page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, link, mkdir, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { LESSON_QUIZZES_MANIFEST } from '../content-pipeline/loader-handoff.ts';
import { withTrailingSlash } from '../shared/trailing-slash.ts';

/** The embed page's path under the site base. */
const EMBED_PAGE = 'embed/lesson/';

/** The slugs the loader listed; a damaged list stops the build, naming the file, rather than publishing no embeds. */
function readQuizSlugs(cacheDir: URL): string[] {
  const file = join(fileURLToPath(cacheDir), LESSON_QUIZZES_MANIFEST);
  if (!existsSync(file)) return [];
  let slugs: unknown;
  try {
    slugs = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    slugs = (error as Error).message;
  }
  if (!Array.isArray(slugs) || !slugs.every((slug) => typeof slug === 'string' && slug !== '' && !slug.split('/').some((part) => part === '' || part === '.' || part === '..'))) {
    throw new Error(`The list of lessons with a quiz, ${file}, is damaged${typeof slugs === 'string' ? ` (${slugs})` : ''}: build again with FULL_BUILD=1 npm run build.`);
  }
  return slugs;
}

export function lessonEmbeds(): AstroIntegration {
  let cacheDir: URL;
  let base = '/';
  /** Addresses published at once: as many as the pages Astro renders at a time (`build.concurrency`). */
  let publishedAtOnce = 1;
  return {
    name: 'ami-lab-lesson-embeds',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
        base = withTrailingSlash(config.base);
        publishedAtOnce = Math.max(1, config.build.concurrency);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, _res, next) => {
          const [path = '', query] = (req.url ?? '').split('?', 2);
          if (path.startsWith(`${base}${EMBED_PAGE}`) && path.length > `${base}${EMBED_PAGE}`.length) {
            // The browser keeps the lesson's address, from which the page reads the lesson.
            req.url = `${base}${EMBED_PAGE}${query === undefined ? '' : `?${query}`}`;
          }
          next();
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const page = join(out, EMBED_PAGE, 'index.html');
        const slugs = readQuizSlugs(cacheDir);
        // Each address gets a hard link to the page rather than a copy: the same bytes, but no new
        // file for the disk to create (2,000 lessons: 1.4–1.8 s of copies, 0.5–0.9 s of links, on
        // this disk). A link shares the page's modification time, so the page is stamped now:
        // the launcher's sweep removes what the build did not write (build-site.mjs removeStale),
        // and Astro may have kept the page from the last build. Astro rewrites the page in place,
        // so an address that is already a link to it is up to date. Where the disk has no hard
        // links (or too many to one file), the page is copied.
        const now = new Date();
        await utimes(page, now, now);
        const shell = await stat(page);
        const publish = async (target: string): Promise<void> => {
          await mkdir(dirname(target), { recursive: true });
          const existing = await stat(target).catch(() => undefined);
          if (existing?.ino === shell.ino && existing.dev === shell.dev) return;
          if (existing) await rm(target, { force: true });
          await link(page, target).catch(() => copyFile(page, target));
        };
        // Several at a time, as Astro writes its pages: one by one, most of the time went waiting
        // on the disk.
        let next = 0;
        const publishNext = async (): Promise<void> => {
          for (let slug = slugs[next++]; slug !== undefined; slug = slugs[next++]) await publish(join(out, EMBED_PAGE, slug, 'index.html'));
        };
        await Promise.all(Array.from({ length: publishedAtOnce }, publishNext));
        logger.info(`lesson quiz embeds: the embed page published under ${slugs.length} lessons`);
      },
    },
  };
}
