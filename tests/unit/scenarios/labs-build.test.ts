import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, afterAll } from 'vitest';
import { buildLabs } from '../../../src/content-pipeline/labs/build-labs.js';

const madeDirs: string[] = [];
// Temporary folders go when the test file is done, so test runs leave nothing in /tmp.
afterAll(() => {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function labsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'labs-'));
  madeDirs.push(dir);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const GOOD = `---
title: T
order: 1
description: D
lessons: [amazon-machine-images-ami]
goals:
  - { id: a, text: A, check: image-public, params: { image: x } }
success: Done, see [[Amazon Machine Images (AMI)]].
---
Body with [[Amazon Machine Images (AMI)|the AMI lesson]].
`;

describe('buildLabs', () => {
  const notes = new Set(['amazon-machine-images-ami']);

  test('a good scenario builds with rendered links', () => {
    const result = buildLabs({ labsDir: labsDir({ 'Good one.md': GOOD }), base: '/', noteSlugs: notes });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenarios[0]?.slug).toBe('good-one');
    expect(result.scenarios[0]?.instructionsHtml).toContain('<a href="/notes/amazon-machine-images-ami/">the AMI lesson</a>');
  });

  test('every problem of every file is reported at once, with file and line', () => {
    const broken = GOOD.replace('check: image-public', 'check: image-pubic').replace('[amazon-machine-images-ami]', '[no-such-lesson]');
    const noFrontmatter = 'Just text';
    const badLink = GOOD.replace('[[Amazon Machine Images (AMI)|the AMI lesson]]', '[[Missing note]]');
    const result = buildLabs({ labsDir: labsDir({ 'a.md': broken, 'b.md': noFrontmatter, 'c.md': badLink }), base: '/', noteSlugs: notes });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.problems.map((p) => `${p.file.split('/').pop()}:${p.line} ${p.message}`);
    expect(messages.some((m) => m.startsWith('a.md') && m.includes('Unknown goal check "image-pubic"'))).toBe(true);
    expect(messages.some((m) => m.startsWith('b.md') && m.includes('YAML frontmatter'))).toBe(true);
    expect(messages.some((m) => m.startsWith('c.md') && m.includes('[[Missing note]] does not name a note'))).toBe(true);
  });

  test('check parameters are validated against the check', () => {
    const result = buildLabs({ labsDir: labsDir({ 'x.md': GOOD.replace('params: { image: x }', 'params: { picture: x }') }), base: '/', noteSlugs: notes });
    expect(result.ok === false && result.problems[0]?.message).toContain('Parameters of "image-public"');
  });

  test('a starting world that cannot be built is reported', () => {
    const text = GOOD.replace('goals:', 'start:\n  steps:\n    - bake: { instance: nobody, image: x }\ngoals:');
    const result = buildLabs({ labsDir: labsDir({ 'x.md': text }), base: '/', noteSlugs: notes });
    expect(result.ok === false && result.problems[0]?.message).toContain('no instance named nobody');
  });
});

describe('scenarios built over another vault (NOTES_DIR)', () => {
  test('still build; links to lessons that vault lacks become plain text and warnings', () => {
    const text = GOOD.replace('[[Amazon Machine Images (AMI)|the AMI lesson]]', '[[Not in this vault]]');
    const result = buildLabs({ labsDir: labsDir({ 'x.md': text }), base: '/', noteSlugs: new Set(), lessonsMustExist: false });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenarios[0]?.lessons).toEqual([]);
    const warnings = result.warnings.map((w) => w.message).join('\n');
    expect(warnings).toMatch(/is not a lesson slug/);
    expect(warnings).toMatch(/\[\[Not in this vault\]\] does not name a note/);
  });
});
