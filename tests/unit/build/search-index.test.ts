/**
 * The search index step of `npm run build` (src/scripts/search-index.mjs): the index depends on the
 * pages, not on the order they come in, and a new index takes the place of the last one whole.
 * Real Pagefind, on a handful of small lesson pages.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { builtLessonPages, publishSearchIndex, writeSearchIndex } from '../../../src/scripts/search-index.mjs';
import { differences, snapshot } from './site-files';

const work = mkdtempSync(join(tmpdir(), 'ami-lab-search-index-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const page = (slug: string, text: string) => ({
  sourcePath: `notes/${slug}/index.html`,
  html: `<!doctype html><html lang="en"><head><title>${slug}</title></head><body><main data-pagefind-body><h1>${slug}</h1><p>${text}</p></main></body></html>`,
});

const lessons = [
  page('ami', 'An Amazon Machine Image is a template for launching instances.'),
  page('snapshots', 'EBS snapshots are incremental and stored in Amazon S3.'),
  page('regions', 'Copy an AMI to reach another Region.'),
  page('launch-templates', 'A launch template names the AMI an Auto Scaling group launches.'),
];

describe('the search index', () => {
  test('is the same bytes whatever order its pages come in', { timeout: 60_000 }, async () => {
    const first = await writeSearchIndex(lessons, join(work, 'in-order'));
    expect(first).toEqual({ pages: 4, files: expect.any(Number) });
    await writeSearchIndex([...lessons].reverse(), join(work, 'reversed'));
    expect(differences(snapshot(join(work, 'in-order')), snapshot(join(work, 'reversed')))).toEqual([]);
  });

  test('made from a built site, reads its lesson pages and nothing else', { timeout: 60_000 }, async () => {
    const site = join(work, 'site');
    for (const { sourcePath, html } of lessons) {
      mkdirSync(join(site, sourcePath, '..'), { recursive: true });
      writeFileSync(join(site, sourcePath), html);
    }
    writeFileSync(join(site, 'index.html'), page('home', 'Not a lesson.').html);
    const pages = builtLessonPages(site);
    expect(pages.map((p) => p.sourcePath).sort()).toEqual(lessons.map((p) => p.sourcePath).sort());
    await writeSearchIndex(pages, join(work, 'from-site'));
    expect(differences(snapshot(join(work, 'in-order')), snapshot(join(work, 'from-site')))).toEqual([]);
    expect(builtLessonPages(join(work, 'no-such-site'))).toEqual([]);
  });

  test('takes the place of the last index whole', { timeout: 60_000 }, async () => {
    const site = join(work, 'published');
    mkdirSync(join(site, 'pagefind', 'fragment'), { recursive: true });
    writeFileSync(join(site, 'pagefind', 'fragment', 'en_0000000.pf_fragment'), 'from the last index');
    const bundle = join(work, 'next-bundle');
    await writeSearchIndex(lessons.slice(0, 2), bundle);
    const written = snapshot(bundle);
    publishSearchIndex(bundle, site);
    expect(differences(written, snapshot(join(site, 'pagefind')))).toEqual([]);
    expect(existsSync(bundle)).toBe(false);
    expect(readdirSync(site)).toEqual(['pagefind']);

    // The first build into a folder has no last index to move aside.
    await writeSearchIndex(lessons, bundle);
    publishSearchIndex(bundle, join(work, 'first-site'));
    expect(readdirSync(join(work, 'first-site'))).toEqual(['pagefind']);
  });
});
