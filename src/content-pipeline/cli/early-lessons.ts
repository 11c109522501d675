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
 * lessons. In order it writes: the digest of the inputs it reads (its promise), the lab scenarios
 * (see labs/early-labs.ts), the lessons' bodies and entries (see lesson-entry.ts), or in their
 * place what the author is told when the notes cannot be built, and the pages for the search
 * index (see search-pages.ts). The loader or the pages take the lessons (see early-lessons.ts), and
 * report the notes' problems with Astro's log.
 */
import { existsSync } from 'node:fs';
import module from 'node:module';
import { getPriority, setPriority } from 'node:os';

// Node's compile cache, as Astro's own command enables it (astro/bin/astro.mjs): the pipeline's
// modules, types stripped and compiled, are read back from the last build's. Loading them took
// 340–380 ms without it and 180–200 ms with it, at the start of a run that a cold build waits for.
// Enabled before the pipeline is imported, hence the imports below are dynamic.
module.enableCompileCache?.();
const { buildVault, NoteBuildError } = await import('../build-lessons.ts');
const { promiseEarlyLessons, writeEarlyFailure, writeEarlyLessons } = await import('../early-lessons.ts');
const { writeLessonEntries } = await import('../lesson-entry.ts');
const { lessonsRun } = await import('../lessons-run.ts');
const { earlySearchPagesFile } = await import('../loader-handoff.ts');
const { unbuildableNotes } = await import('../report.ts');
const { lessonSearchPages, writeSearchPages } = await import('../search-pages.ts');
const { buildEarlyLabs, declineEarlyLabs } = await import('../labs/early-labs.ts');

/**
 * Only the next build reads the per-note cache, so a run that parsed few notes (a rebuild after an
 * edit) writes it after its lessons, while Astro takes them: 0.4–0.8 s sooner at 2,000 notes with
 * one note edited (a 45 MB write, and the search pages). A run that parsed many holds their trees,
 * about 80 KB a note, and overlapping it with Astro's take took a cold build of 2,000 notes from
 * 907–915 MB to 1,055–1,142 MB at its peak; such a run writes its cache first, as before.
 */
const DEFER_CACHE_UP_TO = 500;

/**
 * The lab scenarios are built here, before the lessons, for vaults of up to this many notes: Astro
 * then waits for them at the start of its content sync, and goes on to bundle its pages while
 * this run makes the lessons, which come before it needs them. A larger vault's lessons are what
 * the build waits for, so this run leaves the scenarios to the labs loader (0.5–1 s of Astro's
 * process, beside this run; nothing when they are unchanged since the last build) and makes its
 * lessons at once: about 0.35 s sooner at 2,000 notes.
 */
const LABS_HERE_UP_TO = 500;

const [projectRoot, base, cacheDir, file] = process.argv.slice(2);
if (!projectRoot || base === undefined || !cacheDir || !file) {
  console.error('usage: node src/content-pipeline/cli/early-lessons.ts <project root> <site base> <Astro cache folder> <output file>');
  process.exit(2);
}
try {
  const run = lessonsRun(process.env, projectRoot, base, cacheDir);
  if (!existsSync(run.settings.vaultDir)) process.exit(1);
  // First the promise, which the lessons loader asks for when Astro's content sync begins; then the
  // lab scenarios, which the labs loader waits for (see labs/early-labs.ts), so that the sync ends
  // and Astro goes on with its build while the lessons are made.
  promiseEarlyLessons(file, run.inputs);
  if (run.notes <= LABS_HERE_UP_TO) await buildEarlyLabs(process.env, projectRoot, base, file);
  else declineEarlyLabs(file);
  const writeCacheLater = handOn(run, cacheDir, file);
  // The build waits for nothing else of this run: Astro's build goes first now.
  try {
    setPriority(Math.max(getPriority(), 10));
  } catch {}
  writeCacheLater?.();
} catch {
  process.exitCode = 1;
}

/**
 * Runs the pipeline and writes what the build waits for: the lessons (the loader or the pages take
 * them as soon as their file is there), then the search pages. Returns the per-note cache's writing when it is
 * left for after (see DEFER_CACHE_UP_TO).
 */
function handOn(run: ReturnType<typeof lessonsRun>, cacheDir: string, file: string): (() => void) | undefined {
  let build: ReturnType<typeof buildVault>;
  try {
    build = buildVault({ ...run.pipeline, ...(run.pipeline.cache ? { cache: { ...run.pipeline.cache, writeLater: true } } : {}) });
  } catch (error) {
    // In the author's words, for the pages that wait for these lessons (see lessonsHandedToPages).
    const words = error instanceof NoteBuildError ? unbuildableNotes(run.settings.vaultDir, error.message) : `The lessons pipeline failed: ${(error as Error).message}`;
    writeEarlyFailure(file, run.inputs, words);
    throw error;
  }
  const later = build.notesParsed <= DEFER_CACHE_UP_TO;
  if (!later) build.writeCache?.();
  const entries = writeLessonEntries(cacheDir, run.options.vaultDir, run.options.base, build);
  writeEarlyLessons(file, run.inputs, { entries, warnings: build.warnings });
  writeSearchPages(earlySearchPagesFile(file), run.inputs, lessonSearchPages(build.lessons));
  return later ? build.writeCache : undefined;
}
