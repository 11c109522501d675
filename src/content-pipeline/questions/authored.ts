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
 *
 *     ^q-stable-id
 *
 * Checked boxes mark the correct options and their count is "choose N"; a "(Choose N)" in the
 * stem must agree with it. Two options "True"/"False" make a true/false question; an ordered list
 * instead of a task list makes an ordering question (items written in the right order). A
 * question callout without options and without a `^q-` id is an ordinary callout (an FAQ), left
 * alone. Every problem found is reported with file and line, all at once, like a compiler.
 */
import type { Blockquote, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { readCalloutHead } from '../obsidian/callouts';
import type { AuthorProblem } from '../report';
import type { Question, QuestionSource } from './schema';
import { plainOf, showWikilinks } from './text';

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
  return text.replace(/^\[![^\]\s]+\][+-]?\s*/, '').replace(/\s*\n\s*/g, ' ').trim();
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

export interface AuthoredResult {
  questions: Question[];
  problems: AuthorProblem[];
  /** The callouts that became quiz questions (to take them out of the lesson body). */
  callouts: Blockquote[];
  /** Every question callout's id and line, valid or not (for the vault-wide duplicate check). */
  ids: Array<{ id: string; line: number }>;
}

/**
 * Parses the question callouts of one note (at the top level of the note, where Obsidian can give
 * them a block id). `heading` tracking gives each question the section it links back to.
 */
export function parseAuthoredQuestions(note: QuestionNote): AuthoredResult {
  const questions: Question[] = [];
  const problems: AuthorProblem[] = [];
  const callouts: Blockquote[] = [];
  const ids: Array<{ id: string; line: number }> = [];
  let heading: { text: string; id: string } | null = null;
  const problem = (line: number, target: string, message: string) =>
    problems.push({ kind: 'malformed-question', file: note.path, line, target, message });

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
    if (!first || first.type !== 'paragraph') continue;
    const taskList = body.find((c): c is List => c.type === 'list' && c.children.some((i) => i.checked !== null && i.checked !== undefined));
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
    const explanation = body
      .filter((c): c is Paragraph => c.type === 'paragraph')
      .map((p) => plainOf(p.children).replace(EXPLANATION, ''))
      .join(' ')
      .trim();
    const chooseMatch = CHOOSE.exec(rawStem);
    const stem = rawStem.replace(CHOOSE, '').trim();
    if (!stem) {
      problem(line, label, 'question has no text: write the question after [!question]-');
      continue;
    }
    const source: QuestionSource = { path: note.path, slug: note.slug, title: note.title, heading: heading?.text ?? null, anchor: `^${id}`, line };
    const base = { id, origin: 'authored' as const, stem, explanation, source, tags: note.tags };

    if (!taskList && orderedList) {
      const items = orderedList.children.map((item, i) => ({ id: String.fromCharCode(97 + i), text: readItem(item).text }));
      if (items.length < 2) problem(line, label, 'ordering question needs at least 2 items in its numbered list');
      else if (items.some((i) => !i.text)) problem(line, label, 'ordering question has an empty item');
      else if (new Set(items.map((i) => i.text.toLowerCase())).size !== items.length) problem(line, label, 'ordering question has two items with the same text, so the order is ambiguous');
      else questions.push({ ...base, kind: 'ordering', items });
      callouts.push(node);
      continue;
    }
    if (!taskList) {
      problem(line, label, 'question has no options: add a task list, "- [x]" for right options and "- [ ]" for wrong ones');
      continue;
    }
    const before = problems.length;
    const options = taskList.children.map((item, i) => {
      const { text, explanation: why } = readItem(item);
      if (item.checked === null || item.checked === undefined) problem(lineOf(item), label, `option "${text}" is not a task-list item: start it with "- [ ]" or "- [x]"`);
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
    callouts.push(node);
  }
  return { questions, problems, callouts, ids };
}

/** `==term==` spans as [before, term, after] pieces of a plain line (wikilinks shown as text). */
export function findHighlights(line: string): Array<{ before: string; term: string; after: string }> {
  const shown = showWikilinks(line);
  const found: Array<{ before: string; term: string; after: string }> = [];
  const re = /(^|[^=])==([^=\n]+?)==(?!=)/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(shown)) !== null) {
    const start = match.index + (match[1]?.length ?? 0);
    const term = match[2] ?? '';
    found.push({ before: shown.slice(0, start), term, after: shown.slice(start + term.length + 4) });
  }
  return found;
}
