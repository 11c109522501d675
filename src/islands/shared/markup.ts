/**
 * Markup as data: a tiny element tree that one pure function builds and two renderers print, as HTML
 * at build time (Astro, with `set:html`) and as DOM nodes in the browser (dom.ts). So a component the
 * server renders and an island renders again at run time cannot drift apart. No DOM here.
 */
import { escapeAttribute, escapeText } from '../../shared/escape-html';

/** An element with string attributes (an empty string is a boolean attribute such as `hidden`). */
export interface MarkupElement {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly Markup[];
}

/** Text (always text: never parsed as markup) or an element. */
export type Markup = string | MarkupElement;

/** Builds an element; `undefined` attributes and `false`/`null`/`undefined` children are left out. */
export function h(tag: string, attrs: Readonly<Record<string, string | undefined>> = {}, ...children: ReadonlyArray<Markup | false | null | undefined>): MarkupElement {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) kept[name] = value;
  return { tag, attrs: kept, children: children.filter((child): child is Markup => child !== false && child !== null && child !== undefined) };
}

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** HTML for a tree, every text and attribute value escaped (so note text cannot inject markup). */
export function toHtml(node: Markup): string {
  if (typeof node === 'string') return escapeText(node);
  // Appended to one string rather than mapped and joined: every lesson page prints its quiz with this
  // at build time (the 5,896 questions of the 2,000-note benchmark vault, as 983 quizzes: 125 ms
  // before, 38–52 ms after).
  let html = `<${node.tag}`;
  for (const name in node.attrs) {
    const value = node.attrs[name] as string;
    html += value === '' ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
  }
  html += '>';
  if (VOID_ELEMENTS.has(node.tag)) return html;
  for (const child of node.children) html += toHtml(child);
  return `${html}</${node.tag}>`;
}
