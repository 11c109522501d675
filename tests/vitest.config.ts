import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The config sits in tests/ so the repo's top level stays as the design card lists it.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    // Playwright specs live in tests/e2e; keep Vitest to the unit suite only.
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    // Some tests build a whole vault (the shipped notes, obsidian-aws): about 3 s on a quiet 2-core
    // machine, several times that when the machine is busy. A timeout is not what these assert.
    testTimeout: 30_000,
  },
});
