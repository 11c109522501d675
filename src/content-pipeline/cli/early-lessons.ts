/**
 * The lessons pipeline run that `npm run build` starts beside `astro build` (see early-lessons.ts):
 *
 *   node src/content-pipeline/cli/early-lessons.ts <project root> <site base> <Astro cache folder> <output file>
 *
 * Plain Node runs it, stripping the types itself, as soon as the build starts: no bundler or
 * loader stands between the build and the pipeline. Every module it imports, down to the last one
 * under content-pipeline/, therefore names its `.ts` file and uses no syntax that only TypeScript
 * compiles, such as parameter properties (tests/unit/content-pipeline/early-lessons.test.ts runs
 * this in plain Node).
 *
 * It prints nothing but a wrong command line, and says by its exit code whether it wrote the
 * lessons, and beside them the pages for the search index (see search-pages.ts). What it cannot do,
 * the loader does again in Astro's process, which reports a note's problems to the author.
 */
import { existsSync } from 'node:fs';
import module from 'node:module';

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

const [projectRoot, base, cacheDir, file] = process.argv.slice(2);
if (!projectRoot || base === undefined || !cacheDir || !file) {
  console.error('usage: node src/content-pipeline/cli/early-lessons.ts <project root> <site base> <Astro cache folder> <output file>');
  process.exit(2);
}
try {
  const run = lessonsRun(process.env, projectRoot, base, cacheDir);
  if (!existsSync(run.settings.vaultDir)) process.exit(1);
  const build = buildVault(run.pipeline);
  writeSearchPages(earlySearchPagesFile(file), run.inputs, lessonSearchPages(build.lessons));
  writeEarlyLessons(file, run.inputs, build);
} catch {
  process.exitCode = 1;
}
