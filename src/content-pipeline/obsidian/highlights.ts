/**
 * Highlights `==text==` become `<mark>`. A highlight may wrap other inline Markdown
 * (`==**AMI** baking==`), so pairs are matched across sibling nodes, not only inside one text node.
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import { walk } from '../walk.ts';
import { inline } from './nodes.ts';

const SKIPPED_PARENTS = new Set(['inlineCode', 'code', 'math', 'inlineMath', 'html']);

/** Index of the first `==` in a text that is not part of a longer run of `=`. */
function findMarker(value: string, from: number): number {
  let at = value.indexOf('==', from);
  while (at !== -1) {
    const before = value[at - 1];
    const after = value[at + 2];
    if (before !== '=' && after !== '=') return at;
    at = value.indexOf('==', at + 1);
  }
  return -1;
}

/** Wraps highlight pairs found among a parent's inline children; returns true if any was found. */
function wrapOne(parent: Parent): boolean {
  const children = parent.children as PhrasingContent[];
  for (let i = 0; i < children.length; i += 1) {
    const open = children[i];
    if (open?.type !== 'text') continue;
    const openAt = findMarker(open.value, 0);
    if (openAt === -1) continue;
    for (let j = i; j < children.length; j += 1) {
      const close = children[j];
      if (close?.type !== 'text') continue;
      const from = j === i ? openAt + 2 : 0;
      const closeAt = findMarker(close.value, from);
      if (closeAt === -1) continue;
      if (j === i && closeAt === openAt + 2) break; // `====` is not a highlight
      const before: Text = { type: 'text', value: open.value.slice(0, openAt) };
      const after: Text = { type: 'text', value: close.value.slice(closeAt + 2) };
      let inner: PhrasingContent[];
      if (i === j) {
        inner = [{ type: 'text', value: open.value.slice(openAt + 2, closeAt) }];
      } else {
        inner = [{ type: 'text', value: open.value.slice(openAt + 2) }, ...children.slice(i + 1, j), { type: 'text', value: close.value.slice(0, closeAt) }];
      }
      inner = inner.filter((n) => n.type !== 'text' || n.value !== '');
      const mark = inline('mark', 'highlight', inner);
      const replacement = [before, mark, after].filter((n) => n.type !== 'text' || n.value !== '') as PhrasingContent[];
      children.splice(i, j - i + 1, ...replacement);
      return true;
    }
  }
  return false;
}

export function transformHighlights(tree: Root): void {
  walk(tree, (node) => {
    if (!('children' in node) || SKIPPED_PARENTS.has(node.type)) return;
    const parent = node as Parent;
    if (!parent.children.some((c) => c.type === 'text' && c.value.includes('=='))) return;
    let guard = 0;
    while (wrapOne(parent) && guard < 1000) guard += 1;
  });
}
