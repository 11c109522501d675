import { afterAll } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVault, type VaultBuild } from '../../../src/content-pipeline/build-lessons';

const madeDirs: string[] = [];
// Temporary folders go when the test file is done, so test runs leave nothing in /tmp.
afterAll(() => {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export const QUESTION_FIXTURES = fileURLToPath(new URL('../../fixtures/questions/', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Builds a copy of a fixture vault (good/, broken/, question-files/good/…) so the run cannot touch the fixtures. */
export function buildFixture(name: string, options: { questions?: boolean } = {}): VaultBuild {
  const dir = mkdtempSync(join(tmpdir(), 'ami-lab-questions-'));
  madeDirs.push(dir);
  cpSync(join(QUESTION_FIXTURES, name), dir, { recursive: true });
  return buildVault({ vaultDir: dir, ...options });
}
