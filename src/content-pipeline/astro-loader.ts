/**
 * The Astro content loader for lessons: runs the pipeline over the vault and hands Astro finished
 * HTML plus each lesson's data. Broken links are printed as a summary (and fail the build with
 * NOTES_STRICT=1); a note that cannot be processed stops the build naming its file and line.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { buildVault, NoteBuildError } from './build-lessons';
import type { LessonBody } from './lesson-body';
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
      // Each lesson's bulk (its HTML and its questions) goes to a file of its own, and the content
      // store keeps the rest plus that file's path. Astro bundles the whole store into the build as
      // one JavaScript string; with 2,000 notes the HTML and questions made that ~12 MB, which cost
      // the build about 450 MB of memory to bundle. Pages read the file when they render.
      const cacheDir = fileURLToPath(config.cacheDir);
      const bodiesDir = join(cacheDir, 'lesson-bodies');
      rmSync(bodiesDir, { recursive: true, force: true });
      mkdirSync(bodiesDir, { recursive: true });
      store.clear();
      for (const lesson of build.lessons) {
        const { html, questions, ...rest } = lesson;
        const bodyFile = join(bodiesDir, `${lesson.slug.replace(/\//g, '__')}.json`);
        const body: LessonBody = { html, questions };
        writeFileSync(bodyFile, JSON.stringify(body));
        const data = await parseData({ id: lesson.slug, data: { ...rest, bodyFile } as Record<string, unknown> });
        store.set({ id: lesson.slug, data });
      }
      writeFileSync(
        join(cacheDir, ATTACHMENT_MANIFEST),
        JSON.stringify({ vaultDir: settings.vaultDir, base: config.base, attachments: build.attachments }),
      );
    },
  };
}
