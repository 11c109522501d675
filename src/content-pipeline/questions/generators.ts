/**
 * Generated questions, from the structure a note already has:
 *
 * - exam facts (exam callouts and exam headings, see exam-material.ts): a cloze on the term the
 *   author marked (==highlight== or **bold**) or on the one quantity the fact states;
 * - `**Term**: definition` lines that stand side by side: "which term matches …?" with the
 *   siblings as options, or a true/false whose false twin puts a sibling's definition in place of
 *   the right one; a lone definition becomes a card;
 * - sibling headings of one kind ("S3 Standard", "S3 Glacier …"): "which one …?";
 * - misconceptions the author wrote ("Myth: …", "Misconception: …"): a true/false keyed False;
 * - steps under a heading that names a process, or written as a sequence (a → b → c): ordering.
 *
 * The rule for every generator is "sound or nothing": a question is made only when its answer
 * follows from the note by a rule we trust, and a candidate that does not fit is skipped with a
 * reason (shown by `notes:check --questions`), never bent into shape. Statements are never
 * negated: "X is not Y" is won by spotting the inserted "not". Every stem names its subject
 * (note and section), because a quiz shows questions away from their note.
 */
import type { List, ListItem, Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { StudySettings } from '../study-settings';
import type { Question, QuestionSource } from './schema';
import { findHighlights, type QuestionNote } from './authored';
import { calloutTitle, isExamCallout, isExamHeading, isQuestionCallout, nonStudyReason, sectionsWithPath, subjectOf, type HeadingRef } from './exam-material';
import { plainOf, stableHash, stripMarkup, toMarkup, toPlain, wordCount } from './text';

export interface GeneratorNote extends QuestionNote {
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
  'answer-too-long': 'the marked term is longer than five words',
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

const PRONOUN_START = /^(this|that|these|those|they|it|its|their|there|he|she|you|we|which|also|and|but|or|so|then)\b/i;
const UNVERIFIABLE_ABSOLUTE = /\b(?:the )?only (?:way|method|means|option|solution|possible way)\b/i;
/** `**Term**: definition`, `**Term:** definition` and `**Term** – definition` (hyphen, en or em dash). */
const DEFINITION = /^\*\*([^*]+?)\*\*\s*[:：]\s*(.*)$|^\*\*([^*]+?)[:：]\*\*\s*(.*)$|^\*\*([^*]+?)\*\*\s+[-–—]\s+(.+)$/;
const BOLD = /\*\*([^*]+)\*\*/;
/**
 * A misconception the author wrote, named as such with a colon ("Myth: …", "Common mistake: …").
 * A "❌" alone is not enough: vaults use it for limitations ("❌ cannot span AZs"), which are true.
 */
const MISCONCEPTION = /^(?:common )?(?:myth|misconception|mistake|trap|wrong|not true|false)s?\s*[:\-–—]\s*/iu;
/** A heading that names a process: only then is a numbered list a sequence of steps. */
const PROCESS_HEADING = /\b(?:steps?|lifecycle|life cycle|procedure|process|how to|how-to|workflow|sequence|phases?|stages?|walkthrough|runbook)\b/i;
/** Imperative first words of a task heading ("Copy an AMI to another Region"). */
const TASK_VERB =
  /^(?:add|apply|attach|automate|back up|bake|build|change|configure|connect|copy|create|delete|deploy|detach|disable|enable|encrypt|install|launch|migrate|move|patch|publish|recover|register|deregister|replace|resize|restore|retire|roll back|rotate|set up|share|start|stop|update|upgrade)\b/i;
/** Words in a step that say its place is not fixed. */
const SWAPPABLE =
  /\b(?:optional(?:ly)?|if (?:needed|required|necessary|you want)|in any order|in parallel|at the same time|meanwhile|alternatively|either order)\b|^(?:if|when|where|unless)\b/i;
/** Blanks a learner could only guess from grammar, not from knowing the fact. */
const FUNCTION_WORD =
  /^(?:not|no|never|only|always|all|none|any|some|and|or|can|cannot|can't|must|should|is|are|does|do|doesn't|don't|isn't|aren't|won't|will|more|less|same|both)$/i;
const ARROW = /\s*(?:→|⟶|-{1,3}>|={1,2}>|⇒)\s*/;
/** A quantity a fact states: a number with a unit (IDs, versions and code are excluded before matching). */
const QUANTITY =
  /(?<![\w.\-/:$])(\d+(?:[.,]\d+)*)(?:\s?(%|x\b|ms\b|milliseconds?\b|seconds?\b|secs?\b|minutes?\b|mins?\b|hours?\b|hrs?\b|days?\b|weeks?\b|months?\b|years?\b|[KMGTP]i?B(?:\/s)?\b|[KMGT]bps\b|IOPS\b|nines\b|AZs?\b|Regions?\b|accounts?\b|requests?\b|times\b|volumes?\b|snapshots?\b|instances?\b|copies\b|characters\b))(?![\w\-/])/g;
const KIND_NOUN = /\b(?:types|classes|modes|options|tiers|kinds|models|families|categories|services|methods|strategies|policies|levels|engines|plans)\b/i;
const GENERIC_ASPECT =
  /^(?:overview|summary|pricing|prices?|costs?|billing|performance|security|use cases?|features?|limits?|limitations|durability|availability|monitoring|examples?|benefits|pros|cons|how it works|notes?|details|related|see also|check yourself|terms|definitions|introduction|faq)$/i;
const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'for', 'to', 'in', 'on', 'with', 'by', 'is', 'are', 'vs', 'amazon', 'aws']);

function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}

function sentence(text: string): string {
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** "Fast Snapshot Restore (FSR)" also accepts "Fast Snapshot Restore" and "FSR". */
function acceptedAnswers(answer: string): string[] {
  const match = /^(.+?)\s*\(([^)]+)\)$/.exec(answer);
  return match?.[1] && match[2] ? [answer, match[1], match[2]] : [answer];
}

function norm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function mentions(text: string, term: string): boolean {
  const t = norm(term);
  return t !== '' && ` ${norm(text)} `.includes(` ${t} `);
}

function contentWords(text: string): Set<string> {
  return new Set(
    norm(text)
      .split(' ')
      .filter((w) => w.length > 2 && !STOP.has(w)),
  );
}

function sameStem(a: string, b: string): boolean {
  const cut = (w: string) => w.slice(0, Math.max(3, w.length - 1));
  return a.startsWith(cut(b)) || b.startsWith(cut(a));
}

/**
 * Whether a clue gives the answer away: it contains a word of the answer's name that no other
 * option has ("Services that process media" → "Media Services"; "log files" → "CloudWatch Logs").
 * Words every option shares ("CloudWatch") do not count.
 */
function clueGivesAway(clue: string, answer: string, others: readonly string[]): boolean {
  const theirs = others.flatMap((o) => [...contentWords(o)]);
  const distinctive = [...contentWords(answer)].filter((w) => !theirs.some((t) => sameStem(t, w)));
  const words = [...contentWords(clue)];
  return distinctive.some((w) => words.some((c) => sameStem(c, w)));
}

/** One line of a note as the generators see it. */
interface NoteLine {
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
}

function itemFirstLine(item: ListItem): string {
  const first = item.children[0];
  return first?.type === 'paragraph'
    ? toMarkup(first.children)
        .replace(/\s*\n\s*/g, ' ')
        .trim()
    : '';
}

/** Every line of the note outside question callouts, with its headings, siblings and exam flag. */
function readLines(note: QuestionNote, settings: StudySettings): NoteLine[] {
  const out: NoteLine[] = [];
  const push = (markup: string, line: number, path: HeadingRef[], container: string, exam: boolean, children: string[]) => {
    const plain = toPlain(markup);
    if (plain) out.push({ markup: markup.trim(), plain, line, path, container, exam, children });
  };
  const walkList = (list: List, path: HeadingRef[], exam: boolean) => {
    const container = `list@${lineOf(list)}`;
    for (const item of list.children) {
      const sub = item.children.find((c): c is List => c.type === 'list');
      const children = sub ? sub.children.map((c) => toPlain(itemFirstLine(c))).filter(Boolean) : [];
      push(itemFirstLine(item), lineOf(item), path, container, exam, children);
      for (const child of item.children) if (child.type === 'list') walkList(child, path, exam);
    }
  };
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
    } else if (node.type === 'list') {
      walkList(node, path, exam);
    } else if (node.type === 'blockquote') {
      if (isQuestionCallout(node)) return;
      const inExam = exam || isExamCallout(node, settings);
      const titled = calloutTitle(node) !== '' || /^\[!/.test(toMarkup((node.children[0] as Paragraph | undefined)?.children ?? []));
      for (const [i, child] of node.children.entries()) walk(child, path, inExam, i === 0 && titled, node.children[i + 1]);
    }
  };
  for (const { node, path, next } of sectionsWithPath(note.tree.children)) {
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

interface Maker {
  note: GeneratorNote;
  settings: StudySettings;
  use: DistractorUse;
  add: (q: Question | undefined) => void;
  draft: (d: TrueFalseDraft) => void;
  skip: (reason: SkipReason, line: number, text: string) => void;
}

function sourceOf(note: QuestionNote, line: number, path: readonly HeadingRef[]): QuestionSource {
  const heading = path[path.length - 1];
  return { path: note.path, slug: note.slug, title: note.title, heading: heading?.text ?? null, anchor: heading?.id || null, line };
}

function base(m: Maker, prefix: string, seed: string, line: NoteLine | { line: number; path: HeadingRef[] }, sourceText: string) {
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

/** Cloze on a marked term or a quantity of one exam fact. */
function clozeFrom(m: Maker, l: NoteLine, term: string, before: string, after: string, origin: 'authored' | 'generated', extraAnswers: string[] = []): boolean {
  const answer = toPlain(term);
  if (!answer) return false;
  const refuse = (reason: SkipReason) => {
    m.skip(reason, l.line, l.plain);
    return true;
  };
  if (wordCount(answer) > 5) return refuse('answer-too-long');
  if (FUNCTION_WORD.test(answer)) return refuse('trivial-blank');
  if (wordCount(l.plain) < wordCount(answer) + 3) return refuse('too-short');
  if (UNVERIFIABLE_ABSOLUTE.test(l.plain)) return refuse('unverifiable-absolute');
  if (PRONOUN_START.test(l.plain)) return refuse('no-subject');
  // "Supported types:" followed by its list: the list is part of the fact, so it stays in view.
  const list = /:\s*$/.test(l.plain) && l.children.length > 0 ? ` ${l.children.join('; ')}` : '';
  if (/:\s*$/.test(l.plain) && !list) return refuse('ends-at-list');
  const b = base(m, 'c', `cloze\u0000${l.plain}\u0000${answer}`, l, l.plain + list);
  m.add({
    ...b,
    origin,
    kind: 'cloze',
    stem: `${b.context}: fill in the blank.`,
    before: stripMarkup(before).trimStart(),
    after: `${stripMarkup(after).trimEnd()}${list}`,
    answers: [...acceptedAnswers(answer), ...extraAnswers.filter((a) => a !== answer)],
    explanation: `The note says: “${sentence(l.plain + list)}”`,
  });
  return true;
}

function quantityCloze(m: Maker, l: NoteLine): boolean {
  // Inline code holds IDs, ARNs and commands: their digits are not facts to learn.
  const text = l.markup.replace(/`[^`]*`/g, (code) => code.replace(/\d/g, '#'));
  const found = [...text.matchAll(QUANTITY)];
  if (found.length !== 1) return false;
  const q = found[0];
  if (!q || q.index === undefined) return false;
  const answer = q[0];
  // The number alone is right too ("35" for "35 days"): the unit is not what is being tested.
  return clozeFrom(m, l, answer, l.markup.slice(0, q.index), l.markup.slice(q.index + answer.length), 'generated', q[1] ? [q[1]] : []);
}

/**
 * Cloze on the one name the author put in backticks (an API, attribute or parameter such as
 * `DeleteOnTermination`): marked like a bold term. IDs (`ami-0a88…`), commands and values with
 * spaces are not names to recall, and two code spans make the blank ambiguous.
 */
function codeCloze(m: Maker, l: NoteLine): boolean {
  const spans = [...l.markup.matchAll(/`([^`]+)`/g)];
  const span = spans[0];
  if (spans.length !== 1 || !span?.[1] || span.index === undefined) return false;
  if (!/^[A-Za-z][\w:./-]{2,40}$/.test(span[1]) || /\d{4,}|[a-z]+-[0-9a-f]{6,}/i.test(span[1])) return false;
  return clozeFrom(m, l, span[1], l.markup.slice(0, span.index), l.markup.slice(span.index + span[0].length), 'generated');
}

function misconception(m: Maker, l: NoteLine): boolean {
  const match = MISCONCEPTION.exec(l.plain);
  if (!match || match[0].trim() === '') return false;
  const rest = l.plain.slice(match[0].length);
  const [claim = '', correction] = rest.split(ARROW);
  if (wordCount(claim) < 4 || PRONOUN_START.test(claim)) {
    m.skip('no-subject', l.line, l.plain);
    return true;
  }
  const why = correction ?? (l.children.length > 0 ? l.children.join('; ') : undefined);
  const b = base(m, 't', `misconception\u0000${claim}`, l, l.plain);
  m.draft({
    key: b.id,
    onlyFalse: true,
    make: () => ({
      ...b,
      kind: 'truefalse',
      stem: `${b.context}: true or false? ${sentence(claim)}`,
      options: [
        { id: 'a', text: 'True', correct: false, explanation: 'The note lists this as a misconception.' },
        { id: 'b', text: 'False', correct: true, explanation: why ? `The note says: “${sentence(why)}”` : 'The note lists this as a misconception.' },
      ],
      choose: 1,
      explanation: `False. The note lists “${claim}” as a misconception${why ? `: ${sentence(why)}` : '.'}`,
    }),
  });
  return true;
}

interface Definition {
  l: NoteLine;
  term: string;
  def: string;
}

function readDefinition(l: NoteLine): Definition | 'ends-at-list' | undefined {
  const match = DEFINITION.exec(l.markup);
  if (!match) return undefined;
  const term = toPlain(match[1] ?? match[3] ?? match[5] ?? '');
  let def = toPlain(match[2] ?? match[4] ?? match[6] ?? '');
  // "**Supported engines**:" with the engines as a nested list: the list is the definition.
  if ((def === '' || def.endsWith(':')) && l.children.length > 0) def = `${def} ${l.children.join('; ')}`.trim();
  else if (def === '' || def.endsWith(':')) return 'ends-at-list';
  if (!term || wordCount(term) > 8) return undefined;
  return { l, term, def };
}

/**
 * Distractors for one question: the least used first, then the next siblings in a ring (so that in
 * a group where every member is asked, each member is a distractor equally often), never a text
 * already used in two questions.
 */
function pickLeastUsed<T>(items: T[], text: (t: T) => string, use: DistractorUse, ring: (t: T) => number, count: number): T[] {
  return items
    .filter((i) => (use.get(norm(text(i))) ?? 0) < MAX_DISTRACTOR_USE)
    .map((i) => ({ i, u: use.get(norm(text(i))) ?? 0, k: ring(i) }))
    .sort((a, b) => a.u - b.u || a.k - b.k)
    .slice(0, count)
    .map(({ i }) => i);
}

/** How many distractors each of `asked` questions may take from a group of `size` so none is used more than twice. */
function distractorsPerQuestion(size: number, asked: number): number {
  return Math.max(0, Math.min(3, size - 1, Math.floor((MAX_DISTRACTOR_USE * size) / Math.max(1, asked))));
}

function markUsed(use: DistractorUse, texts: string[]): void {
  for (const t of texts) use.set(norm(t), (use.get(norm(t)) ?? 0) + 1);
}

function shuffledOptions(seed: string, options: Array<{ text: string; correct: boolean; explanation: string }>) {
  return options
    .map((o) => ({ ...o, key: stableHash(`${seed}\u0000${o.text}`) }))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ key: _key, ...o }, i) => ({ ...o, id: String.fromCharCode(97 + i) }));
}

function definitionCard(m: Maker, d: Definition): void {
  const b = base(m, 'd', `card\u0000${d.term}`, d.l, `${d.term}: ${d.def}`);
  m.add({ ...b, kind: 'card', stem: `${b.context}: ${d.term}`, back: d.def, explanation: `From the note: “${d.term}: ${d.def}”` });
}

/** Side-by-side definitions: multiple choice or true/false with the siblings, else a card. */
function definitionGroup(m: Maker, group: Definition[]): void {
  const unique = group.filter((d, i) => group.findIndex((o) => norm(o.term) === norm(d.term)) === i);
  const wants = new Map(unique.map((d) => [d, unique.length >= 3 && parseInt(stableHash(`${m.note.path}\u0000${d.term}`).slice(0, 2), 36) % 2 === 0]));
  const perQuestion = distractorsPerQuestion(unique.length, [...wants.values()].filter(Boolean).length);
  const ringFrom = (d: Definition) => (o: Definition) => (unique.indexOf(o) - unique.indexOf(d) + unique.length) % unique.length;
  for (const d of unique) {
    const siblings = unique.filter((o) => o !== d && norm(o.def) !== norm(d.def));
    if (siblings.length === 0) {
      definitionCard(m, d);
      continue;
    }
    const wantChoice = wants.get(d) === true;
    // A clue that names a sibling (or itself) is ambiguous or gives the answer away.
    const clueNamesTerm =
      mentions(d.def, d.term) ||
      clueGivesAway(
        d.def,
        d.term,
        siblings.map((o) => o.term),
      );
    const options = siblings.filter((o) => !mentions(d.def, o.term) && !mentions(o.term, d.term) && !mentions(d.term, o.term));
    if (wantChoice && !clueNamesTerm) {
      const picked = pickLeastUsed(options, (o) => o.term, m.use, ringFrom(d), perQuestion);
      if (picked.length >= 2) {
        markUsed(
          m.use,
          picked.map((o) => o.term),
        );
        const b = base(m, 'm', `choice\u0000${d.term}\u0000${d.def}`, d.l, `${d.term}: ${d.def}`);
        m.add({
          ...b,
          kind: 'choice',
          stem: `${b.context}: which term matches “${d.def.replace(/[.;:,]$/, '')}”?`,
          options: shuffledOptions(b.id, [
            { text: d.term, correct: true, explanation: `The note says: “${d.term}: ${sentence(d.def)}”` },
            ...picked.map((o) => ({ text: o.term, correct: false, explanation: `${o.term}: ${sentence(o.def)}` })),
          ]),
          choose: 1,
          explanation: `The note says: “${d.term}: ${sentence(d.def)}”`,
        });
        continue;
      }
    }
    const swaps = pickLeastUsed(
      siblings.filter((o) => !mentions(o.def, d.term)),
      (o) => o.def,
      m.use,
      ringFrom(d),
      1,
    );
    const swap = swaps[0];
    if (!swap) {
      m.skip('distractors-used-up', d.l.line, d.l.plain);
      definitionCard(m, d);
      continue;
    }
    markUsed(m.use, [swap.def]);
    const b = base(m, 't', `definition\u0000${d.term}\u0000${d.def}\u0000${swap.def}`, d.l, `${d.term}: ${d.def}`);
    m.draft({
      key: b.id,
      onlyFalse: false,
      make: (truth) => ({
        ...b,
        id: `${b.id}-${truth ? 't' : 'f'}`,
        kind: 'truefalse',
        stem: `${b.context}: true or false? ${d.term}: ${sentence(truth ? d.def : swap.def)}`,
        options: [
          { id: 'a', text: 'True', correct: truth, explanation: truth ? `The note says: “${d.term}: ${sentence(d.def)}”` : `That describes ${swap.term}.` },
          { id: 'b', text: 'False', correct: !truth, explanation: truth ? 'The note states exactly this.' : `The note says: “${d.term}: ${sentence(d.def)}”` },
        ],
        choose: 1,
        explanation: truth ? `True. The note says: “${d.term}: ${sentence(d.def)}”` : `False. That is what the note says of ${swap.term}; ${d.term}: ${sentence(d.def)}`,
      }),
    });
  }
}

/** Child headings of one kind under a parent: "which one …?" with the siblings as options. */
function siblingHeadings(m: Maker, lines: NoteLine[]): void {
  const byParent = new Map<string, { parent: HeadingRef | undefined; path: HeadingRef[]; children: Map<string, { h: HeadingRef; lines: NoteLine[] }> }>();
  for (const l of lines) {
    const h = l.path[l.path.length - 1];
    if (!h) continue;
    const parentPath = l.path.slice(0, -1);
    const key = parentPath.map((p) => `${p.depth}:${p.text}`).join('/');
    const entry = byParent.get(key) ?? { parent: parentPath[parentPath.length - 1], path: parentPath, children: new Map() };
    const child = entry.children.get(h.text) ?? { h, lines: [] };
    child.lines.push(l);
    entry.children.set(h.text, child);
    byParent.set(key, entry);
  }
  for (const { parent, path, children } of byParent.values()) {
    const kids = [...children.values()];
    if (kids.length < 3 || new Set(kids.map((k) => k.h.depth)).size !== 1) continue;
    if (kids.some((k) => GENERIC_ASPECT.test(k.h.text) || isExamHeading(k.h.text, m.settings) || wordCount(k.h.text) > 6)) continue;
    const parentName = parent?.text ?? m.note.title;
    const shared = [...contentWords(kids[0]?.h.text ?? '')].some((w) => kids.every((k) => contentWords(k.h.text).has(w)));
    if (!KIND_NOUN.test(parentName) && !shared) continue;
    for (const kid of kids) {
      const clue = kid.lines.find((l) => !DEFINITION.test(l.markup) && wordCount(l.plain) >= 4 && !PRONOUN_START.test(l.plain) && !/:\s*$/.test(l.plain));
      if (!clue) continue;
      const others = kids.filter((k) => k !== kid);
      const words = contentWords(clue.plain);
      // The clue must not fit a sibling: each sibling's section lacks one of its words, and it names none of them.
      const fitsSibling = others.some((o) => {
        const theirs = contentWords(o.lines.map((l) => l.plain).join(' '));
        return [...words].every((w) => theirs.has(w));
      });
      if (
        fitsSibling ||
        kids.some((k) => mentions(clue.plain, k.h.text)) ||
        clueGivesAway(
          clue.plain,
          kid.h.text,
          others.map((o) => o.h.text),
        )
      ) {
        m.skip('ambiguous-siblings', clue.line, clue.plain);
        continue;
      }
      const picked = pickLeastUsed(
        others,
        (o) => o.h.text,
        m.use,
        (o) => (kids.indexOf(o) - kids.indexOf(kid) + kids.length) % kids.length,
        distractorsPerQuestion(kids.length, kids.length),
      );
      if (picked.length < 2) {
        m.skip('distractors-used-up', clue.line, clue.plain);
        continue;
      }
      markUsed(
        m.use,
        picked.map((o) => o.h.text),
      );
      const b = base(m, 'm', `heading\u0000${kid.h.text}\u0000${clue.plain}`, { line: clue.line, path: [...path, kid.h] }, clue.plain);
      const context = subjectOf(m.note.title, path, m.settings);
      m.add({
        ...b,
        context,
        kind: 'choice',
        stem: `${context}: which one does the note describe as “${clue.plain.replace(/[.;:,]$/, '')}”?`,
        options: shuffledOptions(b.id, [
          { text: kid.h.text, correct: true, explanation: `Under “${kid.h.text}” the note says: “${sentence(clue.plain)}”` },
          ...picked.map((o) => ({ text: o.h.text, correct: false, explanation: `The note says this of ${kid.h.text}, not ${o.h.text}.` })),
        ]),
        choose: 1,
        explanation: `Under “${kid.h.text}” the note says: “${sentence(clue.plain)}”`,
      });
    }
  }
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

function orderingQuestion(m: Maker, steps: string[], at: { line: number; path: HeadingRef[] }, stem: (context: string) => string, seed: string): void {
  if (steps.length < 3 || steps.length > 10) {
    m.skip('list-size', at.line, steps.join(' → '));
    return;
  }
  if (steps.some((s) => !s)) {
    m.skip('list-size', at.line, steps.join(' → '));
    return;
  }
  if (new Set(steps.map((s) => s.toLowerCase())).size !== steps.length) {
    m.skip('repeated-steps', at.line, steps.join(' → '));
    return;
  }
  if (steps.some((s) => SWAPPABLE.test(s))) {
    m.skip('steps-may-swap', at.line, steps.join(' → '));
    return;
  }
  const b = base(m, 'o', `ordering\u0000${seed}\u0000${steps.join('\u0001')}`, at, steps.join(' → '));
  m.add({
    ...b,
    kind: 'ordering',
    stem: stem(b.context),
    items: steps.map((text, i) => ({ id: String.fromCharCode(97 + i), text })),
    explanation: `The note gives them in this order: ${steps.map((t, i) => `${i + 1}. ${t}`).join('; ')}.`,
  });
}

function orderedLists(m: Maker): void {
  for (const { node, path } of sectionsWithPath(m.note.tree.children)) {
    if (node.type !== 'list' || !node.ordered) continue;
    const heading = path[path.length - 1];
    const at = { line: lineOf(node), path };
    // "Add the launch permission:" introduces its own sub-list; the step is the words before the colon.
    const steps = stepLabels(node).map((s) => toPlain(s).replace(/\s*:$/, ''));
    const raw = node.children.map((item) => itemFirstLine(item));
    if (raw.every((s) => /^\s*(?:\[\[[^\]]+\]\]|\[[^\]]+\]\([^)]+\))\s*$/.test(s))) {
      m.skip('link-list', at.line, steps.join('; '));
      continue;
    }
    if (!heading || !(PROCESS_HEADING.test(heading.text) || TASK_VERB.test(heading.text))) {
      m.skip('unordered-list', at.line, steps.join('; '));
      continue;
    }
    const title = m.note.title;
    const related = heading.text.toLowerCase().includes(title.toLowerCase()) || title.toLowerCase().includes(heading.text.toLowerCase());
    orderingQuestion(m, steps, at, () => `${related ? '' : `${title}: `}Put the steps of “${heading.text}” in order.`.replace(/: Put/, ': put'), heading.text);
  }
}

/** "snapshot → copy it → attach": a sequence written as one line. */
function arrowSequence(m: Maker, l: NoteLine): boolean {
  const parts = l.plain.split(ARROW);
  if (parts.length < 3) return false;
  const first = parts[0] ?? '';
  const colon = first.lastIndexOf(': ');
  const label = colon >= 0 ? first.slice(0, colon).trim() : '';
  const steps = [colon >= 0 ? first.slice(colon + 2) : first, ...parts.slice(1)].map((s) =>
    s
      .replace(/^(?:e\.g\.|eg|ex|example)[:,]?\s+/i, '')
      .replace(/[.;,]$/, '')
      .trim(),
  );
  // "a → b; and c → d" is two sequences, and a long clause is prose with an arrow in it.
  if (steps.some((s) => wordCount(s) > 12 || s.includes(';'))) return false;
  // The label ("For a single data volume") says which sequence this is, unless the heading already does.
  orderingQuestion(m, steps, l, (context) => `${context}: put these in order${label && !context.toLowerCase().includes(label.toLowerCase()) ? ` (${label})` : ''}.`, l.plain);
  return true;
}

/**
 * All generated questions of one note, the true/false drafts (keyed later, vault-wide) and the
 * candidates skipped with their reasons. `use` counts distractor texts across the vault.
 */
export function generateNoteQuestions(note: GeneratorNote, settings: StudySettings, use: DistractorUse = new Map()): NoteGeneration {
  const questions = new Map<string, Question>();
  const drafts: TrueFalseDraft[] = [];
  const skipped: SkippedCandidate[] = [];
  const skip = (reason: SkipReason, line: number, text: string) => {
    skipped.push({ reason, line, text: clip(text) });
  };
  if (note.optOut) {
    skip('opted-out', 1, note.title);
    return { questions: [], drafts, skipped };
  }
  const notStudy = nonStudyReason(note, settings);
  if (notStudy) {
    skip('not-study-material', 1, notStudy);
    return { questions: [], drafts, skipped };
  }
  const m: Maker = {
    note,
    settings,
    use,
    add: (q) => {
      if (q && !questions.has(q.id)) questions.set(q.id, q);
    },
    draft: (d) => {
      if (!drafts.some((x) => x.key === d.key)) drafts.push(d);
    },
    skip,
  };
  const lines = readLines(note, settings);

  const groups = new Map<string, Definition[]>();
  for (const l of lines) {
    const definition = readDefinition(l);
    if (definition === 'ends-at-list') {
      skip('ends-at-list', l.line, l.plain);
      continue;
    }
    if (definition) {
      const group = groups.get(l.container) ?? [];
      group.push(definition);
      groups.set(l.container, group);
      continue;
    }
    if (misconception(m, l)) continue;
    if (arrowSequence(m, l)) continue;
    const highlights = findHighlights(l.markup);
    if (highlights.length > 0 && (l.exam || note.clozeEverywhere)) {
      // A highlight is the author's own choice of blank: such clozes count as authored.
      for (const h of highlights) clozeFrom(m, l, h.term, h.before, h.after, 'authored');
      continue;
    }
    if (!l.exam) continue;
    const bold = BOLD.exec(l.markup);
    if (bold?.[1] && bold.index !== undefined && clozeFrom(m, l, bold[1], l.markup.slice(0, bold.index), l.markup.slice(bold.index + bold[0].length), 'generated')) continue;
    if (codeCloze(m, l)) continue;
    if (quantityCloze(m, l)) continue;
    if (PRONOUN_START.test(l.plain)) skip('no-subject', l.line, l.plain);
    else if (UNVERIFIABLE_ABSOLUTE.test(l.plain)) skip('unverifiable-absolute', l.line, l.plain);
    else skip('no-marked-term', l.line, l.plain);
  }
  for (const group of groups.values()) definitionGroup(m, group);
  siblingHeadings(m, lines);
  orderedLists(m);
  return { questions: [...questions.values()], drafts, skipped };
}

/**
 * Chooses true/false keys across a set of drafts so that half (±1) are True: drafts sorted by
 * their stable key, the first ones True. Adding a draft moves the boundary by at most one, so
 * existing questions keep their key (and their review history) on almost every rebuild.
 */
export function keyTrueFalse(drafts: readonly TrueFalseDraft[]): Map<TrueFalseDraft, Question> {
  const onlyFalse = drafts.filter((d) => d.onlyFalse).length;
  const flexible = drafts.filter((d) => !d.onlyFalse).sort((a, b) => a.key.localeCompare(b.key));
  const trues = Math.min(flexible.length, Math.round((flexible.length + onlyFalse) / 2));
  const out = new Map<TrueFalseDraft, Question>();
  for (const [i, d] of flexible.entries()) out.set(d, d.make(i < trues));
  for (const d of drafts) if (d.onlyFalse) out.set(d, d.make(false));
  return out;
}
