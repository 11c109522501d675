/**
 * Heading ids and the table of contents. Ids follow GitHub's slugger (the convention readers know
 * from READMEs), computed once per note so `[[Note#Heading]]` from any other note finds the same id.
 */
import GithubSlugger from 'github-slugger';
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { walk } from '../walk.ts';
import type { HeadingInfo } from './context.ts';

/** Gives every heading an id and returns them in document order. */
export function assignHeadingIds(tree: Root): HeadingInfo[] {
  const slugger = new GithubSlugger();
  const headings: HeadingInfo[] = [];
  walk(tree, 'heading', (node: Heading) => {
    const text = toString(node).trim();
    const id = slugger.slug(text) || 'section';
    node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), id } };
    headings.push({ depth: node.depth, text, id });
  });
  return headings;
}

/**
 * Finds the heading a link names. Obsidian matches the heading text; we compare slugs, so case and
 * punctuation differences (`#ami lifecycle` for "AMI Lifecycle") still match. A nested link
 * (`#Parent#Child`, as Obsidian's help writes it) names each heading on the way down: the child is
 * the first heading of that text inside the parent's section, so `[[Note#S3#On the exam]]` finds
 * the "On the exam" under "S3" even when "EC2" has one above it. When the path does not hold (a
 * parent renamed), the first heading with the last part's text is taken, as before.
 */
export function findHeading(headings: readonly HeadingInfo[], wanted: string): HeadingInfo | undefined {
  const parts = wanted
    .split('#')
    .map((part) => part.trim())
    .filter(Boolean);
  const last = parts[parts.length - 1] ?? wanted.trim();
  if (parts.length > 1) {
    const nested = findPath(headings, parts);
    if (nested) return nested;
  }
  return findIn(headings, 0, headings.length, last);
}

/** The first heading in `headings[from, to)` whose text is `text` (exactly, else by slug). */
function findIn(headings: readonly HeadingInfo[], from: number, to: number, text: string): HeadingInfo | undefined {
  const range = headings.slice(from, to);
  const slug = new GithubSlugger().slug(text);
  return range.find((h) => h.text === text) ?? range.find((h) => new GithubSlugger().slug(h.text) === slug);
}

/** `parts` as a path of headings, each inside the section of the one before it. */
function findPath(headings: readonly HeadingInfo[], parts: readonly string[]): HeadingInfo | undefined {
  let from = 0;
  let to = headings.length;
  let found: HeadingInfo | undefined;
  for (const part of parts) {
    found = findIn(headings, from, to, part);
    if (!found) return undefined;
    const at = headings.indexOf(found);
    const depth = found.depth;
    from = at + 1;
    const end = headings.findIndex((h, i) => i > at && h.depth <= depth);
    to = end === -1 ? headings.length : end;
  }
  return found;
}

/** Heading text compared as a reader sees it: case, spacing and Markdown markup aside. */
function sameTitle(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

/**
 * Drops a note's first block when it is a `# Heading` that repeats the page title (the note's
 * `title` property or its file name). Obsidian shows the file name as the inline title above the
 * note *and* such a heading, which reads as the title twice; the lesson page already prints the
 * title as its <h1>, so the note's own copy goes. An H1 that says something else is kept, and so
 * is the heading when the whole note is embedded elsewhere (this runs on the lesson's own tree).
 * Returns whether a heading was dropped.
 */
export function dropTitleHeading(tree: Root, titles: readonly string[]): boolean {
  const first = tree.children.findIndex((c) => c.type !== 'yaml' && c.type !== 'definition');
  const node = tree.children[first];
  if (node?.type !== 'heading' || node.depth !== 1) return false;
  const text = toString(node);
  if (!titles.some((title) => sameTitle(title, text))) return false;
  tree.children.splice(first, 1);
  return true;
}
