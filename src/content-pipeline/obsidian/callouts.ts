/**
 * Obsidian callouts: `> [!type] Title`, case-insensitive types with Obsidian's aliases, custom
 * titles (with Markdown in them), foldable `-` (closed) and `+` (open) as `<details>` so they work
 * without JavaScript, nested callouts, and unknown types rendered in the note style.
 *
 * Written here rather than taken from rehype-callouts because the callout must be recognised in
 * the Markdown tree: the quiz extractor reads question and "On the Exam" callouts from that same
 * tree, and rehype-callouts (which works on HTML) leaves unknown types as plain quotes.
 */
import type { Blockquote, BlockContent, DefinitionContent, Paragraph, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { walk } from '../walk.ts';
import { block, inline, text } from './nodes.ts';

/** Obsidian's callout types, each with the aliases Obsidian accepts for it. */
export const CALLOUT_TYPES: Readonly<Record<string, readonly string[]>> = {
  note: [],
  abstract: ['summary', 'tldr'],
  info: [],
  todo: [],
  tip: ['hint', 'important'],
  success: ['check', 'done'],
  question: ['help', 'faq'],
  warning: ['caution', 'attention'],
  failure: ['fail', 'missing'],
  danger: ['error'],
  bug: [],
  example: [],
  quote: ['cite'],
};

const CANONICAL_TYPE = new Map<string, string>();
for (const [type, aliases] of Object.entries(CALLOUT_TYPES)) {
  CANONICAL_TYPE.set(type, type);
  for (const alias of aliases) CANONICAL_TYPE.set(alias, type);
}

/** What the pipeline knows about a callout, kept on the blockquote node for later steps. */
export interface CalloutInfo {
  /** The type as written, lower-cased (`warning`, `faq`, `exam`, `my-custom`). */
  typeAsWritten: string;
  /** Obsidian's canonical type for styling; unknown types style as `note`. */
  style: string;
  title: string;
  /** `-` folded, `+` open, undefined: not foldable. */
  fold: '-' | '+' | undefined;
  /** An "On the Exam" callout (by title), or the custom `exam` type. */
  exam: boolean;
}

const CALLOUT_HEAD = /^\[!([^\]\s]+)\]([+-]?)[ \t]*/;

/**
 * The callout a blockquote opens with, if it is one (without changing the tree). Obsidian reads
 * what follows a `|` in the brackets as the callout's metadata (`[!info|right]`, which themes
 * such as Minimal use to place or size a callout), not as part of its type.
 */
export function readCalloutHead(node: Blockquote): { type: string; metadata: string | undefined; fold: '-' | '+' | undefined } | undefined {
  const first = node.children[0];
  if (first?.type !== 'paragraph') return undefined;
  const lead = first.children[0];
  if (lead?.type !== 'text') return undefined;
  const match = CALLOUT_HEAD.exec(lead.value);
  if (!match?.[1]) return undefined;
  const fold = match[2] === '-' || match[2] === '+' ? match[2] : undefined;
  const [type = '', ...metadata] = match[1].split('|');
  if (!type) return undefined;
  return { type: type.toLowerCase(), metadata: metadata.length > 0 ? metadata.join('|') : undefined, fold };
}

/** "On the Exam" marks exam facts whatever the callout type; `[!exam]` does too. */
export function isExamTitle(title: string, type: string): boolean {
  return type === 'exam' || /^on the exam\b/i.test(title.trim());
}

/**
 * Splits a callout's first paragraph into the title (up to the first line break) and the rest,
 * which becomes the first paragraph of the body.
 */
function splitTitle(first: Paragraph): { title: PhrasingContent[]; rest: PhrasingContent[] } {
  const children = [...first.children];
  const lead = children[0];
  if (lead?.type === 'text') lead.value = lead.value.replace(CALLOUT_HEAD, '');
  const title: PhrasingContent[] = [];
  const rest: PhrasingContent[] = [];
  let inTitle = true;
  for (const child of children) {
    if (!inTitle) {
      rest.push(child);
      continue;
    }
    if (child.type === 'break') {
      inTitle = false;
      continue;
    }
    if (child.type === 'text' && child.value.includes('\n')) {
      const cut = child.value.indexOf('\n');
      const before = child.value.slice(0, cut);
      const after = child.value.slice(cut + 1);
      if (before) title.push({ ...child, value: before });
      if (after) rest.push({ type: 'text', value: after });
      inTitle = false;
      continue;
    }
    title.push(child);
  }
  return { title, rest };
}

function defaultTitle(type: string): string {
  return type.charAt(0).toUpperCase() + type.slice(1);
}

/** Turns callout blockquotes into styled (and, when foldable, collapsible) callouts. */
export function transformCallouts(tree: Root): void {
  walk(tree, 'blockquote', (node: Blockquote) => {
    if (node.data && 'callout' in node.data) return;
    const head = readCalloutHead(node);
    if (!head) return;
    const first = node.children[0] as Paragraph;
    const { title, rest } = splitTitle(first);
    const titleText = toString({ type: 'paragraph', children: title }).trim();
    const style = CANONICAL_TYPE.get(head.type) ?? 'note';
    const exam = isExamTitle(titleText, head.type);
    const titleChildren: PhrasingContent[] = title.length > 0 && titleText ? title : [text(defaultTitle(head.type))];
    const info: CalloutInfo = { typeAsWritten: head.type, style, title: titleText || defaultTitle(head.type), fold: head.fold, exam };
    const body: Array<BlockContent | DefinitionContent> = [
      ...(rest.length > 0 && toString({ type: 'paragraph', children: rest }).trim() ? [{ type: 'paragraph', children: rest } as Paragraph] : []),
      ...node.children.slice(1),
    ];
    const titleNode: Paragraph = {
      type: 'paragraph',
      children: [
        inline('span', 'callout-icon', [], { 'aria-hidden': 'true' }),
        inline('span', 'callout-title-text', titleChildren),
        ...(exam ? [inline('span', 'exam-badge', [text('Exam fact')])] : []),
      ],
      data: { hName: head.fold ? 'summary' : 'div', hProperties: { className: ['callout-title'] } },
    };
    node.children = [titleNode, ...(body.length > 0 ? [block('div', 'callout-content', body as BlockContent[])] : [])];
    node.data = {
      ...node.data,
      callout: info,
      hName: head.fold ? 'details' : 'div',
      hProperties: {
        className: ['callout', ...(exam ? ['callout-exam'] : [])],
        'data-callout': style,
        'data-callout-type': head.type,
        ...(head.metadata ? { 'data-callout-metadata': head.metadata } : {}),
        ...(head.fold === '+' ? { open: true } : {}),
      },
    } as Blockquote['data'];
  });
}

declare module 'mdast' {
  interface BlockquoteData {
    callout?: CalloutInfo;
  }
}
