/**
 * Small text helpers shared by the question parser and the generators: reading inline Markdown
 * from the pass-1 tree (where wikilinks and highlights are still plain text), and stable ids.
 */
import type { Nodes, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { FNV_PRIME, fnv1a } from '../../shared/hash.ts';

/**
 * Inline content as light markup: `**bold**` and `` `code` `` kept (the generators look for bold
 * key terms and `**Term**: definition`), everything else reduced to its text.
 */
export function toMarkup(nodes: readonly PhrasingContent[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.value;
    else if (node.type === 'strong') out += `**${toMarkup(node.children)}**`;
    else if (node.type === 'inlineCode') out += `\`${node.value}\``;
    else if (node.type === 'break') out += '\n';
    // A formatting tag (a coloured <span>, <br>, <b>) is presentation: its words are the text
    // nodes around it. Anything else stays as written (`arn:…:<bucket>`), shown as text.
    else if (node.type === 'html' && FORMATTING_TAG.test(node.value)) continue;
    else if (node.type === 'inlineMath') out += mathAsText(node.value);
    else if ('children' in node) out += toMarkup(node.children as PhrasingContent[]);
    else out += toString(node as Nodes);
  }
  return out;
}

const FORMATTING_TAG = /^<\/?(?:span|font|br|b|i|u|em|strong|mark|sup|sub|small|big|s|del|ins|kbd|div|p|center)\b[^<>]*\/?>$/i;

/** The LaTeX commands study notes use inline, as the characters they draw. */
const MATH_SYMBOLS: Record<string, string> = {
  to: '→',
  rightarrow: '→',
  Rightarrow: '⇒',
  leftarrow: '←',
  leftrightarrow: '↔',
  ge: '≥',
  geq: '≥',
  le: '≤',
  leq: '≤',
  ne: '≠',
  neq: '≠',
  approx: '≈',
  times: '×',
  cdot: '·',
  div: '÷',
  pm: '±',
  infty: '∞',
  sim: '~',
  checkmark: '✓',
};

/**
 * Inline math as a learner reads it in a question's plain text (`$\to$` → "→", `$\ge 3$` → "≥ 3"):
 * stems, options and answers are text, not rendered math, so a bare `\to` would show as typed.
 */
export function mathAsText(tex: string): string {
  return tex
    .replace(/\\(?:text|mathrm|mathbf|textbf)\{([^}]*)\}/g, '$1')
    .replace(/\\([A-Za-z]+)/g, (whole, name: string) => MATH_SYMBOLS[name] ?? whole)
    .replace(/\\([%$&#_{}])/g, '$1')
    .replace(/\\[,;:! ]/g, ' ')
    .replace(/[{}]/g, '')
    .trim();
}

/** `[[Note|shown]]` → `shown`, `[[Note#Heading]]` → `Note › Heading`, as Obsidian displays them. */
export function showWikilinks(text: string): string {
  return text.replace(/!?\[\[([^\]|]*?)(?:\|([^\]]*))?\]\]/g, (_m, target: string, alias?: string) => alias ?? target.replace(/#\^?/g, ' › ').trim());
}

/** Markup to the words a learner reads: no `**`, no backticks, no `==`, links as shown. */
export function toPlain(markup: string): string {
  return stripMarkup(markup).trim();
}

/** Like toPlain but keeps the edge spaces (for the text either side of a cloze blank). */
export function stripMarkup(markup: string): string {
  return showWikilinks(markup)
    .replace(/\*\*/g, '')
    .replace(/`/g, '')
    .replace(/==/g, '')
    .replace(/[ \t]+/g, ' ');
}

export function plainOf(nodes: readonly PhrasingContent[]): string {
  return toPlain(toMarkup(nodes));
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * A stable id from text: two 32-bit FNV-1a hashes with different offsets (64 bits), so a
 * generated question keeps its id (and its review history) as long as its note path and source
 * sentence do not change. Not cryptographic; collisions within one vault are checked by the caller.
 */
export function stableHash(text: string): string {
  const a = fnv1a(text);
  const b = fnv1a(text, FNV_PRIME ^ 0x5bd1e995, FNV_PRIME + 0x2e);
  return a.toString(36).padStart(7, '0') + b.toString(36).padStart(7, '0');
}
