/**
 * The Astro content loader for lab scenarios (content/labs). A broken scenario stops the build
 * with every problem listed by file and line.
 *
 * Building the scenarios proves each starting world with the simulator, and loading the simulator
 * through Vite costs every build about 0.4 s before the content sync can start (64 modules). So
 * build-labs.ts, which imports it, is loaded only when something the scenarios are made from
 * changed since the last build: their files, the vault's note names (links to lessons), the site's
 * base and the code (the content pipeline, whose slugs and settings the labs use, the simulator,
 * the lockfile). Otherwise the content store still holds the scenarios, as Astro keeps it between
 * builds.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { readVaultSettings } from '../settings.ts';
import { sourceVersion } from '../source-version.ts';
import { withTrailingSlash } from '../../shared/trailing-slash.ts';
import { noteSlugsIn } from './note-slugs.ts';

export function labsLoader(): Loader {
  return {
    name: 'ami-lab-scenarios',
    load: async ({ store, meta, logger, config, parseData }) => {
      const root = fileURLToPath(config.root);
      const labsDir = join(root, 'content', 'labs');
      if (!existsSync(labsDir)) {
        store.clear();
        meta.delete('inputs');
        logger.info('No content/labs folder: no lab scenarios.');
        return;
      }
      const settings = readVaultSettings(process.env, root);
      // The scenarios link to the shipped AMI lessons; built over another vault they still work.
      const ownVault = resolve(settings.vaultDir) === resolve(root, 'content', 'notes');
      const base = withTrailingSlash(config.base);
      // A missing notes folder is the lessons loader's to report, in words.
      const noteSlugs = existsSync(settings.vaultDir) ? noteSlugsIn(settings.vaultDir) : new Set<string>();
      const inputs = createHash('sha256')
        .update(JSON.stringify({ base, ownVault, noteSlugs: [...noteSlugs].sort() }))
        .update(sourceVersion(root, ['src/content-pipeline', 'src/simulator']));
      // The scenarios are the folder's Markdown files (as build-labs.ts reads them).
      const scenarioFiles = readdirSync(labsDir).filter((file) => file.endsWith('.md'));
      for (const name of scenarioFiles.sort()) inputs.update(`lab ${name}\0`).update(readFileSync(join(labsDir, name)));
      const digest = inputs.digest('hex');
      const report = (count: number, warnings: number, unchanged: boolean): void => {
        logger.info(`${count} lab scenarios from content/labs${unchanged ? ', unchanged since the last build' : ''}`);
        if (warnings > 0) logger.warn(`${warnings} links from the lab scenarios to lessons that are not in ${settings.vaultDir}; shown as plain text.`);
      };
      if (meta.get('inputs') === digest && store.keys().length > 0) {
        report(store.keys().length, Number(meta.get('warnings') ?? 0), true);
        return;
      }

      const { buildLabs } = await import('./build-labs.ts');
      const result = buildLabs({ labsDir, base, noteSlugs, lessonsMustExist: ownVault });
      if (!result.ok) {
        const message = result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
        const error = new Error(`These lab scenarios cannot be built:\n${message}`);
        error.name = 'LabsError';
        error.stack = `${error.name}: ${error.message}`;
        throw error;
      }
      report(result.scenarios.length, result.warnings.length, false);
      store.clear();
      for (const scenario of result.scenarios) {
        const data = await parseData({ id: scenario.slug, data: { ...scenario } as unknown as Record<string, unknown> });
        store.set({ id: scenario.slug, data });
      }
      meta.set('inputs', digest);
      meta.set('warnings', String(result.warnings.length));
    },
  };
}
