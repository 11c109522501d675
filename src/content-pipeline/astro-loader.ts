/**
 * The Astro content loader for lessons: runs the pipeline over the vault and hands Astro finished
 * HTML plus each lesson's data. Broken links are printed as a summary (and fail the build with
 * NOTES_STRICT=1); a note that cannot be processed stops the build naming its file and line.
 */
import { createHash } from 'node:crypto';
import { type Dirent, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { buildVault, NoteBuildError, type VaultBuild } from './build-lessons';
import { bodyHash, type LessonBody, writeLessonBodies } from './lesson-body';
import { ATTACHMENT_MANIFEST, LESSON_QUIZZES_MANIFEST, LESSONS_LOADER, LESSONS_RELOADED } from './loader-handoff';
import { isScored } from './questions/schema';
import { type AuthorProblem, formatProblems, summarizeProblems } from './report';
import { readVaultSettings } from './settings';
import { sourceVersion } from './source-version';
import { withTrailingSlash } from '../shared/trailing-slash';

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

/**
 * What the lessons are made from, as one digest: every note's text, every other vault file's size
 * and date (attachments are published as they are), the vault's settings files, the pipeline's own
 * code (`code`, see pipelineVersion) and the build settings. When it matches the digest of the
 * last load, the content store already holds these lessons and the pipeline does not run at all.
 */
function inputsDigest(vaultDir: string, options: unknown, code: string, generateDigest: (data: string) => string): string {
  const hash = createHash('sha256');
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
  return generateDigest(hash.digest('hex'));
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
  const settings = readVaultSettings(process.env, fileURLToPath(config.root));
  const options = {
    vaultDir: settings.vaultDir,
    base: withTrailingSlash(config.base),
    strictLineBreaks: settings.strictLineBreaks,
    singleDollarMath: settings.singleDollarMath,
  };
  const cacheDir = fileURLToPath(config.cacheDir);
  const packFile = join(cacheDir, 'lesson-bodies.pack');
  const manifestFile = join(cacheDir, ATTACHMENT_MANIFEST);
  const quizzesFile = join(cacheDir, LESSON_QUIZZES_MANIFEST);
  if (!existsSync(settings.vaultDir)) throw authorError(`The notes folder ${settings.vaultDir} does not exist. Set NOTES_DIR to an Obsidian vault.`);
  // The pipeline's code is read once a load: it keys both the load's inputs and the per-note cache.
  const code = pipelineVersion(fileURLToPath(config.root));
  const inputs = inputsDigest(settings.vaultDir, options, code, generateDigest);
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
    existsSync(manifestFile) &&
    existsSync(quizzesFile) &&
    existsSync(packFile) &&
    kept.every((entry) => entry.data.bodyFile === packFile && typeof entry.data.bodyHash === 'string')
  ) {
    const warnings = JSON.parse(meta.get('warnings') ?? '[]') as AuthorProblem[];
    reportProblems(`${kept.length} notes from ${settings.vaultDir}, unchanged since the last build`, warnings, logger, settings.failOnProblems, listedBefore(warnings));
    return;
  }

  let build: VaultBuild;
  try {
    // Each note's parse and rendering are kept between builds, for as long as the code is the same.
    build = buildVault({
      ...options,
      cache: { file: join(cacheDir, 'lesson-pipeline.bin'), version: `${code}\0${JSON.stringify(options)}` },
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
  reportProblems(`${build.lessons.length} notes from ${settings.vaultDir}`, build.warnings, logger, settings.failOnProblems, listedBefore(build.warnings));
  // Each lesson's bulk (its HTML and its questions) goes to the build's pack of lesson bodies, and
  // the content store keeps the rest plus the hash of that body (see lesson-body.ts for why).
  // Each entry's digest covers everything its pages show (HTML, questions, backlinks, resolved
  // links and embeds of other notes): a lesson whose digest is unchanged keeps its entry, and in
  // `npm run dev` only pages whose lesson changed reload.
  const bodies: Array<[string, string, string]> = [];
  const live = new Set<string>();
  let changed = 0;
  for (const lesson of build.lessons) {
    const { html, questions, ...rest } = lesson;
    const bodyJson = JSON.stringify({ html, questions } satisfies LessonBody);
    const hash = bodyHash(bodyJson);
    bodies.push([lesson.slug, bodyJson, hash]);
    live.add(lesson.slug);
    const entry = { ...rest, bodyFile: packFile, bodyHash: hash };
    const digest = generateDigest(JSON.stringify(entry));
    if (store.get(lesson.slug)?.digest === digest) continue;
    changed += 1;
    const data = await parseData({ id: lesson.slug, data: entry as Record<string, unknown> });
    store.set({ id: lesson.slug, data, digest });
  }
  for (const id of store.keys()) if (!live.has(id)) store.delete(id);
  writeLessonBodies(packFile, bodies);
  // Builds before the pack wrote a file per lesson into this folder.
  rmSync(join(cacheDir, 'lesson-bodies'), { recursive: true, force: true });
  writeFileSync(manifestFile, JSON.stringify({ vaultDir: settings.vaultDir, base: config.base, attachments: build.attachments }));
  writeFileSync(quizzesFile, JSON.stringify(build.lessons.filter((lesson) => lesson.questions.some(isScored)).map((lesson) => lesson.slug)));
  meta.set('warnings', JSON.stringify(build.warnings));
  meta.set('inputs', inputs);
  if (changed < build.lessons.length) logger.info(`${changed} of ${build.lessons.length} lessons changed since the last build`);
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
