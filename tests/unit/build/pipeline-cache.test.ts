/**
 * The pipeline's per-note cache (build-lessons.ts, `cache` option): a build that reuses the last
 * build's parses and renderings gives exactly the lessons, problems and attachments of a build
 * without the cache, after an edit of any kind. The obsidian-syntax fixture's basics are copied:
 * "Embeds.md" is embedded whole by "Note embeds.md", so an edit of it must reach that lesson too.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildVault, type VaultBuild } from '../../../src/content-pipeline/build-lessons';

const ROOT = new URL('../../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'ami-lab-pipeline-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What the site is made from: every lesson (HTML, links, backlinks, questions), problems, attachments. */
function output(build: VaultBuild): string {
  return JSON.stringify({ lessons: build.lessons, warnings: build.warnings, attachments: build.attachments });
}

describe('the per-note pipeline cache', () => {
  const vault = join(work, 'vault');
  cpSync(join(ROOT, 'tests/fixtures/vaults/obsidian-syntax/basics'), vault, { recursive: true });
  const cache = { file: join(work, 'cache', 'pipeline.bin'), version: 'test' };
  const cold = () => output(buildVault({ vaultDir: vault }));
  const cached = () => output(buildVault({ vaultDir: vault, cache }));

  test('a build that fills the cache and one that reads it equal a build without it', () => {
    expect(cached()).toBe(cold());
    expect(cached()).toBe(cold());
  });

  test('after an edit of an embedded note, its embedding note shows the edit', () => {
    cached();
    appendFileSync(join(vault, 'Embeds.md'), '\nA sentence added later.\n');
    const after = buildVault({ vaultDir: vault, cache });
    expect(after.lessons.find((l) => l.path === 'Note embeds.md')?.html).toContain('A sentence added later.');
    expect(output(after)).toBe(cold());
  });

  test('after a new heading, a new alias or a new link, the cached build equals a cold one', () => {
    cached();
    appendFileSync(join(vault, 'Callouts.md'), '\n## A heading added later\n\nText under it.\n');
    expect(cached()).toBe(cold());
    appendFileSync(join(vault, 'Random.md'), '\nSee [[Callouts#A heading added later]] and [[Later alias]].\n');
    expect(cached()).toBe(cold());
    const tags = join(vault, 'Tags.md');
    writeFileSync(tags, readFileSync(tags, 'utf8').replace(/^---\n/, '---\naliases: [Later alias]\n'));
    expect(cached()).toBe(cold());
  });

  test('a cache of another pipeline version is not used', () => {
    cached();
    appendFileSync(join(vault, 'Math.md'), '\nMore math: $x^2$.\n');
    expect(output(buildVault({ vaultDir: vault, cache: { ...cache, version: 'other' } }))).toBe(cold());
  });
});
