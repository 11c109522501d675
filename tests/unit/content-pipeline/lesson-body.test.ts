/**
 * The pack of lesson bodies (src/content-pipeline/lesson-body.ts): what the content loader writes
 * is what a page reads back, a page never gets a body of another build, and a missing or damaged
 * pack is reported in words rather than as a parse error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { bodyHash, type LessonBody, readLessonBody, writeLessonBodies } from '../../../src/content-pipeline/lesson-body';

const dir = mkdtempSync(join(tmpdir(), 'ami-lab-bodies-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const body = (html: string): LessonBody => ({ html, questions: [] });

describe('lesson bodies pack', () => {
  test('every body written is read back by its slug, whatever its text', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z0-9/-]{1,20}$/), fc.string({ unit: 'grapheme' })), { selector: ([slug]) => slug, maxLength: 8 }), (entries) => {
        const file = join(dir, 'property.pack');
        const bodies = entries.map(([slug, html]) => [slug, JSON.stringify(body(html))] as const);
        writeLessonBodies(
          file,
          bodies.map(([slug, json]) => [slug, json, bodyHash(json)]),
        );
        for (const [slug, json] of bodies) expect(readLessonBody(file, slug, bodyHash(json))).toEqual({ ok: true, body: JSON.parse(json) });
      }),
      { numRuns: 50 },
    );
  });

  test('a pack replaced by a later build is read afresh, the one it replaced still serves its own bodies, and an older body is refused', () => {
    const file = join(dir, 'replaced.pack');
    const first = JSON.stringify(body('<p>first</p>'));
    writeLessonBodies(file, [
      ['ami', first, bodyHash(first)],
      ['gone', first, bodyHash(first)],
    ]);
    expect(readLessonBody(file, 'ami', bodyHash(first))).toMatchObject({ ok: true, body: { html: '<p>first</p>' } });
    const second = JSON.stringify(body('<p>second, longer</p>'));
    writeLessonBodies(file, [['ami', second, bodyHash(second)]]);
    expect(readLessonBody(file, 'ami', bodyHash(second))).toMatchObject({ ok: true, body: { html: '<p>second, longer</p>' } });
    // A page rendered from the content store of the last build (npm run dev, between the loader's
    // writing the new pack and Astro's writing the new store): the lesson as it was.
    expect(readLessonBody(file, 'ami', bodyHash(first))).toMatchObject({ ok: true, body: { html: '<p>first</p>' } });
    expect(readLessonBody(file, 'gone', bodyHash(first))).toMatchObject({ ok: true, body: { html: '<p>first</p>' } });
    const third = JSON.stringify(body('<p>third</p>'));
    writeLessonBodies(file, [['ami', third, bodyHash(third)]]);
    expect(readLessonBody(file, 'ami', bodyHash(second))).toMatchObject({ ok: true, body: { html: '<p>second, longer</p>' } });
    expect(readLessonBody(file, 'ami', bodyHash(first))).toEqual({ ok: false, reason: 'the lesson bodies file is from another build' });
    expect(readLessonBody(file, 'gone', bodyHash(first))).toEqual({ ok: false, reason: 'the lesson is not in the lesson bodies file' });
  });

  test('a missing or damaged pack says so', () => {
    expect(readLessonBody(join(dir, 'absent.pack'), 'ami', 'x')).toEqual({ ok: false, reason: 'the lesson bodies file is missing' });
    const damaged = join(dir, 'damaged.pack');
    writeFileSync(damaged, 'not a pack at all');
    expect(readLessonBody(damaged, 'ami', 'x')).toEqual({ ok: false, reason: 'the lesson bodies file is damaged' });
    const badBody = join(dir, 'bad-body.pack');
    writeLessonBodies(badBody, [['ami', '{"html": 3}', bodyHash('{"html": 3}')]]);
    expect(readLessonBody(badBody, 'ami', bodyHash('{"html": 3}'))).toEqual({ ok: false, reason: 'its body is damaged' });
  });
});
