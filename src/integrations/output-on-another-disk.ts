/**
 * Lets a build write its site onto another disk than the project's: `npm run build -- --outDir
 * /tmp/site` where /tmp is a tmpfs (as Debian 13 and Fedora mount it), or a mounted volume.
 *
 * For an output folder outside the project, Astro bundles the pages into `.astro/.prerender/`
 * inside the project, then moves the stylesheets that bundle made into the output folder with
 * `fs.promises.rename` (ssrMoveAssets in astro/dist/core/build/static-build.js), and a rename
 * cannot cross disks: the build stopped with "EXDEV: cross-device link not permitted" and Astro's
 * stack trace. Astro has no setting for where that bundle goes, so for the length of the build a
 * rename that meets EXDEV copies and then removes instead, as `mv` does; every other rename, and
 * every other error, is left exactly as it was. (That bundle folder is shared by every such build,
 * which is why they take turns: see takeSharedBundleFolder in src/scripts/build-site.mjs.)
 */
import fs from 'node:fs';
import type { AstroIntegration } from 'astro';

type Rename = typeof fs.promises.rename;

/** A path as `cp` takes it (a Buffer holds the path's bytes). */
const cpPath = (path: fs.PathLike): string | URL => (typeof path === 'string' || path instanceof URL ? path : path.toString());

/** `rename`, which moves by copying and removing where the two paths are on different disks. */
function renameAcrossDisks(rename: Rename): Rename {
  return async (from, to) => {
    try {
      await rename(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await fs.promises.cp(cpPath(from), cpPath(to), { recursive: true, force: true, preserveTimestamps: true });
      await fs.promises.rm(from, { recursive: true, force: true });
    }
  };
}

export function outputOnAnotherDisk(): AstroIntegration {
  let original: Rename | undefined;
  return {
    name: 'ami-lab-output-on-another-disk',
    hooks: {
      'astro:build:start': () => {
        original = fs.promises.rename;
        fs.promises.rename = renameAcrossDisks(original);
      },
      'astro:build:done': () => {
        if (original) fs.promises.rename = original;
        original = undefined;
      },
    },
  };
}
