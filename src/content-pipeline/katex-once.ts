/**
 * rehype-katex, with each formula rendered once per build and copied wherever it appears again.
 *
 * Why: for every formula, rehype-katex runs KaTeX (a string of HTML and MathML) and then parses
 * that string back into an HTML tree; the two took 0.5–0.6 s of a 2,000-note build's lessons run,
 * on the path the whole build waits for, although the benchmark vault holds two formulas, written
 * in 400 notes. Study notes repeat their formulas too (`$\to$` in every list of steps, the same
 * `$O(n)$`), and the output depends only on the formula's element and the options, so a formula
 * met again is a copy of the tree made the first time.
 *
 * The rendering itself stays rehype-katex's, unchanged: each formula goes through its transform
 * alone, in a root of its own, with the same element (its position, for messages) and the same
 * file. Which element holds a formula follows rehype-katex's rules: one with a `language-math`,
 * `math-display` or `math-inline` class, or the `<pre>` around a `<code class="language-math">`,
 * which it replaces whole. A formula is kept for later only when its rendering reported nothing,
 * so a formula KaTeX cannot render is tried, and reported, every time.
 *
 * One KaTeX: package.json's `overrides` gives rehype-katex the project's own `katex`, whose
 * stylesheet and fonts the site publishes (src/integrations/vault-attachments.ts). rehype-katex 7
 * asks for KaTeX 0.16 and installed one of its own, so lessons were written by 0.16 and styled by
 * 0.19's stylesheet, which KaTeX 0.18 changed: `base`, `strut` and `sizing` were no longer styled,
 * and subscripts showed at full size (tests/unit/content-pipeline/katex-once.test.ts checks it).
 */
import type { Element, ElementContent, Root } from 'hast';
import rehypeKatex, { type Options } from 'rehype-katex';
import { cloneTree, SKIP, walk } from './walk.ts';

type KatexTransform = ReturnType<typeof rehypeKatex>;
type KatexFile = Parameters<KatexTransform>[1];

const MATH_CLASSES = ['language-math', 'math-display', 'math-inline'];

function classesOf(element: Element): unknown[] {
  const className = element.properties.className;
  return Array.isArray(className) ? className : [];
}

/** The element rehype-katex replaces with its rendering, when `element` is one. */
function isFormula(element: Element): boolean {
  if (classesOf(element).some((name) => MATH_CLASSES.includes(name as string))) return true;
  return element.tagName === 'pre' && element.children.some((child) => child.type === 'element' && child.tagName === 'code' && classesOf(child).includes('language-math'));
}

/** The element as data, without positions: two formulas with the same key render the same. */
function formulaKey(element: Element): string {
  return JSON.stringify(element, (key, value: unknown) => (key === 'position' ? undefined : value));
}

/** A rehype plugin: rehype-katex with `options`, each formula rendered once per processor. */
export function rehypeKatexOnce(options: Options): (tree: Root, file: KatexFile) => undefined {
  const render = rehypeKatex(options);
  const rendered = new Map<string, ElementContent[]>();
  return (tree, file) => {
    walk(tree, 'element', (element, index, parent) => {
      if (!parent || index === undefined || !isFormula(element)) return undefined;
      const key = formulaKey(element);
      const kept = rendered.get(key);
      let output: ElementContent[];
      if (kept) output = cloneTree(kept);
      else {
        const alone: Root = { type: 'root', children: [element] };
        const messages = file.messages.length;
        render(alone, file);
        output = alone.children as ElementContent[];
        if (file.messages.length === messages) rendered.set(key, cloneTree(output));
      }
      parent.children.splice(index, 1, ...output);
      return [SKIP, index + output.length];
    });
    return undefined;
  };
}
