/**
 * A site base as every link is built from it: ending in `/` (`/`, or `/study/` for a site built
 * with SITE_BASE=/study). One rule for the pages (base-url.ts), the content loaders and the
 * integrations, which take Astro's `config.base` as written, and the build scripts, which take
 * SITE_BASE (plain Node loads this file itself, stripping its types).
 */
export function withTrailingSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
