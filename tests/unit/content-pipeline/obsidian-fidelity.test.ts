import { describe, expect, test } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { renderNote, writeVault } from './helpers';

const inlineMath = /<span class="katex">/g;

describe('inline math follows Obsidian (Pandoc) rule', () => {
  test.each([
    ['$\\to$', 1],
    ['from $a$ to $b$', 2],
    ['$O(n^2)$ time', 1],
    ['the set $\\{x \\mid x > 0\\}$.', 1],
    ['TeX dollar $\\$5$ inside', 1],
  ])('%s is math', (markdown, count) => {
    const { lesson } = renderNote(`${markdown}\n`);
    expect(lesson.html.match(inlineMath)).toHaveLength(count);
    expect(lesson.hasMath).toBe(true);
  });

  test.each([
    '$0.05 per GB and $0.10 per request',
    'costs $5, or $10 with support',
    'between $20,000 and $30,000 a year',
    'a lone $ sign',
    '$ 5 and 6 $',
    'open $a $ with a space before the closing one',
  ])('%s stays text', (markdown) => {
    const { lesson } = renderNote(`${markdown}\n`);
    expect(lesson.html).not.toMatch(inlineMath);
    expect(lesson.html).toContain('$');
    expect(lesson.hasMath).toBe(false);
  });

  test('a closing $ followed by a digit does not close the math', () => {
    const { lesson } = renderNote('pay $5 now, $3 later\n');
    expect(lesson.html).not.toMatch(inlineMath);
  });

  test('$$…$$ inline and as a block is math', () => {
    expect(renderNote('inline $$x^2$$ here\n').lesson.html).toMatch(inlineMath);
    expect(renderNote('$$\nE = mc^2\n$$\n').lesson.html).toContain('katex-display');
  });

  test('dollars in code stay code', () => {
    const { lesson } = renderNote('`$a$` and\n\n```\n$b$\n```\n');
    expect(lesson.html).not.toMatch(inlineMath);
  });

  test('singleDollarMath: true makes every $…$ math and false none (NOTES_SINGLE_DOLLAR_MATH)', () => {
    const vaultDir = writeVault({ 'Note.md': 'a $5 and $6 b, and $\\to$\n' });
    const on = buildVault({ vaultDir, singleDollarMath: true }).lessons[0]?.html ?? '';
    const off = buildVault({ vaultDir, singleDollarMath: false }).lessons[0]?.html ?? '';
    expect(on.match(inlineMath)).toHaveLength(2);
    expect(off).not.toMatch(inlineMath);
  });
});

describe('a first heading that repeats the title is shown once', () => {
  test('# Title equal to the file name is dropped from the body', () => {
    const { lesson } = renderNote('# Note\n\nBody text\n');
    expect(lesson.html).not.toContain('<h1');
    expect(lesson.html).toContain('Body text');
  });

  test('the comparison ignores case, spacing and markup, and uses the title property too', () => {
    expect(renderNote('#  **note** \n\nBody\n').lesson.html).not.toContain('<h1');
    expect(renderNote('---\ntitle: Amazon EBS\n---\n# Amazon EBS\n\nBody\n').lesson.html).not.toContain('<h1');
  });

  test('an H1 that says something else, or is not first, is kept', () => {
    expect(renderNote('# Something else\n\nBody\n').lesson.html).toContain('<h1');
    expect(renderNote('Intro\n\n# Note\n').lesson.html).toContain('<h1');
    expect(renderNote('## Note\n\nBody\n').lesson.html).toContain('<h2');
  });

  test('embedding the whole note elsewhere keeps its heading', () => {
    const { build } = renderNote('# Note\n\nBody\n', { 'Other.md': '![[Note]]\n' });
    const other = build.lessons.find((l) => l.path === 'Other.md');
    expect(other?.html).toContain('<h1');
  });
});
