/**
 * A site base as every link is built from it: ending in `/` (`/`, or `/study/` for a site built
 * with SITE_BASE=/study). One rule for the pages (base-url.ts), the content loaders and the
 * integrations, which take Astro's `config.base` as written, and the build scripts, which take
 * SITE_BASE (plain Node loads this file itself, stripping its types).
 */
export function withTrailingSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

/**
 * The base a site built with `SITE_BASE=raw` is served under, as Astro makes it from its `base`
 * (astro.config.mjs passes SITE_BASE as it is): with a leading `/` added when missing (`study` is
 * served under `/study/`), and ending in `/`. For the build scripts, which read SITE_BASE rather
 * than Astro's config: the service worker's precache list and the lessons run beside Astro must name
 * the addresses the pages use (a list of `study/…` addresses, relative to the worker at
 * `/study/sw.js`, failed to install).
 */
export function siteBaseFromEnv(raw: string | undefined): string {
  const base = raw ?? '/';
  return withTrailingSlash(base.startsWith('/') ? base : `/${base}`);
}
