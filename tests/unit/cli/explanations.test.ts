import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ERROR_EXPLANATIONS, explainError, LESSONS } from '../../../src/simulator/cli/index.js';

const SIMULATOR = fileURLToPath(new URL('../../../src/simulator/', import.meta.url));
const NOTES = fileURLToPath(new URL('../../../content/notes/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'cli' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every error code the engine can answer: the first argument of each fail(…), plus the fixed ones. */
function engineErrorCodes(): string[] {
  const codes = new Set<string>();
  for (const file of sources(SIMULATOR)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/fail\(\s*'([A-Za-z.]+)'/g)) codes.add(match[1] as string);
  }
  const errors = readFileSync(join(SIMULATOR, 'model/errors.ts'), 'utf8');
  for (const match of errors.matchAll(/'(Invalid[A-Za-z]+(?:ID|Id)?\.[A-Za-z]+)'/g)) codes.add(match[1] as string);
  return [...codes].sort();
}

const slugify = (name: string) =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');

describe('error explanations', () => {
  test('the scan finds the engine codes it should (sanity)', () => {
    const codes = engineErrorCodes();
    for (const code of ['InvalidAMIID.NotFound', 'InvalidAMIID.Malformed', 'AuthFailure', 'DryRunOperation', 'VcpuLimitExceeded', 'OperationNotPermitted'])
      expect(codes).toContain(code);
  });

  test.each(engineErrorCodes())('%s has its own plain-words explanation and a lesson', (code) => {
    const explanation = ERROR_EXPLANATIONS[code];
    expect(explanation, `no explanation for ${code}`).toBeDefined();
    expect(explanation?.text.length).toBeGreaterThan(20);
  });

  test('every lesson an explanation points to exists', () => {
    const slugs = new Set(
      readdirSync(NOTES)
        .filter((f) => f.endsWith('.md'))
        .map((f) => slugify(f.slice(0, -3))),
    );
    for (const slug of Object.values(LESSONS)) expect(slugs, slug).toContain(slug);
  });

  test('AMI IDs are regional: NotFound points to the copying lesson', () => {
    expect(explainError('InvalidAMIID.NotFound')).toEqual({ text: expect.stringContaining('AMI IDs are regional'), lesson: 'copying-amis-and-snapshots-across-regions' });
  });

  test('an unknown code still gets an explanation', () => {
    expect(explainError('Something.New').text).toContain('AWS refused the call');
  });
});
