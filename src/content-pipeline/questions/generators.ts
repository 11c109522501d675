/**
 * Generated questions: from the bullets of "On the Exam" callouts, from numbered lists under a
 * heading, from `**Term**: definition` lines, and from `==highlights==` (in exam callouts, or
 * anywhere in a note with `cloze: true`).
 *
 * The rule for every generator is "sound or nothing": a generator only turns a sentence into a
 * question when the question's answer follows from the sentence by a mechanical rule we trust
 * (blanking a marked term, negating a single auxiliary verb, quoting steps in written order). A
 * bullet that does not fit a rule is skipped, never bent into shape. Each generated question keeps
 * its source sentence, shown with the explanation, so the learner can judge it against the note.
 */
import type { Blockquote, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { readCalloutHead, isExamTitle } from '../obsidian/callouts';
import type { Question, QuestionSource } from './schema';
import { findHighlights, type QuestionNote } from './authored';
import { plainOf, stableHash, stripMarkup, toMarkup, toPlain, wordCount } from './text';

export interface GeneratorNote extends QuestionNote {
  /** Paths of notes whose exam facts may serve as distractors (linked either way, or sharing a tag). */
  related: string[];
  /** `cloze: true` in the properties: every highlight in the note is a cloze. */
  clozeEverywhere: boolean;
  /** `generate-questions: false` in the properties: the author opts the note out of generation. */
  optOut: boolean;
}

/** One bullet of an exam callout, as the generators see it. */
export interface ExamFact {
  path: string;
  title: string;
  markup: string;
  plain: string;
  line: number;
  heading: { text: string; id: string } | null;
  /** The false twin of the fact, when a single auxiliary can be negated safely. */
  negation: string | undefined;
}

const PRONOUN_START = /^(this|that|these|those|they|it|its|their|there|he|she|you|we|which|also|and|but|or|so)\b/i;
/** Words that open a subordinate clause: an auxiliary after one of them is not the main verb. */
const SUBORDINATE = /\b(?:when|while|if|because|until|unless|after|before|which|that|who|whose|where|although|since|once|as)\b|[,;:(]/i;
/** Auxiliaries a sentence may contain; a fact is usable only with exactly one of them. */
const AUXILIARY = /\b(?:can ?not|can't|cannot|is not|isn't|are not|aren't|can|is|are|was|were|will|won't|would|must|should|shall|may|might|does|do|did|doesn't|don't|didn't|has|have|had|hasn't|haven't|never|not|no|nor)\b/gi;
const NEGATION_FLIP: Record<string, string> = {
  'can not': 'can', cannot: 'can', "can't": 'can', 'is not': 'is', "isn't": 'is', 'are not': 'are', "aren't": 'are',
  can: 'cannot', is: 'is not', are: 'are not',
};

/**
 * Absolute uniqueness claims ("the only way to…", "the only method…") are never turned into
 * questions. A generator cannot check such a claim, exam notes overstate exactly these (the seed
 * note says an AMI copy is "the only way" to move an instance to another AZ, which is wrong: a
 * same-Region AMI suffices), and their negation ("is not the only way") teaches nothing. Authors
 * can still ask about them in an authored question, where they write and check the answer.
 */
const UNVERIFIABLE_ABSOLUTE = /\b(?:the )?only (?:way|method|means|option|solution|possible way)\b/i;

function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}

function headingOf(node: RootContent): { text: string; id: string } | null {
  if (node.type !== 'heading') return null;
  return { text: plainOf(node.children), id: (node.data?.hProperties as { id?: string } | undefined)?.id ?? '' };
}

function calloutTitle(node: Blockquote): string {
  const first = node.children[0];
  if (!first || first.type !== 'paragraph') return '';
  return toPlain(toMarkup(first.children).split('\n')[0] ?? '').replace(/^\[![^\]\s]+\][+-]?\s*/, '');
}

export function isExamCallout(node: Blockquote): boolean {
  const head = readCalloutHead(node);
  return head !== undefined && isExamTitle(calloutTitle(node), head.type);
}

function isQuestionCallout(node: Blockquote): boolean {
  const head = readCalloutHead(node);
  return head !== undefined && ['question', 'help', 'faq', 'quiz'].includes(head.type);
}

/** Every list item under a list, depth first, with its first paragraph. */
function* listItems(list: List): Generator<{ item: ListItem; paragraph: Paragraph }> {
  for (const item of list.children) {
    const first = item.children[0];
    if (first?.type === 'paragraph') yield { item, paragraph: first };
    for (const child of item.children) if (child.type === 'list') yield* listItems(child);
  }
}

/** Root-level nodes with the heading they sit under. */
function* sections(tree: Root): Generator<{ node: RootContent; heading: { text: string; id: string } | null }> {
  let heading: { text: string; id: string } | null = null;
  for (const node of tree.children) {
    const h = headingOf(node);
    if (h) heading = h;
    else yield { node, heading };
  }
}

/** Exam callouts anywhere under a root node (they may sit inside another callout). */
function examCalloutsIn(node: RootContent): Blockquote[] {
  const found: Blockquote[] = [];
  const walk = (n: RootContent) => {
    if (n.type === 'blockquote') {
      if (isExamCallout(n)) found.push(n);
      for (const child of n.children) walk(child);
    }
  };
  walk(node);
  return found;
}

/**
 * The negated sentence, if the fact has exactly one auxiliary (so there is no second clause
 * whose meaning would silently flip or stay), that auxiliary is the main verb (it comes within the
 * first words, before any subordinate clause: negating "billed while it is running" would not
 * make a false statement), and there is no "only" (negating a restriction reads two ways: "not
 * only for your account" could mean "also for others" or "not for your account").
 */
export function negateFact(plain: string): string | undefined {
  const matches = [...plain.matchAll(AUXILIARY)];
  if (matches.length !== 1 || /\bonly\b/i.test(plain)) return undefined;
  const match = matches[0];
  if (!match || match.index === 0) return undefined;
  const subject = plain.slice(0, match.index);
  if (SUBORDINATE.test(subject) || wordCount(subject) > 8) return undefined;
  // A second clause ("…; launch an instance instead", "… but …") would survive the negation
  // unchanged and make the false statement read as nonsense rather than as a plausible error.
  if (/[;]|\b(?:but|instead|whereas|while|although)\b/i.test(plain)) return undefined;
  const word = match[0].toLowerCase().replace(/\s+/, ' ');
  const flipped = NEGATION_FLIP[word];
  if (!flipped) return undefined;
  return plain.slice(0, match.index) + flipped + plain.slice(match.index + match[0].length);
}

/**
 * Whether a fact can stand alone as a statement: a subject of its own (not "They…", not a bare
 * verb phrase), exactly one auxiliary verb, at least three words, and no unverifiable absolute.
 */
export function isStandaloneFact(plain: string): boolean {
  if (wordCount(plain) < 3 || PRONOUN_START.test(plain) || UNVERIFIABLE_ABSOLUTE.test(plain)) return false;
  const matches = [...plain.matchAll(AUXILIARY)];
  return matches.length === 1 && (matches[0]?.index ?? 0) > 0;
}

/** The exam-callout bullets of one note. */
export function collectExamFacts(note: QuestionNote): ExamFact[] {
  const facts: ExamFact[] = [];
  for (const { node, heading } of sections(note.tree)) {
    for (const callout of examCalloutsIn(node)) {
      for (const child of callout.children) {
        if (child.type !== 'list') continue;
        for (const { paragraph } of listItems(child)) {
          const markup = toMarkup(paragraph.children).split('\n')[0] ?? '';
          const plain = toPlain(markup);
          if (!plain) continue;
          facts.push({ path: note.path, title: note.title, markup, plain, line: lineOf(paragraph), heading, negation: isStandaloneFact(plain) ? negateFact(plain) : undefined });
        }
      }
    }
  }
  return facts;
}

function sourceOf(note: QuestionNote, line: number, heading: { text: string; id: string } | null): QuestionSource {
  return { path: note.path, slug: note.slug, title: note.title, heading: heading?.text ?? null, anchor: heading?.id || null, line };
}

function sentence(text: string): string {
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}

const DEFINITION = /^\*\*([^*]+)\*\*\s*:\s*(.+)$/;
const BOLD = /\*\*([^*]+)\*\*/;

/** "Fast Snapshot Restore (FSR)" also accepts "Fast Snapshot Restore" and "FSR". */
function acceptedAnswers(answer: string): string[] {
  const match = /^(.+?)\s*\(([^)]+)\)$/.exec(answer);
  return match?.[1] && match[2] ? [answer, match[1], match[2]] : [answer];
}

/** Cloze from a highlighted or bold term; undefined if the blank would not make a fair question. */
function clozeFrom(
  note: QuestionNote,
  markup: string,
  term: string,
  before: string,
  after: string,
  line: number,
  heading: { text: string; id: string } | null,
  origin: 'authored' | 'generated',
): Question | undefined {
  const plain = toPlain(markup);
  const answer = toPlain(term);
  if (!answer || wordCount(answer) > 5 || wordCount(plain) < wordCount(answer) + 3) return undefined;
  if (UNVERIFIABLE_ABSOLUTE.test(plain) || PRONOUN_START.test(plain)) return undefined;
  return {
    id: `c-${stableHash(`${note.path}\u0000cloze\u0000${plain}\u0000${answer}`)}`,
    origin,
    kind: 'cloze',
    stem: 'Fill in the blank.',
    before: stripMarkup(before).trimStart(),
    after: stripMarkup(after).trimEnd(),
    answers: acceptedAnswers(answer),
    explanation: `The note says: “${sentence(plain)}”`,
    sourceText: plain,
    source: sourceOf(note, line, heading),
    tags: note.tags,
  };
}

function cardFrom(note: QuestionNote, markup: string, line: number, heading: { text: string; id: string } | null): Question | undefined {
  const match = DEFINITION.exec(markup.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const term = toPlain(match[1]);
  const definition = toPlain(match[2]);
  if (!term || wordCount(definition) < 2) return undefined;
  return {
    id: `d-${stableHash(`${note.path}\u0000card\u0000${term}`)}`,
    origin: 'generated',
    kind: 'card',
    stem: term,
    back: definition,
    explanation: `From the note: “${term}: ${definition}”`,
    sourceText: `${term}: ${definition}`,
    source: sourceOf(note, line, heading),
    tags: note.tags,
  };
}

/** True/false or "which statement is true" from a standalone exam fact. */
function statementQuestion(note: GeneratorNote, fact: ExamFact, pool: ReadonlyMap<string, ExamFact[]>): Question | undefined {
  if (!isStandaloneFact(fact.plain)) return undefined;
  const id = `g-${stableHash(`${note.path}\u0000fact\u0000${fact.plain}`)}`;
  const bits = parseInt(id.slice(2, 4), 36);
  const source = sourceOf(note, fact.line, fact.heading);
  const said = `The note says: “${sentence(fact.plain)}”`;
  // Distractors are negations of *other* notes' exam facts: false by construction, and about
  // neighbouring topics, so they read plausibly next to the right answer.
  if (bits % 2 === 1) {
    const candidates: ExamFact[] = [];
    const seen = new Set([fact.plain.toLowerCase()]);
    for (const path of note.related) {
      for (const other of pool.get(path) ?? []) {
        if (other.negation && !seen.has(other.negation.toLowerCase())) {
          seen.add(other.negation.toLowerCase());
          candidates.push(other);
        }
      }
      if (candidates.length >= 40) break;
    }
    if (candidates.length >= 3) {
      const picked = candidates
        .map((c) => ({ c, key: stableHash(`${id}\u0000${c.plain}`) }))
        .sort((a, b) => a.key.localeCompare(b.key))
        .slice(0, 3)
        .map(({ c }) => c);
      const options = [
        { text: sentence(fact.plain), correct: true, explanation: said },
        ...picked.map((c) => ({ text: sentence(c.negation ?? ''), correct: false, explanation: `False: the note “${c.title}” says “${sentence(c.plain)}”` })),
      ]
        .map((o) => ({ ...o, key: stableHash(`${id}\u0000${o.text}`) }))
        .sort((a, b) => a.key.localeCompare(b.key))
        .map(({ key: _key, ...o }, i) => ({ ...o, id: String.fromCharCode(97 + i) }));
      return {
        id, origin: 'generated', kind: 'choice', stem: 'Which statement is true?', options, choose: 1,
        explanation: `${said} The other statements reverse facts from related notes.`, sourceText: fact.plain, source, tags: note.tags,
      };
    }
  }
  const useNegation = fact.negation !== undefined && (bits >> 1) % 2 === 1;
  const statement = useNegation ? (fact.negation ?? fact.plain) : fact.plain;
  return {
    id,
    origin: 'generated',
    kind: 'truefalse',
    stem: `True or false: ${sentence(statement)}`,
    options: [
      { id: 'a', text: 'True', correct: !useNegation, explanation: useNegation ? 'The note says the opposite.' : said },
      { id: 'b', text: 'False', correct: useNegation, explanation: useNegation ? said : 'The note states this as a fact.' },
    ],
    choose: 1,
    explanation: useNegation ? `False. ${said}` : `True. ${said}`,
    sourceText: fact.plain,
    source,
    tags: note.tags,
  };
}

/** Ordering question from a numbered list under a heading (three to ten steps). */
function orderingFrom(note: QuestionNote, list: List, heading: { text: string; id: string }): Question | undefined {
  if (list.children.length < 3 || list.children.length > 10) return undefined;
  const labels = list.children.map((item) => {
    const first = item.children[0];
    return first?.type === 'paragraph' ? plainOf(first.children).split('\n')[0]?.trim() ?? '' : '';
  });
  if (labels.some((l) => !l)) return undefined;
  let texts = labels;
  // Repeated step names ("Launch" … "Launch") would make the order ambiguous; each step's first
  // sub-point tells them apart, as the note itself does.
  if (new Set(labels.map((l) => l.toLowerCase())).size !== labels.length) {
    texts = list.children.map((item, i) => {
      const sub = item.children.find((c): c is List => c.type === 'list')?.children[0]?.children[0];
      return sub?.type === 'paragraph' ? `${labels[i]}: ${plainOf(sub.children)}` : (labels[i] ?? '');
    });
    if (new Set(texts.map((t) => t.toLowerCase())).size !== texts.length) return undefined;
  }
  return {
    id: `o-${stableHash(`${note.path}\u0000ordering\u0000${heading.text}\u0000${labels.join('\u0001')}`)}`,
    origin: 'generated',
    kind: 'ordering',
    stem: `Put the steps of “${heading.text}” in order.`,
    items: texts.map((text, i) => ({ id: String.fromCharCode(97 + i), text })),
    explanation: `The note lists them in this order: ${texts.map((t, i) => `${i + 1}. ${t}`).join('; ')}.`,
    sourceText: labels.join(' → '),
    source: sourceOf(note, lineOf(list), heading),
    tags: note.tags,
  };
}

/** Lines of a paragraph as markup, with the line number each starts on. */
function paragraphLines(paragraph: Paragraph): Array<{ markup: string; line: number }> {
  const start = lineOf(paragraph);
  return toMarkup(paragraph.children as PhrasingContent[])
    .split('\n')
    .map((markup, i) => ({ markup, line: start + i }));
}

/**
 * All generated questions of one note. `pool` holds every note's exam facts (for distractors).
 * Ids are unique within the note: a second identical sentence yields nothing new.
 */
export function generateQuestions(note: GeneratorNote, pool: ReadonlyMap<string, ExamFact[]>): Question[] {
  if (note.optOut) return [];
  const out = new Map<string, Question>();
  const add = (q: Question | undefined) => {
    if (q && !out.has(q.id)) out.set(q.id, q);
  };

  for (const fact of pool.get(note.path) ?? []) {
    const highlights = findHighlights(fact.markup);
    if (highlights.length > 0) {
      for (const h of highlights) add(clozeFrom(note, fact.markup, h.term, h.before, h.after, fact.line, fact.heading, 'authored'));
      continue;
    }
    const card = cardFrom(note, fact.markup, fact.line, fact.heading);
    if (card) {
      add(card);
      continue;
    }
    const bold = BOLD.exec(fact.markup);
    if (bold?.[1] && bold.index !== undefined) {
      const cloze = clozeFrom(note, fact.markup, bold[1], fact.markup.slice(0, bold.index), fact.markup.slice(bold.index + bold[0].length), fact.line, fact.heading, 'generated');
      if (cloze) {
        add(cloze);
        continue;
      }
    }
    add(statementQuestion(note, fact, pool));
  }

  for (const { node, heading } of sections(note.tree)) {
    if (node.type === 'list' && node.ordered && heading) add(orderingFrom(note, node, heading));
    if (node.type === 'blockquote' && (isQuestionCallout(node) || examCalloutsIn(node).length > 0)) continue;
    // Definitions and opted-in highlights outside exam callouts, in paragraphs and list items.
    const paragraphs: Paragraph[] = [];
    const walk = (n: RootContent) => {
      if (n.type === 'paragraph') paragraphs.push(n);
      else if (n.type === 'list') for (const { paragraph } of listItems(n)) paragraphs.push(paragraph);
      else if (n.type === 'blockquote') for (const c of n.children) walk(c);
    };
    walk(node);
    for (const paragraph of paragraphs) {
      for (const { markup, line } of paragraphLines(paragraph)) {
        add(cardFrom(note, markup, line, heading));
        if (note.clozeEverywhere) {
          for (const h of findHighlights(markup)) add(clozeFrom(note, markup, h.term, h.before, h.after, line, heading, 'authored'));
        }
      }
    }
  }
  return [...out.values()];
}
