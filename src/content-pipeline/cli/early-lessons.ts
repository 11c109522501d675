/**
 * The lessons pipeline run that `npm run build` starts beside `astro build` (see early-lessons.ts):
 *
 *   node src/content-pipeline/cli/early-lessons.ts <project root> <site base> <Astro cache folder> <output file>
 *
 * Plain Node runs it, stripping the types itself, as soon as the build starts: no bundler or
 * loader stands between the build and the pipeline. Every module it imports, down to the last one
 * under content-pipeline/ and simulator/ (the lab scenarios prove their starting worlds with it),
 * therefore names its `.ts` file and uses no syntax that only TypeScript compiles, such as
 * parameter properties (tests/unit/content-pipeline/early-lessons.test.ts and early-labs.test.ts
 * run this in plain Node).
 *
 * It prints nothing but a wrong command line, and says by its exit code whether it wrote the
 * lessons, and beside them the pages for the search index (see search-pages.ts); then it builds the
 * lab scenarios (see labs/early-labs.ts). What it cannot do,
 * the loader does again in Astro's process, which reports a note's problems to the author.
 */
import { existsSync } from 'node:fs';
import module from 'node:module';
import { getPriority, setPriority } from 'node:os';

// Node's compile cache, as Astro's own command enables it (astro/bin/astro.mjs): the pipeline's
// modules, types stripped and compiled, are read back from the last build's. Loading them took
// 340–380 ms without it and 180–200 ms with it, at the start of a run that a cold build waits for.
// Enabled before the pipeline is imported, hence the imports below are dynamic.
module.enableCompileCache?.();
const { buildVault } = await import('../build-lessons.ts');
const { writeEarlyLessons } = await import('../early-lessons.ts');
const { lessonsRun } = await import('../lessons-run.ts');
const { earlySearchPagesFile } = await import('../loader-handoff.ts');
const { lessonSearchPages, writeSearchPages } = await import('../search-pages.ts');
const { buildEarlyLabs } = await import('../labs/early-labs.ts');

/**
 * Only the next build reads the per-note cache, so a run that parsed few notes (a rebuild after an
 * edit) writes it after its lessons, while Astro takes them: 0.4–0.8 s sooner at 2,000 notes with
 * one note edited (a 45 MB write, and the search pages). A run that parsed many holds their trees,
 * about 80 KB a note, and overlapping it with Astro's take took a cold build of 2,000 notes from
 * 907–915 MB to 1,055–1,142 MB at its peak; such a run writes its cache first, as before.
 */
const DEFER_CACHE_UP_TO = 500;

const [projectRoot, base, cacheDir, file] = process.argv.slice(2);
if (!projectRoot || base === undefined || !cacheDir || !file) {
  console.error('usage: node src/content-pipeline/cli/early-lessons.ts <project root> <site base> <Astro cache folder> <output file>');
  process.exit(2);
}
try {
  const run = lessonsRun(process.env, projectRoot, base, cacheDir);
  if (!existsSync(run.settings.vaultDir)) process.exit(1);
  const writeCacheLater = handOn(run, file);
  // Then the lab scenarios, which the labs loader waits for (see labs/early-labs.ts); the cache,
  // which only the next build reads, after them.
  await buildEarlyLabs(process.env, projectRoot, base, file);
  // The build waits for nothing else of this run: Astro's build goes first now.
  try {
    setPriority(Math.max(getPriority(), 10));
  } catch {}
  writeCacheLater?.();
} catch {
  process.exitCode = 1;
}

/**
 * Runs the pipeline and writes what the build waits for: the lessons (the loader takes them as soon
 * as their file is there), then the search pages. Returns the per-note cache's writing when it is
 * left for after (see DEFER_CACHE_UP_TO).
 */
function handOn(run: ReturnType<typeof lessonsRun>, file: string): (() => void) | undefined {
  const build = buildVault({ ...run.pipeline, ...(run.pipeline.cache ? { cache: { ...run.pipeline.cache, writeLater: true } } : {}) });
  const later = build.notesParsed <= DEFER_CACHE_UP_TO;
  if (!later) build.writeCache?.();
  writeEarlyLessons(file, run.inputs, build);
  writeSearchPages(earlySearchPagesFile(file), run.inputs, lessonSearchPages(build.lessons));
  return later ? build.writeCache : undefined;
}
