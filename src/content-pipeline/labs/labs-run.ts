/**
 * What the lab scenarios (content/labs) are built from, worked out the same way by the labs loader
 * (astro-loader.ts) and by the run `npm run build` starts beside Astro (see early-labs.ts): the
 * options build-labs.ts takes, and one digest of everything they depend on, by which the loader
 * keeps its scenarios between builds and takes the early run's only when that run read the same.
 *
 * Plain Node runs this module (see cli/early-lessons.ts): its imports name their `.ts` files.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readVaultSettings } from '../settings.ts';
import { sourceVersion } from '../source-version.ts';
import { noteSlugsIn } from './note-slugs.ts';

export interface LabsRun {
  /** What build-labs.ts's buildLabs takes. */
  readonly options: { readonly labsDir: string; readonly base: string; readonly noteSlugs: ReadonlySet<string>; readonly lessonsMustExist: boolean };
  /** The notes folder whose lessons the scenarios link to. */
  readonly vaultDir: string;
  /**
   * Digest of the scenario files, the vault's note names (the links to lessons), the site's base,
   * and the code: the content pipeline (whose slugs the labs use), the simulator (which proves each
   * starting world) and the lockfile.
   */
  readonly inputs: string;
}

/** The run for the project at `projectRoot` and the site base `base` (with its trailing slash); undefined when there is no content/labs folder. */
export function labsRun(env: NodeJS.ProcessEnv, projectRoot: string, base: string): LabsRun | undefined {
  const labsDir = join(projectRoot, 'content', 'labs');
  if (!existsSync(labsDir)) return undefined;
  const { vaultDir } = readVaultSettings(env, projectRoot);
  // The scenarios link to the shipped AMI lessons; built over another vault they still work.
  const lessonsMustExist = resolve(vaultDir) === resolve(projectRoot, 'content', 'notes');
  // A missing notes folder is the lessons loader's to report, in words.
  const noteSlugs = existsSync(vaultDir) ? noteSlugsIn(vaultDir) : new Set<string>();
  const inputs = createHash('sha256')
    .update(JSON.stringify({ base, ownVault: lessonsMustExist, noteSlugs: [...noteSlugs].sort() }))
    .update(sourceVersion(projectRoot, ['src/content-pipeline', 'src/simulator']));
  // The scenarios are the folder's Markdown files (as build-labs.ts reads them).
  const scenarioFiles = readdirSync(labsDir).filter((file) => file.endsWith('.md'));
  for (const name of scenarioFiles.sort()) inputs.update(`lab ${name}\0`).update(readFileSync(join(labsDir, name)));
  return { options: { labsDir, base, noteSlugs, lessonsMustExist }, vaultDir, inputs: inputs.digest('hex') };
}
