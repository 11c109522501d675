/**
 * The site base the build scripts read from SITE_BASE (src/shared/trailing-slash.ts) must be the
 * one Astro serves the pages under: Astro adds a missing leading `/` to its `base`, so a service
 * worker that precached `study/…` (relative to `/study/sw.js`, hence `/study/study/…`) failed to
 * install, and the lessons run beside Astro was never taken.
 */
import { describe, expect, test } from 'vitest';
import { siteBaseFromEnv } from '../../../src/shared/trailing-slash';

describe('siteBaseFromEnv', () => {
  test.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['/study', '/study/'],
    ['/study/', '/study/'],
    ['study', '/study/'],
    ['study/', '/study/'],
    ['/courses/aws', '/courses/aws/'],
  ])('SITE_BASE=%j is served under %s', (raw, base) => {
    expect(siteBaseFromEnv(raw)).toBe(base);
  });
});
