/**
 * The lab scenarios that the lessons run beside Astro builds once its lessons are written
 * (src/content-pipeline/labs/early-labs.ts): plain Node builds them, simulator and all, they are
 * the scenarios the labs loader would build, and the loader takes them only when they were built
 * from the inputs it sees.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildLabs } from '../../../src/content-pipeline/labs/build-labs';
import { declineEarlyLabs, takeEarlyLabs, writeEarlyLabs } from '../../../src/content-pipeline/labs/early-labs';
import { labsRun } from '../../../src/content-pipeline/labs/labs-run';
import { EARLY_LESSONS_FILE_ENV, EARLY_LESSONS_PID_ENV, earlyLabsFile } from '../../../src/content-pipeline/loader-handoff';
import { earlyRunEnv, endedPid, PROJECT_ROOT, writeVault } from './helpers';

const CLI = join(PROJECT_ROOT, 'src/content-pipeline/cli/early-lessons.ts');
const work = mkdtempSync(join(tmpdir(), 'ami-lab-early-labs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the lab scenarios built beside Astro', () => {
  test('plain Node builds them before the lessons of a small vault, and they are the scenarios the loader would build', { timeout: 60_000 }, async () => {
    const vault = writeVault({ 'Amazon Machine Images (AMI).md': '# AMIs\n\nAn AMI.\n' });
    const lessonsFile = join(work, 'made.bin');
    const env = { ...process.env, NOTES_DIR: vault };
    const child = spawnSync(process.execPath, [CLI, PROJECT_ROOT, '/', join(work, 'cache'), lessonsFile], { env, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(existsSync(earlyLabsFile(lessonsFile))).toBe(true);

    const run = labsRun(env, PROJECT_ROOT, '/');
    if (!run) throw new Error('the project has content/labs');
    const early = await takeEarlyLabs(earlyRunEnv(lessonsFile, endedPid()), run.inputs);
    const here = buildLabs(run.options);
    expect(early).toEqual(here);
    if (!early?.ok) throw new Error('the shipped scenarios build');
    expect(early.scenarios.find((scenario) => scenario.slug === 'bake-an-ami')?.title).toBe('Bake an AMI');
    // The vault has the AMI note: the scenarios' links to it are links.
    const html = early.scenarios.flatMap((scenario) => [scenario.instructionsHtml, scenario.successHtml, ...scenario.hintsHtml]).join('');
    expect(html).toContain('href="/notes/amazon-machine-images-ami/"');
    // The file is the loader's to remove once read.
    expect(existsSync(earlyLabsFile(lessonsFile))).toBe(false);
  });

  test('scenarios built from other inputs are not taken, and are removed', async () => {
    const vault = writeVault({ 'Unrelated.md': 'Nothing the labs link to.\n' });
    const env = { ...process.env, NOTES_DIR: vault };
    const before = labsRun(env, PROJECT_ROOT, '/');
    if (!before) throw new Error('the project has content/labs');
    const lessonsFile = join(work, 'stale.bin');
    writeEarlyLabs(lessonsFile, before.inputs, buildLabs(before.options));
    // The author adds the note the scenarios link to after the run read the vault.
    writeFileSync(join(vault, 'Amazon Machine Images (AMI).md'), 'An AMI.\n');
    const after = labsRun(env, PROJECT_ROOT, '/');
    expect(after?.inputs).not.toBe(before.inputs);
    expect(await takeEarlyLabs(earlyRunEnv(lessonsFile, endedPid()), after?.inputs ?? '')).toBeUndefined();
    expect(existsSync(earlyLabsFile(lessonsFile))).toBe(false);
    // Another site base is another input too.
    expect(labsRun(env, PROJECT_ROOT, '/study/')?.inputs).not.toBe(after?.inputs);
  });

  test('a damaged file is not taken', async () => {
    const lessonsFile = join(work, 'damaged.bin');
    writeFileSync(earlyLabsFile(lessonsFile), 'not what a run writes');
    expect(await takeEarlyLabs(earlyRunEnv(lessonsFile, endedPid()), 'any')).toBeUndefined();
    expect(existsSync(earlyLabsFile(lessonsFile))).toBe(false);
  });

  test('the scenarios are taken as soon as their file is there, while the run goes on', { timeout: 30_000 }, async () => {
    const run = labsRun({ ...process.env, NOTES_DIR: writeVault({ 'Note.md': 'Text.\n' }) }, PROJECT_ROOT, '/');
    if (!run) throw new Error('the project has content/labs');
    const lessonsFile = join(work, 'later.bin');
    // A run still going: its file appears after 200 ms, and it writes its per-note cache after that.
    const running = spawn(process.execPath, ['--eval', 'setTimeout(() => {}, 20_000)']);
    const ended = new Promise((done) => running.on('close', done));
    setTimeout(() => writeEarlyLabs(lessonsFile, run.inputs, buildLabs(run.options)), 200);
    const taken = await takeEarlyLabs(earlyRunEnv(lessonsFile, running.pid ?? 0), run.inputs);
    expect(taken?.ok && taken.scenarios.length).toBe(16);
    expect(running.exitCode).toBeNull();
    running.kill();
    await ended;
  });

  test("a large vault's run declines them: the loader is told at once, while the run goes on, and builds them itself", { timeout: 30_000 }, async () => {
    const lessonsFile = join(work, 'declined.bin');
    const running = spawn(process.execPath, ['--eval', 'setTimeout(() => {}, 20_000)']);
    const ended = new Promise((done) => running.on('close', done));
    declineEarlyLabs(lessonsFile);
    expect(await takeEarlyLabs(earlyRunEnv(lessonsFile, running.pid ?? 0), 'any')).toBeUndefined();
    expect(running.exitCode).toBeNull();
    expect(existsSync(earlyLabsFile(lessonsFile))).toBe(false);
    running.kill();
    await ended;
  });

  test('a run that ends without writing them: the wait ends with it, and the loader builds them', { timeout: 30_000 }, async () => {
    const running = spawn(process.execPath, ['--eval', 'setTimeout(() => {}, 300)']);
    const ended = new Promise((done) => running.on('close', done));
    expect(await takeEarlyLabs(earlyRunEnv(join(work, 'never.bin'), running.pid ?? 0), 'any')).toBeUndefined();
    await ended;
  });

  test('without a run to wait for (npm run dev, astro build by hand), nothing is taken at once', async () => {
    const { [EARLY_LESSONS_FILE_ENV]: _file, [EARLY_LESSONS_PID_ENV]: _pid, ...env } = process.env;
    expect(await takeEarlyLabs(env, 'any')).toBeUndefined();
  });
});
