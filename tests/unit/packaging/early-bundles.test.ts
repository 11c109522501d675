/**
 * Bundles started as the build starts (src/packaging/early-bundles.ts) are the ones the pages get,
 * and a bundle that fails is reported to the page that asks for it, not as an unhandled rejection.
 */
import { describe, expect, test } from 'vitest';
import { startEarly, startedEarly } from '../../../src/packaging/early-bundles';

describe('early bundles', () => {
  test('a page gets the bundle the build started, once, and nothing for a bundle never started', async () => {
    let runs = 0;
    startEarly('test-bundle', async () => {
      runs += 1;
      return 'bundled';
    });
    await expect(startedEarly('test-bundle')).resolves.toBe('bundled');
    await expect(startedEarly('test-bundle')).resolves.toBe('bundled');
    expect(runs).toBe(1);
    expect(startedEarly('never-started')).toBeUndefined();
  });

  test('a failed bundle rejects for the page that awaits it', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      startEarly('broken-bundle', async () => {
        throw new Error('esbuild: syntax error in package-entry.ts');
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      await expect(startedEarly('broken-bundle')).rejects.toThrow('syntax error');
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
