/**
 * Mermaid diagrams (fenced code with language `mermaid`) are kept as their source inside
 * `<pre class="mermaid">`: readable as text without JavaScript, and drawn in the browser by a
 * script that only pages with a diagram load.
 */
import type { Code, Root } from 'mdast';
import { walk } from '../walk.ts';
import { block } from './nodes.ts';

/** Returns how many diagrams the note has. */
export function transformMermaid(tree: Root): number {
  let count = 0;
  walk(tree, 'code', (node: Code, index, parent) => {
    if (!parent || index === undefined || node.lang?.toLowerCase() !== 'mermaid') return;
    const diagram = block('pre', 'mermaid', []);
    diagram.data.hChildren = [{ type: 'text', value: node.value }];
    parent.children.splice(index, 1, diagram);
    count += 1;
  });
  return count;
}
