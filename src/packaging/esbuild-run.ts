/**
 * One home for running esbuild inside a site build (the LMS players, see player-bundle.ts and
 * lab-player-bundle.ts). esbuild answers through a helper process that it keeps alive once started,
 * about 100 MB for the rest of `astro build`; with both bundles done, nothing else needs it, so the
 * helper is stopped when the last running bundle ends (a later bundle starts a new one).
 */
import { type BuildOptions, type BuildResult, build, type SameShape, stop } from 'esbuild';

let running = 0;

export async function bundleWithEsbuild<O extends BuildOptions>(options: SameShape<BuildOptions, O>): Promise<BuildResult<O>> {
  running += 1;
  try {
    return await build(options);
  } finally {
    running -= 1;
    if (running === 0) await stop();
  }
}
