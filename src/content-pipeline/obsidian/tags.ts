/**
 * Inline tags `#aws/ec2` become links to their tag pages. Obsidian's rules: letters, digits, `_`,
 * `-` and `/` for nesting, at least one character that is not a digit (`#2024` is not a tag), and
 * the `#` must start a word (so `page#anchor` and `C#` are not tags).
 */
import type { Root } from 'mdast';
import { findAndReplace } from 'mdast-util-find-and-replace';
import { eachTextParent } from '../walk.ts';
import type { NoteContext } from './context.ts';
import { text } from './nodes.ts';

export const INLINE_TAG = /(^|[\s(,;])#([\p{L}\p{N}_\-/]*[\p{L}_\-/][\p{L}\p{N}_\-/]*)/gu;

/**
 * Where `#word` is not a tag: code, math and the text of links. A heading's text holds tags as
 * Obsidian reads them (`## Meeting #project`); its own `#` marks are Markdown, not in its text.
 */
const TAG_IGNORE = ['link', 'linkReference', 'inlineCode', 'code', 'math', 'inlineMath'];

export function transformInlineTags(tree: Root, ctx: NoteContext): void {
  // Only where some text holds a `#` (see eachTextParent): the whole-tree pass costs far more.
  eachTextParent(tree, '#', TAG_IGNORE, (parent) =>
    findAndReplace(
      parent,
      [
        INLINE_TAG,
        (_match: string, lead: string, tag: string) => {
          const cleaned = tag.replace(/\/+$/, '');
          if (!cleaned || /^[\d/]+$/.test(cleaned)) return false;
          ctx.addTag(cleaned);
          const link = { type: 'link' as const, url: ctx.tagUrl(cleaned), children: [text(`#${cleaned}`)], data: { hProperties: { className: ['tag'] } } };
          return lead ? [text(lead), link] : [link];
        },
      ],
      { ignore: TAG_IGNORE },
    ),
  );
}
