/**
 * The lessons pipeline run that `npm run build` starts beside `astro build` (see early-lessons.ts):
 *
 *   node src/content-pipeline/cli/early-lessons.ts <project root> <site base> <Astro cache folder> <output file>
 *
 * Plain Node runs it, stripping the types itself, as soon as the build starts: no bundler or
 * loader stands between the build and the pipeline. Every module it imports, down to the last one
 * under content-pipeline/, therefore names its `.ts` file (tests/unit/build/early-lessons.test.ts
 * imports this in plain Node).
 *
 * It prints nothing and only says by its exit code whether it wrote the lessons. What it cannot
 * do, the loader does again in Astro's process, which reports a note's problems to the author.
 */
import { existsSync } from 'node:fs';
import { buildVault } from '../build-lessons.ts';
import { writeEarlyLessons } from '../early-lessons.ts';
import { lessonsRun } from '../lessons-run.ts';

const [projectRoot, base, cacheDir, file] = process.argv.slice(2);
if (!projectRoot || base === undefined || !cacheDir || !file) {
  console.error('usage: node src/content-pipeline/cli/early-lessons.ts <project root> <site base> <Astro cache folder> <output file>');
  process.exit(2);
}
try {
  const run = lessonsRun(process.env, projectRoot, base, cacheDir);
  if (!existsSync(run.settings.vaultDir)) process.exit(1);
  writeEarlyLessons(file, run.inputs, buildVault(run.pipeline));
} catch {
  process.exitCode = 1;
}
