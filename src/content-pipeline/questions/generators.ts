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
import type { StudySettings } from '../study-settings.ts';
import type { Question } from './schema.ts';
import { findHighlights } from './authored.ts';
import { isExamHeading, nonStudyReason, subjectOf, type HeadingRef } from './exam-material.ts';
import { attributeComparisons, isFacetLabel, tableQuestions } from './comparisons.ts';
import {
  base,
  clueGivesAway,
  contentWords,
  DEFINITION,
  type Definition,
  distractorsPerQuestion,
  type DistractorUse,
  exclusive,
  inWalkthrough,
  labelKey,
  labelOf,
  type Maker,
  markUsed,
  mentions,
  type NoteGeneration,
  type NoteLine,
  norm,
  pickLeastUsed,
  PRONOUN_START,
  readDefinition,
  restatesLabel,
  sameStem,
  sentence,
  shuffledOptions,
  type SkipReason,
  type SkippedCandidate,
  type TrueFalseDraft,
  type GeneratorNote,
} from './generator-kit.ts';
import { stableHash, stripMarkup, toPlain, wordCount } from './text.ts';

export { SKIP_REASONS, type DistractorUse, type GeneratorNote, type NoteGeneration, type SkippedCandidate, type TrueFalseDraft } from './generator-kit.ts';

const UNVERIFIABLE_ABSOLUTE = /\b(?:the )?only (?:way|method|means|option|solution|possible way)\b/i;
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
/** Plural nouns that name a kind: the items below such a heading or lead line are its members. */
const KIND_NOUN =
  /\b(?:types|classes|modes|options|tiers|kinds|models|families|categories|services|methods|strategies|policies|levels|engines|plans|components|roles|accounts|endpoints|protocols|variants|editions|generations|fields|parameters|states)\b/i;
/** A step that is a click through a console, not a step of a process worth learning. */
const CONSOLE_STEP = /^(?:go to|navigate|click|open|select|log ?in|login|sign in|enter|type|press|scroll|tick)\b|\bconsole\b|\bclick\b/i;
const GENERIC_ASPECT =
  /^(?:overview|summary|pricing|prices?|costs?|billing|performance|security|use cases?|features?|limits?|limitations|durability|availability|monitoring|examples?|benefits|pros|cons|how it works|notes?|details|related|see also|check yourself|terms|definitions|introduction|faq)$/i;
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** "Fast Snapshot Restore (FSR)" also accepts "Fast Snapshot Restore" and "FSR". */
function acceptedAnswers(answer: string): string[] {
  const match = /^(.+?)\s*\(([^)]+)\)$/.exec(answer);
  return match?.[1] && match[2] ? [answer, match[1], match[2]] : [answer];
}

/** Cloze on a marked term or a quantity of one exam fact. */
function clozeFrom(m: Maker, l: NoteLine, term: string, before: string, after: string, origin: 'authored' | 'generated', extraAnswers: string[] = []): boolean {
  const answer = toPlain(term);
  if (!answer) return false;
  const refuse = (reason: SkipReason) => {
    m.skip(reason, l.line, l.plain);
    return true;
  };
  // "the keyword is **"Topology Aware"**", "Exam favourite: "==New workflow==" = Step Functions": a
  // quoted phrase is the author's wording of a trigger, which nobody can be expected to type back.
  if (/^["“'‘].+["”'’]$/u.test(answer) || /["“]\s*$/u.test(stripMarkup(before)) || /^\s*["”]/u.test(stripMarkup(after))) return refuse('quoted-phrase');
  if (wordCount(answer) > 4) return refuse('answer-too-long');
  // "**DAX = DynamoDB-only**", "**Failover → active-passive**": the bold holds a whole statement, not a term to recall.
  // So is a question ("**Block specific IP?** → NACL deny rule") or a negated clause ("**Delete markers NOT replicated**").
  if (/\s(?:=|→|->|=>)\s/.test(answer) || /\?$/.test(answer) || (wordCount(answer) > 1 && /\b(?:not|never|no|cannot|can't|doesn't|don't|isn't|aren't|won't)\b/i.test(answer)))
    return refuse('answer-is-statement');
  if (FUNCTION_WORD.test(answer)) return refuse('trivial-blank');
  if (wordCount(l.plain) < wordCount(answer) + 3) return refuse('too-short');
  if (UNVERIFIABLE_ABSOLUTE.test(l.plain)) return refuse('unverifiable-absolute');
  if (PRONOUN_START.test(l.plain)) return refuse('no-subject');
  // "Supported types:" followed by its list: the list is part of the fact, so it stays in view.
  const list = /:\s*$/.test(l.plain) && l.children.length > 0 ? ` ${l.children.join('; ')}` : '';
  if (/:\s*$/.test(l.plain) && !list) return refuse('ends-at-list');
  const b = base(m, 'c', `cloze\u0000${l.plain}\u0000${answer}`, l, l.plain + list);
  // The subject line shown above the blank ("S3 Storage Classes › S3 Intelligent-Tiering") must not hold its answer.
  if (b.context && mentions(b.context, answer)) return refuse('answer-in-context');
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

/** Labels that mark a line rather than name a term ("**Important**: …"): no card has them as its front. */
const MARKER_LABEL =
  /^(?:note|nb|important|tip|hint|warning|caution|remember|example|e\.g\.|info|reminder|exam tip|exam nugget|exam strategy|key point|takeaway|key takeaway|bottom line|summary|tl;?dr|in short|in a nutshell)\b|^(?:question|answer|scenario|step)(?:\s*\d+)?\s*$/i;

function definitionCard(m: Maker, d: Definition): void {
  if (MARKER_LABEL.test(d.term)) {
    m.skip('marker-label', d.l.line, d.l.plain);
    return;
  }
  if (restatesLabel(d.term, d.def)) {
    m.skip('restates-label', d.l.line, d.l.plain);
    return;
  }
  const b = base(m, 'd', `card\u0000${d.term}`, d.l, `${d.term}: ${d.def}`);
  m.add({ ...b, kind: 'card', stem: `${b.context}: ${d.term}`, back: d.def, explanation: `From the note: “${d.term}: ${d.def}”` });
}

/** Identifiers (`PhysicalResourceId`, `max_connections`): fields or parameters of one kind. */
const IDENTIFIER = /^(?:[a-z]+[A-Z_.][\w.]*|[A-Z][a-z]+[A-Z][\w.]*|[a-z]+(?:[_.:][a-z0-9]+)+)$/;

/**
 * Labels that end in the same noun ("Administrator Account", "Member Accounts"): members of one
 * kind. A shared first word ("Better reliability", "Better performance") is not enough: those are
 * claims about one subject.
 */
function sharedHead(labels: readonly string[]): boolean {
  const heads = labels.map(
    (t) =>
      norm(t.replace(/\s*\([^)]*\)\s*$/, ''))
        .split(' ')
        .pop() ?? '',
  );
  const first = heads[0] ?? '';
  return first.length > 2 && heads.every((h) => sameStem(h, first));
}

/**
 * Whether side-by-side labels are things of one kind, so that a text written for one is false of
 * another: the heading or the line that introduces them names a kind ("Storage classes",
 * "Account types:"), the labels share a word, or they are identifiers.
 */
function namesOneKind(group: readonly Definition[]): boolean {
  const first = group[0]?.l;
  if (!first) return false;
  const heading = first.path[first.path.length - 1]?.text ?? '';
  if (KIND_NOUN.test(heading) || KIND_NOUN.test(first.lead ?? '')) return true;
  const labels = group.map((d) => d.term);
  return sharedHead(labels) || labels.every((t) => IDENTIFIER.test(t));
}

/**
 * Side-by-side definitions: multiple choice or true/false with the siblings, else a card. Only
 * when swapping two texts makes a false statement: the labels name things of one kind, or the two
 * values exclude each other ("50 MiB/s" / "100 MiB/s"). Labels that are aspects of one subject
 * (Overview, Use case, Cost) are never swapped: each text is true of the subject whatever its
 * label; attributes shared by sibling sections are compared in comparisons.ts instead.
 */
function definitionGroup(m: Maker, group: Definition[]): void {
  const unique = group.filter((d, i) => group.findIndex((o) => norm(o.term) === norm(d.term)) === i);
  if (unique.length === 1 && unique[0]) {
    definitionCard(m, unique[0]);
    return;
  }
  const first = unique[0]?.l;
  if (!first) return;
  if (unique.some((d) => isFacetLabel(m, d.term))) {
    m.skip('facets-of-one-subject', first.line, unique.map((d) => d.term).join(', '));
    return;
  }
  const oneKind = namesOneKind(unique);
  // Without a kind, only values that exclude each other may stand in for one another.
  const swappable = (d: Definition, o: Definition) => !o.fromList && !d.fromList && norm(o.def) !== norm(d.def) && (oneKind || exclusive(d.def, o.def));
  if (!unique.some((d) => unique.some((o) => o !== d && swappable(d, o)))) {
    m.skip(oneKind ? 'values-not-exclusive' : 'not-one-kind', first.line, unique.map((d) => d.term).join(', '));
    return;
  }
  const wants = new Map(unique.map((d) => [d, unique.length >= 3 && parseInt(stableHashOf(m, d.term).slice(0, 2), 36) % 2 === 0]));
  const perQuestion = distractorsPerQuestion(unique.length, [...wants.values()].filter(Boolean).length);
  const ringFrom = (d: Definition) => (o: Definition) => (unique.indexOf(o) - unique.indexOf(d) + unique.length) % unique.length;
  for (const d of unique) {
    const siblings = unique.filter((o) => o !== d && swappable(d, o));
    if (siblings.length === 0 || d.fromList) continue;
    if (restatesLabel(d.term, d.def)) {
      m.skip('restates-label', d.l.line, d.l.plain);
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
    const options = siblings.filter(
      (o) =>
        !mentions(d.def, o.term) &&
        !mentions(o.term, d.term) &&
        !mentions(d.term, o.term) &&
        !clueGivesAway(
          d.def,
          o.term,
          unique.filter((x) => x !== o).map((x) => x.term),
        ),
    );
    if (wantChoice && !clueNamesTerm) {
      const picked = pickLeastUsed(options, (o) => o.term, m.use, ringFrom(d), perQuestion);
      // Judged against the options shown: "Highest performance SSD" with only HDDs beside the answer gives it away.
      const shownGiveAway = clueGivesAway(
        d.def,
        d.term,
        picked.map((o) => o.term),
      );
      if (picked.length >= 2 && !shownGiveAway) {
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

function stableHashOf(m: Maker, term: string): string {
  return stableHash(`${m.note.path}\u0000${term}`);
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
    if (!KIND_NOUN.test(parentName) && !sharedHead(kids.map((k) => k.h.text))) continue;
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
  if (inWalkthrough(m.note.title, at.path)) {
    m.skip('walkthrough', at.line, steps.join(' → '));
    return;
  }
  if (steps.some((s) => CONSOLE_STEP.test(s))) {
    m.skip('console-walkthrough', at.line, steps.join(' → '));
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
  for (const { line, path, steps, linksOnly } of m.note.readings.numberedLists) {
    const heading = path[path.length - 1];
    const at = { line, path };
    if (linksOnly) {
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
  // "a → b; and c → d" is two sequences, a long clause is prose with an arrow in it, and an arrow
  // inside parentheses ("(e.g., message → msg_text)") is a mapping, not a step.
  if (steps.some((s) => wordCount(s) > 12 || s.includes(';') || (s.match(/\(/g) ?? []).length !== (s.match(/\)/g) ?? []).length)) return false;
  // The label ("For a single data volume") says which sequence this is, unless the heading already does.
  orderingQuestion(m, steps, l, (context) => `${context}: put these in order${label && !context.toLowerCase().includes(label.toLowerCase()) ? ` (${label})` : ''}.`, l.plain);
  return true;
}

/** The left side of "scenario → answer": a question, a quoted keyword, or a condition ("If …", "Need …"). */
const SCENARIO_LEFT = /\?\s*$|["“][^"”]{2,}["”]|^(?:if|when|need|needs|want|keyword|requirement|scenario|for)\b/i;
/** An answer that describes rather than names ("Returns JWT tokens", "Provides caching"). */
const DESCRIPTION_START = /^(?:returns?|provides?|gives?|allows?|enables?|supports?|uses?|is|are|has|have|can|makes?|lets?)\b/i;
/** The verb a study note puts before the answer ("→ Choose Spread", "→ use DataSync"). */
const ANSWER_VERB = /^(?:choose|use|pick|select|go with|answer(?: is)?|think|it'?s)\s+/i;

interface Mapping {
  l: NoteLine;
  scenario: string;
  answer: string;
}

/** "Need low-latency on-prem access? → Storage Gateway": one scenario and the answer the note gives for it. */
function readMapping(l: NoteLine): Mapping | undefined {
  const parts = l.plain.split(ARROW);
  if (parts.length !== 2) return undefined;
  const scenario = (parts[0] ?? '').trim();
  // "VPC Peering (simpler, cheaper)" and "ALB only" are the answers VPC Peering and ALB: the asides
  // go, or two lines naming one answer would offer it twice (once as a wrong option).
  const answer = (parts[1] ?? '')
    .trim()
    .replace(ANSWER_VERB, '')
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/[.;,!]$/, '')
    .replace(/\s+only$/i, '')
    .trim();
  if (!SCENARIO_LEFT.test(scenario) || wordCount(scenario) < 2 || wordCount(scenario) > 25 || scenario.includes(';')) return undefined;
  if (answer === '' || wordCount(answer) > 6) return undefined;
  return { l, scenario, answer };
}

/**
 * A list of scenario → answer lines is the exam's own question form: each scenario asks "which
 * one?" with the other lines' answers as options. Sound only when the answers differ and the
 * scenario names neither its answer nor another option; with fewer than three different answers
 * there are too few options, and the answer becomes a blank to fill.
 */
function scenarioMappings(m: Maker, group: Mapping[]): void {
  const answers = group.filter((g, i) => group.findIndex((o) => norm(o.answer) === norm(g.answer)) === i).map((g) => g.answer);
  const firstWord = (text: string) => norm(text).split(' ')[0] ?? '';
  for (const g of group) {
    // Not an option: a description among names ("Returns JWT tokens"), or a relative of the answer
    // ("Snowball Edge" beside "Snow Family" may be right too).
    const others = answers.filter((a) => norm(a) !== norm(g.answer) && !DESCRIPTION_START.test(a) && !sameStem(firstWord(a), firstWord(g.answer)));
    if (mentions(g.scenario, g.answer) || others.some((a) => mentions(g.scenario, a)) || clueGivesAway(g.scenario, g.answer, others)) {
      m.skip('ambiguous-siblings', g.l.line, g.l.plain);
      continue;
    }
    const picked =
      others.length >= 2
        ? pickLeastUsed(
            others,
            (a) => a,
            m.use,
            (a) => answers.indexOf(a),
            3,
          )
        : [];
    if (picked.length < 2) {
      clozeFrom(m, g.l, g.answer, `${g.scenario} → `, '', 'generated');
      continue;
    }
    markUsed(m.use, picked);
    const said = g.l.plain;
    const b = base(m, 'm', `scenario\u0000${g.scenario}\u0000${g.answer}`, g.l, said);
    m.add({
      ...b,
      kind: 'choice',
      stem: `${b.context}: “${g.scenario}” — which one does the note give?`,
      options: shuffledOptions(b.id, [
        { text: g.answer, correct: true, explanation: `The note says: “${said}”` },
        ...picked.map((a) => ({ text: a, correct: false, explanation: `The note gives ${a} for another case.` })),
      ]),
      choose: 1,
      explanation: `The note says: “${said}”`,
    });
  }
}

/** What the generators share across a vault's notes. */
export interface VaultContext {
  /** Distractor texts used so far (none in more than two questions). */
  use: DistractorUse;
  /** Bold labels by the number of different headings they occur under (see vaultLabelSpread). */
  labelSpread: ReadonlyMap<string, number>;
}

/**
 * Under how many different headings of the vault each bold label occurs. "Use case" or "Cost"
 * under ten services is an aspect every subject has; "Member accounts" under one heading is a name.
 */
export function vaultLabelSpread(notes: Iterable<Pick<GeneratorNote, 'path' | 'readings'>>): Map<string, number> {
  const places = new Map<string, Set<string>>();
  for (const note of notes) {
    for (const l of note.readings.lines) {
      const label = labelOf(l.markup);
      if (!label) continue;
      const key = labelKey(label);
      const set = places.get(key) ?? new Set<string>();
      set.add(`${note.path}\u0000${l.path.map((h) => h.text).join('\u0001')}\u0000${l.parentLabel ?? ''}`);
      places.set(key, set);
    }
  }
  return new Map([...places].map(([k, v]) => [k, v.size]));
}

/**
 * All generated questions of one note, the true/false drafts (keyed later, vault-wide) and the
 * candidates skipped with their reasons. `use` counts distractor texts across the vault.
 */
export function generateNoteQuestions(note: GeneratorNote, settings: StudySettings, vault: VaultContext = { use: new Map(), labelSpread: new Map() }): NoteGeneration {
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
    use: vault.use,
    labelSpread: vault.labelSpread,
    add: (q) => {
      if (q && !questions.has(q.id)) questions.set(q.id, q);
    },
    draft: (d) => {
      if (!drafts.some((x) => x.key === d.key)) drafts.push(d);
    },
    skip,
  };
  const lines = note.readings.lines;

  const groups = new Map<string, Definition[]>();
  const mappings = new Map<string, Mapping[]>();
  const walkthroughs = new Set<string>();
  for (const l of lines) {
    const definition = readDefinition(l);
    if (definition === 'ends-at-list') {
      skip('ends-at-list', l.line, l.plain);
      continue;
    }
    if (definition && inWalkthrough(note.title, l.path)) {
      if (!walkthroughs.has(l.container)) skip('walkthrough', l.line, l.plain);
      walkthroughs.add(l.container);
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
    const mapping = readMapping(l);
    if (mapping) {
      const group = mappings.get(l.container) ?? [];
      group.push(mapping);
      mappings.set(l.container, group);
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
  for (const group of mappings.values()) scenarioMappings(m, group);
  attributeComparisons(
    m,
    lines.filter((l) => !inWalkthrough(note.title, l.path)),
  );
  tableQuestions(
    m,
    note.readings.tables.filter((t) => !inWalkthrough(note.title, t.path)),
  );
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
