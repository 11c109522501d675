/**
 * rehypeKatexOnce (src/content-pipeline/katex-once.ts) must write what rehype-katex writes, for
 * every kind of formula it renders, while running KaTeX once for a formula met again.
 */
import { readFileSync } from 'node:fs';
import katex from 'katex';
import rehypeKatex from 'rehype-katex';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rehypeKatexOnce } from '../../../src/content-pipeline/katex-once';
import { vendorFiles } from '../../../src/integrations/vault-attachments';

const OPTIONS = { output: 'htmlAndMathml', trust: false } as const;

function processorWith(plugin: typeof rehypeKatex | typeof rehypeKatexOnce) {
  return unified().use(remarkParse).use(remarkMath).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(plugin, OPTIONS).use(rehypeStringify).freeze();
}

/** Inline, display, fenced and raw-HTML formulas, a formula KaTeX cannot render, each twice or more. */
const NOTES = [
  'Steps: build $\\to$ copy $\\to$ launch, in $O(n)$.\n\n$$\n\\sum_i x_i\n$$\n',
  'Again $\\to$ and $O(n)$, and $\\frac{1}{$ which is broken.\n\n```math\na^2 + b^2\n```\n',
  'A third: $\\to$ and $\\frac{1}{$.\n\n$$\n\\sum_i x_i\n$$\n\n<pre><code class="language-math">e^{i\\pi}</code></pre>\n\n```math\na^2 + b^2\n```\n',
];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rehypeKatexOnce', () => {
  it('writes what rehype-katex writes, note after note, with the same messages', () => {
    const once = processorWith(rehypeKatexOnce);
    const plain = processorWith(rehypeKatex);
    for (const note of NOTES) {
      const ours = once.processSync(note);
      const theirs = plain.processSync(note);
      expect(String(ours)).toBe(String(theirs));
      expect(ours.messages.map((m) => [m.reason, m.line, m.column])).toEqual(theirs.messages.map((m) => [m.reason, m.line, m.column]));
    }
    // The broken formula is reported in each note that holds it, as rehype-katex reports it.
    expect(once.processSync(NOTES[2] as string).messages.map((m) => m.reason)).toEqual(['Could not render math with KaTeX']);
  });

  it('runs KaTeX once for a formula it has rendered before, and again for one that failed', () => {
    const render = vi.spyOn(katex, 'renderToString');
    const once = processorWith(rehypeKatexOnce);
    for (const note of NOTES) once.processSync(note);
    const formulas = render.mock.calls.map(([tex]) => tex);
    // Rendered once each: \to, O(n), \sum_i x_i, a^2 + b^2, e^{i\pi}. The broken formula is tried
    // twice (rehype-katex's second try, which shows it as an error) in each of its two notes.
    expect(formulas.filter((tex) => tex === '\\to')).toHaveLength(1);
    expect(formulas.filter((tex) => tex.includes('\\sum_i x_i'))).toHaveLength(1);
    expect(formulas.filter((tex) => tex.includes('a^2 + b^2'))).toHaveLength(1);
    expect(formulas.filter((tex) => tex === '\\frac{1}{')).toHaveLength(4);
    expect(render).toHaveBeenCalledTimes(9);
  });

  it('gives each place a copy of its own: changing one rendering leaves the next note as rendered', () => {
    const once = processorWith(rehypeKatexOnce);
    const expected = String(processorWith(rehypeKatex).processSync('$\\to$'));
    once.processSync('$\\to$');
    // The second note gets the kept rendering; empty it in place, as a later pass over that note could.
    const second = once.runSync(once.parse('$\\to$'));
    const paragraph = second.children[0] as { children: Array<{ children?: unknown[] }> };
    for (const child of paragraph.children) child.children?.splice(0);
    expect(String(once.processSync('$\\to$'))).toBe(expected);
  });
});

describe('math in lessons and the stylesheet the site publishes', () => {
  // KaTeX's atom classes mark what each piece of a formula is; its stylesheet styles none of them.
  const ATOM_CLASSES = new Set(['mord', 'mop', 'mbin', 'mrel', 'mopen', 'mclose', 'mpunct', 'minner', 'mtight']);

  it('the stylesheet styles every other class the lessons’ math is written with (one KaTeX for both)', () => {
    const published = vendorFiles().find(([, path]) => path === 'katex/katex.min.css');
    expect(published).toBeDefined();
    const stylesheet = readFileSync((published as [string, string])[0], 'utf8');
    const styled = new Set([...stylesheet.matchAll(/\.([a-zA-Z][\w-]*)/g)].map((match) => match[1]));
    const html = String(
      processorWith(rehypeKatexOnce).processSync('$x^2_{i}$, $\\frac{a}{b}$, $\\sqrt{x}$\n\n$$\n\\sum_i x_i \\to \\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}\n$$\n'),
    );
    const written = new Set([...html.matchAll(/class="([^"]*)"/g)].flatMap((match) => (match[1] as string).split(' ')));
    expect(written.size).toBeGreaterThan(20);
    // With rehype-katex on its own KaTeX 0.16 and the site on 0.19, `base`, `strut` and `sizing`
    // were written and not styled: subscripts at full size.
    expect([...written].filter((name) => !styled.has(name) && !ATOM_CLASSES.has(name))).toEqual([]);
  });
});
