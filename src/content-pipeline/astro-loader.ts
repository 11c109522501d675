/**
 * The Astro content loader for lessons: runs the pipeline over the vault and hands Astro finished
 * HTML plus each lesson's data. Broken links are printed as a summary (and fail the build with
 * NOTES_STRICT=1); a note that cannot be processed stops the build naming its file and line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { buildVault, NoteBuildError } from './build-lessons';
import { formatProblems, summarizeProblems } from './report';
import { readVaultSettings } from './settings';

/** Where the loader tells the attachments integration which files the pages use. */
export const ATTACHMENT_MANIFEST = 'vault-attachments.json';

/**
 * An error for the author, not the developer: the message names the note, file and line, and the
 * stack (which points into our loader, not at the note) is left out of what Astro prints.
 */
function authorError(message: string): Error {
  const error = new Error(message);
  error.name = 'NotesError';
  error.stack = `${error.name}: ${message}`;
  return error;
}

export function lessonsLoader(): Loader {
  return {
    name: 'ami-lab-lessons',
    load: async ({ store, logger, config, parseData }) => {
      const settings = readVaultSettings(process.env, fileURLToPath(config.root));
      let build;
      try {
        build = buildVault({
          vaultDir: settings.vaultDir,
          base: config.base.endsWith('/') ? config.base : `${config.base}/`,
          strictLineBreaks: settings.strictLineBreaks,
          singleDollarMath: settings.singleDollarMath,
        });
      } catch (error) {
        if (error instanceof NoteBuildError) {
          throw authorError(`These notes cannot be built (in ${settings.vaultDir}):\n${error.message}\nFix them and build again; npm run notes:check lists every problem.`);
        }
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw authorError(`The notes folder ${settings.vaultDir} does not exist. Set NOTES_DIR to an Obsidian vault.`);
        }
        throw error;
      }
      logger.info(`${build.lessons.length} notes from ${settings.vaultDir}: ${summarizeProblems(build.warnings)}`);
      if (build.warnings.length > 0) {
        const lines = formatProblems(build.warnings);
        for (const line of lines.slice(0, 20)) logger.warn(line);
        if (lines.length > 20) logger.warn(`…and ${lines.length - 20} more: run npm run notes:check for the full list`);
        if (settings.failOnProblems) throw authorError(`NOTES_STRICT is set and the notes have ${summarizeProblems(build.warnings)}; npm run notes:check lists them.`);
      }
      store.clear();
      for (const lesson of build.lessons) {
        const { html, ...rest } = lesson;
        const data = await parseData({ id: lesson.slug, data: { ...rest } as Record<string, unknown> });
        store.set({ id: lesson.slug, data, rendered: { html, metadata: { headings: lesson.headings.map((h) => ({ depth: h.depth, slug: h.id, text: h.text })) } } });
      }
      const cacheDir = fileURLToPath(config.cacheDir);
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(
        `${cacheDir}/${ATTACHMENT_MANIFEST}`,
        JSON.stringify({ vaultDir: settings.vaultDir, base: config.base, attachments: build.attachments }),
      );
    },
  };
}
