/**
 * DOM builders shared by the plain-DOM islands (quiz, exam, review, progress). Text is set with
 * `textContent` and attributes with `setAttribute`, never parsed as HTML, so nothing from a note can
 * inject markup.
 */
import type { Markup, MarkupElement } from './markup';

/** An element with attributes (`class`, `text` for its text, any other attribute) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

/** DOM nodes for a markup tree (the browser's printer of markup.ts; `toHtml` is the server's). */
export function toDom(markup: MarkupElement): HTMLElement;
export function toDom(markup: Markup): Node;
export function toDom(markup: Markup): Node {
  if (typeof markup === 'string') return document.createTextNode(markup);
  const node = document.createElement(markup.tag);
  for (const [name, value] of Object.entries(markup.attrs)) node.setAttribute(name, value);
  node.append(...markup.children.map((child) => toDom(child)));
  return node;
}
