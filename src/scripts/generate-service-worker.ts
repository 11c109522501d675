/**
 * Writes dist/sw.js, the service worker that makes the site work offline once visited. Runs after
 * `astro build` and `pagefind` (it lists their output), with Workbox's generateSW.
 *
 * Precached (downloaded in the background on the first visit, updated when the build changes):
 * the pages a learner studies with (home, every lesson, every lab page, review, exam, progress,
 * search, tags index, 404), every script and stylesheet, questions.json and Pagefind's index.
 * Not precached, cached when first used instead: tag and tag-quiz pages, search result fragments,
 * note images, KaTeX and Mermaid (several MB, needed by few notes), embed pages (someone else's page).
 * A lesson page is a few KB compressed; up to MAX_PRECACHED_LESSONS of them are precached (all of
 * them in a vault of ordinary size), and in a bigger vault the rest are cached as they are read,
 * so a first visit on a phone never downloads tens of megabytes in the background.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateSW } from 'workbox-build';

/** The built site: dist/ unless another folder is named (e.g. a build with --outDir). */
const site = process.argv[2] ?? 'dist';
const rawBase = process.env.SITE_BASE ?? '/';
const base = rawBase.endsWith('/') ? rawBase : `${rawBase}/`;

/** Lesson pages precached at most; a vault bigger than this caches the rest on first reading. */
const MAX_PRECACHED_LESSONS = 300;

/**
 * The lesson pages to precache: the first MAX_PRECACHED_LESSONS in path order. Listed here rather
 * than globbed and trimmed afterwards, so a big vault's other pages are not read and hashed.
 */
function lessonPages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name === 'index.html') pages.push(relative(site, join(dir, entry.name)));
    }
  };
  walk(join(site, 'notes'));
  return pages.sort().slice(0, MAX_PRECACHED_LESSONS);
}

const { count, size, warnings } = await generateSW({
  globDirectory: site,
  swDest: `${site}/sw.js`,
  globPatterns: [
    '_astro/**/*.{js,css}',
    'index.html',
    '404.html',
    ...lessonPages(),
    'lab/**/index.html',
    '{review,exam,progress,search,tags}/index.html',
    'questions.json',
    'favicon.svg',
    'pagefind/pagefind.js',
    'pagefind/pagefind-worker.js',
    'pagefind/pagefind-entry.json',
    'pagefind/*.pf_meta',
    'pagefind/wasm.*.pagefind',
    'pagefind/index/*',
    'pagefind/filter/*',
  ],
  globIgnores: ['embed/**', 'vendor/**', 'sw.js'],
  modifyURLPrefix: { '': base },
  // Astro's hashed file names already change with their content.
  dontCacheBustURLsMatching: /\/_astro\//,
  maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
  // One file to serve: no separate workbox-*.js beside it.
  inlineWorkboxRuntime: true,
  cleanupOutdatedCaches: true,
  // Take over the open page on first install, so it keeps working if the connection drops now.
  // Updates still wait for old tabs to close (no skipWaiting): an open page keeps the scripts it
  // was built with, and a lazy import never asks for a file the new build no longer has.
  clientsClaim: true,
  sourcemap: false,
  mode: 'production',
  runtimeCaching: [
    {
      // Pages not precached (tags, tag quizzes): the network when there is one, the copy last seen when not.
      urlPattern: ({ request, sameOrigin }) => sameOrigin && request.mode === 'navigate',
      handler: 'NetworkFirst',
      options: { cacheName: 'ami-lab-pages', networkTimeoutSeconds: 4, expiration: { maxEntries: 300 } },
    },
    {
      urlPattern: ({ sameOrigin, url }) => sameOrigin && /\/(pagefind|images|vendor)\//.test(url.pathname),
      handler: 'StaleWhileRevalidate',
      options: { cacheName: 'ami-lab-assets', expiration: { maxEntries: 1000 } },
    },
  ],
});

for (const warning of warnings) console.warn(`service worker: ${warning}`);
console.log(`service worker: ${site}/sw.js precaches ${count} files (${(size / 1024 / 1024).toFixed(1)} MB)`);
