/**
 * What each syntax step may know about the vault while it transforms one note: the index for
 * links, the other notes' headings and blocks, where to report a problem, and how to transclude.
 */
import type { BlockContent, RootContent } from 'mdast';
import type { AuthorProblem } from '../report.ts';
import type { IndexedNote, VaultIndex } from '../vault.ts';

export interface HeadingInfo {
  depth: number;
  text: string;
  id: string;
}

export interface NoteContext {
  index: VaultIndex;
  note: IndexedNote;
  /** Site base path ending in `/`, e.g. `/` or `/study/`. */
  base: string;
  /** Headings of any note, by note path: to check and slug `[[Note#Heading]]`. */
  headingsOf(path: string): HeadingInfo[];
  /** Block ids (`^id`) of any note, by note path. */
  blockIdsOf(path: string): ReadonlySet<string>;
  /** The lesson URL of a note. */
  noteUrl(note: IndexedNote): string;
  /** The published URL of an attachment. */
  attachmentUrl(path: string): string;
  /** The URL of a tag page. */
  tagUrl(tag: string): string;
  report(problem: Omit<AuthorProblem, 'file'>): void;
  /** Records that this note links to another (for backlinks). */
  linkTo(note: IndexedNote): void;
  /** Records an inline `#tag`. */
  addTag(tag: string): void;
  /** Records an attachment the page uses, so the build publishes it. */
  useAttachment(path: string): void;
  /**
   * The transformed content of another note (whole, one heading's section, or one block), or a
   * reason it cannot be embedded. Guards against embed loops.
   */
  transclude(target: IndexedNote, fragment: LinkFragment | undefined): TranscludeResult;
}

export type LinkFragment = { kind: 'heading'; text: string } | { kind: 'block'; id: string };

export type TranscludeResult = { ok: true; nodes: Array<BlockContent | RootContent> } | { ok: false; reason: 'loop' | 'missing-heading' | 'missing-block' };

/** 1-based line of an offset inside a text node, from the node's own start line. */
export function lineAt(node: { position?: { start: { line: number } } }, value: string, offset: number): number {
  const start = node.position?.start.line ?? 1;
  let line = start;
  for (let i = 0; i < offset && i < value.length; i += 1) if (value.charCodeAt(i) === 10) line += 1;
  return line;
}
