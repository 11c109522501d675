/**
 * Builds the lab that goes inside every lab scenario package (lab-player.js: React, the lab island,
 * the simulator and the goal checks in one self-contained script, its parts that the site loads on
 * demand inlined; lab-player.css: the site's stylesheet and the lab's). Node only: the site publishes
 * the result as /lms/lab-player.js and /lms/lab-player.css, and tests package with it directly.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startedEarly } from './early-bundles.ts';
import { bundleWithEsbuild } from './esbuild-run.ts';
import type { PlayerAssets } from './package';

function sourceFile(path: string): string {
  const beside = fileURLToPath(new URL(`../${path}`, import.meta.url));
  return existsSync(beside) ? beside : join(process.cwd(), 'src', path);
}

let assets: Promise<PlayerAssets> | undefined;

async function bundle(): Promise<PlayerAssets> {
  const result = await bundleWithEsbuild({
    entryPoints: [sourceFile('islands/lms/lab-package-entry.tsx')],
    bundle: true,
    write: false,
    outdir: 'lab-player-out',
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    jsx: 'automatic',
    legalComments: 'eof',
    define: {
      'process.env.NODE_ENV': '"production"',
      'import.meta.env.BASE_URL': '"/"',
      'import.meta.env.DEV': 'false',
      'import.meta.env.PROD': 'true',
      'import.meta.env.SSR': 'false',
    },
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
  const labCss = result.outputFiles.find((file) => file.path.endsWith('.css'))?.text ?? '';
  const css = `${await readFile(sourceFile('styles/global.css'), 'utf8')}\n${labCss}`;
  return { js, css };
}

export function labPlayerAssets(): Promise<PlayerAssets> {
  assets ??= (startedEarly<PlayerAssets>('lab-player') ?? bundle()).catch((error: unknown) => {
    assets = undefined;
    throw error;
  });
  return assets;
}
