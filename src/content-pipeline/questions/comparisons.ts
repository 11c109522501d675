/**
 * Questions that compare siblings on one attribute, from the two places notes state attributes
 * side by side:
 *
 * - sibling sections that each give the same bold label (`**Minimum storage duration**: 90 days`
 *   under "S3 Glacier Instant Retrieval", `… 180 days` under "S3 Glacier Deep Archive"): "which one
 *   has …?" with the other sections as options, or a true/false that gives one section another's
 *   value;
 * - tables: one column (or, in a comparison table headed "Feature", the header row) names things of
 *   one kind and the other cells are their attributes.
 *
 * The attribute (the label, the column) is never the answer: a question never asks "which one is
 * Latency?". A value stands in for another only when the two exclude each other (see `exclusive`
 * in generator-kit.ts), and a distractor is only a sibling for which the note states a different
 * value: a sibling the note says nothing about might well share the answer.
 */
import type { HeadingRef } from './exam-material.ts';
import {
  base,
  clueGivesAway,
  exclusive,
  labelKey,
  type Maker,
  markUsed,
  mentions,
  type NoteLine,
  type NoteTable,
  norm,
  pickLeastUsed,
  readDefinition,
  restatesLabel,
  sentence,
  shuffledOptions,
} from './generator-kit.ts';
import { stableHash, wordCount } from './text.ts';

/**
 * Labels that name an aspect of their subject rather than a thing: side by side under one subject
 * ("Overview", "Use case", "Cost") they are not siblings of one kind, and a text written under one
 * is as true of the subject under another.
 */
export const FACET_LABEL =
  /^(?:overview|description|definition|summary|purpose|goals?|focus|use cases?|when to use|examples?|e\.g\.|notes?|key (?:features|points|details|concepts|benefits|takeaways?)|features?|benefits?|advantages?|disadvantages?|drawbacks?|pros|cons|trade-?offs?|costs?|cost structure|pricing|price|billing|performance|durability|availability|latency|throughput|scalability|scaling|security|limitations?|limits?|restrictions?|constraints?|requirements?|considerations?|how it works|why|when|best practices?|tips?|important|result|outcome|impact|access|scope|behaviou?r|usage|reason|problem|solution|issue|characteristics|properties|details|caveats?|warning|analogy|context|scenario|example use case|architecture|resilience|replication|encryption|storage|retrieval|capacity|size|duration|retention|function|role|type|status|mechanism|integration|management|configuration|setup|monitoring|compliance|what it is|what it does|summary)$/i;

/** Headers that say the column describes its row in prose: ask "which one is described as …". */
const DESCRIPTIVE = /^(?:description|details|key details|definition|meaning|explanation|purpose|what it (?:is|does)|notes?|summary|use cases?|function|role)$/i;

/** A first header cell that names attributes, so the other header cells name the things compared. */
const ATTRIBUTE_HEADER =
  /^(?:(?:features?|aspects?|attributes?|properties|property|characteristics?|criteria|criterion|comparison|dimensions?|factors?|metrics?|specs?|elements?|category|parameters?)\b.*)?$/i;

/** First headers that name no kind ("Name", "Term"): the question says "which one". */
const VAGUE_KIND = /^(?:names?|items?|terms?|concepts?|things?|entry|entries|options?|values?|keys?|icons?)$/i;

/** Row names a candidate does not recall: numbers, addresses and resource IDs (`sgr-0a46…`, `10.18`). */
const NOT_A_NAME = /^[\d.,:/\s-]+$|^[a-z]+-[0-9a-f]{6,}$/i;

/** Cells that state nothing: no value to ask about or to swap in. */
const UNKNOWN = /^(?:n\/?a|none|-+|—|–|\?+|unknown|unclear|varies|depends|tbd|see above|same)$|^(?:varies|depends)\b/i;

/** A cell that points elsewhere ("(see Storage)", "See below", "Same as gp2"): it states no value of its own. */
const CROSS_REFERENCE = /^\(?\s*(?:see|refer to|same as|as above|as below)\b/i;

/** A note or section that sets things side by side to tell them apart ("EventBridge vs SNS vs SQS", "Comparison table"). */
function framedAsComparison(title: string, path: readonly HeadingRef[]): boolean {
  return [title, ...path.map((h) => h.text)].some((text) => /\b(?:vs\.?|versus|comparison|compared|comparing|differences?|summary)(?:\s|$|\W)/i.test(text));
}

/** Whether a value is spelled out in its thing's own name ("Canary10Percent5Minutes" — "5 minutes"): no clue to learn. */
function nameGivesValue(entity: string, value: string): boolean {
  const squeeze = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const v = squeeze(value);
  return v.length >= 2 && squeeze(entity).includes(v);
}

/** Asides that compare with something else ("90 days (compared to 30 days for Standard IA)"): not part of the value. */
const COMPARING_ASIDE = /\s*\((?:compared (?:to|with)|vs\.?|versus|like|unlike|similar to|same as|e\.g\.|i\.e\.)[^)]*\)/gi;

/** A label under this many different headings of the vault is an aspect (Use case, Cost), not a name. */
const FACET_SPREAD = 3;

/** Whether a label is an aspect of its subject (Overview, Cost, Latency…) rather than a name. */
export function isFacetLabel(m: Maker, label: string): boolean {
  return FACET_LABEL.test(label.trim()) || (m.labelSpread.get(labelKey(label)) ?? 0) >= FACET_SPREAD;
}

function valueOf(text: string): string {
  return text
    .replace(COMPARING_ASIDE, '')
    .replace(/[.;,]$/, '')
    .trim();
}

/** The shape of a value: yes/no, a number with its unit, or text. */
function shapeOf(value: string): string {
  if (/^(?:yes|no)\b/i.test(value)) return 'yes/no';
  const number = /^[~<>≈]?\s*\$?\d[\d.,]*\s*([A-Za-z%/]*)/.exec(value);
  return number ? `number ${number[1]?.toLowerCase() ?? ''}` : 'text';
}

/** Lines of cells (rows or columns) whose values all have one shape other than text. */
function uniform(lines: readonly (readonly string[])[]): number {
  return lines.filter((cells) => {
    const shapes = new Set(cells.filter((c) => c !== '' && !UNKNOWN.test(c)).map(shapeOf));
    return shapes.size === 1 && !shapes.has('text');
  }).length;
}

/** Whether the rows of a "Feature | …" table are attributes (more rows than columns of one shape; a tie goes to the usual "A | B" comparison). */
function rowsAreAttributes(rows: readonly (readonly string[])[], width: number): boolean {
  const byRow = uniform(rows.map((r) => r.slice(1)));
  const byColumn = uniform(Array.from({ length: width - 1 }, (_v, j) => rows.map((r) => r[j + 1] ?? '')));
  return byRow > byColumn || (byRow === byColumn && width <= 4);
}

function entityName(h: HeadingRef): string {
  return h.text.replace(/^\d+(?:\.\d+)*[.)]?\s+/, '').trim();
}

function attributeName(header: string): string {
  return header.replace(/[?:：]+$/, '').trim();
}

/** One attribute of one thing, as the note states it. */
interface Stated {
  entity: string;
  value: string;
  line: number;
  path: HeadingRef[];
  source: string;
}

interface Comparison {
  /** What the question is about (note and section), for the stem. */
  context: { line: number; path: HeadingRef[] };
  /** "storage class" in "which storage class has …", or "one". */
  kind: string;
  attribute: string;
  /** Prose descriptions: ask "which one is described as", and swap descriptions only between things of one kind. */
  descriptive: boolean;
  stated: Stated[];
  /** Where the comparison comes from, for the explanation ("the table under “Tiers”"). */
  where: string;
}

/**
 * One question per stated value: multiple choice when at least two siblings state a value that
 * excludes it (they are the distractors), else a true/false whose false twin gives the thing a
 * sibling's excluding value. Half the candidates that could be either are asked as multiple choice.
 */
function compare(m: Maker, c: Comparison): void {
  const names = c.stated.map((s) => s.entity);
  for (const s of c.stated) {
    const others = c.stated.filter((o) => o !== s && norm(o.entity) !== norm(s.entity));
    // A value that names a sibling, or gives its own thing away by a word only it has, is no clue.
    if (
      names.some((n) => mentions(s.value, n)) ||
      clueGivesAway(
        s.value,
        s.entity,
        others.map((o) => o.entity),
      )
    ) {
      m.skip('ambiguous-siblings', s.line, `${s.entity} — ${c.attribute}: ${s.value}`);
      continue;
    }
    if (restatesLabel(s.entity, s.value)) {
      m.skip('restates-label', s.line, `${s.entity} — ${c.attribute}: ${s.value}`);
      continue;
    }
    if (nameGivesValue(s.entity, s.value)) {
      m.skip('name-gives-value', s.line, `${s.entity} — ${c.attribute}: ${s.value}`);
      continue;
    }
    const rivals = others.filter((o) => (c.descriptive ? norm(o.value) !== norm(s.value) : exclusive(s.value, o.value)));
    // The value must point at one thing: no sibling may state the same value.
    const unique = !others.some((o) => norm(o.value) === norm(s.value));
    if (rivals.length === 0) {
      m.skip('values-not-exclusive', s.line, `${s.entity} — ${c.attribute}: ${s.value}`);
      continue;
    }
    const seed = `${c.where}\u0000${c.attribute}\u0000${s.entity}\u0000${s.value}`;
    const wantChoice = parseInt(stableHash(`${m.note.path}\u0000${seed}`).slice(0, 2), 36) % 2 === 0;
    const ring = (o: Stated) => (c.stated.indexOf(o) - c.stated.indexOf(s) + c.stated.length) % c.stated.length;
    const statement = c.descriptive ? `${s.entity}: ${sentence(s.value)}` : `${s.entity} — ${c.attribute}: ${sentence(s.value)}`;
    if (unique && wantChoice && rivals.length >= 2) {
      const picked = pickLeastUsed(rivals, (o) => o.entity, m.use, ring, 3);
      // Judged against the options shown, not all the siblings: a clue word only the answer has among them gives it away.
      const shownGiveAway = clueGivesAway(
        s.value,
        s.entity,
        picked.map((o) => o.entity),
      );
      if (picked.length >= 2 && !shownGiveAway) {
        markUsed(
          m.use,
          picked.map((o) => o.entity),
        );
        const b = base(m, 'm', `compare\u0000${seed}`, c.context, s.source);
        const ask = c.descriptive ? `is described as “${s.value}”` : `has “${c.attribute}: ${s.value}”`;
        m.add({
          ...b,
          source: { ...b.source, line: s.line },
          kind: 'choice',
          stem: `${b.context}: which ${c.kind} ${ask}?`,
          options: shuffledOptions(b.id, [
            { text: s.entity, correct: true, explanation: `${c.where}: ${statement}` },
            ...picked.map((o) => ({
              text: o.entity,
              correct: false,
              explanation: c.descriptive ? `${o.entity}: ${sentence(o.value)}` : `${o.entity} — ${c.attribute}: ${sentence(o.value)}`,
            })),
          ]),
          choose: 1,
          explanation: `${c.where}: ${statement}`,
        });
        continue;
      }
    }
    // What the false statement borrows is the sibling's fact, not the bare value: "Yes" or "30 days"
    // may be every second cell of a vault, while "Aurora Serverless — Pausing: Can pause" is one fact.
    const borrowed = (o: Stated) => `${o.entity} — ${c.attribute}: ${o.value}`;
    // Two descriptions in prose can both be true ("Smoke tests" and "Validation, pre-checks" for one
    // hook), unless the author set the things side by side to tell them apart (a "vs" or comparison
    // section): outside one, only values that exclude each other are swapped.
    const categorical = (o: Stated) =>
      exclusive(s.value, o.value) && ((/\d/.test(s.value) && /\d/.test(o.value)) || (wordCount(s.value) <= 2 && wordCount(o.value) <= 2 && !/,/.test(s.value + o.value)));
    const swappable = c.descriptive && !framedAsComparison(m.note.title, c.context.path) ? rivals.filter(categorical) : rivals;
    if (swappable.length === 0) {
      m.skip('prose-outside-comparison', s.line, `${s.entity} — ${c.attribute}: ${s.value}`);
      continue;
    }
    const swap = pickLeastUsed(swappable, borrowed, m.use, ring, 1)[0];
    if (!swap) {
      m.skip('distractors-used-up', s.line, `${s.entity} — ${c.attribute}: ${s.value}`);
      continue;
    }
    markUsed(m.use, [borrowed(swap)]);
    const b = base(m, 't', `compare\u0000${seed}\u0000${swap.value}`, c.context, s.source);
    const falseStatement = c.descriptive ? `${s.entity}: ${sentence(swap.value)}` : `${s.entity} — ${c.attribute}: ${sentence(swap.value)}`;
    const swapStatement = c.descriptive ? `${swap.entity}: ${sentence(swap.value)}` : `${swap.entity} — ${c.attribute}: ${sentence(swap.value)}`;
    m.draft({
      key: b.id,
      onlyFalse: false,
      make: (truth) => ({
        ...b,
        source: { ...b.source, line: s.line },
        id: `${b.id}-${truth ? 't' : 'f'}`,
        kind: 'truefalse',
        stem: `${b.context}: true or false? ${truth ? statement : falseStatement}`,
        options: [
          { id: 'a', text: 'True', correct: truth, explanation: truth ? `${c.where}: ${statement}` : `That is ${swapStatement}` },
          { id: 'b', text: 'False', correct: !truth, explanation: truth ? 'The note states exactly this.' : `${c.where}: ${statement}` },
        ],
        choose: 1,
        explanation: truth ? `True. ${c.where}: ${statement}` : `False. ${c.where}: ${statement} (${swapStatement})`,
      }),
    });
  }
}

/**
 * Sibling sections that state the same labelled attribute: "S3 Glacier Deep Archive ›
 * **Minimum Storage Duration**: 180 days" beside "S3 Glacier Instant Retrieval › … 90 days".
 * The label is the attribute (its parent label too, unless that is only a grouping such as
 * "Key features"); the sections are the things compared.
 */
export function attributeComparisons(m: Maker, lines: readonly NoteLine[]): void {
  const groups = new Map<string, { parentPath: HeadingRef[]; attribute: string; byEntity: Map<string, Stated[]> }>();
  for (const l of lines) {
    const heading = l.path[l.path.length - 1];
    if (!heading) continue;
    const d = readDefinition(l);
    if (!d || d === 'ends-at-list' || d.fromList) continue;
    const value = valueOf(d.def);
    if (!value || wordCount(value) > 12) continue;
    const parent = l.parentLabel && !FACET_LABEL.test(l.parentLabel) ? `${l.parentLabel} › ` : '';
    const attribute = `${parent}${d.term}`;
    const parentPath = l.path.slice(0, -1);
    const key = `${parentPath.map((h) => `${h.depth}:${h.text}`).join('/')}\u0000${heading.depth}\u0000${labelKey(attribute)}`;
    const group = groups.get(key) ?? { parentPath, attribute, byEntity: new Map<string, Stated[]>() };
    const entity = entityName(heading);
    const list = group.byEntity.get(entity) ?? [];
    list.push({ entity, value, line: l.line, path: l.path, source: `${entity} — ${attribute}: ${d.def}` });
    group.byEntity.set(entity, list);
    groups.set(key, group);
  }
  for (const { parentPath, attribute, byEntity } of groups.values()) {
    if (byEntity.size < 2) continue;
    // A section that states the attribute twice, differently, is not a clean sibling.
    const stated = [...byEntity.values()].flatMap((list) => (list.length === 1 ? list : []));
    if (stated.length < 2) continue;
    const parent = parentPath[parentPath.length - 1];
    compare(m, {
      context: { line: stated[0]?.line ?? 1, path: parentPath },
      kind: 'one',
      attribute,
      descriptive: false,
      stated,
      where: `Under “${stated.map((s) => s.entity).join('”, “')}”${parent ? ` (${parent.text})` : ''} the note gives`,
    });
  }
}

/**
 * A table of things and their attributes. Usually the first column names the things ("Storage
 * class | Min duration | Retrieval"); in a comparison table whose first header is "Feature" (or
 * empty), the other headers name them ("Feature | Aurora | RDS"). Rows with an empty or repeated
 * name make the table unusable; cells that state nothing ("N/A", "?") are left out.
 */
export function tableQuestions(m: Maker, tables: readonly NoteTable[]): void {
  for (const t of tables) {
    const width = t.header.length;
    const rows = t.rows.filter((r) => r.some((c) => c !== ''));
    const firstHeader = attributeName(t.header[0] ?? '');
    // "Feature | ALB | NLB": the header cells are the things and each row one feature. Which axis
    // holds the attributes is read from the cells: an attribute's values have one shape (all yes/no,
    // all numbers with one unit), a thing's values mix them ("Feature | Best for | Commitment").
    const transposed = ATTRIBUTE_HEADER.test(firstHeader) && width >= 3 && !t.header.slice(1).some((h) => DESCRIPTIVE.test(attributeName(h))) && rowsAreAttributes(rows, width);
    const things = transposed ? t.header.slice(1) : rows.map((r) => r[0] ?? '');
    const attributes = transposed ? rows.map((r) => attributeName(r[0] ?? '')) : t.header.slice(1).map(attributeName);
    const cell = (thing: number, attribute: number) => (transposed ? rows[attribute]?.[thing + 1] : rows[thing]?.[attribute + 1]) ?? '';
    const named = things.map((n) => n.trim());
    const shapeOk =
      width >= 2 &&
      named.length >= 2 &&
      named.every((n) => n !== '' && wordCount(n) <= 8 && !UNKNOWN.test(n) && !NOT_A_NAME.test(n)) &&
      new Set(named.map(norm)).size === named.length &&
      attributes.every((a) => a !== '');
    if (!shapeOk) {
      m.skip('table-shape', t.line, t.header.join(' | '));
      continue;
    }
    // "Configuration | Must be enabled per table": rows that are aspects of one subject, not things.
    if (named.some((n) => isFacetLabel(m, n))) {
      m.skip('facets-of-one-subject', t.line, named.join(', '));
      continue;
    }
    const kind =
      !transposed && /^[A-Za-z][A-Za-z -]*$/.test(firstHeader) && !ATTRIBUTE_HEADER.test(firstHeader) && !VAGUE_KIND.test(firstHeader) && wordCount(firstHeader) <= 3
        ? firstHeader.toLowerCase()
        : 'one';
    const heading = t.path[t.path.length - 1];
    const where = heading ? `The table under “${heading.text}” gives` : 'The table in the note gives';
    attributes.forEach((attribute, a) => {
      const stated: Stated[] = [];
      named.forEach((entity, i) => {
        const value = valueOf(cell(i, a));
        if (!value || UNKNOWN.test(value) || CROSS_REFERENCE.test(value)) return;
        stated.push({ entity, value, line: t.line, path: t.path, source: `${entity} — ${attribute}: ${value}` });
      });
      if (stated.length < 2) return;
      compare(m, { context: { line: t.line, path: t.path }, kind, attribute, descriptive: DESCRIPTIVE.test(attribute), stated, where });
    });
  }
}
