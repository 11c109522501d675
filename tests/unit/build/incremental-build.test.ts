/**
 * Rebuilds do only what changed and give the same site as a cold build. A small vault (the
 * obsidian-syntax fixture's basics: embeds, links, math, callouts) is copied, built cold into a
 * folder of its own with its own Astro cache (dist/ and the main cache are never touched), rebuilt
 * with no change, then a note that others embed and link to is edited and the site rebuilt. That
 * site must equal, byte for byte, a cold build of the edited vault in fresh folders. A note the
 * labs link to, with a question under a tag, is edited too: the pages a rebuild leaves as they were
 * when their key is unchanged (lessons, tags, quizzes, labs; see src/data/page-cache-key.ts) must
 * show its new title and question. An attachment no note embeds any more, and one replaced, must
 * leave and change with them.
 *
 * Three real builds: this test takes a minute or two.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { differences, snapshot } from './site-files';

const ROOT = new URL('../../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'ami-lab-incremental-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * `npm run build`'s command (see package.json), into `outDir` with the Astro cache `cacheDir`, run
 * in the project folder as npm runs it, or in another folder (`cwd`).
 */
function build(vault: string, outDir: string, cacheDir: string, cwd = ROOT): string {
  return execFileSync(process.execPath, [join(ROOT, 'src/scripts/build-site.mjs'), '--outDir', outDir], {
    cwd,
    env: { ...process.env, NOTES_DIR: vault, ASTRO_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1', FULL_BUILD: '' },
    encoding: 'utf8',
    stdio: 'pipe',
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('incremental builds', () => {
  test('a rebuild with no change is skipped and an edited note gives the same site as a cold build', { timeout: 600_000 }, () => {
    const vault = join(work, 'vault');
    cpSync(join(ROOT, 'tests/fixtures/vaults/obsidian-syntax/basics'), vault, { recursive: true });
    const site = join(work, 'site');
    const cache = join(work, 'cache');
    // The Bake an AMI lab links to this lesson (by its slug), and its exam fact is a quiz question under #page-tag1.
    const linked = join(vault, 'Amazon Machine Images (AMI).md');
    const linkedNote = (title: string, fact: string) => `---\ntitle: ${title}\ntags: [page-tag1]\n---\n> [!Warning] On the Exam\n> - ${fact}\n`;
    writeFileSync(linked, linkedNote('Amazon Machine Images (AMI)', 'An AMI is ==regional==: copy it to launch it in another Region.'));

    // The lessons are made beside Astro's build, and the pages read them from that run (see
    // src/content-pipeline/early-lessons.ts).
    expect(build(vault, site, cache)).toMatch(/notes from .*, made beside Astro's build/);
    const first = snapshot(site);
    expect(first.has('index.html')).toBe(true);
    expect(first.has('sw.js')).toBe(true);
    // A lab page and a lab package carry the titles of the lessons the lab links to, not every
    // lesson's: this vault has none of them, so none of its slugs may appear.
    for (const path of ['lab/index.html', 'lab/bake-an-ami/index.html', 'embed/lab/bake-an-ami/index.html', 'lms/labs/bake-an-ami.json']) {
      const text = first.get(path)?.toString() ?? '';
      expect(text, path).toMatch(/lessonTitles/);
      expect(text, path).not.toMatch(/note-embeds|basic-syntax-highlights|callouts-types/);
    }

    const again = build(vault, site, cache);
    expect(again).toContain('Nothing changed since the last build');
    expect(differences(first, snapshot(site))).toEqual([]);

    // "Embeds.md" is embedded whole by "Note embeds.md": the edit changes two lessons, search and the worker.
    // A deleted note's pages must go too (the output folder is kept between builds, see build-site.mjs).
    appendFileSync(join(vault, 'Embeds.md'), '\n## Added later\n\nA new paragraph with $\\to$ math.\n');
    rmSync(join(vault, 'Random.md'));
    // Attachments: one no page embeds any more must leave the site, and one replaced must be
    // published anew; the others are left where the last build put them.
    writeFileSync(join(vault, 'Embeds.md'), readFileSync(join(vault, 'Embeds.md'), 'utf8').replace('![[A sound.mp3]]', ''));
    writeFileSync(join(vault, 'A PDF.pdf'), '%PDF-1.4 replaced\n');
    expect(first.get('lab/bake-an-ami/index.html')?.toString()).toContain('Amazon Machine Images (AMI)');
    expect(first.get('quiz/page-tag1/index.html')?.toString()).toContain('regional');
    writeFileSync(linked, linkedNote('AMIs, the basics', 'An AMI is ==a template== for launching instances.'));
    const rebuilt = build(vault, site, cache);
    expect(rebuilt).not.toContain('Nothing changed');
    expect(rebuilt).toMatch(/notes from .*, made beside Astro's build/);
    // The search index too (see src/scripts/search-index.mjs): the comparison below covers its bytes.
    expect(rebuilt).toMatch(/pagefind: \d+ pages indexed beside Astro's build/);
    expect(rebuilt).toMatch(/published \d+ attachments \(\d+ unchanged since the last build\)/);
    const incremental = snapshot(site);
    expect(differences(first, incremental).length).toBeGreaterThan(0);
    expect([...first.keys()].some((path) => path.startsWith('notes/random/'))).toBe(true);
    expect([...incremental.keys()].some((path) => path.startsWith('notes/random/'))).toBe(false);
    for (const path of ['lab/bake-an-ami/index.html', 'embed/lab/bake-an-ami/index.html', 'lms/labs/bake-an-ami.json']) {
      expect(incremental.get(path)?.toString(), path).toContain('AMIs, the basics');
    }
    for (const path of ['quiz/page-tag1/index.html', 'embed/tag/page-tag1/index.html']) expect(incremental.get(path)?.toString(), path).toContain('a template');
    expect(incremental.get('tags/page-tag1/index.html')?.toString()).toContain('AMIs, the basics');

    // The cold build is started from another folder: the site must not depend on where it ran.
    expect(build(vault, join(work, 'cold-site'), join(work, 'cold-cache'), work)).toMatch(/made beside Astro's build/);
    expect(differences(incremental, snapshot(join(work, 'cold-site')))).toEqual([]);
  });
});
