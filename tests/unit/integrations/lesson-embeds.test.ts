/**
 * The lesson embed page published under each lesson with a quiz (src/integrations/lesson-embeds.ts),
 * driven through the integration's own hooks on a scratch site and cache folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { lessonEmbeds } from '../../../src/integrations/lesson-embeds';
import { LESSON_QUIZZES_MANIFEST } from '../../../src/content-pipeline/loader-handoff';

const work = mkdtempSync(join(tmpdir(), 'ami-lab-lesson-embeds-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PAGE = '<!doctype html><title>Quiz · AMI Lab</title><div data-embed-lesson></div>';

type Hooks = Record<string, (options: unknown) => unknown>;

/** A built site with the embed page, a cache holding `manifest`, and the integration configured for them. */
function site(name: string, manifest: string): { out: string; hooks: Hooks; logged: string[] } {
  const out = join(work, name, 'dist');
  const cache = join(work, name, 'cache');
  mkdirSync(join(out, 'embed', 'lesson'), { recursive: true });
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(out, 'embed', 'lesson', 'index.html'), PAGE);
  writeFileSync(join(cache, LESSON_QUIZZES_MANIFEST), manifest);
  const hooks = lessonEmbeds().hooks as unknown as Hooks;
  hooks['astro:config:done']?.({ config: { cacheDir: pathToFileURL(`${cache}/`), base: '/', build: { concurrency: 16 } } });
  const logged: string[] = [];
  return { out, hooks, logged };
}

function buildDone(s: { out: string; hooks: Hooks; logged: string[] }): unknown {
  return s.hooks['astro:build:done']?.({ dir: pathToFileURL(`${s.out}/`), logger: { info: (line: string) => s.logged.push(line) } });
}

describe('the lesson embed page under each lesson', () => {
  test('is published, byte for byte, under every lesson the loader listed, folders included', async () => {
    const s = site('listed', JSON.stringify(['amazon-machine-images-ami', '2-compute/ec2/launch-templates', 'übersicht']));
    await buildDone(s);
    for (const slug of ['amazon-machine-images-ami', '2-compute/ec2/launch-templates', 'übersicht']) {
      expect(readFileSync(join(s.out, 'embed', 'lesson', slug, 'index.html'), 'utf8'), slug).toBe(PAGE);
    }
    expect(s.logged).toEqual(['lesson quiz embeds: the embed page published under 3 lessons']);
  });

  test('a rebuild publishes the page as it is now under every lesson, each stamped as written by this build', async () => {
    const slugs = ['amazon-machine-images-ami', 'copying-amis', 'sharing-amis'];
    const s = site('rebuilt', JSON.stringify(slugs));
    const embed = (slug: string) => join(s.out, 'embed', 'lesson', slug, 'index.html');
    // What an older build left: a copy of an older page, and a lesson whose copy was deleted.
    mkdirSync(join(s.out, 'embed', 'lesson', 'copying-amis'), { recursive: true });
    writeFileSync(embed('copying-amis'), '<!doctype html><title>older page</title>');
    await buildDone(s);
    rmSync(embed('sharing-amis'));

    // Astro writes the page again, in place (the links follow it), then as a new file (they do not).
    const inPlace = `${PAGE}<!-- in place -->`;
    writeFileSync(join(s.out, 'embed', 'lesson', 'index.html'), inPlace);
    for (const slug of slugs.slice(0, 2)) expect(readFileSync(embed(slug), 'utf8'), slug).toBe(inPlace);
    const replaced = `${PAGE}<!-- a new file -->`;
    rmSync(join(s.out, 'embed', 'lesson', 'index.html'));
    writeFileSync(join(s.out, 'embed', 'lesson', 'index.html'), replaced);
    // As old as a page Astro kept from its last build.
    const lastWeek = new Date(Date.now() - 7 * 24 * 3600 * 1000);
    utimesSync(join(s.out, 'embed', 'lesson', 'index.html'), lastWeek, lastWeek);

    // The launcher removes what the build did not write (build-site.mjs): every address must be newer.
    const buildStarted = Date.now() - 5;
    await buildDone(s);
    for (const slug of slugs) {
      expect(readFileSync(embed(slug), 'utf8'), slug).toBe(replaced);
      expect(statSync(embed(slug)).mtimeMs, slug).toBeGreaterThanOrEqual(buildStarted);
    }
  });

  test('a damaged list stops the build with the file named, and writes nothing outside the site', async () => {
    for (const [name, manifest] of [
      ['truncated', '["amazon-machine-images-ami", "sha'],
      ['not-a-list', '{"slugs": []}'],
      ['escape', JSON.stringify(['../../outside'])],
    ] as const) {
      const s = site(name, manifest);
      await expect(
        Promise.resolve().then(() => buildDone(s)),
        name,
      ).rejects.toThrow(new RegExp(`list of lessons with a quiz, .*${LESSON_QUIZZES_MANIFEST}, is damaged`));
      expect(existsSync(join(work, name, 'outside')), name).toBe(false);
    }
  });
});
