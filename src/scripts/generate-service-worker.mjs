/**
 * Writes <site>/sw.js, the service worker that makes the site work offline once visited: the
 * precache list of this build (each file with a revision, the MD5 of its content) as one line of
 * data, followed by the worker's code, src/scripts/service-worker.js, which never changes between
 * builds. Runs after `astro build` and Pagefind (it lists their output), with plain Node.
 *
 * Why not Workbox's generateSW, as before: it bundled a worker with Rollup on every build (about
 * 5 s with tsx to start it, for a 155-note vault). The list is data, so it is all that is written;
 * sw.js still changes whenever a precached file does, which is how browsers find the new version.
 *
 * Precached (downloaded in the background on the first visit, updated when the build changes):
 * the pages a learner studies with (home, every lesson, every lab page, review, exam, progress,
 * search, tags index, 404), every script and stylesheet, questions.json, question-ids.json and
 * Pagefind's index.
 * Not precached, cached when first used instead: tag and tag-quiz pages, search result fragments,
 * note images, KaTeX and Mermaid (several MB, needed by few notes), embed pages (someone else's page).
 * A lesson page is a few KB compressed; up to MAX_PRECACHED_LESSONS of them are precached (all of
 * them in a vault of ordinary size), and in a bigger vault the rest are cached as they are read,
 * so a first visit on a phone never downloads tens of megabytes in the background.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { siteBaseFromEnv } from '../shared/trailing-slash.ts';

/** Lesson pages precached at most; a vault bigger than this caches the rest on first reading. */
const MAX_PRECACHED_LESSONS = 300;
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const WORKER_CODE = new URL('./service-worker.js', import.meta.url);

/** Every file under `dir`, as paths relative to `site` with `/` separators. */
function filesUnder(site, dir) {
  const root = join(site, dir);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(site, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** The site's files to precache, in a stable order. */
export function precacheFiles(site) {
  const byName = (list, test) => list.filter((file) => test.test(file));
  const lessons = byName(filesUnder(site, 'notes'), /\/index\.html$/)
    .sort()
    .slice(0, MAX_PRECACHED_LESSONS);
  const pagefind = filesUnder(site, 'pagefind').filter((file) =>
    /^pagefind\/(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|[^/]+\.pf_meta|wasm\.[^/]+\.pagefind|index\/[^/]+|filter\/[^/]+)$/.test(file),
  );
  const files = [
    ...byName(filesUnder(site, '_astro'), /\.(js|css)$/),
    ...['index.html', '404.html', 'questions.json', 'question-ids.json', 'favicon.svg'].filter((file) => existsSync(join(site, file))),
    ...lessons,
    ...byName(filesUnder(site, 'lab'), /(^|\/)index\.html$/),
    ...['review', 'exam', 'progress', 'search', 'tags'].map((page) => `${page}/index.html`).filter((file) => existsSync(join(site, file))),
    ...pagefind,
  ];
  return [...new Set(files)].filter((file) => statSync(join(site, file)).size <= MAX_FILE_BYTES).sort();
}

/** The precache list: Astro's hashed files need no revision (their names change with them). */
export function precacheManifest(site, base) {
  return precacheFiles(site).map((file) => ({
    url: `${base}${file}`,
    revision: file.startsWith('_astro/')
      ? null
      : createHash('md5')
          .update(readFileSync(join(site, file)))
          .digest('hex'),
  }));
}

export function writeServiceWorker(site, base) {
  const manifest = precacheManifest(site, base);
  const code = readFileSync(WORKER_CODE, 'utf8');
  writeFileSync(join(site, 'sw.js'), `self.PRECACHE = ${JSON.stringify(manifest)};\n${code}`);
  const bytes = manifest.reduce((sum, entry) => sum + statSync(join(site, entry.url.slice(base.length))).size, 0);
  return { count: manifest.length, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  /** The built site: dist/ unless another folder is named (e.g. a build with --outDir). */
  const site = process.argv[2] ?? 'dist';
  const { count, bytes } = writeServiceWorker(site, siteBaseFromEnv(process.env.SITE_BASE));
  console.log(`service worker: ${site}/sw.js precaches ${count} files (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
}
