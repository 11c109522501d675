/**
 * Builds the player that goes inside every package (player.js: one self-contained script, no
 * imports, no calls home; player.css: the site's stylesheet). Node only: the site publishes the
 * result as /lms/player.js and /lms/player.css (src/pages/lms/), and tests package with it directly.
 * One esbuild run of one entry, memoised: a fraction of a second per build.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startedEarly } from './early-bundles.ts';
import { bundleWithEsbuild } from './esbuild-run.ts';
import type { PlayerAssets } from './package';

/**
 * A source file by its path under src/: beside this module when it runs from source (tests, tsx),
 * else under the project root (Astro runs this module bundled, from another folder).
 */
function sourceFile(path: string): string {
  const beside = fileURLToPath(new URL(`../${path}`, import.meta.url));
  return existsSync(beside) ? beside : join(process.cwd(), 'src', path);
}

const ENTRY = sourceFile('islands/lms/package-entry.ts');
const STYLES = sourceFile('styles/global.css');

/** Player-only rules, after the site's stylesheet. */
const PLAYER_CSS = `
.player-notice { padding: 0.5rem 0.75rem; border: 1px solid currentColor; border-radius: 0.25rem; }
.player-clock { font-variant-numeric: tabular-nums; font-weight: 600; }
.quiz-footer { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
`;

let assets: Promise<PlayerAssets> | undefined;

async function bundle(): Promise<PlayerAssets> {
  const result = await bundleWithEsbuild({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'eof',
    // import.meta.env is Vite's; inside a package no link goes back to the site, so "/" is as good as any.
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.env.BASE_URL': '"/"' },
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]?.text ?? '';
  const css = `${await readFile(STYLES, 'utf8')}\n${PLAYER_CSS}`;
  return { js, css };
}

export function playerAssets(): Promise<PlayerAssets> {
  assets ??= (startedEarly<PlayerAssets>('player') ?? bundle()).catch((error: unknown) => {
    assets = undefined;
    throw error;
  });
  return assets;
}
