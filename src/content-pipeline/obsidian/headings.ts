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
 * punctuation differences (`#ami lifecycle` for "AMI Lifecycle") still match. For nested links
 * (`#Parent#Child`) the last part is the heading.
 */
export function findHeading(headings: readonly HeadingInfo[], wanted: string): HeadingInfo | undefined {
  const last = wanted.split('#').filter(Boolean).pop() ?? wanted;
  const wantedSlug = new GithubSlugger().slug(last.trim());
  return headings.find((h) => h.text === last.trim()) ?? headings.find((h) => new GithubSlugger().slug(h.text) === wantedSlug);
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
