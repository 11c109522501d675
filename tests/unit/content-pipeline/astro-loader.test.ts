/**
 * The lessons loader's report of the author's problems (src/content-pipeline/astro-loader.ts): a
 * build and the first load of `npm run dev` list them; a reload of `npm run dev` lists them only
 * when they changed, so an author saving a note every few seconds is not shown the same lines again.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { describe, expect, test } from 'vitest';
import { lessonsLoader } from '../../../src/content-pipeline/astro-loader';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { lessonsHandedToPages, promiseEarlyLessons, writeEarlyLessons } from '../../../src/content-pipeline/early-lessons';
import { writeLessonEntries } from '../../../src/content-pipeline/lesson-entry';
import { lessonsRun } from '../../../src/content-pipeline/lessons-run';
import { EARLY_LESSONS_FILE_ENV, EARLY_LESSONS_PID_ENV, earlyLessonsTakenFile } from '../../../src/content-pipeline/loader-handoff';
import { withNotesDir } from './helpers';

const ROOT = new URL('../../../', import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'ami-lab-loader-'));
const vault = join(work, 'vault');
withNotesDir(vault, work, () => {
  mkdirSync(vault);
  writeFileSync(join(vault, 'Copying AMIs.md'), 'CopyImage copies an AMI. See [[Sharing AMIs]] and [[Launch permissions]].\n');
  writeFileSync(join(vault, 'Sharing AMIs.md'), 'ModifyImageAttribute shares an AMI.\n');
});

/** One dev server's content layer: a store and a meta store that live across loads, and its log. */
function contentLayer() {
  const entries = new Map<string, { id: string; data: Record<string, unknown>; digest?: string }>();
  const meta = new Map<string, string>();
  const log: Array<{ level: 'info' | 'warn'; message: string }> = [];
  const context = (reloadId?: number) =>
    ({
      store: {
        get: (id: string) => entries.get(id),
        set: (entry: { id: string; data: Record<string, unknown>; digest?: string }) => entries.set(entry.id, entry),
        delete: (id: string) => entries.delete(id),
        clear: () => entries.clear(),
        keys: () => [...entries.keys()],
        values: () => [...entries.values()],
      },
      meta: { get: (key: string) => meta.get(key), set: (key: string, value: string) => meta.set(key, value), delete: (key: string) => meta.delete(key) },
      logger: { info: (message: string) => log.push({ level: 'info', message }), warn: (message: string) => log.push({ level: 'warn', message }) },
      config: { root: ROOT, cacheDir: pathToFileURL(`${join(work, 'cache')}/`), base: '/' },
      parseData: async ({ data }: { data: Record<string, unknown> }) => data,
      generateDigest: (data: string) => createHash('sha256').update(data).digest('hex').slice(0, 16),
      refreshContextData: reloadId === undefined ? undefined : { reloadId, changedPaths: [] },
    }) as unknown as LoaderContext;
  /** Runs the loader and returns what it logged. */
  const load = async (reloadId?: number) => {
    log.length = 0;
    await lessonsLoader().load(context(reloadId));
    return [...log];
  };
  return { load, entries, meta };
}

const warnings = (log: Array<{ level: string; message: string }>) => log.filter((entry) => entry.level === 'warn').map((entry) => entry.message);
const summary = (log: Array<{ level: string; message: string }>) => log.find((entry) => entry.message.includes('notes from'))?.message ?? '';

describe("the lessons loader reports the notes' problems", () => {
  test('listed at the first load, then again only when they changed', { timeout: 60_000 }, async () => {
    const server = contentLayer();

    const first = await server.load();
    expect(warnings(first)).toEqual([expect.stringMatching(/Copying AMIs\.md:1 .*Launch permissions/)]);
    expect(summary(first)).toMatch(/2 notes from .*: 1 unresolved link$/);

    // An edit that leaves the problems as they were: the summary says so, nothing is listed again.
    appendFileSync(join(vault, 'Sharing AMIs.md'), '\nThe owner keeps control.\n');
    const edited = await server.load(1);
    expect(warnings(edited)).toEqual([]);
    expect(summary(edited)).toMatch(/1 unresolved link, as listed before$/);

    // A new problem: all of them are listed again.
    appendFileSync(join(vault, 'Sharing AMIs.md'), '\nSee [[Public AMIs]].\n');
    const broken = await server.load(2);
    expect(warnings(broken)).toEqual([expect.stringMatching(/Launch permissions/), expect.stringMatching(/Sharing AMIs\.md:.*Public AMIs/)]);

    // Nothing changed at all (the loader keeps the store): still not listed again.
    expect(warnings(await server.load(3))).toEqual([]);

    // A build (no reload) always lists them.
    expect(warnings(await server.load())).toHaveLength(2);
  });
});

describe('a vault without notes', () => {
  test('is named, with what to do', { timeout: 60_000 }, async () => {
    const empty = join(work, 'empty-vault');
    mkdirSync(join(empty, '.obsidian'), { recursive: true });
    writeFileSync(join(empty, 'diagram.png'), '');
    const saved = process.env.NOTES_DIR;
    process.env.NOTES_DIR = empty;
    try {
      const log = await contentLayer().load();
      expect(summary(log)).toMatch(/^0 notes from .*empty-vault: no problems$/);
      expect(warnings(log)).toEqual([`The notes folder ${empty} holds no notes (.md files): the site has no lessons. Set NOTES_DIR to an Obsidian vault.`]);
    } finally {
      process.env.NOTES_DIR = saved;
    }
  });
});

describe('the lessons `npm run build` makes beside Astro', () => {
  /**
   * Lessons as a run beside Astro would leave them, marked so the test can tell them apart, with
   * its promise of the inputs `promised` when given.
   */
  const plant = (inputs: string, promised?: string): string => {
    const run = lessonsRun(process.env, fileURLToPath(ROOT), '/', join(work, 'cache'));
    const build = buildVault(run.options);
    const marked = { ...build, lessons: build.lessons.map((lesson) => ({ ...lesson, title: `${lesson.title}, made early` })) };
    const file = join(work, 'early-lessons.bin');
    writeEarlyLessons(file, inputs, { entries: writeLessonEntries(join(work, 'cache'), vault, '/', marked), warnings: build.warnings });
    if (promised !== undefined) promiseEarlyLessons(file, promised);
    // The run has ended: a process that has exited and been reaped.
    process.env[EARLY_LESSONS_FILE_ENV] = file;
    process.env[EARLY_LESSONS_PID_ENV] = String(spawnSync(process.execPath, ['--eval', '']).pid);
    return file;
  };
  const titles = (server: ReturnType<typeof contentLayer>) => [...server.entries.values()].map((entry) => entry.data.title).sort();
  const forget = () => {
    delete process.env[EARLY_LESSONS_FILE_ENV];
    delete process.env[EARLY_LESSONS_PID_ENV];
    delete process.env.NOTES_STRICT;
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('ami-lab.lessons-handed-to-pages')];
  };

  test('are taken when made from the inputs the loader sees, and the loader runs the pipeline itself otherwise', { timeout: 60_000 }, async () => {
    try {
      const inputs = lessonsRun(process.env, fileURLToPath(ROOT), '/', join(work, 'cache')).inputs;
      const taken = contentLayer();
      const file = plant(inputs);
      expect(summary(await taken.load())).toMatch(/2 notes from .*, made beside Astro's start: /);
      expect(titles(taken)).toEqual(['Copying AMIs, made early', 'Sharing AMIs, made early']);
      expect(existsSync(file)).toBe(false);

      const stale = contentLayer();
      plant('the inputs of another vault');
      expect(summary(await stale.load())).toMatch(/2 notes from [^,]*: /);
      expect(titles(stale)).toEqual(['Copying AMIs', 'Sharing AMIs']);
    } finally {
      forget();
    }
  });

  test('promised from the inputs the loader sees, they are left to the pages: the store keeps none, and their problems are reported when the pages read them', {
    timeout: 60_000,
  }, async () => {
    try {
      const inputs = lessonsRun(process.env, fileURLToPath(ROOT), '/', join(work, 'cache')).inputs;
      const server = contentLayer();
      await server.load();
      expect(server.entries.size).toBe(2);
      // Lessons of an earlier build: the notes have changed since.
      server.meta.set('inputs', 'an earlier build');
      plant(inputs, inputs);
      const log = await server.load();
      expect(log).toEqual([
        { level: 'info', message: `Lessons from ${vault} are made beside Astro's build: the pages read them, and their problems are listed, once they are made.` },
      ]);
      // A later build must not take the store for lessons of these inputs (the pages did not read it).
      expect(server.entries.size).toBe(0);
      expect(server.meta.has('inputs')).toBe(false);
      const handed = await lessonsHandedToPages();
      expect(handed?.map((lesson) => lesson.data.title)).toEqual(['Copying AMIs, made early', 'Sharing AMIs, made early']);
    } finally {
      forget();
    }
  });

  test('with NOTES_STRICT the loader waits for them, so that the problems stop the build before any page is written', { timeout: 60_000 }, async () => {
    try {
      const inputs = lessonsRun(process.env, fileURLToPath(ROOT), '/', join(work, 'cache')).inputs;
      plant(inputs, inputs);
      process.env.NOTES_STRICT = '1';
      await expect(contentLayer().load()).rejects.toThrow(/^NOTES_STRICT is set and the notes have \d+ unresolved links?; npm run notes:check lists them\.$/);
      expect(lessonsHandedToPages()).toBeUndefined();
    } finally {
      forget();
    }
  });

  test('a store that already holds lessons of the same inputs is noted for the build script, as taken lessons are', { timeout: 60_000 }, async () => {
    const file = join(work, 'kept-early-lessons.bin');
    const server = contentLayer();
    await server.load();
    // A build after the site folder was emptied, the notes unchanged: the store's lessons are the
    // ones the run beside Astro made again, and the search index made from its pages stands for them.
    process.env[EARLY_LESSONS_FILE_ENV] = file;
    try {
      expect(summary(await server.load())).toMatch(/unchanged since the last build/);
      expect(readFileSync(earlyLessonsTakenFile(file), 'utf8')).toBe(lessonsRun(process.env, fileURLToPath(ROOT), '/', join(work, 'cache')).inputs);
    } finally {
      delete process.env[EARLY_LESSONS_FILE_ENV];
    }
  });
});
