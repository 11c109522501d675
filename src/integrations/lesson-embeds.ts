/**
 * Publishes the lesson quiz embed (pages/embed/lesson/index.astro, one page for every lesson) under
 * each lesson's embed address, `embed/lesson/<lesson>/`, the address instructors paste into their
 * courses. After a build the page is copied there for every lesson with a quiz (the lessons loader
 * lists them in LESSON_QUIZZES_MANIFEST); in `npm run dev` those addresses are served the page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { LESSON_QUIZZES_MANIFEST } from '../content-pipeline/loader-handoff';

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
  /** Copies in flight at once: as many as the pages Astro renders at a time (`build.concurrency`). */
  let copiesAtOnce = 1;
  return {
    name: 'ami-lab-lesson-embeds',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        copiesAtOnce = Math.max(1, config.build.concurrency);
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
        // Several at a time, as Astro writes its pages: one by one, the folders and copies of 2,000
        // lessons took 0.65 s, most of it waiting on the disk.
        let next = 0;
        const copyNext = async (): Promise<void> => {
          for (let slug = slugs[next++]; slug !== undefined; slug = slugs[next++]) {
            const target = join(out, EMBED_PAGE, slug, 'index.html');
            await mkdir(dirname(target), { recursive: true });
            await copyFile(page, target);
          }
        };
        await Promise.all(Array.from({ length: copiesAtOnce }, copyNext));
        logger.info(`lesson quiz embeds: the embed page published under ${slugs.length} lessons`);
      },
    },
  };
}
