/**
 * Two things Obsidian reads that GFM does not:
 *
 * - Sizes on Markdown images: `![alt|300](url)`, `![alt|100x145](url)` and `![300](url)` (the alt
 *   text is the size), for vault images and images from the web alike, as for `![[img.png|300]]`.
 * - Inline footnotes: `text^[the note]` is a footnote whose text is written in place; it is numbered
 *   and listed with the other footnotes, in order of reference.
 *
 * Both run on a lesson's tree after links and embeds are resolved (so embedded content gets them too).
 */
import type { FootnoteDefinition, FootnoteReference, Image, Parent, PhrasingContent, Root, Text } from 'mdast';
import { SKIP, walk } from '../walk.ts';

const SIZE = /^(?:(.*)\|)?\s*(\d+)(?:\s*x\s*(\d+))?\s*$/;

/** `![alt|300](url)` → width 300 and alt "alt"; `![100x50](url)` → 100 × 50 with no alt text. */
export function applyImageSizes(tree: Root): void {
  walk(tree, 'image', (node: Image) => {
    // Only images written in Markdown (parsed, so with a position): an `![[2024.png]]` embed's
    // alt text is its file name, never a size.
    if (!node.position) return;
    const match = SIZE.exec(node.alt ?? '');
    if (!match) return;
    const [, alt, width, height] = match;
    node.alt = alt?.trim() ?? '';
    const props = (node.data?.hProperties ?? {}) as Record<string, unknown>;
    node.data = { ...node.data, hProperties: { ...props, width, ...(height ? { height } : {}) } };
  });
}

/** Node types an inline footnote may not be recognised in (code is literal; links keep their text). */
const LITERAL = new Set(['inlineCode', 'code', 'link', 'linkReference', 'html', 'inlineMath', 'math']);

/**
 * `^[…]` in phrasing content becomes a footnote reference, and its content a definition at the end
 * of the note. Brackets nest (`^[see [this] too]`); markup inside is kept (`^[a **bold** note]`).
 * An unclosed `^[` stays text.
 */
export function transformInlineFootnotes(tree: Root): void {
  const definitions: FootnoteDefinition[] = [];
  let count = 0;
  walk(tree, (node) => {
    if (LITERAL.has(node.type)) return SKIP;
    if (!('children' in node) || node.type === 'root') return undefined;
    const parent = node as Parent;
    if (!parent.children.some((c) => c.type === 'text' && c.value.includes('^['))) return undefined;
    const children = parent.children as PhrasingContent[];
    for (let i = 0; i < children.length; i += 1) {
      const start = children[i];
      if (start?.type !== 'text') continue;
      const open = start.value.indexOf('^[');
      if (open === -1) continue;
      // Find the matching `]`, counting brackets in text nodes, from just after `^[`.
      let depth = 1;
      let end: { node: number; offset: number } | undefined;
      for (let j = i, from = open + 2; j < children.length && !end; j += 1, from = 0) {
        const child = children[j] as PhrasingContent;
        if (child.type !== 'text') continue;
        for (let k = from; k < child.value.length; k += 1) {
          const ch = child.value[k];
          if (ch === '[') depth += 1;
          else if (ch === ']') depth -= 1;
          if (depth === 0) {
            end = { node: j, offset: k };
            break;
          }
        }
      }
      if (!end) continue;
      count += 1;
      const identifier = `inline-${count}`;
      let content: PhrasingContent[];
      let after: Text | undefined;
      if (end.node === i) {
        content = [{ type: 'text', value: start.value.slice(open + 2, end.offset) }];
        after = { type: 'text', value: start.value.slice(end.offset + 1) };
      } else {
        const last = children[end.node] as Text;
        content = [{ type: 'text', value: start.value.slice(open + 2) }, ...children.slice(i + 1, end.node), { type: 'text', value: last.value.slice(0, end.offset) }];
        after = { type: 'text', value: last.value.slice(end.offset + 1) };
      }
      const reference: FootnoteReference = { type: 'footnoteReference', identifier, label: identifier };
      const before: Text = { type: 'text', value: start.value.slice(0, open) };
      const replacement: PhrasingContent[] = [before, reference, after].filter((n) => n.type !== 'text' || n.value !== '');
      children.splice(i, end.node - i + 1, ...replacement);
      definitions.push({
        type: 'footnoteDefinition',
        identifier,
        label: identifier,
        children: [{ type: 'paragraph', children: content.filter((n) => n.type !== 'text' || n.value !== '') }],
      });
      // Continue after the reference: the text after it may hold another inline footnote.
      i += replacement.indexOf(reference);
    }
    return undefined;
  });
  tree.children.push(...definitions);
}
