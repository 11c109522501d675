/**
 * What the generators share: the note read as lines (with headings, siblings and exam flag), the
 * skip reasons, distractor bookkeeping (no text in more than two questions) and the text tests
 * that decide whether a clue is ambiguous or gives its answer away.
 */
import type { List, ListItem, Paragraph, PhrasingContent, Root, RootContent, TableCell, TableRow } from 'mdast';
import type { StudySettings } from '../study-settings.ts';
import type { Question, QuestionSource } from './schema.ts';
import type { QuestionNote } from './authored.ts';
import { calloutTitle, isExamCallout, isExamHeading, isQuestionCallout, sectionsWithPath, subjectOf, type HeadingRef } from './exam-material.ts';
import { plainOf, stableHash, toMarkup, toPlain, wordCount } from './text.ts';

export interface GeneratorNote extends Omit<QuestionNote, 'tree'> {
  /** What the generators read of the note's tree (see readNote). */
  readings: NoteReadings;
  /** `cloze: true` in the properties: every highlight in the note is a cloze. */
  clozeEverywhere: boolean;
  /** `generate-questions: false` in the properties: the author opts the note out of generation. */
  optOut: boolean;
}

/** Why a candidate gave no question; the key is stable (for JSON), the text is for authors. */
export const SKIP_REASONS = {
  'not-study-material': 'the note is not study material',
  'opted-out': 'the note says generate-questions: false',
  'no-marked-term': 'exam fact with no marked term (**bold**, ==highlight==), single quantity or sibling to ask about',
  'no-subject': 'the sentence has no subject of its own (starts with a pronoun or conjunction)',
  'unverifiable-absolute': 'an "only way" claim a generator cannot check',
  'too-short': 'too short to ask about',
  'answer-too-long': 'the marked term is longer than four words, too long to type back exactly',
  'prose-outside-comparison':
    'two descriptions in prose may both be true, and the section does not set the things side by side (no “vs” or comparison): no false statement is made from them',
  'restates-label': 'the text only restates its own label (“Batch: run batch job”), so it asks nothing',
  'quoted-phrase': 'the marked words are a quoted phrase (“the keyword is "New workflow"”): its exact wording is the author’s, not a fact to recall',
  'name-gives-value': 'the value is spelled out in the thing’s own name (“Canary10Percent5Minutes” — 5 minutes)',
  'answer-is-statement': 'the marked text is a whole statement, question or negation (“DAX = DynamoDB-only”, “Block specific IP?”), not a term to fill in',
  'answer-in-context': 'the blank’s answer is already in the subject shown above the question (the note title or heading)',
  'ends-at-list': 'the answer is a list that could not be kept with it',
  'unordered-list': 'a numbered list under a heading that does not name a process',
  'link-list': 'a list of links is not a sequence',
  'steps-may-swap': 'some steps are optional or may be done in either order',
  'list-size': 'ordering needs three to ten steps',
  'repeated-steps': 'two steps read the same, so the order is ambiguous',
  'ambiguous-siblings': 'the clue also fits a sibling, or names one',
  'distractors-used-up': 'every sibling is already a distractor in two questions',
  'trivial-blank': 'the marked word is a function word (not, only, all…), guessable from grammar alone',
  'cloze-group': 'clozes that share a [^n] label are asked together, and a quiz cloze has one blank',
  'not-one-kind': 'the bold labels are not things of one kind (no kind named in the heading or lead line, no common last noun), so swapping their texts proves nothing',
  'facets-of-one-subject': 'the bold labels are aspects of one subject (Overview, Cost, Use case…): every text is true of the subject, whatever its label',
  'values-not-exclusive': 'the values could both be true (prose, or they share words or numbers), so neither can be the false twin or a distractor of the other',
  'console-walkthrough': 'clicks through a console (Go to, Navigate, Click…) are a walkthrough, not a process to learn',
  'marker-label': 'the bold label marks the line (Note, Important, Tip), it is not a term to learn',
  walkthrough: 'a hands-on walkthrough (Step 1…, Demo, Clean up): its details belong to the lab, not to the exam',
  'table-shape': 'the table has no column of distinct names with attribute columns beside it (fewer than two rows, repeated or empty names)',
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;

export interface SkippedCandidate {
  reason: SkipReason;
  line: number;
  /** The start of the text that was not used, so the author can find it. */
  text: string;
}

/**
 * A true/false question before its key is chosen. Keys are chosen across the whole vault (see
 * index.ts) so that about half are True: a generator that always states the fact trains
 * "answer True" instead of the fact.
 */
export interface TrueFalseDraft {
  /** Orders drafts for the vault-wide key assignment; stable across builds. */
  key: string;
  /** Misconceptions the author wrote can only be false. */
  onlyFalse: boolean;
  make: (truth: boolean) => Question;
}

export interface NoteGeneration {
  questions: Question[];
  drafts: TrueFalseDraft[];
  skipped: SkippedCandidate[];
}

/** How often each distractor text has been used in the vault; no text is used in more than two questions. */
export type DistractorUse = Map<string, number>;
const MAX_DISTRACTOR_USE = 2;
export const PRONOUN_START = /^(this|that|these|those|they|it|its|their|there|he|she|you|we|which|also|and|but|or|so|then)\b/i;
/** `**Term**: definition`, `**Term:** definition` and `**Term** – definition` (hyphen, en or em dash). */
export const DEFINITION = /^\*\*([^*]+?)\*\*\s*[:：]\s*(.*)$|^\*\*([^*]+?)[:：]\*\*\s*(.*)$|^\*\*([^*]+?)\*\*\s+[-–—]\s+(.+)$/;
const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'for', 'to', 'in', 'on', 'with', 'by', 'is', 'are', 'vs', 'amazon', 'aws']);

export function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}

export function sentence(text: string): string {
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}

const normCache = new Map<string, string>();

/** Lower case, punctuation to spaces. Memoised: the same names and values are compared many times. */
export function norm(text: string): string {
  const hit = normCache.get(text);
  if (hit !== undefined) return hit;
  const out = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (normCache.size > 50_000) normCache.clear();
  normCache.set(text, out);
  return out;
}

export function mentions(text: string, term: string): boolean {
  const t = norm(term);
  return t !== '' && ` ${norm(text)} `.includes(` ${t} `);
}

const wordsCache = new Map<string, ReadonlySet<string>>();

/** The words of a text that carry meaning (no stop words, three letters or more). Memoised, like norm. */
export function contentWords(text: string): ReadonlySet<string> {
  const hit = wordsCache.get(text);
  if (hit) return hit;
  const out = new Set(
    norm(text)
      .split(' ')
      .filter((w) => w.length > 2 && !STOP.has(w)),
  );
  if (wordsCache.size > 50_000) wordsCache.clear();
  wordsCache.set(text, out);
  return out;
}

export function sameStem(a: string, b: string): boolean {
  const cut = (w: string) => w.slice(0, Math.max(3, w.length - 1));
  return a.startsWith(cut(b)) || b.startsWith(cut(a));
}

/**
 * Whether a clue gives the answer away: it contains a word of the answer's name that no other
 * option has ("Services that process media" → "Media Services"; "log files" → "CloudWatch Logs").
 * Words every option shares ("CloudWatch") do not count.
 */
export function clueGivesAway(clue: string, answer: string, others: readonly string[]): boolean {
  if (spellsAcronym(clue, answer)) return true;
  const theirs = others.flatMap((o) => [...contentWords(o)]);
  const distinctive = [...contentWords(answer)].filter((w) => !theirs.some((t) => sameStem(t, w)));
  const words = [...contentWords(clue)];
  return distinctive.some((w) => words.some((c) => sameStem(c, w)));
}

/**
 * Whether the clue spells out an acronym in the answer: "Web application firewall rules" → "AWS
 * WAF", "Simple Queue Service" → "SQS". The initials of consecutive clue words give it away.
 */
function spellsAcronym(clue: string, answer: string): boolean {
  const initials = clue
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
  const acronyms = (answer.match(/\b[A-Z][A-Z0-9]{1,5}\b/g) ?? []).map((acronym) => acronym.replace(/\d/g, ''));
  return acronyms.some((letters) => letters.length >= 3 && initials.includes(letters));
}

/** One line of a note as the generators see it. */
export interface NoteLine {
  markup: string;
  plain: string;
  line: number;
  path: HeadingRef[];
  /** Lines in the same list or paragraph share a container: they are siblings. */
  container: string;
  /** In an exam callout or under an exam heading. */
  exam: boolean;
  /** The item's nested list (first lines), so an answer that ends at a colon keeps its list. */
  children: string[];
  /** The bold label of the list item this one is nested in (`- **Key features**:` → "Key features"). */
  parentLabel: string | undefined;
  /** The line that introduces this line's list: the parent item, or a paragraph ending in a colon just before the list. */
  lead: string | undefined;
}

export function itemFirstLine(item: ListItem): string {
  const first = item.children[0];
  return first?.type === 'paragraph'
    ? toMarkup(first.children)
        .replace(/\s*\n\s*/g, ' ')
        .trim()
    : '';
}

/** A numbered list at the top of a section, as the ordering generator reads it. */
export interface NoteNumberedList {
  line: number;
  path: HeadingRef[];
  /** Each item's step name: its first line, told apart by its first sub-point when names repeat. */
  steps: string[];
  /** Every item is only a link (a list of related notes, not of steps). */
  linksOnly: boolean;
}

/**
 * Everything the generators read of one note's tree: its lines, tables and numbered lists. It
 * depends on nothing but the tree and the study settings, so the pipeline keeps it with the note
 * between builds: a rebuild then makes the vault's questions without reading the tree of any note
 * that did not change (2,000 notes: about 0.3 s of reading trees back and 0.2 s of walking them).
 */
export interface NoteReadings {
  lines: NoteLine[];
  tables: NoteTable[];
  numberedLists: NoteNumberedList[];
}

export function readNote(tree: Root, settings: StudySettings): NoteReadings {
  return { lines: readLines(tree, settings), tables: readTables(tree, settings), numberedLists: readNumberedLists(tree) };
}

/** Every line of the note outside question callouts, with its headings, siblings and exam flag. */
function readLines(tree: Root, settings: StudySettings): NoteLine[] {
  const out: NoteLine[] = [];
  const push = (markup: string, line: number, path: HeadingRef[], container: string, exam: boolean, children: string[], parentLabel?: string, lead?: string) => {
    const plain = toPlain(markup);
    if (plain) out.push({ markup: markup.trim(), plain, line, path, container, exam, children, parentLabel, lead });
  };
  const walkList = (list: List, path: HeadingRef[], exam: boolean, parent?: string) => {
    const container = `list@${lineOf(list)}`;
    for (const item of list.children) {
      const sub = item.children.find((c): c is List => c.type === 'list');
      const children = sub ? sub.children.map((c) => toPlain(itemFirstLine(c))).filter(Boolean) : [];
      const first = itemFirstLine(item);
      push(first, lineOf(item), path, container, exam, children, parent === undefined ? undefined : labelOf(parent), parent === undefined ? undefined : toPlain(parent));
      for (const child of item.children) if (child.type === 'list') walkList(child, path, exam, first);
    }
  };
  // A paragraph ending in a colon introduces the list right after it ("Storage classes:").
  let lead: string | undefined;
  const walk = (node: RootContent, path: HeadingRef[], exam: boolean, skipTitle: boolean, next: RootContent | undefined) => {
    if (node.type === 'paragraph') {
      const lines = toMarkup(node.children as PhrasingContent[]).split('\n');
      const start = lineOf(node);
      // "**Use cases**:" then a list: the list is what the line says, so it travels with it.
      const following = next?.type === 'list' ? next.children.map((c) => toPlain(itemFirstLine(c))).filter(Boolean) : [];
      lines.forEach((markup, i) => {
        const children = i === lines.length - 1 && /:\s*$/.test(markup) ? following : [];
        if (!(skipTitle && i === 0)) push(markup, start + i, path, `para@${start}`, exam, children);
      });
      const last = lines[lines.length - 1] ?? '';
      lead = next?.type === 'list' && /:\s*$/.test(last) ? last : undefined;
      return;
    }
    const introduced = lead;
    lead = undefined;
    if (node.type === 'list') {
      walkList(node, path, exam, introduced);
    } else if (node.type === 'blockquote') {
      if (isQuestionCallout(node)) return;
      const inExam = exam || isExamCallout(node, settings);
      const titled = calloutTitle(node) !== '' || /^\[!/.test(toMarkup((node.children[0] as Paragraph | undefined)?.children ?? []));
      for (const [i, child] of node.children.entries()) walk(child, path, inExam, i === 0 && titled, node.children[i + 1]);
    }
  };
  for (const { node, path, next } of sectionsWithPath(tree.children)) {
    walk(
      node,
      path,
      path.some((h) => isExamHeading(h.text, settings)),
      false,
      next,
    );
  }
  return out;
}

export interface Maker {
  note: GeneratorNote;
  settings: StudySettings;
  use: DistractorUse;
  /** Under how many different headings (vault-wide) each bold label occurs: a label used everywhere is an aspect, not a name. */
  labelSpread: ReadonlyMap<string, number>;
  add: (q: Question | undefined) => void;
  draft: (d: TrueFalseDraft) => void;
  skip: (reason: SkipReason, line: number, text: string) => void;
}

export function sourceOf(note: Pick<QuestionNote, 'path' | 'slug' | 'title'>, line: number, path: readonly HeadingRef[]): QuestionSource {
  const heading = path[path.length - 1];
  return { path: note.path, slug: note.slug, title: note.title, heading: heading?.text ?? null, anchor: heading?.id || null, line };
}

export function base(m: Maker, prefix: string, seed: string, line: NoteLine | { line: number; path: HeadingRef[] }, sourceText: string) {
  const context = subjectOf(m.note.title, line.path, m.settings);
  return {
    id: `${prefix}-${stableHash(`${m.note.path}\u0000${seed}`)}`,
    origin: 'generated' as const,
    sourceText,
    source: sourceOf(m.note, line.line, line.path),
    tags: m.note.tags,
    context,
  };
}

export interface Definition {
  l: NoteLine;
  term: string;
  def: string;
  /** The definition is the nested list under the label, joined: fine for a card, too loose to swap. */
  fromList: boolean;
}

export function readDefinition(l: NoteLine): Definition | 'ends-at-list' | undefined {
  const match = DEFINITION.exec(l.markup);
  if (!match) return undefined;
  const term = toPlain(match[1] ?? match[3] ?? match[5] ?? '');
  let def = toPlain(match[2] ?? match[4] ?? match[6] ?? '');
  let fromList = false;
  // "**Supported engines**:" with the engines as a nested list: the list is the definition.
  if ((def === '' || def.endsWith(':')) && l.children.length > 0) {
    def = `${def} ${l.children.join('; ')}`.trim();
    fromList = true;
  } else if (def === '' || def.endsWith(':')) return 'ends-at-list';
  if (!term || wordCount(term) > 8) return undefined;
  return { l, term, def, fromList };
}

/**
 * Distractors for one question: the least used first, then the next siblings in a ring (so that in
 * a group where every member is asked, each member is a distractor equally often), never a text
 * already used in two questions.
 */
export function pickLeastUsed<T>(items: T[], text: (t: T) => string, use: DistractorUse, ring: (t: T) => number, count: number): T[] {
  return items
    .filter((i) => (use.get(norm(text(i))) ?? 0) < MAX_DISTRACTOR_USE)
    .map((i) => ({ i, u: use.get(norm(text(i))) ?? 0, k: ring(i) }))
    .sort((a, b) => a.u - b.u || a.k - b.k)
    .slice(0, count)
    .map(({ i }) => i);
}

/** How many distractors each of `asked` questions may take from a group of `size` so none is used more than twice. */
export function distractorsPerQuestion(size: number, asked: number): number {
  return Math.max(0, Math.min(3, size - 1, Math.floor((MAX_DISTRACTOR_USE * size) / Math.max(1, asked))));
}

export function markUsed(use: DistractorUse, texts: string[]): void {
  for (const t of texts) use.set(norm(t), (use.get(norm(t)) ?? 0) + 1);
}

export function shuffledOptions(seed: string, options: Array<{ text: string; correct: boolean; explanation: string }>) {
  return options
    .map((o) => ({ ...o, key: stableHash(`${seed}\u0000${o.text}`) }))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ key: _key, ...o }, i) => ({ ...o, id: String.fromCharCode(97 + i) }));
}
/** The bold label a line opens with (`**Durability**: …`, `**Key features:**`), if any. */
export function labelOf(markup: string): string | undefined {
  const match = /^\*\*([^*]+?)[:：]?\*\*\s*(?:[:：]|[-–—]\s)/.exec(markup.trim());
  const label = match?.[1]
    ? toPlain(match[1])
        .replace(/[:：]$/, '')
        .trim()
    : '';
  return label && wordCount(label) <= 8 ? label : undefined;
}

/** The key under which two labels count as the same aspect ("Minimum Storage Duration" = "minimum storage duration"). */
export function labelKey(label: string): string {
  return norm(label);
}

/** A table as the generators see it: header cells, body rows (plain text), and where it stands. */
export interface NoteTable {
  line: number;
  path: HeadingRef[];
  exam: boolean;
  header: string[];
  rows: string[][];
}

const PICTURE = /^(?:\S.*\.(?:png|jpe?g|gif|svg|webp|avif)\s*)+$/i;

/** ✅ and ❌ in a cell are the author's yes and no. */
function cellText(cell: TableCell): string {
  const text = toPlain(toMarkup(cell.children as PhrasingContent[]))
    .replace(/^(?:✅|✔️?|☑️?)+\s*/u, 'Yes ')
    .replace(/^(?:❌|✖️?|✗)+\s*/u, 'No ')
    .replace(/\p{Extended_Pictographic}|\u{FE0F}/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^(yes|no)\s+\1\b/i, '$1')
    .trim();
  return text;
}

/** Every GFM table of the note (callouts included, question callouts excluded), with its headings. */
function readTables(tree: Root, settings: StudySettings): NoteTable[] {
  const out: NoteTable[] = [];
  const walk = (node: RootContent, path: HeadingRef[], exam: boolean) => {
    if (node.type === 'table') {
      const all = node.children.map((row: TableRow) => row.children.map(cellText));
      // A column of icons or screenshots names nothing a learner recalls: the next column is the name.
      const pictures = (all[0] ?? []).map((_h, i) => all.slice(1).every((r) => (r[i] ?? '') === '' || PICTURE.test(r[i] ?? '')));
      const [head, ...body] = all.map((r) => r.filter((_c, i) => !pictures[i]));
      if (head) out.push({ line: lineOf(node), path, exam, header: head, rows: body });
    } else if (node.type === 'blockquote' && !isQuestionCallout(node)) {
      const inExam = exam || isExamCallout(node, settings);
      for (const child of node.children) walk(child, path, inExam);
    }
  };
  for (const { node, path } of sectionsWithPath(tree.children))
    walk(
      node,
      path,
      path.some((h) => isExamHeading(h.text, settings)),
    );
  return out;
}

/** The numbered lists at the top of each section (not in callouts), with their headings. */
function readNumberedLists(tree: Root): NoteNumberedList[] {
  const out: NoteNumberedList[] = [];
  for (const { node, path } of sectionsWithPath(tree.children)) {
    if (node.type !== 'list' || !node.ordered) continue;
    out.push({
      line: lineOf(node),
      path,
      // "Add the launch permission:" introduces its own sub-list; the step is the words before the colon.
      steps: stepLabels(node).map((s) => toPlain(s).replace(/\s*:$/, '')),
      linksOnly: node.children.map((item) => itemFirstLine(item)).every((s) => /^\s*(?:\[\[[^\]]+\]\]|\[[^\]]+\]\([^)]+\))\s*$/.test(s)),
    });
  }
  return out;
}

function stepLabels(list: List): string[] {
  const labels = list.children.map((item) => {
    const first = item.children[0];
    return first?.type === 'paragraph' ? (plainOf(first.children).split('\n')[0]?.trim() ?? '') : '';
  });
  if (new Set(labels.map((l) => l.toLowerCase())).size === labels.length) return labels;
  // Repeated step names ("Launch" … "Launch"): each step's first sub-point tells them apart.
  return list.children.map((item, i) => {
    const sub = item.children.find((c): c is List => c.type === 'list')?.children[0]?.children[0];
    return sub?.type === 'paragraph' ? `${labels[i]}: ${plainOf(sub.children)}` : (labels[i] ?? '');
  });
}

const NUMBER = /\d+(?:[.,]\d+)*/g;

/** The word right after each number ("64,000 IOPS" → iops, "90 days" → day), the unit it counts in. */
function unitsOf(text: string): Set<string> {
  const units = new Set<string>();
  for (const match of text.matchAll(/\d+(?:[.,]\d+)*\s*([A-Za-z%$/]+)?/g)) units.add((match[1] ?? '').toLowerCase().replace(/s$/, ''));
  return units;
}

function sameUnits(a: string, b: string): boolean {
  const ua = unitsOf(a);
  const ub = unitsOf(b);
  return [...ua].some((u) => ub.has(u));
}

/**
 * Whether a value only restates its own label ("IAM Root Access Key: root account has active
 * access keys", "Batch: run batch job"): as a true/false or a card it asks nothing the label does
 * not already say. Half or more of the value's content words come from the label (or, for a value
 * of three words or fewer, any one).
 */
export function restatesLabel(label: string, value: string): boolean {
  // "ApplicationStart" is the words "Application Start".
  const own = [...contentWords(label.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2'))];
  const words = [...contentWords(value)];
  // "40 KB", "10%", "No": no word to repeat, so nothing restated (such values are weighed elsewhere).
  if (words.length === 0) return false;
  const shared = words.filter((w) => own.some((o) => sameStem(o, w))).length;
  return words.length <= 3 ? shared >= 1 : shared * 2 >= words.length;
}

/**
 * Whether two values of one attribute cannot both be true, so one can stand in for the other as a
 * false statement or a distractor: both state numbers and share none ("90 days" / "180 days"), or
 * both are short (six words or fewer) and share no word ("Manual" / "Automatic", "Yes" / "No").
 * Prose ("Lower than Glacier", "Cheaper storage") never is: both may well be true.
 */
export function exclusive(a: string, b: string): boolean {
  if (norm(a) === norm(b) || norm(a) === '' || norm(b) === '') return false;
  const numsA = new Set(a.match(NUMBER) ?? []);
  const numsB = new Set(b.match(NUMBER) ?? []);
  if (numsA.size > 0 && numsB.size > 0) {
    if ([...numsA].some((n) => numsB.has(n))) return false;
    // "40 per region" and "100 TB per region" measure different things: swapping one for the other
    // makes a false statement a learner rejects by its unit alone.
    if (!sameUnits(a, b)) return false;
    return wordCount(a) <= 8 && wordCount(b) <= 8;
  }
  if (wordCount(a) > 6 || wordCount(b) > 6) return false;
  const wa = [...norm(a).split(' ')].filter((w) => !STOP.has(w));
  const wb = [...norm(b).split(' ')].filter((w) => !STOP.has(w));
  return !wa.some((w) => wb.some((v) => sameStem(v, w)));
}

/** Headings and titles of a hands-on walkthrough: "Step 3: Create the role", "Demo", "Clean up". */
const WALKTHROUGH = /^step\s*\d+\b|\b(?:demo|clean ?up|walk-?through|hands-on)\b/i;

/** Whether a line sits in a walkthrough (by its note's title or one of its headings). */
export function inWalkthrough(title: string, path: readonly HeadingRef[]): boolean {
  return WALKTHROUGH.test(title.replace(/^(?:\d+|[IVXLC]{1,6})[.)]\s+/, '')) || path.some((h) => WALKTHROUGH.test(h.text.replace(/^\d+(?:\.\d+)*[.)]?\s+/, '')));
}
