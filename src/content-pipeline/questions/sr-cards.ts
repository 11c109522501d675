/**
 * Cards people already wrote for the obsidian-spaced-repetition plugin (st3v3nmw/
 * obsidian-spaced-repetition), read the way that plugin reads them, so a vault used with it gives
 * the same cards here. The specification is the plugin's documentation and its parser tests:
 *
 * - docs/docs/en/flashcards/qanda-cards.md: `front::back` one-line cards, `front:::back` read
 *   both ways; multi-line cards whose front and back "touch" a line holding only `?` (`??` both
 *   ways); a blank line ends a card unless a custom end marker is set.
 * - docs/docs/en/flashcards/cloze-cards.md: a block with `==highlight==` (default), `**bold**` or
 *   `{{curly}}` (when switched on) deletions gives one card per deletion, others shown; `^[hint]`
 *   after a deletion is its hint; `[^1]` labels group deletions into one card.
 * - docs/docs/en/flashcards/decks.md: a note's cards belong to a deck through a flashcard tag
 *   (`#flashcards`, nested `#flashcards/aws` too), in the properties or in the text; a tag in the
 *   text applies to the cards after it. Cards with no deck are not reviewed.
 * - tests/unit/parser.test.ts ("Test parsing of single line basic cards", "… multi line …",
 *   "… cloze cards", "Test parsing cards with codeblocks", "Test not parsing cards in HTML
 *   comments"): the longest inline separator wins (`:::` before `::`), a separator inside inline
 *   code does not count, `<!--SR:…-->` scheduling comments belong to the card above, fenced code
 *   is part of a card but never starts one, HTML comments are skipped.
 *
 * Our own code, written from that specification. Two deliberate differences: `%%comments%%` are
 * removed first (the lesson hides them, so a card inside one would leak), and card text is
 * reduced to plain words (list and quote markers, tags, emphasis), since questions are plain text.
 */
import type { CardSyntax } from '../study-settings.ts';
import type { Question } from './schema.ts';
import { subjectOf, type HeadingRef } from './exam-material.ts';
import type { SkippedCandidate } from './generators.ts';
import type { StudySettings } from '../study-settings.ts';
import { stableHash, toPlain } from './text.ts';

export interface SrCardNote {
  path: string;
  slug: string;
  title: string;
  tags: string[];
  /** Tags from the note's properties: a flashcard tag there puts the whole note in a deck. */
  propertyTags: string[];
  /** The note's Markdown as written (properties included; they are blanked, keeping line numbers). */
  source: string;
}

type CardKind = 'single' | 'single-reversed' | 'multi' | 'multi-reversed' | 'cloze';

/** One card block as the plugin delimits it: its kind, its lines and where it starts (1-based). */
export interface SrBlock {
  kind: CardKind;
  text: string;
  line: number;
  headings: HeadingRef[];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A tag token `#flashcards` or `#flashcards/sub` for one of the deck tags. */
function deckTagPattern(tags: readonly string[]): RegExp {
  return new RegExp(`(?:^|\\s)#(?:${tags.map(escape).join('|')})(?:/[\\w/-]*)?(?=\\s|$)`, 'i');
}

export function hasDeckTag(tags: readonly string[], deckTags: readonly string[]): boolean {
  return tags.some((t) => deckTags.some((d) => t.toLowerCase() === d.toLowerCase() || t.toLowerCase().startsWith(`${d.toLowerCase()}/`)));
}

/** Whether the separator occurs outside inline code: ARNs in backticks (`arn:aws:s3:::bucket`) are not cards. */
function hasInlineSeparator(line: string, separator: string): number {
  let from = 0;
  while (separator) {
    const at = line.indexOf(separator, from);
    if (at < 0) return -1;
    const ticksBefore = (line.slice(0, at).match(/`/g) ?? []).length;
    if (ticksBefore % 2 === 0) return at;
    from = at + separator.length;
  }
  return -1;
}

function clozePatterns(syntax: CardSyntax): RegExp[] {
  const patterns: RegExp[] = [];
  if (syntax.highlightClozes) patterns.push(/==([^=\n]+?)==/);
  if (syntax.boldClozes) patterns.push(/\*\*([^*\n]+?)\*\*/);
  if (syntax.curlyClozes) patterns.push(/\{\{([^}\n]+?)\}\}/);
  return patterns;
}

/** Blank the properties block and `%%comments%%`, keeping every line where it was. */
function prepare(source: string): string[] {
  let text = source.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const front = /^---\n[\s\S]*?\n(?:---|\.\.\.)(?:\n|$)/.exec(text);
  if (front) text = front[0].replace(/[^\n]/g, '') + text.slice(front[0].length);
  text = text.replace(/%%[\s\S]*?%%/g, (m) => m.replace(/[^\n]/g, ''));
  return text.split('\n');
}

/**
 * The card blocks of a note, delimited as the plugin's parser delimits them. Only lines in a deck
 * count: all of them when the properties (or `everywhere`) put the note in a deck, else those
 * after the first flashcard tag in the text.
 */
export function findSrBlocks(note: Pick<SrCardNote, 'source' | 'propertyTags'>, syntax: CardSyntax): SrBlock[] {
  const lines = prepare(note.source);
  const deckTag = deckTagPattern(syntax.tags);
  let inDeck = syntax.everywhere || hasDeckTag(note.propertyTags, syntax.tags);
  const inline = [
    { separator: syntax.singleLine, kind: 'single' as const },
    { separator: syntax.singleLineReversed, kind: 'single-reversed' as const },
  ].sort((a, b) => b.separator.length - a.separator.length);
  const clozes = clozePatterns(syntax);
  const blocks: SrBlock[] = [];
  let headings: HeadingRef[] = [];
  let text: string[] = [];
  let kind: CardKind | null = null;
  let start = 0;
  const inFence = false;
  const close = () => {
    if (kind && text.length > 0) blocks.push({ kind, text: text.join('\n').trimEnd(), line: start + 1, headings });
    kind = null;
    text = [];
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    const heading = /^(#{1,6})\s+(.+?)\s*#*$/.exec(trimmed);
    if (heading && !inFence) {
      const depth = heading[1]?.length ?? 1;
      headings = [...headings.filter((h) => h.depth < depth), { text: toPlain(heading[2] ?? ''), id: '', depth }];
    }
    if (!inDeck) {
      if (!deckTag.test(line)) continue;
      inDeck = true;
    }
    if (trimmed.startsWith('<!--') && !trimmed.startsWith('<!--SR:')) {
      while (i < lines.length && !(lines[i] ?? '').includes('-->')) i += 1;
      continue;
    }
    const isEnd = syntax.multiLineEnd !== '' && trimmed === syntax.multiLineEnd;
    if ((trimmed === '' && (syntax.multiLineEnd === '' || kind === null)) || isEnd) {
      close();
      start = i + 1;
      continue;
    }
    if (text.length === 0) start = i;
    text.push(line.trimEnd());
    if (/^(```|~~~)/.test(trimmed)) {
      // Code is part of a card but never starts one: skip to the closing fence.
      const fence = trimmed.slice(0, 3);
      while (i + 1 < lines.length && !(lines[i + 1] ?? '').trim().startsWith(fence)) {
        i += 1;
        text.push(lines[i] ?? '');
      }
      i += 1;
      text.push(fence);
      continue;
    }
    const single = inline.find(({ separator }) => hasInlineSeparator(line, separator) >= 0);
    if (single) {
      let cardText = line;
      if ((lines[i + 1] ?? '').startsWith('<!--SR:')) {
        i += 1;
        cardText += `\n${lines[i]}`;
      }
      blocks.push({ kind: single.kind, text: cardText, line: i + 1 - (cardText.includes('\n') ? 1 : 0), headings });
      kind = null;
      text = [];
      continue;
    }
    if (trimmed === syntax.multiLine && text.length > 1) kind = 'multi';
    else if (trimmed === syntax.multiLineReversed && text.length > 1) kind = 'multi-reversed';
    else if (kind === null && clozes.some((p) => p.test(line))) kind = 'cloze';
  }
  close();
  return blocks;
}

/** Card text to the words a learner reads: no scheduling comments, markers, deck tags or emphasis. */
function readable(text: string, deckTags: readonly string[]): string {
  const tag = new RegExp(`(^|\\s)#(?:${deckTags.map(escape).join('|')})(?:/[\\w/-]*)?(?=\\s|$)`, 'gi');
  return text
    .split('\n')
    .map((l) =>
      l
        .replace(/<!--SR:[^>]*-->/g, '')
        .replace(/^>\s*\[!sr\|[^\]]*\].*$/i, '')
        .replace(/^(?:\s*>)+\s?/, '')
        .replace(/^\s*#{1,6}\s+/, '')
        .replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[.\]\s+)?/, '')
        .replace(tag, '$1')
        .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1'),
    )
    .map((l) => toPlain(l))
    .filter((l) => l !== '' && l !== '```' && l !== '~~~')
    .join('\n')
    .trim();
}

interface Deletion {
  start: number;
  end: number;
  answer: string;
  hint: string | undefined;
  group: string | undefined;
}

/** The deletions of a cloze block, with `;;` sequence numbers and hints, `^[hint]` and `[^n]` labels. */
function deletions(text: string, syntax: CardSyntax): Deletion[] {
  const found: Deletion[] = [];
  const patterns = [
    syntax.highlightClozes ? /==([^=\n]+?)==(\^\[[^\]]*\])?(\[\^[^\]]+\])?/g : undefined,
    syntax.boldClozes ? /\*\*([^*\n]+?)\*\*(\^\[[^\]]*\])?(\[\^[^\]]+\])?/g : undefined,
    syntax.curlyClozes ? /\{\{([^}\n]+?)\}\}(\^\[[^\]]*\])?(\[\^[^\]]+\])?/g : undefined,
  ].filter((p): p is RegExp => p !== undefined);
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      if (match.index === undefined) continue;
      const parts = (match[1] ?? '').split(';;');
      let answer = parts[0] ?? '';
      let hint: string | undefined;
      let group: string | undefined;
      if (parts.length === 3) [group, answer = '', hint] = parts;
      else if (parts.length === 2 && /^\d+$/.test(parts[0] ?? '')) [group, answer = ''] = parts;
      else if (parts.length === 2) [answer = '', hint] = parts;
      hint = hint ?? match[2]?.slice(2, -1);
      group = group ?? match[3]?.slice(2, -1);
      found.push({ start: match.index, end: match.index + match[0].length, answer: answer.trim(), hint: hint?.trim() || undefined, group });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The plugin's cards of one note as questions, plus what could not be asked and why. */
export function parseSrCards(note: SrCardNote, settings: StudySettings): { questions: Question[]; skipped: SkippedCandidate[] } {
  const syntax = settings.cards;
  if (!syntax.everywhere && !hasDeckTag(note.tags, syntax.tags)) return { questions: [], skipped: [] };
  const questions: Question[] = [];
  const skipped: SkippedCandidate[] = [];
  for (const block of findSrBlocks(note, syntax)) {
    const context = subjectOf(note.title, block.headings, settings);
    const heading = block.headings[block.headings.length - 1];
    const source = { path: note.path, slug: note.slug, title: note.title, heading: heading?.text ?? null, anchor: null, line: block.line };
    const common = { origin: 'authored' as const, source, tags: note.tags, context, sourceText: readable(block.text, syntax.tags) };
    const id = (suffix: string) => `s-${stableHash(`${note.path}\u0000${block.kind}\u0000${block.text.replace(/<!--SR:[^>]*-->/g, '').trim()}`)}${suffix}`;
    const card = (front: string, back: string, suffix: string) => {
      if (!front || !back) {
        skipped.push({ reason: 'too-short', line: block.line, text: block.text.slice(0, 80) });
        return;
      }
      questions.push({ ...common, id: id(suffix), kind: 'card', stem: front, back, explanation: '' });
    };
    if (block.kind === 'single' || block.kind === 'single-reversed') {
      const separator = block.kind === 'single' ? syntax.singleLine : syntax.singleLineReversed;
      const line = block.text.split('\n')[0] ?? '';
      const at = hasInlineSeparator(line, separator);
      const front = readable(line.slice(0, at), syntax.tags);
      const back = readable(line.slice(at + separator.length), syntax.tags);
      card(front, back, '');
      if (block.kind === 'single-reversed') card(back, front, '-r');
    } else if (block.kind === 'multi' || block.kind === 'multi-reversed') {
      const separator = block.kind === 'multi' ? syntax.multiLine : syntax.multiLineReversed;
      const lines = block.text.split('\n');
      const at = lines.findIndex((l) => l.trim() === separator);
      const front = readable(lines.slice(0, at).join('\n'), syntax.tags);
      const back = readable(lines.slice(at + 1).join('\n'), syntax.tags);
      card(front, back, '');
      if (block.kind === 'multi-reversed') card(back, front, '-r');
    } else {
      const found = deletions(block.text, syntax);
      const groups = new Map<string, number>();
      for (const d of found) if (d.group) groups.set(d.group, (groups.get(d.group) ?? 0) + 1);
      const shown = (from: number, to: number) => {
        let out = '';
        let at = from;
        for (const d of found) {
          if (d.end <= from || d.start >= to) continue;
          out += block.text.slice(at, d.start) + d.answer;
          at = d.end;
        }
        return readable(out + block.text.slice(at, to), syntax.tags);
      };
      found.forEach((d, i) => {
        if (d.group && (groups.get(d.group) ?? 0) > 1) {
          skipped.push({ reason: 'cloze-group', line: block.line, text: d.answer });
          return;
        }
        const before = shown(0, d.start);
        const after = shown(d.end, block.text.length);
        questions.push({
          ...common,
          id: id(`-${i}`),
          kind: 'cloze',
          stem: d.hint ? `Fill in the blank (hint: ${d.hint}).` : 'Fill in the blank.',
          // Keep the space the author wrote either side of the blank, and only that.
          before: before && /\s/.test(block.text[d.start - 1] ?? '') ? `${before} ` : before,
          after: after && /\s/.test(block.text[d.end] ?? '') ? ` ${after}` : after,
          answers: [toPlain(d.answer)],
          explanation: `The note says: “${shown(0, block.text.length)}”`,
        });
      });
    }
  }
  return { questions, skipped };
}
