import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVault, type VaultBuild } from '../../../src/content-pipeline/build-lessons';

export const QUESTION_FIXTURES = fileURLToPath(new URL('../../fixtures/questions/', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Builds a copy of a fixture vault (good/ or broken/) so the run cannot touch the fixtures. */
export function buildFixture(name: 'good' | 'broken', options: { questions?: boolean } = {}): VaultBuild {
  const dir = mkdtempSync(join(tmpdir(), 'ami-lab-questions-'));
  cpSync(join(QUESTION_FIXTURES, name), dir, { recursive: true });
  return buildVault({ vaultDir: dir, ...options });
}
