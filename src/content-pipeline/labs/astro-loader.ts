/**
 * The Astro content loader for lab scenarios (content/labs). A broken scenario stops the build
 * with every problem listed by file and line.
 *
 * Building the scenarios proves each starting world with the simulator, and loading the simulator
 * through Vite costs a build 0.5–1 s of Astro's busy core (64 modules). So build-labs.ts, which
 * imports it, is loaded only when something the scenarios are made from changed since the last
 * build (see labs-run.ts): otherwise the content store still holds the scenarios, as Astro keeps it
 * between builds. And in `npm run build` the run started beside Astro usually has built them
 * already, in plain Node on the other core (see early-labs.ts).
 */
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { withTrailingSlash } from '../../shared/trailing-slash.ts';
import { takeEarlyLabs } from './early-labs.ts';
import { labsRun } from './labs-run.ts';

export function labsLoader(): Loader {
  return {
    name: 'ami-lab-scenarios',
    load: async ({ store, meta, logger, config, parseData }) => {
      const run = labsRun(process.env, fileURLToPath(config.root), withTrailingSlash(config.base));
      if (!run) {
        store.clear();
        meta.delete('inputs');
        logger.info('No content/labs folder: no lab scenarios.');
        return;
      }
      const report = (count: number, warnings: number, how: '' | ', unchanged since the last build' | ", built beside Astro's start"): void => {
        logger.info(`${count} lab scenarios from content/labs${how}`);
        if (warnings > 0) logger.warn(`${warnings} links from the lab scenarios to lessons that are not in ${run.vaultDir}; shown as plain text.`);
      };
      if (meta.get('inputs') === run.inputs && store.keys().length > 0) {
        report(store.keys().length, Number(meta.get('warnings') ?? 0), ', unchanged since the last build');
        return;
      }

      const early = await takeEarlyLabs(process.env, run.inputs);
      const result = early ?? (await import('./build-labs.ts')).buildLabs(run.options);
      if (!result.ok) {
        const message = result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
        const error = new Error(`These lab scenarios cannot be built:\n${message}`);
        error.name = 'LabsError';
        error.stack = `${error.name}: ${error.message}`;
        throw error;
      }
      report(result.scenarios.length, result.warnings.length, early ? ", built beside Astro's start" : '');
      store.clear();
      for (const scenario of result.scenarios) {
        const data = await parseData({ id: scenario.slug, data: { ...scenario } as unknown as Record<string, unknown> });
        store.set({ id: scenario.slug, data });
      }
      meta.set('inputs', run.inputs);
      meta.set('warnings', String(result.warnings.length));
    },
  };
}
