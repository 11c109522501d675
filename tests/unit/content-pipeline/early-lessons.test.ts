/**
 * The lessons pipeline run that `npm run build` starts beside Astro (src/content-pipeline/
 * early-lessons.ts and cli/early-lessons.ts): plain Node runs it, it makes the lessons the pipeline
 * makes, and the loader's side takes them as soon as the run has written them, and only when they
 * were made from the inputs the loader sees; or leaves them to the pages, which then read them
 * from the run's file, in words when the run could not make them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import {
  type EarlyLessons,
  earlyRunPromised,
  handLessonsToPages,
  lessonsHandedToPages,
  promiseEarlyLessons,
  takeEarlyLessons,
  writeEarlyFailure,
  writeEarlyLessons,
} from '../../../src/content-pipeline/early-lessons';
import { lessonBodiesFile, writeLessonEntries } from '../../../src/content-pipeline/lesson-entry';
import { readLessonBody } from '../../../src/content-pipeline/lesson-body';
import { lessonsRun } from '../../../src/content-pipeline/lessons-run';
import { EARLY_LESSONS_FILE_ENV, EARLY_LESSONS_PID_ENV, earlyLabsFile, earlyLessonsTakenFile, earlySearchPagesFile } from '../../../src/content-pipeline/loader-handoff';
import { lessonSearchPages, readSearchPages } from '../../../src/content-pipeline/search-pages';
import { earlyRunEnv, endedPid, PROJECT_ROOT, writeVault } from './helpers';

const CLI = join(PROJECT_ROOT, 'src/content-pipeline/cli/early-lessons.ts');
const work = mkdtempSync(join(tmpdir(), 'ami-lab-early-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// The loader's handover to the pages is a global (see handLessonsToPages): each test starts without one.
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('ami-lab.lessons-handed-to-pages')];
});

/** What a run makes of `vault`'s notes, with its bodies packed into `cacheDir`. */
function made(vault: string, cacheDir: string): { inputs: string; made: EarlyLessons } {
  const run = lessonsRun({ ...process.env, NOTES_DIR: vault }, PROJECT_ROOT, '/', cacheDir);
  const build = buildVault(run.options);
  return { inputs: run.inputs, made: { entries: writeLessonEntries(cacheDir, vault, '/', build), warnings: build.warnings } };
}

const notes = {
  'Copying AMIs.md': '---\ntags: [ami]\n---\n# Copying AMIs\n\nCopyImage copies an AMI to another Region. See [[Sharing AMIs#Launch permissions]].\n',
  'Sharing AMIs.md': '## Launch permissions\n\nModifyImageAttribute shares an AMI. See [[Public AMIs]].\n\n![[diagram.png]]\n',
};

describe('the lessons pipeline beside Astro', () => {
  test('plain Node runs it, and it makes the lessons the pipeline makes and their pages for the search index', { timeout: 60_000 }, async () => {
    const vault = writeVault(notes);
    const file = join(work, 'made.bin');
    const env = { ...process.env, NOTES_DIR: vault };
    const child = spawnSync(process.execPath, [CLI, PROJECT_ROOT, '/', join(work, 'cache'), file], { env, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);

    const run = lessonsRun(env, PROJECT_ROOT, '/', join(work, 'cache'));
    // The walk that makes the digest counts the notes too (a large vault's run leaves the lab scenarios to the loader).
    expect(run.notes).toBe(2);
    // First its promise: the digest of the inputs it reads, which the loader asks for.
    expect(await earlyRunPromised(earlyRunEnv(file, endedPid()), run.inputs)).toBe(true);
    // The lab scenarios, for the labs loader.
    expect(existsSync(earlyLabsFile(file))).toBe(true);
    const early = await takeEarlyLessons(earlyRunEnv(file, endedPid()), run.inputs);
    const here = buildVault(run.options);
    expect(early?.warnings).toEqual(here.warnings);
    expect(early?.entries.map((entry) => entry.data.title)).toEqual(['Copying AMIs', 'Sharing AMIs']);
    // Each entry's body is in the pack the run wrote into the cache folder: the lesson's HTML.
    const first = early?.entries[0];
    const body = first && readLessonBody(first.data.bodyFile, first.id, first.data.bodyHash);
    expect(body?.ok && body.body.html).toBe(here.lessons[0]?.html);
    expect(first?.data.bodyFile).toBe(lessonBodiesFile(join(work, 'cache')));
    // The same entries as the loader makes of its own run.
    expect(early?.entries).toEqual(made(vault, join(work, 'cache')).made.entries);
    // The file is the loader's to remove once read; it notes which lessons it took, for the build
    // script, which publishes the search index made from the same run's pages only then.
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(earlyLessonsTakenFile(file), 'utf8')).toBe(run.inputs);
    expect(readSearchPages(earlySearchPagesFile(file))).toEqual({ inputs: run.inputs, pages: lessonSearchPages(here.lessons) });
    // The per-note cache is written too, after the lessons, for the next build.
    expect(existsSync(run.pipeline.cache?.file ?? '')).toBe(true);
  });

  test('a vault it cannot build: it prints nothing, and writes what the author is told in place of the lessons', { timeout: 60_000 }, async () => {
    const vault = writeVault({ 'Broken.md': '---\ntags: [unclosed\n---\nText.\n' });
    const file = join(work, 'broken.bin');
    const env = { ...process.env, NOTES_DIR: vault };
    const child = spawnSync(process.execPath, [CLI, PROJECT_ROOT, '/', join(work, 'cache'), file], { env, encoding: 'utf8' });
    expect(child.status).toBe(1);
    expect(child.stdout + child.stderr).toBe('');
    expect(existsSync(earlySearchPagesFile(file))).toBe(false);
    // The pages, when the loader left the lessons to this run, stop the build in the author's words.
    const inputs = lessonsRun(env, PROJECT_ROOT, '/', join(work, 'cache')).inputs;
    handLessonsToPages(earlyRunEnv(file, endedPid()), inputs, () => {});
    await expect(lessonsHandedToPages()).rejects.toThrow(
      /^These notes cannot be built \(in .*\):\n.*Broken\.md.*\nFix them and build again; npm run notes:check lists every problem\.$/s,
    );
  });

  test('a wrong command line is named', () => {
    const child = spawnSync(process.execPath, [CLI, PROJECT_ROOT], { encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stderr).toMatch(/^usage: node src\/content-pipeline\/cli\/early-lessons\.ts <project root>/);
  });

  test('lessons made from other inputs are not taken, and are removed', async () => {
    const vault = writeVault(notes);
    const env = { ...process.env, NOTES_DIR: vault };
    const before = lessonsRun(env, PROJECT_ROOT, '/', join(work, 'cache'));
    const file = join(work, 'stale.bin');
    writeEarlyLessons(file, before.inputs, made(vault, join(work, 'cache')).made);
    // The author saves a note after the early run read the vault.
    writeFileSync(join(vault, 'Sharing AMIs.md'), '## Launch permissions\n\nEdited.\n');
    const after = lessonsRun(env, PROJECT_ROOT, '/', join(work, 'cache'));
    expect(after.inputs).not.toBe(before.inputs);
    expect(await takeEarlyLessons(earlyRunEnv(file, endedPid()), after.inputs)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    expect(existsSync(earlyLessonsTakenFile(file))).toBe(false);
    // Another site base is another input too.
    expect(lessonsRun(env, PROJECT_ROOT, '/study/', join(work, 'cache')).inputs).not.toBe(after.inputs);
  });

  test('a damaged file is not taken', async () => {
    const file = join(work, 'damaged.bin');
    writeFileSync(file, 'not what a run writes');
    expect(await takeEarlyLessons(earlyRunEnv(file, endedPid()), 'any')).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });

  test('the lessons are taken as soon as their file is there, while the run goes on with its cache', { timeout: 30_000 }, async () => {
    const vault = writeVault(notes);
    const run = made(vault, join(work, 'cache'));
    const file = join(work, 'later.bin');
    // A run still going: its file appears after 200 ms, and it writes its per-note cache for seconds after.
    const running = spawn(process.execPath, ['--eval', 'setTimeout(() => {}, 20_000)']);
    const ended = new Promise((done) => running.on('close', done));
    setTimeout(() => writeEarlyLessons(file, run.inputs, run.made), 200);
    // Taken at once, the file would not be there yet; taken at the run's end, 20 s from now.
    const taken = await takeEarlyLessons(earlyRunEnv(file, running.pid ?? 0), run.inputs);
    expect(taken?.entries).toHaveLength(2);
    expect(running.exitCode).toBeNull();
    running.kill();
    await ended;
  });

  test('a run that ends without writing its lessons: the wait ends with it, and nothing is taken', { timeout: 30_000 }, async () => {
    const file = join(work, 'never.bin');
    const running = spawn(process.execPath, ['--eval', 'setTimeout(() => {}, 300)']);
    const ended = new Promise((done) => running.on('close', done));
    expect(await takeEarlyLessons(earlyRunEnv(file, running.pid ?? 0), 'any')).toBeUndefined();
    await ended;
  });

  test('without a run to wait for (npm run dev, astro build by hand), nothing is taken or promised at once, and the pages read the store', async () => {
    const { [EARLY_LESSONS_FILE_ENV]: _file, [EARLY_LESSONS_PID_ENV]: _pid, ...env } = process.env;
    expect(await takeEarlyLessons(env, 'any')).toBeUndefined();
    expect(await earlyRunPromised(env, 'any')).toBe(false);
    expect(lessonsHandedToPages()).toBeUndefined();
  });

  test('a promise of other inputs is not kept: the loader waits for the lessons, and takes them only if they are its own', async () => {
    const file = join(work, 'promised.bin');
    promiseEarlyLessons(file, 'the inputs before an edit');
    expect(await earlyRunPromised(earlyRunEnv(file, endedPid()), 'the inputs after it')).toBe(false);
    promiseEarlyLessons(file, 'the same inputs');
    expect(await earlyRunPromised(earlyRunEnv(file, endedPid()), 'the same inputs')).toBe(true);
  });
});

describe('lessons left to the pages (the loader found the run beside it reading what it would read)', () => {
  test('the pages read them once the run has written them, and their problems are reported then', { timeout: 30_000 }, async () => {
    const vault = writeVault({ ...notes });
    const run = made(vault, join(work, 'cache'));
    const file = join(work, 'handed.bin');
    const running = spawn(process.execPath, ['--eval', 'setTimeout(() => {}, 20_000)']);
    const ended = new Promise((done) => running.on('close', done));
    const reported: EarlyLessons[] = [];
    handLessonsToPages(earlyRunEnv(file, running.pid ?? 0), run.inputs, (report) => reported.push(report));
    // The build script is told, as when the loader takes the lessons: its search index stands for them.
    expect(readFileSync(earlyLessonsTakenFile(file), 'utf8')).toBe(run.inputs);
    setTimeout(() => writeEarlyLessons(file, run.inputs, run.made), 200);
    const lessons = await lessonsHandedToPages();
    expect(lessons).toEqual(run.made.entries);
    expect(reported).toEqual([run.made]);
    // Pages that ask again (`npm run build` in another mode than production reads them per call)
    // get the same read: the file is gone once read, and the problems are reported once.
    expect(await lessonsHandedToPages()).toBe(lessons);
    expect(reported).toHaveLength(1);
    expect(reported[0]?.warnings.map((warning) => warning.kind)).toEqual(['unresolved-link', 'missing-embed']);
    expect(running.exitCode).toBeNull();
    running.kill();
    await ended;
  });

  test('a run that ended without writing them: the build stops, saying so', { timeout: 30_000 }, async () => {
    handLessonsToPages(earlyRunEnv(join(work, 'never-handed.bin'), endedPid()), 'any', () => {});
    await expect(lessonsHandedToPages()).rejects.toThrow(/^The lessons pipeline that ran beside this build ended without writing the lessons/);
  });

  test('a run that failed: the build stops with its words; a damaged entry is named', async () => {
    const failed = join(work, 'failed.bin');
    writeEarlyFailure(failed, 'inputs', 'These notes cannot be built (in /vault):\nA.md:1  …');
    handLessonsToPages(earlyRunEnv(failed, endedPid()), 'inputs', () => {});
    await expect(lessonsHandedToPages()).rejects.toThrow('These notes cannot be built (in /vault):\nA.md:1  …');

    const vault = writeVault({ ...notes });
    const run = made(vault, join(work, 'cache'));
    const damaged = join(work, 'damaged-entry.bin');
    const [first, second] = run.made.entries;
    if (!first || !second) throw new Error('two lessons expected');
    writeEarlyLessons(damaged, run.inputs, { ...run.made, entries: [first, { ...second, data: { ...second.data, title: 7 as unknown as string } }] });
    handLessonsToPages(earlyRunEnv(damaged, endedPid()), run.inputs, () => {});
    await expect(lessonsHandedToPages()).rejects.toThrow('The lessons pipeline that ran beside this build wrote a damaged lesson (Sharing AMIs.md): build again.');
  });
});
