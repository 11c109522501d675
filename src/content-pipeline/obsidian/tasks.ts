/**
 * Obsidian's task markers: any one character between the brackets marks a task done. Its help
 * ("Basic formatting syntax", Task lists) shows `- [?] Eggs` and `- [-] Eggs` as done, and themes
 * such as Minimal and Things style each character differently (`[/]` half done, `[-]` cancelled,
 * `[!]` important). GFM knows only `[ ]`, `[x]` and `[X]`, so remark-gfm leaves `[?]` as the
 * item's text. Here such an item becomes a done task, as Obsidian shows it, and keeps its
 * character as `data-task` (Obsidian's own attribute) for the stylesheet.
 *
 * It runs on the parsed tree (pass 1), where the note's source is at hand: `- \[?] text` is an
 * escaped bracket, text in Obsidian too, and only the source tells it from `- [?] text`.
 * Transcluded items therefore arrive marked already. Quiz options keep to `[ ]` and `[x]` (see
 * questions/authored.ts, which reads `taskMarker`).
 */
import type { ListItem, Root } from 'mdast';
import { walk } from '../walk.ts';

declare module 'mdast' {
  interface ListItemData {
    /** The character between the brackets of an Obsidian task marker other than `[ ]`, `[x]`, `[X]`. */
    taskMarker?: string;
  }
}

/** `[c]` then a space, a tab or the end: one character, not a space, bracket or backslash. */
const MARKER = /^\[([^\s[\]\\])\](?:[ \t]+|$)/u;

/** A list item's start with a marker GFM does not read, anywhere in a note's source. */
const MAY_HOLD_MARKER = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[^\sxX[\]\\]\]/mu;

/** Marks the list items that start with an Obsidian task marker (see the module comment). */
export function transformTaskMarkers(tree: Root, source: string): void {
  // Most notes have none: one scan of the source costs far less than walking the tree.
  if (!MAY_HOLD_MARKER.test(source)) return;
  walk(tree, 'listItem', (item: ListItem) => {
    if (item.checked !== null && item.checked !== undefined) return;
    const paragraph = item.children[0];
    if (paragraph?.type !== 'paragraph') return;
    const text = paragraph.children[0];
    if (text?.type !== 'text') return;
    const match = MARKER.exec(text.value);
    const offset = text.position?.start.offset;
    if (!match?.[1] || offset === undefined || source[offset] !== '[') return;
    item.checked = true;
    const hProperties = { ...(item.data?.hProperties ?? {}), 'data-task': match[1] };
    item.data = { ...item.data, taskMarker: match[1], hProperties };
    text.value = text.value.slice(match[0].length);
    if (text.value === '') paragraph.children.shift();
  });
}
