/**
 * The Astro content loader for lab scenarios (content/labs). A broken scenario stops the build
 * with every problem listed by file and line.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { readVaultSettings } from '../settings';
import { buildLabs, noteSlugsIn } from './build-labs';

export function labsLoader(): Loader {
  return {
    name: 'ami-lab-scenarios',
    load: async ({ store, logger, config, parseData }) => {
      const root = fileURLToPath(config.root);
      const labsDir = join(root, 'content', 'labs');
      store.clear();
      if (!existsSync(labsDir)) {
        logger.info('No content/labs folder: no lab scenarios.');
        return;
      }
      const settings = readVaultSettings(process.env, root);
      // The scenarios link to the shipped AMI lessons; built over another vault they still work.
      const ownVault = resolve(settings.vaultDir) === resolve(root, 'content', 'notes');
      const result = buildLabs({
        labsDir,
        base: config.base.endsWith('/') ? config.base : `${config.base}/`,
        noteSlugs: noteSlugsIn(settings.vaultDir),
        lessonsMustExist: ownVault,
      });
      if (!result.ok) {
        const message = result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
        const error = new Error(`These lab scenarios cannot be built:\n${message}`);
        error.name = 'LabsError';
        error.stack = `${error.name}: ${error.message}`;
        throw error;
      }
      logger.info(`${result.scenarios.length} lab scenarios from content/labs`);
      if (result.warnings.length > 0) {
        logger.warn(`${result.warnings.length} links from the lab scenarios to lessons that are not in ${settings.vaultDir}; shown as plain text.`);
      }
      for (const scenario of result.scenarios) {
        const data = await parseData({ id: scenario.slug, data: { ...scenario } as unknown as Record<string, unknown> });
        store.set({ id: scenario.slug, data });
      }
    },
  };
}
