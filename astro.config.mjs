// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import { vaultAttachments } from './src/integrations/vault-attachments.ts';
import { devNotesReload } from './src/integrations/dev-notes-reload.ts';
import { lmsBundles } from './src/integrations/lms-bundles.ts';
import { lessonEmbeds } from './src/integrations/lesson-embeds.ts';
import { outputOnAnotherDisk } from './src/integrations/output-on-another-disk.ts';

// The integrations, and every module they import, name the files they import with `.ts`: Node then
// loads this config itself (type stripping), where one import without it made Astro fall back to
// starting a Vite server to load the config, about 0.1 s of every build and dev start
// (tests/unit/build/astro-config.test.ts keeps it so).

export default defineConfig({
  // SITE_BASE lets the static build live under a sub-path, e.g. GitHub Pages' /repo-name/.
  base: process.env.SITE_BASE ?? '/',
  trailingSlash: 'ignore',
  // Search is indexed by Pagefind beside this build, from the pages the lessons pipeline makes for
  // it (src/scripts/build-site.mjs), not by an integration after it: the index is ready when Astro
  // ends, and Pagefind's memory (about 180 MB at 2,000 notes) comes once the pipeline's run has ended.
  integrations: [react(), vaultAttachments(), devNotesReload(), lmsBundles(), lessonEmbeds(), outputOnAnotherDisk()],
  server: { host: '127.0.0.1', port: 4321 },
  // A second site can be built beside the main one (the hostile-vault browser test does) without
  // the two builds sharing Astro's content store or the lesson bodies the loader writes there.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
  // No page renders Markdown through Astro (lessons come finished from src/content-pipeline/), so
  // Astro's own highlighter is off: it would only warn that its inline styles and a CSP disagree.
  markdown: { syntaxHighlight: false },
  security: {
    /**
     * A Content-Security-Policy (a <meta> in every page's head; a static site has no headers).
     * Scripts: only this site's own files and the scripts Astro bundled or we wrote inline, each by
     * its hash (src/layouts/inline-scripts.ts), so no inline script or `on*` handler that reached a
     * page any other way can run, and no script comes from another site.
     * Styles may be inline: KaTeX's output positions every glyph with a style attribute and Mermaid
     * writes <style> into its diagrams. A note can add neither (the sanitizer drops `style`, see
     * src/content-pipeline/sanitize.ts), so this opens no door to note authors.
     * `frame-ancestors` is absent on purpose: browsers ignore it in a <meta>, and the quiz embeds
     * (/embed/) exist to be framed by other sites.
     */
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        // Notes may show images and media from the web, as Obsidian does (plain http too: an image
        // runs no script); data: images come from CSS.
        "img-src 'self' https: http: data:",
        "media-src 'self' https: http:",
        // Frames and objects: the vault's own PDFs only (the sanitizer allows no other).
        "frame-src 'self'",
        "object-src 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
      ],
      scriptDirective: { resources: ["'self'"] },
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  devToolbar: { enabled: false },
  // Pages render 16 at a time: each page waits on its file writes (the page, and its copy in the
  // incremental cache), and one at a time left the build idle for about half of page generation
  // (2,000 notes: 7.3 s → 4.3 s).
  build: { concurrency: 16 },
  // `npm run build` (src/scripts/build-site.mjs) keeps the output folder between builds, so that
  // Astro's incremental build leaves unchanged pages in place, and removes stale files itself; a
  // bare `astro build` empties the folder first, as Astro always does.
  vite: { build: { emptyOutDir: process.env.AMI_LAB_KEEP_OUTDIR !== '1' } },
  experimental: {
    // A rebuild leaves a page as the last build wrote it when its code and its `cacheKey` (from
    // getStaticPaths(), see src/data/page-cache-key.ts) are unchanged: lessons, tags, tag quizzes
    // and labs have one. The few pages without parameters (home, exam, search…) render every time.
    incrementalBuild: true,
  },
});
