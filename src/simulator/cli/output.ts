/**
 * `--output json|text|table|yaml` as the AWS CLI prints a response (after `--query`). Written for
 * the lab from the rules of the CLI's own formatters (aws-cli `awscli/formatter.py`,
 * `awscli/text.py`, `awscli/table.py`):
 *
 * - json: four-space indents; an empty object prints nothing.
 * - text: tab-separated. A dict prints its scalar values (keys sorted) on one line, prefixed by
 *   the upper-cased key it sits under; its lists and dicts follow, each under its own key. A list
 *   of dicts uses the union of their scalar keys as columns; a list of scalars under a key prints
 *   one `KEY\tvalue` line each, a bare one prints them on one line.
 * - table: the boxed table titled with the operation name; a dict's scalars become a header row
 *   and a value row, nested values become indented sub-tables titled with their key. Wider than
 *   the terminal (80 columns when it cannot tell), single-row sections turn vertical.
 * - yaml: block style, keys sorted, strings quoted only when YAML would read them as something
 *   else (timestamps included); yaml-stream: the same as a list with one item per page.
 */
import { stringify } from 'yaml';
import { toPrintable } from './print.ts';

/** The `--output` values the CLI accepts, in the order its error lists them. */
export const OUTPUT_FORMATS = ['json', 'text', 'table', 'yaml', 'yaml-stream'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, Json> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isScalar = (value: unknown): boolean => value === null || typeof value !== 'object';

/** A scalar as Python's `str()` prints it (the CLI is Python): `True`, `None`, `3`. */
function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return String(value);
}

/** Python's sort of strings (by code point), which is what `sorted()` gives for keys. */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------- text

function textList(items: Json[], identifier: string | undefined, out: string[]): void {
  if (items.length === 0) return;
  if (items.some(isObject)) {
    const keys = new Set<string>();
    for (const item of items) if (isObject(item)) for (const [key, value] of Object.entries(item)) if (isScalar(value)) keys.add(key);
    const scalarKeys = [...keys].sort(byCodePoint);
    for (const item of items) textValue(item, identifier, out, scalarKeys);
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter(isScalar);
    if (scalars.length > 0) textScalarList(scalars, identifier, out);
    for (const item of items) if (!isScalar(item)) textValue(item, identifier, out);
  } else textScalarList(items, identifier, out);
}

function textScalarList(items: Json[], identifier: string | undefined, out: string[]): void {
  if (identifier !== undefined) for (const item of items) out.push(`${identifier.toUpperCase()}\t${pyStr(item)}`);
  else out.push(items.map(pyStr).join('\t'));
}

function textDict(item: Record<string, Json>, identifier: string | undefined, out: string[], scalarKeys: readonly string[] | undefined): void {
  const scalars: string[] = [];
  const nested: [string, Json][] = [];
  if (scalarKeys === undefined) {
    for (const key of Object.keys(item).sort(byCodePoint)) {
      const value = item[key] as Json;
      if (isScalar(value)) scalars.push(pyStr(value));
      else nested.push([key, value]);
    }
  } else {
    for (const key of scalarKeys) scalars.push(Object.hasOwn(item, key) ? pyStr(item[key]) : '');
    for (const key of Object.keys(item).sort(byCodePoint)) if (!scalarKeys.includes(key)) nested.push([key, item[key] as Json]);
  }
  if (scalars.length > 0) out.push((identifier === undefined ? scalars : [identifier.toUpperCase(), ...scalars]).join('\t'));
  for (const [key, value] of nested) textValue(value, key, out);
}

function textValue(item: Json, identifier: string | undefined, out: string[], scalarKeys?: readonly string[]): void {
  if (Array.isArray(item)) textList(item, identifier, out);
  else if (isObject(item)) textDict(item, identifier, out, scalarKeys);
  else out.push(pyStr(item));
}

/** `--output text`. */
export function formatText(data: unknown): string {
  const out: string[] = [];
  textValue(toPrintable(data) as Json, undefined, out);
  return out.join('\n');
}

// --------------------------------------------------------------------------------------- table

/** Display width: East Asian wide, full-width and ambiguous characters count two, as in the CLI. */
function textLength(text: string): number {
  let length = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x20000 && code <= 0x3fffd);
    length += wide ? 2 : 1;
  }
  return length;
}

const spaces = (n: number): string => ' '.repeat(Math.max(0, n));

/** Python's `round()`: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

class Section {
  title = '';
  headers: string[] = [];
  rows: string[][] = [];
  indentLevel = 0;
  maxWidths: number[] = [];

  addHeader(headers: readonly string[]): void {
    this.updateWidths(headers);
    this.headers = [...headers];
  }

  addRow(row: readonly unknown[]): void {
    const cells = row.map(pyStr);
    this.rows.push(cells);
    this.updateWidths(cells);
  }

  private updateWidths(row: readonly string[]): void {
    if (this.maxWidths.length === 0) this.maxWidths = row.map(textLength);
    else {
      for (const [i, cell] of row.entries()) this.maxWidths[i] = Math.max(textLength(cell), this.maxWidths[i] ?? 0);
    }
  }

  columnWidths(padding: number, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const total = unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => roundHalfEven((maxWidth / total) * w));
    let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (offBy !== 0) {
      const order = scaled.map((_, i) => i);
      if (offBy < 0) order.reverse();
      for (const i of order) {
        if (offBy > 0) {
          scaled[i] = (scaled[i] as number) - 1;
          offBy -= 1;
        } else {
          scaled[i] = (scaled[i] as number) + 1;
          offBy += 1;
        }
        if (offBy === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(): number {
    const total = this.maxWidths.reduce((sum, w) => sum + w + 4, 0) + 2 + 2 * this.indentLevel;
    return Math.max(textLength(this.title) + 2 + 2 * this.indentLevel, total);
  }
}

function centerText(text: string, length: number, leftEdge: string, rightEdge: string): string {
  const textLen = textLength(text);
  const start = Math.floor(length / 2) - Math.floor(textLen / 2) - 1;
  const soFar = leftEdge.length + Math.max(0, start) + textLen;
  return `${leftEdge}${spaces(start)}${text}${spaces(length - rightEdge.length - soFar)}${rightEdge}`;
}

function alignLeft(text: string, length: number, leftEdge: string, rightEdge: string): string {
  const textLen = textLength(text);
  const padding = length - (textLen + 2 + leftEdge.length + rightEdge.length) >= 0 ? 2 : 0;
  const soFar = leftEdge.length + padding + textLen;
  return `${leftEdge}${spaces(padding)}${text}${spaces(length - soFar - rightEdge.length)}${rightEdge}`;
}

function lineBreak(widths: readonly number[]): string {
  return widths.map((w, i) => (i === 0 ? `+${'-'.repeat(Math.max(0, w - 2))}+` : `${'-'.repeat(Math.max(0, w - 1))}+`)).join('');
}

class MultiTable {
  readonly sections: Section[] = [];
  current: Section | undefined;

  newSection(title: string, indentLevel: number): void {
    this.current = new Section();
    this.current.title = title;
    this.current.indentLevel = indentLevel;
    this.sections.push(this.current);
  }

  private get section(): Section {
    if (this.current === undefined) this.newSection('', 0);
    return this.current as Section;
  }

  addHeader(headers: readonly string[]): void {
    this.section.addHeader(headers);
  }

  addRow(row: readonly unknown[]): void {
    this.section.addRow(row);
  }

  render(terminalWidth: number): string {
    let maxWidth = Math.max(...this.sections.map((s) => s.totalWidth()));
    if (maxWidth > terminalWidth) {
      // Too wide: sections with a single row are turned vertical (header | value per line).
      for (const [i, section] of this.sections.entries()) {
        if (section.rows.length !== 1 || section.headers.length === 0) continue;
        const vertical = new Section();
        vertical.title = section.title;
        vertical.indentLevel = section.indentLevel;
        for (const [j, header] of section.headers.entries()) vertical.addRow([header, section.rows[0]?.[j] ?? '']);
        this.sections[i] = vertical;
      }
      maxWidth = Math.max(...this.sections.map((s) => s.totalWidth()));
    }
    const lines = ['-'.repeat(maxWidth)];
    for (const section of this.sections) {
      const indent = '|'.repeat(section.indentLevel);
      const write = (line: string) => lines.push(`${indent}${line}${indent}`);
      const width = maxWidth - section.indentLevel * 2;
      if (section.title !== '') {
        write(centerText(section.title, width, '|', '|'));
        if (section.headers.length === 0 && section.rows.length === 0) write(`+${'-'.repeat(width - 2)}+`);
      }
      if (section.headers.length > 0) {
        const widths = section.columnWidths(4, width);
        write(lineBreak(widths));
        write(section.headers.map((header, i) => centerText(header, widths[i] as number, i === 0 ? '|' : '', '|')).join(''));
      }
      if (section.rows.length > 0) {
        const widths = section.columnWidths(4, width);
        if (widths.length === 0) continue;
        write(lineBreak(widths));
        for (const row of section.rows) write(widths.map((w, i) => alignLeft(row[i] ?? '', w, i === 0 ? '|' : '', '|')).join(''));
        write(lineBreak(widths));
      }
    }
    return lines.join('\n');
  }
}

function scalarKeys(item: Record<string, Json>): [string[], string[]] {
  const headers: string[] = [];
  const more: string[] = [];
  for (const key of Object.keys(item)) (isScalar(item[key]) ? headers : more).push(key);
  return [headers.sort(byCodePoint), more.sort(byCodePoint)];
}

function buildTable(table: MultiTable, title: string | undefined, current: Json, indentLevel = 0): boolean {
  if (current === null || current === false || current === 0 || current === '') return false;
  if (Array.isArray(current) && current.length === 0) return false;
  if (isObject(current) && Object.keys(current).length === 0) return false;
  if (title !== undefined) table.newSection(title, indentLevel);
  if (Array.isArray(current)) {
    if (isObject(current[0])) tableFromList(table, current, indentLevel, title);
    else {
      for (const item of current) {
        if (isScalar(item)) table.addRow([item]);
        else if (Array.isArray(item) && item.every(isScalar)) table.addRow(item);
        else buildTable(table, undefined, item);
      }
    }
  } else if (isObject(current)) tableFromDict(table, current, indentLevel);
  // A scalar (a --query result) prints the title alone, as the CLI does.
  return true;
}

function tableFromDict(table: MultiTable, current: Record<string, Json>, indentLevel: number): void {
  const [headers, more] = scalarKeys(current);
  if (headers.length === 1) table.addRow([headers[0], current[headers[0] as string]]);
  else if (headers.length > 0) {
    table.addHeader(headers);
    table.addRow(headers.map((key) => current[key]));
  }
  for (const key of more) buildTable(table, key, current[key] as Json, indentLevel + 1);
}

function tableFromList(table: MultiTable, current: Json[], indentLevel: number, title: string | undefined): void {
  const headerSet = new Set<string>();
  const moreSet = new Set<string>();
  for (const item of current) {
    if (!isObject(item)) continue;
    const [h, m] = scalarKeys(item);
    for (const key of h) headerSet.add(key);
    for (const key of m) moreSet.add(key);
  }
  const headers = [...headerSet].sort(byCodePoint);
  const more = [...moreSet].sort(byCodePoint);
  table.addHeader(headers);
  let first = true;
  for (const element of current) {
    const item = isObject(element) ? element : {};
    if (!first && more.length > 0) {
      table.newSection(title ?? '', indentLevel);
      table.addHeader(headers);
    }
    first = false;
    table.addRow(headers.map((key) => (Object.hasOwn(item, key) ? item[key] : '')));
    for (const key of more) if (Object.hasOwn(item, key)) buildTable(table, key, item[key] as Json, indentLevel + 1);
  }
}

/** `--output table`, titled with the operation name, for a terminal `terminalWidth` columns wide. */
export function formatTable(operation: string, data: unknown, terminalWidth = 80): string {
  const table = new MultiTable();
  if (!buildTable(table, operation, toPrintable(data) as Json)) return '';
  return table.render(terminalWidth);
}

// ---------------------------------------------------------------------------------------- yaml

/** `--output yaml`. A plain scalar at the top (a `--query` result) ends with `...`, as the CLI's YAML emitter writes it. */
export function formatYaml(data: unknown): string {
  const value = toPrintable(data) ?? null;
  const text = stringify(value, {
    schema: 'core',
    // Quote strings that YAML would read as timestamps ('2025-01-06T09:00:00+00:00'), as the CLI does.
    customTags: ['timestamp'],
    sortMapEntries: true,
    indentSeq: false,
    singleQuote: true,
  }).replace(/\n$/, '');
  const plainScalar = (value === null || typeof value !== 'object') && !text.startsWith("'") && !text.startsWith('"');
  return plainScalar ? `${text}\n...` : text;
}

// ---------------------------------------------------------------------------------------- json

/** `--output json` of a `--query` result: like the response, but `null`, `[]` and scalars print too. */
export function formatJson(data: unknown): string {
  if (isObject(data) && Object.keys(data).length === 0) return '';
  if (data === undefined) return '';
  return JSON.stringify(toPrintable(data), null, 4);
}

/** A response (or `--query` result) in the chosen format; '' means print nothing. */
export function formatOutput(format: OutputFormat, operation: string, data: unknown): string {
  switch (format) {
    case 'json':
      return formatJson(data);
    case 'text':
      return formatText(data);
    case 'table':
      return formatTable(operation, data);
    case 'yaml':
      return isObject(data) && Object.keys(data).length === 0 ? '' : formatYaml(data);
    case 'yaml-stream':
      // The stream is a YAML list with one item per page; the lab's responses are one page.
      return formatYaml([data]);
  }
}
