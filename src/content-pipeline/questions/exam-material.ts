/**
 * Where a vault keeps its exam material, what a question is about, and which notes are not study
 * material at all. Pure functions over the pass-1 tree and the vault's study settings.
 *
 * Vaults written by other people do not say "On the Exam": they use `> [!important]`,
 * `> [!tip]`, `> [!warning]` callouts and headings such as "⚠️ Key Exam Nuggets" or
 * "Exam PowerUP". All of those are recognised by default; a vault can add its own words, or
 * replace the defaults, in its settings file (see study-settings.ts).
 */
import type { Blockquote, Heading, RootContent } from 'mdast';
import { readCalloutHead, isExamTitle } from '../obsidian/callouts.ts';
import type { StudySettings } from '../study-settings.ts';
import { plainOf, toMarkup, toPlain } from './text.ts';

export interface HeadingRef {
  text: string;
  id: string;
  depth: number;
}

/** Callout types whose body is exam material by default (case-insensitive, Obsidian aliases included). */
const EXAM_CALLOUT_TYPES = new Set(['exam', 'important', 'tip', 'hint', 'warning', 'caution', 'attention']);

/**
 * Heading words that mark a section of exam facts. Whole words only, so "Tipping point" or
 * "Examples" do not count (the `s?` is for plurals, and "example" is not "exam").
 */
const EXAM_HEADING = /\b(?:exam|key facts?|key points?|nuggets?|tips?|remember|gotchas?|pitfalls?|traps?)\b/i;

/** Emoji and their joiners, dropped before a heading is compared ("⚠️ Key Exam Nuggets"). */
const EMOJI = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\u{20E3}/gu;

export function withoutEmoji(text: string): string {
  return text.replace(EMOJI, '').replace(/\s+/g, ' ').trim();
}

function matchesPhrase(text: string, phrase: string): boolean {
  const escaped = phrase.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|\\b|\\s)${escaped}(?:\\b|\\s|$)`, 'i').test(text);
}

/** Whether a heading's section holds exam facts. */
export function isExamHeading(text: string, settings: Pick<StudySettings, 'examHeadings' | 'replaceDefaults'>): boolean {
  const clean = withoutEmoji(text);
  if (settings.examHeadings.some((p) => matchesPhrase(clean, p))) return true;
  return !settings.replaceDefaults && EXAM_HEADING.test(clean);
}

export function calloutTitle(node: Blockquote): string {
  const first = node.children[0];
  if (first?.type !== 'paragraph') return '';
  return toPlain(toMarkup(first.children).split('\n')[0] ?? '').replace(/^\[![^\]\s]+\][+-]?\s*/, '');
}

/** Whether a callout's body is exam material: by type, by "On the Exam" title, or by a title worded like an exam heading. */
export function isExamCallout(node: Blockquote, settings: Pick<StudySettings, 'examCallouts' | 'examHeadings' | 'replaceDefaults'>): boolean {
  const head = readCalloutHead(node);
  if (!head) return false;
  const title = withoutEmoji(calloutTitle(node));
  const named = settings.examCallouts.map((c) => c.toLowerCase().replace(/^\[!|\]$/g, ''));
  if (named.includes(head.type) || named.some((c) => c === title.toLowerCase())) return true;
  if (settings.replaceDefaults) return settings.examHeadings.some((p) => matchesPhrase(title, p));
  return EXAM_CALLOUT_TYPES.has(head.type) || isExamTitle(title, head.type) || (title !== '' && isExamHeading(title, settings));
}

export function isQuestionCallout(node: Blockquote): boolean {
  const head = readCalloutHead(node);
  return head !== undefined && ['question', 'help', 'faq', 'quiz'].includes(head.type);
}

export function headingRef(node: Heading): HeadingRef {
  return { text: withoutEmoji(plainOf(node.children)), id: (node.data?.hProperties as { id?: string } | undefined)?.id ?? '', depth: node.depth };
}

/** Root-level nodes with the chain of headings above them (outermost first). */
export function* sectionsWithPath(children: readonly RootContent[]): Generator<{ node: RootContent; path: HeadingRef[]; next: RootContent | undefined }> {
  let path: HeadingRef[] = [];
  for (const [i, node] of children.entries()) {
    if (node.type === 'heading') {
      const ref = headingRef(node);
      path = [...path.filter((h) => h.depth < ref.depth), ref];
      continue;
    }
    yield { node, path, next: children[i + 1] };
  }
}

/**
 * Headings that say nothing about the subject: a question under "Key Exam Nuggets" is about the
 * section above it (or the note), not about "Key Exam Nuggets".
 */
const GENERIC_HEADING =
  /^(?:overview|notes?|summary|details|introduction|intro|general|misc(?:ellaneous)?|basics|definitions|terms|glossary|related|see also|references|resources|check yourself|on the exam|facts|key (?:facts|points|concepts))$/i;

function isSubjectHeading(h: HeadingRef, settings: Pick<StudySettings, 'examHeadings' | 'replaceDefaults'>): boolean {
  return h.text !== '' && !GENERIC_HEADING.test(h.text) && !isExamHeading(h.text, settings);
}

/**
 * What a question is about, as a reader would name it: "Amazon EFS › Performance". The note's
 * title, then the nearest heading that names something (generic and exam headings are skipped);
 * the heading alone when it already contains the title.
 */
export function subjectOf(title: string, path: readonly HeadingRef[], settings: Pick<StudySettings, 'examHeadings' | 'replaceDefaults'>): string {
  const cleanTitle = withoutEmoji(title)
    .replace(/^(?:\d+|[IVXLC]{1,6})[.)]\s+|^\d+[.)]/, '')
    .trim();
  const heading = [...path].reverse().find((h) => isSubjectHeading(h, settings));
  if (!heading) return cleanTitle;
  const text = heading.text.replace(/^\d+(?:\.\d+)*[.)]?\s+/, '');
  if (text.toLowerCase().includes(cleanTitle.toLowerCase())) return text;
  if (cleanTitle.toLowerCase().includes(text.toLowerCase())) return cleanTitle;
  return `${cleanTitle} › ${text}`;
}

/** A note that is not study material, and why (for notes:check). */
export function nonStudyReason(
  note: { path: string; title: string; tags: readonly string[] },
  settings: Pick<StudySettings, 'exclude' | 'detectNonStudyNotes' | 'file'>,
): string | undefined {
  for (const pattern of settings.exclude) {
    if (pathMatches(note.path, pattern)) return `excluded by "${pattern}" in ${settings.file ?? 'the settings file'}`;
  }
  if (!settings.detectNonStudyNotes) return undefined;
  const tag = note.tags.find((t) => NON_STUDY_TAG.test(t.split('/')[0] ?? ''));
  if (tag) return `tagged #${tag}`;
  const folder = note.path
    .split('/')
    .slice(0, -1)
    .find((f) => NON_STUDY_FOLDER.test(f));
  if (folder) return `in the folder "${folder}"`;
  if (NON_STUDY_TITLE.test(withoutEmoji(note.title))) return `its title "${note.title}" reads like a note about the vault, not about the exam`;
  return undefined;
}

const NON_STUDY_TAG = /^(?:meta|template|templates|draft|drafts|todo|moc|index|writing|style|styleguide|style-guide|guidelines|admin|vault)$/i;
const NON_STUDY_FOLDER = /^[_.]?(?:templates?|meta|drafts?|archive|admin|attachments|assets)$/i;
/**
 * Titles of notes about the vault itself. "Template" only at the start ("Template", "Template –
 * service note"): AWS has Launch Templates and CloudFormation templates, which are study material.
 */
const NON_STUDY_TITLE =
  /^(?:templates?\b|readme$|contributing$|changelog$|to-?do\b|index$|home$|dashboard$|moc\b)|\b(?:writing (?:rules|guide|guidelines|conventions)|style ?guide|how to (?:use|write|take) (?:this vault|notes)|note[- ]taking (?:rules|guide)|vault conventions|table of contents|map of content)\b/i;

/** `Folder/Note.md` matches `Folder`, `Folder/`, `Folder/*`, `**\/Note.md`, `Note` or `Folder/Note.md`. */
export function pathMatches(path: string, pattern: string): boolean {
  const clean = pattern
    .trim()
    .replace(/^\.?\//, '')
    .replace(/\/+$/, '');
  if (!clean) return false;
  const source = clean
    .split(/(\*\*\/?|\*)/)
    .map((part) => (part.startsWith('**') ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${source}(?:\\.md)?(?:/.*)?$`, 'i');
  const name = path.split('/').pop() ?? path;
  return re.test(path) || (!clean.includes('/') && re.test(name));
}
