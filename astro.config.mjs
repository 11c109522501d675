// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import pagefind from 'astro-pagefind';

export default defineConfig({
  integrations: [react(), pagefind()],
  server: { host: '127.0.0.1', port: 4321 },
});
