/**
 * Small text helpers shared by the question parser and the generators: reading inline Markdown
 * from the pass-1 tree (where wikilinks and highlights are still plain text), and stable ids.
 */
import type { Nodes, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { FNV_PRIME, fnv1a } from '../../shared/hash';

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
    else if ('children' in node) out += toMarkup(node.children as PhrasingContent[]);
    else out += toString(node as Nodes);
  }
  return out;
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
