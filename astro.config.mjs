// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import { vaultAttachments } from './src/integrations/vault-attachments.ts';

export default defineConfig({
  // SITE_BASE lets the static build live under a sub-path, e.g. GitHub Pages' /repo-name/.
  base: process.env.SITE_BASE ?? '/',
  trailingSlash: 'ignore',
  // Search is indexed by `pagefind --site dist` after this build (see package.json), not by an
  // integration: run apart, Pagefind's memory does not add to Astro's at the build's peak.
  integrations: [react(), vaultAttachments()],
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
});
