import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * Keeps the layers honest (see src/ARCHITECTURE.md): pure layers import no UI, storage or Astro runtime,
 * and nothing imports pages or islands.
 */
const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|astro)$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
}

// shared/ holds the helpers every layer may use (hashing, seeded random): it is as pure as they are.
const PURE_LAYERS = ['simulator', 'learning', 'content-pipeline', 'shared', 'packaging'];
const FORBIDDEN_IN_PURE = [/^react/, /^dexie/, /^astro:/, /^@xstate\/react/, /storage\//, /islands\//, /pages\//];

describe('import direction', () => {
  for (const layer of PURE_LAYERS) {
    test(`${layer} imports no React, Dexie, Astro runtime, storage, islands or pages`, () => {
      const offending = sourceFiles(join(SRC, layer)).flatMap((file) =>
        importsOf(file)
          .filter((spec) => FORBIDDEN_IN_PURE.some((rule) => rule.test(spec)))
          .map((spec) => `${relative(SRC, file)} imports ${spec}`),
      );
      expect(offending).toEqual([]);
    });
  }

  test('nothing outside pages imports a page, and only pages and components import islands', () => {
    const offending = sourceFiles(SRC).flatMap((file) => {
      const from = relative(SRC, file);
      return importsOf(file)
        .filter((spec) => (/\/pages\//.test(spec) && !from.startsWith('pages/')) || (/\/islands\//.test(spec) && !/^(pages|components|layouts|islands)\//.test(from)))
        .map((spec) => `${from} imports ${spec}`);
    });
    expect(offending).toEqual([]);
  });

  test('only src/storage touches IndexedDB', () => {
    const offending = sourceFiles(SRC)
      .filter((file) => !relative(SRC, file).startsWith('storage/'))
      .filter((file) => /\bindexedDB\b|from ['"]dexie['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));
    expect(offending).toEqual([]);
  });
});
