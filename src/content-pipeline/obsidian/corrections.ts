/**
 * Corrections beside the learner's words. A vault may hold a `corrections.yaml` at its root: a list
 * of passages that are wrong, each with the correction and the AWS page that says so. The note
 * itself is never changed (it is the learner's); the lesson marks the passage and shows the
 * correction right after the block that holds it, and generated questions made from a corrected
 * passage are corrected or skipped (see questions/index.ts).
 *
 *     - note: Amazon Machine Images (AMI).md
 *       passage: This is the only way to migrate an EC2 instance into another AZ
 *       correction: An AMI copy is only needed to cross Regions; …
 *       source: https://docs.aws.amazon.com/…
 *       replacement: optional text that replaces the passage in generated questions
 *
 * The passage is matched against the text the lesson shows (Markdown marks and link targets
 * removed, runs of white space equal), inside one paragraph, heading or table cell.
 *
 * Markup emitted (plain elements, for an HTML sanitizer's allowlist):
 * `<mark class="correction-passage">` around the passage, then
 * `<aside class="correction" role="note"><p><strong class="correction-label">Correction:</strong>
 * … <a class="correction-source" href="https://…">Source: AWS documentation</a></p></aside>`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { AuthorProblem } from '../report.ts';
import { inline, type ObsidianBlock } from './nodes.ts';

/** The file name, at the vault root. */
export const CORRECTIONS_FILE = 'corrections.yaml';

/** One correction: which passage of which note is wrong, what is right, and where AWS says so. */
export const correctionEntrySchema = z
  .object({
    /** Vault-relative path of the note (`.md` may be left out). */
    note: z.string().trim().min(1),
    /** The wrong text, exactly as the lesson shows it (without `**`, `[[`…). */
    passage: z.string().trim().min(3),
    /** What is right, in one or two sentences. */
    correction: z.string().trim().min(1),
    /** The AWS documentation page that supports the correction. */
    source: z.url({ protocol: /^https$/, error: 'source must be an https:// URL' }),
    /** Replaces the passage in generated questions; without it those questions are skipped. */
    replacement: z.string().trim().min(1).optional(),
  })
  .strict();
export type CorrectionEntry = z.infer<typeof correctionEntrySchema> & { line: number };

export interface Corrections {
  /** Vault-relative name of the corrections file. */
  file: string;
  entries: CorrectionEntry[];
  /** Problems of the file itself (bad YAML, a bad entry). */
  problems: AuthorProblem[];
  /** Entries whose passage was found in their note's lesson. */
  matched: Set<CorrectionEntry>;
  /** Notes that were rendered (to tell "passage missing" from "note missing"). */
  seenNotes: Set<string>;
}

const noteKey = (path: string) => path.replace(/\.md$/i, '').toLowerCase();

/** The corrections of a vault; an absent file means none. Never throws: problems are returned. */
export function loadCorrections(vaultDir: string): Corrections {
  const out: Corrections = { file: CORRECTIONS_FILE, entries: [], problems: [], matched: new Set(), seenNotes: new Set() };
  const path = join(vaultDir, CORRECTIONS_FILE);
  if (!existsSync(path)) return out;
  return parseCorrections(readFileSync(path, 'utf8'), out);
}

/** Parses the text of a corrections file (exported for tests). */
export function parseCorrections(source: string, out: Corrections = { file: CORRECTIONS_FILE, entries: [], problems: [], matched: new Set(), seenNotes: new Set() }): Corrections {
  const problem = (line: number, target: string, message: string) => out.problems.push({ kind: 'invalid-correction', file: out.file, line, target, message });
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    problem(error?.linePos?.[0]?.line ?? 1, 'corrections', `not valid YAML: ${error?.message.split('\n')[0] ?? ''}`);
    return out;
  }
  if (doc.contents === null) return out;
  if (!isSeq(doc.contents)) {
    problem(1, 'corrections', 'the file must be a YAML list of entries (each starting with "- note:")');
    return out;
  }
  for (const item of doc.contents.items) {
    const line = isMap(item) && item.range ? lineCounter.linePos(item.range[0]).line : 1;
    const parsed = correctionEntrySchema.safeParse(isMap(item) ? item.toJSON() : item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'entry';
      problem(line, field, `${field}: ${issue?.message ?? 'invalid'} (each entry needs note, passage, correction and an https source)`);
      continue;
    }
    out.entries.push({ ...parsed.data, line });
  }
  return out;
}

/** The entries that apply to one note. */
export function correctionsFor(corrections: Corrections | undefined, notePath: string): CorrectionEntry[] {
  if (!corrections) return [];
  const key = noteKey(notePath);
  return corrections.entries.filter((e) => noteKey(e.note) === key);
}

/** Escapes a passage into a pattern where any run of white space matches any other. */
export function passagePattern(passage: string): RegExp {
  const escaped = passage
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
  return new RegExp(escaped);
}

type Node = RootContent | Root;

/** The text a node shows, the same way for finding and for splitting. */
function textOf(node: Node): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html' && node.type !== 'yaml') return node.value;
  if ('children' in node) return (node.children as Node[]).map(textOf).join('');
  return '';
}

const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
const FLOW_PARENTS = new Set(['root', 'listItem', 'blockquote', 'obsidianBlock', 'footnoteDefinition']);

function isCorrection(node: Node): boolean {
  const props = (node.data as { hProperties?: { className?: unknown } } | undefined)?.hProperties;
  return Array.isArray(props?.className) && (props.className.includes('correction') || props.className.includes('correction-passage'));
}

/** Finds the first text block (with its ancestors) that shows the passage. */
function findBlock(root: Root, pattern: RegExp): { block: Parent; ancestors: Parent[]; start: number; end: number } | undefined {
  const walk = (node: Node, ancestors: Parent[]): ReturnType<typeof findBlock> => {
    if (isCorrection(node)) return undefined;
    if (TEXT_BLOCKS.has(node.type)) {
      const match = pattern.exec(textOf(node));
      return match ? { block: node as Parent, ancestors, start: match.index, end: match.index + match[0].length } : undefined;
    }
    if (!('children' in node)) return undefined;
    for (const child of node.children as Node[]) {
      const found = walk(child, [...ancestors, node as Parent]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(root, []);
}

/** Wraps the text range [start, end) of `parent` in a mark, going down to the deepest inline that holds it all. */
function wrapRange(parent: Parent, start: number, end: number): void {
  const children = parent.children as PhrasingContent[];
  let offset = 0;
  const spans = children.map((child) => {
    const from = offset;
    offset += textOf(child).length;
    return { child, from, to: offset };
  });
  const holder = spans.find((s) => s.from <= start && end <= s.to && s.child.type !== 'text' && 'children' in s.child);
  if (holder) {
    wrapRange(holder.child as Parent, start - holder.from, end - holder.from);
    return;
  }
  const out: PhrasingContent[] = [];
  const inside: PhrasingContent[] = [];
  const after: PhrasingContent[] = [];
  for (const { child, from, to } of spans) {
    if (to <= start) out.push(child);
    else if (from >= end) after.push(child);
    else if (child.type === 'text') {
      const text = child as Text;
      const a = Math.max(0, start - from);
      const b = Math.min(text.value.length, end - from);
      if (a > 0) out.push({ type: 'text', value: text.value.slice(0, a) });
      inside.push({ type: 'text', value: text.value.slice(a, b) });
      if (b < text.value.length) after.push({ type: 'text', value: text.value.slice(b) });
    } else {
      inside.push(child); // a boundary inside another inline: mark the whole inline
    }
  }
  parent.children = [...out, inline('mark', 'correction-passage', inside), ...after] as typeof parent.children;
}

/** Link text naming where the correction comes from (the URL itself is long and unreadable aloud). */
function sourceLabel(url: string): string {
  const host = new URL(url).hostname;
  if (host === 'repost.aws' || host.endsWith('.repost.aws')) return 'Source: AWS re:Post Knowledge Center';
  if (host.endsWith('amazon.com') || host.endsWith('.aws')) return 'Source: AWS documentation';
  return `Source: ${host}`;
}

/** The note shown after the block that holds the passage. */
function correctionNode(entry: CorrectionEntry): ObsidianBlock {
  return {
    type: 'obsidianBlock',
    children: [
      {
        type: 'paragraph',
        children: [
          inline('strong', 'correction-label', [{ type: 'text', value: 'Correction:' }]),
          { type: 'text', value: ` ${entry.correction} ` },
          { type: 'link', url: entry.source, children: [{ type: 'text', value: sourceLabel(entry.source) }], data: { hProperties: { className: ['correction-source'] } } },
        ],
      },
    ],
    data: { hName: 'aside', hProperties: { className: ['correction'], role: 'note' } },
  };
}

/**
 * Marks each corrected passage of one note's (cloned, transformed) tree and inserts its correction
 * after the paragraph, heading or table that holds it. Records what matched in `corrections`.
 */
export function applyCorrections(tree: Root, notePath: string, corrections: Corrections | undefined): void {
  if (!corrections) return;
  corrections.seenNotes.add(noteKey(notePath));
  for (const entry of correctionsFor(corrections, notePath)) {
    const found = findBlock(tree, passagePattern(entry.passage));
    if (!found) continue;
    corrections.matched.add(entry);
    wrapRange(found.block, found.start, found.end);
    // Climb to the nearest block whose parent takes flow content (a table cell's table, a paragraph's list item).
    const chain = [...found.ancestors, found.block];
    let at = chain.length - 1;
    while (at > 0 && !FLOW_PARENTS.has(chain[at - 1]?.type ?? '')) at -= 1;
    const container = chain[at - 1];
    const anchor = chain[at];
    if (!container || !anchor) continue;
    const siblings = container.children as RootContent[];
    let index = siblings.indexOf(anchor as RootContent) + 1;
    while (index < siblings.length && isCorrection(siblings[index] as Node)) index += 1; // after earlier corrections of the same block
    siblings.splice(index, 0, correctionNode(entry) as unknown as RootContent);
  }
}

/** Problems for `notes:check`: the file's own, then every entry whose passage or note was not found. */
export function correctionProblems(corrections: Corrections): AuthorProblem[] {
  const missing = corrections.entries
    .filter((e) => !corrections.matched.has(e))
    .map(
      (e): AuthorProblem => ({
        kind: 'stale-correction',
        file: corrections.file,
        line: e.line,
        target: e.passage,
        message: corrections.seenNotes.has(noteKey(e.note))
          ? `the passage "${e.passage}" is no longer in "${e.note}": update or remove this correction`
          : `there is no note "${e.note}" in the vault: fix the note path or remove this correction`,
      }),
    );
  return [...corrections.problems, ...missing];
}
