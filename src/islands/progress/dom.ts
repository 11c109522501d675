/** Small DOM builders for the progress page (plain DOM: the page needs no framework). */
import { el } from '../shared/dom';

export { el } from '../shared/dom';

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: Array<Node | string>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  node.append(...children);
  return node;
}

/** A table with a caption, header row and body rows of text or nodes. */
export function table(caption: string, headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<Node | string>>, className = 'progress-table'): HTMLTableElement {
  return el(
    'table',
    { class: className },
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((cell, i) => (i === 0 ? el('th', { scope: 'row' }, cell) : el('td', {}, cell)))))),
  );
}

/** A percentage bar for a table cell: the number is text, the bar only shows it. */
export function bar(percent: number, label: string): HTMLElement {
  const fill = el('span', { class: 'bar-fill' });
  fill.style.width = `${Math.max(0, Math.min(100, percent))}%`;
  return el('span', { class: 'bar-cell' }, el('span', { class: 'bar', 'aria-hidden': 'true' }, fill), el('span', { class: 'bar-label', text: label }));
}

/** "3 Mar 2026" in the learner's locale. */
export function shortDate(time: number): string {
  return new Date(time).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}
