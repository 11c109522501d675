/**
 * The lessons pipeline run that `npm run build` starts beside Astro (src/content-pipeline/
 * early-lessons.ts and cli/early-lessons.ts): plain Node runs it, it makes the lessons the pipeline
 * makes, and the loader's side takes them as soon as the run has written them, and only when they
 * were made from the inputs the loader sees.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { takeEarlyLessons, writeEarlyLessons } from '../../../src/content-pipeline/early-lessons';
import { lessonsRun } from '../../../src/content-pipeline/lessons-run';
import { EARLY_LESSONS_FILE_ENV, EARLY_LESSONS_PID_ENV, earlyLessonsTakenFile, earlySearchPagesFile } from '../../../src/content-pipeline/loader-handoff';
import { lessonSearchPages, readSearchPages } from '../../../src/content-pipeline/search-pages';
import { earlyRunEnv, endedPid, PROJECT_ROOT, writeVault } from './helpers';

const CLI = join(PROJECT_ROOT, 'src/content-pipeline/cli/early-lessons.ts');
const work = mkdtempSync(join(tmpdir(), 'ami-lab-early-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

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
    const early = await takeEarlyLessons(earlyRunEnv(file, endedPid()), run.inputs);
    const here = buildVault(run.options);
    expect(early).toEqual({ lessons: here.lessons, warnings: here.warnings, attachments: here.attachments });
    expect(early?.lessons.map((lesson) => lesson.title)).toEqual(['Copying AMIs', 'Sharing AMIs']);
    // The file is the loader's to remove once read; it notes which lessons it took, for the build
    // script, which publishes the search index made from the same run's pages only then.
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(earlyLessonsTakenFile(file), 'utf8')).toBe(run.inputs);
    expect(readSearchPages(earlySearchPagesFile(file))).toEqual({ inputs: run.inputs, pages: lessonSearchPages(here.lessons) });
    // The per-note cache is written too, after the lessons, for the next build.
    expect(existsSync(run.pipeline.cache?.file ?? '')).toBe(true);
  });

  test('a vault it cannot build: it writes nothing and prints nothing, and the loader is left to say why', { timeout: 60_000 }, () => {
    const vault = writeVault({ 'Broken.md': '---\ntags: [unclosed\n---\nText.\n' });
    const file = join(work, 'broken.bin');
    const child = spawnSync(process.execPath, [CLI, PROJECT_ROOT, '/', join(work, 'cache'), file], { env: { ...process.env, NOTES_DIR: vault }, encoding: 'utf8' });
    expect(child.status).toBe(1);
    expect(child.stdout + child.stderr).toBe('');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(earlySearchPagesFile(file))).toBe(false);
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
    writeEarlyLessons(file, before.inputs, buildVault(before.options));
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
    const run = lessonsRun({ ...process.env, NOTES_DIR: vault }, PROJECT_ROOT, '/', join(work, 'cache'));
    const build = buildVault(run.options);
    const file = join(work, 'later.bin');
    // A run still going: its file appears after 200 ms, and it writes its per-note cache for seconds after.
    const running = spawn(process.execPath, ['--eval', 'setTimeout(() => {}, 20_000)']);
    const ended = new Promise((done) => running.on('close', done));
    setTimeout(() => writeEarlyLessons(file, run.inputs, build), 200);
    // Taken at once, the file would not be there yet; taken at the run's end, 20 s from now.
    const taken = await takeEarlyLessons(earlyRunEnv(file, running.pid ?? 0), run.inputs);
    expect(taken?.lessons).toHaveLength(2);
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

  test('without a run to wait for (npm run dev, astro build by hand), nothing is taken at once', async () => {
    const { [EARLY_LESSONS_FILE_ENV]: _file, [EARLY_LESSONS_PID_ENV]: _pid, ...env } = process.env;
    expect(await takeEarlyLessons(env, 'any')).toBeUndefined();
  });
});
