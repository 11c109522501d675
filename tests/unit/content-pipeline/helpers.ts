import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { buildVault, type Lesson, type VaultBuild } from '../../../src/content-pipeline/build-lessons';
import { EARLY_LESSONS_FILE_ENV, EARLY_LESSONS_PID_ENV } from '../../../src/content-pipeline/loader-handoff';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/vaults/', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const written: string[] = [];
// Throwaway vaults are removed when the test file is done, so test runs leave nothing in /tmp.
afterAll(() => {
  for (const root of written.splice(0)) rmSync(root, { recursive: true, force: true });
});

/**
 * For the tests of one file that run a content loader (which reads the vault from NOTES_DIR):
 * `prepare` makes the vault, NOTES_DIR points at it, and afterwards NOTES_DIR is as it was and the
 * test's `work` folder is gone.
 */
export function withNotesDir(vault: string, work: string, prepare: () => void): void {
  const saved = process.env.NOTES_DIR;
  beforeAll(() => {
    prepare();
    process.env.NOTES_DIR = vault;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.NOTES_DIR;
    else process.env.NOTES_DIR = saved;
    rmSync(work, { recursive: true, force: true });
  });
}

/** Writes a throwaway vault from `{ path: content }` and returns its folder. */
export function writeVault(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'ami-lab-vault-'));
  written.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** Builds a one-note vault (plus optional others) and returns that note's lesson. */
export function renderNote(markdown: string, others: Record<string, string | Buffer> = {}, options: { strictLineBreaks?: boolean } = {}): { lesson: Lesson; build: VaultBuild } {
  const build = buildVault({ vaultDir: writeVault({ 'Note.md': markdown, ...others }), ...options });
  const lesson = build.lessons.find((l) => l.path === 'Note.md');
  if (!lesson) throw new Error('Note.md was not built');
  return { lesson, build };
}

/** The id of a process that has ended (and been reaped): nothing to wait for. */
export function endedPid(): number {
  const pid = spawnSync(process.execPath, ['--eval', '']).pid;
  if (pid === undefined) throw new Error('no process started');
  return pid;
}

/** The environment `npm run build` gives Astro: the run beside it (process `pid`) writes its lessons to `lessonsFile`. */
export const earlyRunEnv = (lessonsFile: string, pid: number): NodeJS.ProcessEnv => ({
  ...process.env,
  [EARLY_LESSONS_FILE_ENV]: lessonsFile,
  [EARLY_LESSONS_PID_ENV]: String(pid),
});
