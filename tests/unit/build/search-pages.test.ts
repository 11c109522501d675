/**
 * The search index `npm run build` writes beside Astro's build, from the pages the lessons pipeline
 * makes for it (src/content-pipeline/search-pages.ts), must be the index of the built lesson pages:
 * the same bytes, so that a learner finds what the lesson pages show. The obsidian-aws test vault
 * (155 notes written by someone else: images, tags, callouts, tables), with one note whose title and
 * tags hold characters HTML escapes, is built as `npm run build` builds it, and its index compared
 * with an index of its built lesson pages. A change to what the lesson page shows Pagefind (its
 * title, tags, body, or what is marked data-pagefind-ignore) fails here until the search pages
 * follow it.
 *
 * One real build: this test takes half a minute or so.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { lessonSearchPages } from '../../../src/content-pipeline/search-pages';
import { builtLessonPages, writeSearchIndex } from '../../../src/scripts/search-index.mjs';
import { differences, snapshot } from './site-files';

const ROOT = new URL('../../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'ami-lab-search-pages-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the pages the search index is made from', () => {
  test('hold the title as metadata and the tags as filters, as text', () => {
    const [page, untagged] = lessonSearchPages([
      { slug: 'folder/q-and-a', title: 'Q&A: <script>alert(1)</script>', tags: ['aws/ec2', 'a<b'], html: '<p>Body</p>' },
      { slug: 'plain', title: 'Plain', tags: [], html: '<p>Text</p>' },
    ]);
    expect(page?.sourcePath).toBe('notes/folder/q-and-a/index.html');
    expect(page?.html).toContain('<main data-pagefind-body><h1 data-pagefind-meta="title">Q&amp;A: &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(page?.html).toContain(
      '<ul data-pagefind-ignore><li><a data-pagefind-filter="tag">#aws/ec2</a></li><li><a data-pagefind-filter="tag">#a&lt;b</a></li></ul><p>Body</p></main>',
    );
    expect(untagged?.html).not.toContain('<ul');
  });

  test("an index written beside Astro's build is the index of the built lesson pages, byte for byte", { timeout: 600_000 }, async () => {
    const vault = join(work, 'vault');
    cpSync(join(ROOT, 'tests/fixtures/vaults/obsidian-aws'), vault, { recursive: true });
    writeFileSync(join(vault, 'Escaped & <odd> title.md'), '---\ntitle: Tom & Jerry <b>not bold</b>\ntags: [q&a, aws/ec2]\n---\nAMIs & snapshots: `<tag>` in code, 5 < 6.\n');
    const site = join(work, 'site');
    const log = execFileSync(process.execPath, [join(ROOT, 'src/scripts/build-site.mjs'), '--outDir', site], {
      cwd: ROOT,
      env: { ...process.env, NOTES_DIR: vault, ASTRO_CACHE_DIR: join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1', FULL_BUILD: '' },
      encoding: 'utf8',
      stdio: 'pipe',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(log).toMatch(/pagefind: 156 pages indexed beside Astro's build/);

    const pages = builtLessonPages(site);
    expect(pages).toHaveLength(156);
    await writeSearchIndex(pages, join(work, 'from-built-pages'));
    expect(differences(snapshot(join(site, 'pagefind')), snapshot(join(work, 'from-built-pages')))).toEqual([]);
  });
});
