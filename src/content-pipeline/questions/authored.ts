/**
 * Authored questions: a question callout that still reads as a quiz inside Obsidian.
 *
 *     > [!question]- Which statements are true? (Choose 2)
 *     > - [x] A right option
 *     > 	- Why it is right (nested line: the option's explanation)
 *     > - [ ] A wrong option
 *     > 	- Why it is wrong
 *     >
 *     > Explanation: why the answer is what it is.
 *     > Domain: resilient
 *     > Source: https://docs.aws.amazon.com/...
 *
 *     ^q-stable-id
 *
 * Checked boxes mark the correct options and their count is "choose N"; a "(Choose N)" in the
 * stem must agree with it. Two options "True"/"False" make a true/false question; an ordered list
 * instead of a task list makes an ordering question (items written in the right order). The
 * optional `Domain:` line names the SAA-C03 domain (secure, resilient, high-performing,
 * cost-optimized) and `Source:` the https page that backs the answer. A
 * question callout without options and without a `^q-` id is an ordinary callout (an FAQ), left
 * alone. Every problem found is reported with file and line, all at once, like a compiler.
 */
import type { Blockquote, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { readCalloutHead } from '../obsidian/callouts.ts';
import type { AuthorProblem } from '../report.ts';
import { EXAM_DOMAINS, type ExamDomain, type Question, type QuestionSource } from './schema.ts';
import { plainOf, showWikilinks } from './text.ts';

/** What the parser needs to know about the note a question comes from. */
export interface QuestionNote {
  path: string;
  slug: string;
  title: string;
  tags: string[];
  tree: Root;
}

const QUESTION_TYPES = new Set(['question', 'help', 'faq', 'quiz']);
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
const CHOOSE = /\s*\((?:choose|select|pick)\s+(\d+|one|two|three|four|five|six)\)\s*$/i;
const EXPLANATION = /^explanation\s*:\s*/i;
const META = /^(domain|source)\s*:\s*(.*)$/i;

export function blockIdOf(node: RootContent): string | undefined {
  const id = (node.data as { hProperties?: { id?: unknown } } | undefined)?.hProperties?.id;
  return typeof id === 'string' && id.startsWith('^') ? id.slice(1) : undefined;
}

function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}

/** The callout's first paragraph minus `[!question]-`: the title line, then any further lines. */
function readStem(first: Paragraph): string {
  const text = plainOf(first.children as PhrasingContent[]);
  return text
    .replace(/^\[![^\]\s]+\][+-]?\s*/, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

function isQuestionCallout(node: Blockquote): boolean {
  const head = readCalloutHead(node);
  return head !== undefined && QUESTION_TYPES.has(head.type);
}

/** The text of a list item's first paragraph, and the rest (nested lines, later paragraphs) as its explanation. */
function readItem(item: ListItem): { text: string; explanation: string } {
  const [first, ...rest] = item.children;
  const text = first?.type === 'paragraph' ? plainOf(first.children) : '';
  const parts: string[] = [];
  for (const child of rest) {
    if (child.type === 'paragraph') parts.push(plainOf(child.children));
    if (child.type === 'list') for (const sub of child.children) parts.push(readItem(sub).text);
  }
  return { text, explanation: parts.filter(Boolean).join(' ') };
}

/** A paragraph as lines of plain text, each with the URLs of the links on it and its line number. */
function paragraphLines(paragraph: Paragraph): Array<{ text: string; urls: string[]; line: number }> {
  const first = lineOf(paragraph);
  const lines = [{ text: '', urls: [] as string[], line: first }];
  const walk = (nodes: readonly PhrasingContent[]) => {
    for (const node of nodes) {
      const current = lines[lines.length - 1];
      if (!current) return;
      if (node.type === 'text') {
        const parts = node.value.split('\n');
        current.text += parts[0] ?? '';
        for (const part of parts.slice(1)) lines.push({ text: part, urls: [], line: lines.length + first });
      } else if (node.type === 'break') {
        lines.push({ text: '', urls: [], line: lines.length + first });
      } else if (node.type === 'link') {
        current.urls.push(node.url);
        walk(node.children);
      } else if ('children' in node) {
        walk(node.children as PhrasingContent[]);
      } else {
        current.text += plainOf([node]);
      }
    }
  };
  walk(paragraph.children);
  return lines.map((l) => ({ ...l, text: plainOf([{ type: 'text', value: l.text }]) }));
}

/**
 * The text paragraphs after the options: the explanation, plus the `Domain:` and `Source:` lines
 * (taken out of the explanation and checked).
 */
function readExplanation(paragraphs: readonly Paragraph[], problem: (line: number, message: string) => void): { explanation: string; domain?: ExamDomain; sourceUrl?: string } {
  const kept: string[] = [];
  let domain: ExamDomain | undefined;
  let sourceUrl: string | undefined;
  for (const paragraph of paragraphs) {
    for (const { text, urls, line } of paragraphLines(paragraph)) {
      const meta = META.exec(text.trim());
      if (!meta) {
        kept.push(text.replace(EXPLANATION, ''));
        continue;
      }
      const value = (meta[2] ?? '').trim();
      if (meta[1]?.toLowerCase() === 'domain') {
        const wanted = value.toLowerCase();
        if ((EXAM_DOMAINS as readonly string[]).includes(wanted)) domain = wanted as ExamDomain;
        else problem(line, `unknown Domain "${value}": use one of ${EXAM_DOMAINS.join(', ')}`);
      } else {
        const url = urls[0] ?? value;
        if (/^https:\/\/[^\s/]+\.[^\s]+$/.test(url)) sourceUrl = url;
        else problem(line, `Source "${url}" is not an https:// link: give the page that backs the answer`);
      }
    }
  }
  const explanation = kept.join(' ').replace(/\s+/g, ' ').trim();
  return { explanation, ...(domain ? { domain } : {}), ...(sourceUrl ? { sourceUrl } : {}) };
}

export interface AuthoredResult {
  questions: Question[];
  problems: AuthorProblem[];
  /** Every question callout's id and line, valid or not (for the vault-wide duplicate check). */
  ids: Array<{ id: string; line: number }>;
}

/**
 * Parses the question callouts of one note (at the top level of the note, where Obsidian can give
 * them a block id). `heading` tracking gives each question the section it links back to.
 */
/**
 * A quiz option: a task-list item marked `[ ]` or `[x]`. Obsidian's other markers (`[?]`, `[-]`…,
 * see obsidian/tasks.ts) show as done tasks but say nothing about right or wrong, so a list of
 * only those is not a question's options, and one among options is reported.
 */
function isOption(item: ListItem): boolean {
  return item.checked !== null && item.checked !== undefined && !item.data?.taskMarker;
}

export function parseAuthoredQuestions(note: QuestionNote): AuthoredResult {
  const questions: Question[] = [];
  const problems: AuthorProblem[] = [];
  const ids: Array<{ id: string; line: number }> = [];
  let heading: { text: string; id: string } | null = null;
  const problem = (line: number, target: string, message: string) => problems.push({ kind: 'malformed-question', file: note.path, line, target, message });

  for (const node of note.tree.children) {
    if (node.type === 'heading') {
      const id = (node.data?.hProperties as { id?: string } | undefined)?.id ?? '';
      heading = { text: plainOf(node.children), id };
      continue;
    }
    if (node.type !== 'blockquote' || !isQuestionCallout(node)) continue;
    const id = blockIdOf(node);
    const line = lineOf(node);
    const [first, ...body] = node.children;
    if (first?.type !== 'paragraph') continue;
    const taskList = body.find((c): c is List => c.type === 'list' && c.children.some(isOption));
    const orderedList = body.find((c): c is List => c.type === 'list' && c.ordered === true);
    if (!taskList && !orderedList && !id?.startsWith('q-')) continue; // an ordinary FAQ callout
    const rawStem = readStem(first);
    const label = id ? `^${id}` : rawStem.slice(0, 60);
    if (!id) {
      problem(line, label, 'question has no block id: add a line "^q-some-id" after the callout, with a blank line before it');
      continue;
    }
    ids.push({ id, line });
    if (!id.startsWith('q-')) problem(line, label, `question id "^${id}" must start with "q-" (e.g. ^q-${id})`);
    const paragraphs = body.filter((c): c is Paragraph => c.type === 'paragraph');
    const metaBefore = problems.length;
    const { explanation, ...meta } = readExplanation(paragraphs, (at, message) => problem(at, label, message));
    if (problems.length > metaBefore) continue;
    const chooseMatch = CHOOSE.exec(rawStem);
    const stem = rawStem.replace(CHOOSE, '').trim();
    if (!stem) {
      problem(line, label, 'question has no text: write the question after [!question]-');
      continue;
    }
    const source: QuestionSource = { path: note.path, slug: note.slug, title: note.title, heading: heading?.text ?? null, anchor: `^${id}`, line };
    const base = { id, origin: 'authored' as const, stem, explanation, ...meta, source, tags: note.tags };

    if (!taskList && orderedList) {
      const items = orderedList.children.map((item, i) => ({ id: String.fromCharCode(97 + i), text: readItem(item).text }));
      if (items.length < 2) problem(line, label, 'ordering question needs at least 2 items in its numbered list');
      else if (items.some((i) => !i.text)) problem(line, label, 'ordering question has an empty item');
      else if (new Set(items.map((i) => i.text.toLowerCase())).size !== items.length)
        problem(line, label, 'ordering question has two items with the same text, so the order is ambiguous');
      else questions.push({ ...base, kind: 'ordering', items });
      continue;
    }
    if (!taskList) {
      problem(line, label, 'question has no options: add a task list, "- [x]" for right options and "- [ ]" for wrong ones');
      continue;
    }
    const before = problems.length;
    const options = taskList.children.map((item, i) => {
      const { text, explanation: why } = readItem(item);
      const marker = item.data?.taskMarker;
      if (marker) problem(lineOf(item), label, `option "${text}" is marked "[${marker}]", which Obsidian shows as done: mark right options "- [x]" and wrong ones "- [ ]"`);
      else if (item.checked === null || item.checked === undefined) problem(lineOf(item), label, `option "${text}" is not a task-list item: start it with "- [ ]" or "- [x]"`);
      else if (!text) problem(lineOf(item), label, 'an option has no text');
      return { id: String.fromCharCode(97 + i), text, correct: item.checked === true, explanation: why };
    });
    const correct = options.filter((o) => o.correct).length;
    const stated = chooseMatch?.[1] ? (NUMBER_WORDS[chooseMatch[1].toLowerCase()] ?? Number(chooseMatch[1])) : undefined;
    if (options.length < 2) problem(line, label, 'question needs at least 2 options');
    if (correct === 0) problem(line, label, 'no correct option: mark the right answer(s) with "- [x]"');
    else if (correct === options.length && options.length > 1) problem(line, label, 'every option is checked: a question needs at least one wrong option');
    if (stated !== undefined && correct > 0 && stated !== correct) {
      problem(line, label, `stem says "Choose ${stated}" but ${correct} option${correct === 1 ? ' is' : 's are'} checked`);
    }
    const texts = options.map((o) => o.text.toLowerCase());
    const duplicate = texts.find((t, i) => t && texts.indexOf(t) !== i);
    if (duplicate) problem(line, label, `two options read "${duplicate}"`);
    if (problems.length > before) continue;
    const trueFalse = options.length === 2 && options.every((o) => /^(true|false)$/i.test(o.text));
    questions.push(trueFalse ? { ...base, kind: 'truefalse', options, choose: 1 } : { ...base, kind: 'choice', options, choose: correct });
  }
  return { questions, problems, ids };
}

/** `==term==` spans as [before, term, after] pieces of a plain line (wikilinks shown as text). */
export function findHighlights(line: string): Array<{ before: string; term: string; after: string }> {
  const shown = showWikilinks(line);
  const found: Array<{ before: string; term: string; after: string }> = [];
  const re = /(^|[^=])==([^=\n]+?)==(?!=)/g;
  for (const match of shown.matchAll(re)) {
    const start = match.index + (match[1]?.length ?? 0);
    const term = match[2] ?? '';
    found.push({ before: shown.slice(0, start), term, after: shown.slice(start + term.length + 4) });
  }
  return found;
}
