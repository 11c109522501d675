/**
 * The Astro content loader for lessons: runs the pipeline over the vault (or, in `npm run build`,
 * leaves the lessons to the run started beside Astro, whose file the pages read, or takes what
 * that run made: see early-lessons.ts) and hands Astro finished HTML plus each lesson's data. Broken links are printed as a summary (and fail the build with
 * NOTES_STRICT=1); a note that cannot be processed stops the build naming its file and line.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { type EarlyLessons, earlyRunPromised, handLessonsToPages, noteStoredLessons, takeEarlyLessons } from './early-lessons.ts';
import { lessonBodiesFile, writeLessonEntries } from './lesson-entry.ts';
import { type LessonsRun, lessonsRun } from './lessons-run.ts';
import { ATTACHMENT_MANIFEST, LESSON_QUIZZES_MANIFEST, LESSONS_LOADER, LESSONS_RELOADED } from './loader-handoff.ts';
import { type AuthorProblem, authorError, formatProblems, summarizeProblems, unbuildableNotes } from './report.ts';
import { withTrailingSlash } from '../shared/trailing-slash.ts';

/**
 * In `npm run dev` the vault is watched by src/integrations/dev-notes-reload.ts, which runs this
 * loader again through Astro's `refreshContent()` when a note changes: the store is then written at
 * once and open pages reload, where a loader watching on its own waits for the store's save
 * debounce. Astro skips that refresh while it reloads its content config (which it does on any
 * Markdown file's change), so the loader notes the reload it ran, and the integration asks again
 * until it has. The loader and the integration are loaded apart (by Vite and by Astro's config),
 * hence a global rather than a shared module.
 */
export function lessonsLoader(): Loader {
  return {
    name: LESSONS_LOADER,
    load: async (context) => {
      await loadLessons(context);
      const reloadId = context.refreshContextData?.reloadId;
      if (typeof reloadId === 'number') (globalThis as Record<symbol, unknown>)[LESSONS_RELOADED] = reloadId;
    },
  };
}

async function loadLessons({ store, meta, logger, config, parseData, generateDigest, refreshContextData }: LoaderContext): Promise<void> {
  const cacheDir = fileURLToPath(config.cacheDir);
  const base = withTrailingSlash(config.base);
  const run = lessonsRun(process.env, fileURLToPath(config.root), base, cacheDir);
  const { settings } = run;
  const packFile = lessonBodiesFile(cacheDir);
  if (!existsSync(settings.vaultDir)) throw authorError(`The notes folder ${settings.vaultDir} does not exist. Set NOTES_DIR to an Obsidian vault.`);
  const inputs = generateDigest(run.inputs);
  // In `npm run dev`, a reload whose problems are the ones the last load listed prints only its
  // summary: an author saving a note every few seconds sees each problem once, not twenty lines a
  // save. A build, and the first load of a dev server, always list them.
  const isReload = typeof refreshContextData?.reloadId === 'number';
  const listedBefore = (warnings: AuthorProblem[]): boolean => isReload && meta.get('warnings') === JSON.stringify(warnings);

  // Nothing the lessons are made from changed since the last load: the store holds them already.
  const kept = store.values() as Array<{ data: { bodyFile?: unknown; bodyHash?: unknown } }>;
  if (
    meta.get('inputs') === inputs &&
    kept.length > 0 &&
    existsSync(join(cacheDir, ATTACHMENT_MANIFEST)) &&
    existsSync(join(cacheDir, LESSON_QUIZZES_MANIFEST)) &&
    existsSync(packFile) &&
    kept.every((entry) => entry.data.bodyFile === packFile && typeof entry.data.bodyHash === 'string')
  ) {
    const warnings = JSON.parse(meta.get('warnings') ?? '[]') as AuthorProblem[];
    reportProblems(`${kept.length} notes from ${settings.vaultDir}, unchanged since the last build`, warnings, logger, settings.failOnProblems, listedBefore(warnings));
    noteStoredLessons(process.env, run.inputs);
    return;
  }

  // `npm run build` started the pipeline beside Astro (see early-lessons.ts). When it reads what
  // this loader would, the pages read its lessons themselves, and the content sync ends here: the
  // store keeps no lessons (a later build must not take them for its own). Not with NOTES_STRICT,
  // whose problems must stop the build before any page is written.
  if (!settings.failOnProblems && (await earlyRunPromised(process.env, run.inputs))) {
    store.clear();
    meta.delete('inputs');
    meta.delete('warnings');
    handLessonsToPages(process.env, run.inputs, (made) => {
      reportProblems(`${made.entries.length} notes from ${settings.vaultDir}, made beside Astro's build`, made.warnings, logger, false, false);
      if (made.entries.length === 0) warnNoNotes(logger, settings.vaultDir);
    });
    logger.info(`Lessons from ${settings.vaultDir} are made beside Astro's build: the pages read them, and their problems are listed, once they are made.`);
    return;
  }

  // Otherwise its lessons when they were made from these inputs; else the pipeline runs here.
  const early = await takeEarlyLessons(process.env, run.inputs);
  const build: EarlyLessons = early ?? (await runPipeline(run, cacheDir));
  const made = early ? ", made beside Astro's start" : '';
  reportProblems(`${build.entries.length} notes from ${settings.vaultDir}${made}`, build.warnings, logger, settings.failOnProblems, listedBefore(build.warnings));
  if (build.entries.length === 0) warnNoNotes(logger, settings.vaultDir);
  // A lesson whose digest is unchanged keeps its entry, and in `npm run dev` only pages whose
  // lesson changed reload.
  const live = new Set<string>();
  let changed = 0;
  for (const { id, data, digest } of build.entries) {
    live.add(id);
    if (store.get(id)?.digest === digest) continue;
    changed += 1;
    store.set({ id, data: await parseData({ id, data }), digest });
  }
  for (const id of store.keys()) if (!live.has(id)) store.delete(id);
  meta.set('warnings', JSON.stringify(build.warnings));
  meta.set('inputs', inputs);
  if (changed < build.entries.length) logger.info(`${changed} of ${build.entries.length} lessons changed since the last build`);
}

/** Astro's own warning for an empty collection speaks of a content config, not of the vault. */
function warnNoNotes(logger: LoaderContext['logger'], vaultDir: string): void {
  logger.warn(`The notes folder ${vaultDir} holds no notes (.md files): the site has no lessons. Set NOTES_DIR to an Obsidian vault.`);
}

/**
 * Prints the load's summary (`what`, then the count of each kind of problem), the author's problems
 * (the first 20; none when `listedBefore`, which the summary then says) and stops the build on them
 * with NOTES_STRICT.
 */
function reportProblems(what: string, warnings: AuthorProblem[], logger: LoaderContext['logger'], failOnProblems: boolean, listedBefore: boolean): void {
  logger.info(`${what}: ${summarizeProblems(warnings)}${listedBefore && warnings.length > 0 ? ', as listed before' : ''}`);
  if (warnings.length === 0) return;
  const lines = listedBefore ? [] : formatProblems(warnings);
  for (const line of lines.slice(0, 20)) logger.warn(line);
  if (lines.length > 20) logger.warn(`…and ${lines.length - 20} more: run npm run notes:check for the full list`);
  if (failOnProblems) throw authorError(`NOTES_STRICT is set and the notes have ${summarizeProblems(warnings)}; npm run notes:check lists them.`);
}

/**
 * The pipeline's run in this process, its failures worded for the author, and its lessons' entries
 * made (see lesson-entry.ts). The pipeline (remark, rehype, KaTeX and our plugins, through Vite's
 * module runner) is loaded only here: a build whose lessons were made beside Astro, or kept from
 * the last build, never loads it, and Astro's start before its content sync is shorter by that load.
 */
async function runPipeline(run: LessonsRun, cacheDir: string): Promise<EarlyLessons> {
  const { buildVault, NoteBuildError } = await import('./build-lessons.ts');
  const { vaultDir, base } = run.options;
  try {
    const build = buildVault(run.pipeline);
    return { entries: writeLessonEntries(cacheDir, vaultDir, base, build), warnings: build.warnings };
  } catch (error) {
    if (error instanceof NoteBuildError) throw authorError(unbuildableNotes(vaultDir, error.message));
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw authorError(`The notes folder ${vaultDir} does not exist. Set NOTES_DIR to an Obsidian vault.`);
    }
    throw error;
  }
}
