/**
 * Heading ids and the table of contents. Ids follow GitHub's slugger (the convention readers know
 * from READMEs), computed once per note so `[[Note#Heading]]` from any other note finds the same id.
 */
import GithubSlugger from 'github-slugger';
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { HeadingInfo } from './context';

/** Gives every heading an id and returns them in document order. */
export function assignHeadingIds(tree: Root): HeadingInfo[] {
  const slugger = new GithubSlugger();
  const headings: HeadingInfo[] = [];
  visit(tree, 'heading', (node: Heading) => {
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
  return (
    headings.find((h) => h.text === last.trim()) ??
    headings.find((h) => new GithubSlugger().slug(h.text) === wantedSlug)
  );
}
