/**
 * Block ids: a paragraph or list item ending in ` ^id`, or a line holding only `^id` right after a
 * list, quote, callout or table (Obsidian's rule for blocks that cannot end in an id). The marker
 * is removed from the text and becomes the element's id, so `[[Note#^id]]` scrolls to it.
 */
import type { Parent, Root, RootContent, Text } from 'mdast';
import { walk } from '../walk.ts';

const TRAILING_ID = /(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$/;
const LONE_ID = /^\^([A-Za-z0-9-]+)$/;

function setId(node: RootContent, id: string): void {
  node.data = { ...node.data, hProperties: { ...((node.data as { hProperties?: object })?.hProperties ?? {}), id: `^${id}` } };
}

/** Strips block-id markers, puts the ids on their blocks, and returns id → the block it names. */
export function extractBlockIds(tree: Root): Map<string, RootContent> {
  const blocks = new Map<string, RootContent>();
  walk(tree, (node, index, parent: Parent | undefined) => {
    if (node.type !== 'paragraph' || !parent || index === undefined) return;
    const last = node.children[node.children.length - 1];
    if (last?.type !== 'text') return;
    const textNode = last as Text;
    const loneMatch = node.children.length === 1 ? LONE_ID.exec(textNode.value.trim()) : null;
    if (loneMatch?.[1]) {
      const previous = parent.children[index - 1];
      if (previous) {
        setId(previous, loneMatch[1]);
        blocks.set(loneMatch[1], previous);
        parent.children.splice(index, 1);
        return index;
      }
    }
    const match = TRAILING_ID.exec(textNode.value);
    if (!match?.[1]) return;
    textNode.value = textNode.value.slice(0, match.index).replace(/[ \t]+$/, '');
    // A list item's id belongs to the item, not to its first paragraph.
    const target = (parent.type === 'listItem' && index === 0 ? parent : node) as RootContent;
    setId(target, match[1]);
    blocks.set(match[1], target);
    return undefined;
  });
  return blocks;
}
