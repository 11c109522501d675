/**
 * Sites built into folders outside the project. Astro bundles their pages inside the project, in
 * `.astro/.prerender/`, then moves stylesheets from there into the output folder and removes the
 * bundle when the pages are written. So:
 *
 * - onto another disk than the project's (`--outDir` on a tmpfs /tmp, or a mounted volume), the
 *   move must cross disks, which a rename cannot (see src/integrations/output-on-another-disk.ts):
 *   the build must end, and every stylesheet a page links to must be in the site. Runs where some
 *   folder is on another disk than the project (/dev/shm on Linux); skipped, and saying so,
 *   elsewhere;
 * - two such builds at once must not remove each other's bundle: the second waits for the first
 *   (see takeSharedBundleFolder in src/scripts/build-site.mjs), and both sites are whole.
 *
 * Three real builds of a small vault: about half a minute.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'ami-lab-outside-'));
const vault = join(work, 'vault');
beforeAll(() => cpSync(join(ROOT, 'tests/fixtures/vaults/obsidian-syntax/basics'), vault, { recursive: true }));

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
const siteElsewhere = elsewhere ? mkdtempSync(join(elsewhere, 'ami-lab-site-')) : '';
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  if (siteElsewhere) rmSync(siteElsewhere, { recursive: true, force: true });
});

/** `npm run build`'s command into `outDir`, with an Astro cache of its own; its output, or why it failed. */
async function build(outDir: string, cacheName: string): Promise<{ ok: boolean; log: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'src/scripts/build-site.mjs'), '--outDir', outDir], {
      cwd: ROOT,
      env: { ...process.env, NOTES_DIR: vault, ASTRO_CACHE_DIR: join(work, cacheName), ASTRO_TELEMETRY_DISABLED: '1', FULL_BUILD: '' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: true, log: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, log: `${failed.message}\n${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The stylesheets the home page links to, each checked to be in the site. */
function expectWholeSite(site: string): void {
  const home = readFileSync(join(site, 'index.html'), 'utf8');
  const stylesheets = [...home.matchAll(/<link rel="stylesheet" href="\/(_astro\/[^"]+\.css)"/g)].map((match) => match[1] as string);
  expect(stylesheets.length).toBeGreaterThan(0);
  for (const stylesheet of stylesheets) expect(existsSync(join(site, stylesheet)), stylesheet).toBe(true);
  expect(existsSync(join(site, 'sw.js'))).toBe(true);
}

describe('output folders outside the project', () => {
  test.skipIf(!elsewhere)(`builds the site onto another disk than the project's (${elsewhere ?? 'none on this machine'})`, { timeout: 300_000 }, async () => {
    const { ok, log } = await build(siteElsewhere, 'cache-elsewhere');
    expect(ok, log.slice(-3000)).toBe(true);
    expectWholeSite(siteElsewhere);
  });

  test('two builds at once into two folders outside the project both end whole', { timeout: 600_000 }, async () => {
    const [first, second] = await Promise.all([build(join(work, 'site-1'), 'cache-1'), build(join(work, 'site-2'), 'cache-2')]);
    expect(first.ok, first.log.slice(-3000)).toBe(true);
    expect(second.ok, second.log.slice(-3000)).toBe(true);
    expect(`${first.log}${second.log}`).toContain('Waiting for another build into a folder outside the project');
    expectWholeSite(join(work, 'site-1'));
    expectWholeSite(join(work, 'site-2'));
  });
});
