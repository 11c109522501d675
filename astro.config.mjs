// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import pagefind from 'astro-pagefind';
import { vaultAttachments } from './src/integrations/vault-attachments.ts';

export default defineConfig({
  // SITE_BASE lets the static build live under a sub-path, e.g. GitHub Pages' /repo-name/.
  base: process.env.SITE_BASE ?? '/',
  trailingSlash: 'ignore',
  integrations: [react(), vaultAttachments(), pagefind()],
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
});
