import { createHash } from 'node:crypto';

/**
 * A page's `cacheKey` for Astro's incremental build (see astro.config.mjs): a rebuild leaves the
 * page as the last build wrote it while its key and its code are unchanged. `shown` is everything
 * the page shows that is not code or the site's settings (Astro checks those itself), so a page
 * that reads more data than its props puts that data in too.
 */
export function pageCacheKey(shown: unknown): string {
  return createHash('sha256').update(JSON.stringify(shown)).digest('base64url');
}
