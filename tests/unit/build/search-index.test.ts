/**
 * The search index written over the last one (src/scripts/search-index.mjs) must end exactly as a
 * fresh index of the same pages: Pagefind keeps the content-named files it finds, and what the new
 * index no longer names goes. Real Pagefind, on a handful of small lesson pages.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { indexSearch, removeUnused } from '../../../src/scripts/search-index.mjs';
import { differences, snapshot } from './site-files';

const work = mkdtempSync(join(tmpdir(), 'ami-lab-search-index-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeLesson(site: string, slug: string, text: string): void {
  mkdirSync(join(site, 'notes', slug), { recursive: true });
  writeFileSync(
    join(site, 'notes', slug, 'index.html'),
    `<!doctype html><html lang="en"><head><title>${slug}</title></head><body><main data-pagefind-body><h1>${slug}</h1><p>${text}</p></main></body></html>`,
  );
}

/** Backdates a file as if an earlier build had written it. */
function writeOld(path: string, content: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  const lastWeek = new Date(Date.now() - 7 * 24 * 3600 * 1000);
  utimesSync(path, lastWeek, lastWeek);
}

describe('the search index written over the last one', () => {
  test('ends byte for byte as a fresh index: changed and deleted pages leave nothing behind', { timeout: 120_000 }, async () => {
    const site = join(work, 'site');
    writeLesson(site, 'ami', 'An Amazon Machine Image is a template for launching instances.');
    writeLesson(site, 'snapshots', 'EBS snapshots are incremental and stored in Amazon S3.');
    writeLesson(site, 'regions', 'Copy an AMI to reach another Region.');
    const first = await indexSearch(site, { fresh: true });
    expect(first).toMatchObject({ pages: 3, fresh: true });
    const before = snapshot(join(site, 'pagefind'));
    const backdate = () => {
      for (const path of before.keys()) utimesSync(join(site, 'pagefind', path), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    };
    backdate();

    writeLesson(site, 'snapshots', 'EBS snapshots are incremental; deleting one keeps the blocks later snapshots need.');
    rmSync(join(site, 'notes', 'regions'), { recursive: true });
    writeLesson(site, 'launch-templates', 'A launch template names the AMI an Auto Scaling group launches.');
    const over = await indexSearch(site, { fresh: false });
    expect(over.fresh).toBe(false);
    expect(over.pages).toBe(3);
    expect(over.removed).toBeGreaterThan(0);

    const freshSite = join(work, 'fresh-site');
    cpSync(join(site, 'notes'), join(freshSite, 'notes'), { recursive: true });
    await indexSearch(freshSite, { fresh: true });
    const rewritten = snapshot(join(site, 'pagefind'));
    const fresh = snapshot(join(freshSite, 'pagefind'));
    expect(differences(rewritten, fresh)).toEqual([]);
    // The unchanged lesson's fragment was kept, not written again.
    const kept = [...before.keys()].filter((path) => path.startsWith('fragment/') && rewritten.has(path));
    expect(kept.length).toBeGreaterThan(0);
  });

  test('a file only an older index named goes, even when its name is the start of a name in use', async () => {
    const site = join(work, 'prefix-site');
    writeLesson(site, 'ami', 'An Amazon Machine Image is a template for launching instances.');
    await indexSearch(site, { fresh: true });
    const bundle = join(site, 'pagefind');
    const [used] = readdirSync(join(bundle, 'fragment'));
    expect(used).toMatch(/^en_[0-9a-f]+\.pf_fragment$/);
    const prefix = `${used?.slice(0, used.indexOf('.') - 1)}.pf_fragment`;
    writeOld(join(bundle, 'fragment', prefix), 'from an older index');
    writeOld(join(bundle, 'index', 'en_0000000.pf_index'), 'from an older index');
    writeOld(join(bundle, 'pagefind.en_0000000000.pf_meta'), 'from an older index');
    writeOld(join(bundle, 'sorts', 'en_0000000.pf_sort'), 'from an older index');

    const outcome = removeUnused(bundle, Date.now() - 60_000);
    expect(outcome).toEqual({ ok: true, removed: 4 });
    expect(readdirSync(join(bundle, 'fragment'))).toEqual([used]);
    expect(readdirSync(bundle)).not.toContain('sorts');
    expect(readdirSync(bundle).filter((name) => name.endsWith('.pf_meta'))).toHaveLength(1);
  });

  test('a name Pagefind lengthened, in this index or the last, means a fresh index', async () => {
    const site = join(work, 'lengthened-site');
    writeLesson(site, 'ami', 'An Amazon Machine Image is a template for launching instances.');
    await indexSearch(site, { fresh: true });
    const bundle = join(site, 'pagefind');
    // Two fragments of one build once shared seven digits: the next build may give the short name to
    // the other page, and the file kept under it would be the wrong page's.
    writeOld(join(bundle, 'fragment', 'en_00000000.pf_fragment'), 'from an older index');
    expect(removeUnused(bundle, Date.now() - 60_000)).toEqual({ ok: false });
    expect((await indexSearch(site, { fresh: false })).fresh).toBe(true);
    expect(readdirSync(join(bundle, 'fragment'))).toHaveLength(1);
  });

  test('an index it cannot read back is left whole and written again from scratch', async () => {
    const site = join(work, 'unreadable-site');
    writeLesson(site, 'ami', 'An Amazon Machine Image is a template for launching instances.');
    await indexSearch(site, { fresh: true });
    const bundle = join(site, 'pagefind');
    const meta = readdirSync(bundle).find((name) => name.endsWith('.pf_meta')) as string;
    writeFileSync(join(bundle, meta), 'not gzip');
    writeOld(join(bundle, 'fragment', 'en_0000000.pf_fragment'), 'from an older index');
    expect(removeUnused(bundle, Date.now())).toEqual({ ok: false });
    expect(readdirSync(join(bundle, 'fragment'))).toContain('en_0000000.pf_fragment');

    // The build's step then rewrites the index whole: the damaged meta is replaced, the leftover goes.
    const again = await indexSearch(site, { fresh: false });
    expect(again.fresh).toBe(true);
    expect(readdirSync(join(bundle, 'fragment'))).not.toContain('en_0000000.pf_fragment');
    expect(readFileSync(join(bundle, meta)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });
});
