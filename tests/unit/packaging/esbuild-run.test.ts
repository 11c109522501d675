/**
 * The LMS players are bundled on a worker thread with an esbuild of its own (src/packaging/esbuild-run.ts),
 * so that stopping their helper never strands a request of Astro's on the process's own helper: Vite's
 * build once hung on such a request and failed with "oneshot canceled".
 */
import { transform } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { bundleWithEsbuild } from '../../../src/packaging/esbuild-run';

const SMALL = { stdin: { contents: 'const greeting = "hello"; console.log(greeting);', loader: 'js' as const }, bundle: true, write: false as const, format: 'iife' as const };

describe('bundling with esbuild on a worker', () => {
  test('gives the bundled files, and two bundles at once each get their own', async () => {
    const [one, two] = await Promise.all([bundleWithEsbuild(SMALL), bundleWithEsbuild({ ...SMALL, stdin: { contents: 'console.log(2 + 2);', loader: 'js' } })]);
    expect(one.outputFiles).toHaveLength(1);
    expect(one.outputFiles[0]?.text).toContain('hello');
    expect(two.outputFiles[0]?.text).toContain('2 + 2');
    // A later bundle starts the worker again.
    expect((await bundleWithEsbuild(SMALL)).outputFiles[0]?.text).toContain('hello');
  });

  test("a bundle that fails rejects with esbuild's words", async () => {
    await expect(bundleWithEsbuild({ ...SMALL, stdin: { contents: 'const = ;', loader: 'js' } })).rejects.toThrow(/Expected identifier/);
  });

  test("the process's own esbuild keeps answering while and after a bundle ends", { timeout: 60_000 }, async () => {
    // Astro's own plugins use the process's esbuild while Vite bundles (astro:vite-plugin-env's `transform`).
    await transform('let started = 1;', { loader: 'js' });
    // About a second of work for that esbuild, still in flight when the small bundle ends.
    const large = Array.from({ length: 20_000 }, (_, i) => `export function f${i}(a) { return a + ${i}; }`).join('\n');
    const inFlight = Promise.all(Array.from({ length: 10 }, () => transform(large, { loader: 'js', minify: true })));
    await bundleWithEsbuild(SMALL);
    const answered = await Promise.race([inFlight.then(() => 'answered'), new Promise((wake) => setTimeout(() => wake('never answered'), 20_000))]);
    expect(answered).toBe('answered');
    await expect(transform('let after = 1;', { loader: 'js' })).resolves.toMatchObject({ code: expect.stringContaining('after') });
  });
});
