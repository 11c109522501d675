/**
 * A site built onto another disk than the project's (`--outDir` on a tmpfs /tmp, or a mounted
 * volume): Astro moves the stylesheets it bundled inside the project into the output folder with a
 * rename, which cannot cross disks (see src/integrations/output-on-another-disk.ts). The build must
 * end, and every stylesheet a page links to must be in the site.
 *
 * Runs where some folder is on another disk than the project (/dev/shm on Linux); skipped, and
 * saying so, elsewhere. One real build: about ten seconds.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** A writable folder on another disk than the project's, if this machine has one. */
function anotherDisk(): string | undefined {
  const projectDisk = statSync(ROOT).dev;
  return [tmpdir(), '/dev/shm'].find((dir) => {
    try {
      accessSync(dir, constants.W_OK);
      return statSync(dir).dev !== projectDisk;
    } catch {
      return false;
    }
  });
}

const elsewhere = anotherDisk();
const work = mkdtempSync(join(tmpdir(), 'ami-lab-another-disk-'));
const site = elsewhere ? mkdtempSync(join(elsewhere, 'ami-lab-site-')) : '';
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  if (site) rmSync(site, { recursive: true, force: true });
});

describe('the output folder on another disk', () => {
  test.skipIf(!elsewhere)(`builds the site onto another disk than the project's (${elsewhere ?? 'none on this machine'})`, { timeout: 300_000 }, () => {
    const vault = join(work, 'vault');
    cpSync(join(ROOT, 'tests/fixtures/vaults/obsidian-syntax/basics'), vault, { recursive: true });
    const log = execFileSync(process.execPath, [join(ROOT, 'src/scripts/build-site.mjs'), '--outDir', site], {
      cwd: ROOT,
      env: { ...process.env, NOTES_DIR: vault, ASTRO_CACHE_DIR: join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1', FULL_BUILD: '' },
      encoding: 'utf8',
      stdio: 'pipe',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(log).toContain(`${site}/sw.js precaches`);
    const home = readFileSync(join(site, 'index.html'), 'utf8');
    const stylesheets = [...home.matchAll(/<link rel="stylesheet" href="\/(_astro\/[^"]+\.css)"/g)].map((match) => match[1] as string);
    expect(stylesheets.length).toBeGreaterThan(0);
    for (const stylesheet of stylesheets) expect(existsSync(join(site, stylesheet)), stylesheet).toBe(true);
  });
});
