/**
 * One run of the lessons pipeline as a site build makes it: the options it takes from the
 * environment and Astro's config, the digest of everything the lessons are made from, and the
 * per-note cache it keeps. Its two callers must agree on all of it: the Astro loader
 * (astro-loader.ts), and the run that `npm run build` starts beside Astro (early-lessons.ts), whose
 * lessons the loader takes only when both worked out the same digest.
 *
 * Plain Node runs this module (see cli/early-lessons.ts): its imports name their `.ts` files.
 */
import { createHash } from 'node:crypto';
import { type Dirent, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PipelineOptions } from './build-lessons.ts';
import { readVaultSettings, type VaultSettings } from './settings.ts';
import { sourceVersion } from './source-version.ts';

export interface LessonsRun {
  settings: VaultSettings;
  /** What the pipeline is given, cache aside. */
  options: Required<Pick<PipelineOptions, 'vaultDir' | 'base'>> & Pick<PipelineOptions, 'strictLineBreaks' | 'singleDollarMath'>;
  /** The pipeline's options, with the per-note cache kept in Astro's cache folder. */
  pipeline: PipelineOptions;
  /** Everything the lessons are made from, as one hex digest (see inputsDigest). */
  inputs: string;
  /** How many notes (`.md` files) the vault holds, counted by the same walk. */
  notes: number;
}

/**
 * The run for a project at `projectRoot` whose site is served under `base` (ending in `/`) and
 * whose Astro cache folder is `cacheDir`.
 */
export function lessonsRun(env: NodeJS.ProcessEnv, projectRoot: string, base: string, cacheDir: string): LessonsRun {
  const settings = readVaultSettings(env, projectRoot);
  const options = {
    vaultDir: settings.vaultDir,
    base,
    strictLineBreaks: settings.strictLineBreaks,
    singleDollarMath: settings.singleDollarMath,
  };
  // The pipeline's code is read once a run: it keys both the run's inputs and the per-note cache.
  const code = pipelineVersion(projectRoot);
  return {
    settings,
    options,
    // Each note's parse and rendering are kept between builds, for as long as the code is the same.
    pipeline: { ...options, cache: { file: join(cacheDir, 'lesson-pipeline.bin'), version: `${code}\0${JSON.stringify(options)}` } },
    ...inputsDigest(settings.vaultDir, options, code),
  };
}

/**
 * The pipeline's code as one digest: its own files and the lockfile (the remark and rehype
 * packages it runs). The pipeline's per-note cache (see build-lessons.ts) is kept only while this
 * is unchanged.
 */
function pipelineVersion(projectRoot: string): string {
  return sourceVersion(projectRoot, ['src/content-pipeline']);
}

/**
 * What the lessons are made from, as one digest: every note's text, every other vault file's size
 * and date (attachments are published as they are), the vault's settings files, the pipeline's own
 * code (`code`, see pipelineVersion) and the build settings. When it matches the digest of the
 * last load, the content store already holds these lessons and the pipeline does not run at all.
 */
function inputsDigest(vaultDir: string, options: unknown, code: string): { inputs: string; notes: number } {
  const hash = createHash('sha256');
  let notes = 0;
  hash.update(JSON.stringify(options));
  const walk = (root: string, relativeDir: string, visit: (path: string, full: string) => void): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, relativeDir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git' && entry.name !== '.obsidian' && entry.name !== '.trash' && entry.name !== 'node_modules') walk(root, path, visit);
      } else if (entry.isFile()) visit(path, join(root, path));
    }
  };
  walk(vaultDir, '', (path, full) => {
    if (/\.md$/i.test(path)) notes += 1;
    if (/\.(md|ya?ml|json)$/i.test(path)) hash.update(`${path}\0`).update(readFileSync(full));
    else {
      const stat = statSync(full);
      hash.update(`${path}\0${stat.size}:${stat.mtimeMs}\0`);
    }
  });
  // Obsidian rewrites .obsidian/workspace.json on every click: only the settings the pipeline reads count.
  for (const settings of ['.obsidian/app.json', '.obsidian/plugins/obsidian-spaced-repetition/data.json']) {
    if (existsSync(join(vaultDir, settings))) hash.update(`${settings}\0`).update(readFileSync(join(vaultDir, settings)));
  }
  hash.update(code);
  return { inputs: hash.digest('hex'), notes };
}
