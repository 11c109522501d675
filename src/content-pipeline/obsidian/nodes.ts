/**
 * Two container nodes the Obsidian steps add to the Markdown tree. They carry their HTML tag in
 * `data.hName`, which remark-rehype honours, so no custom rehype handler is needed.
 */
import type { BlockContent, Data, PhrasingContent } from 'mdast';
import type { Position } from 'unist';

/** An inline wrapper: unresolved links, missing-embed placeholders, highlights, tags. */
export interface ObsidianInline {
  type: 'obsidianInline';
  position?: Position;
  children: PhrasingContent[];
  data: Data & { hName: string; hProperties?: Record<string, unknown> };
}

/** A block wrapper: callout bodies, transclusions, diagrams. */
export interface ObsidianBlock {
  type: 'obsidianBlock';
  position?: Position;
  children: BlockContent[];
  data: Data & { hName: string; hProperties?: Record<string, unknown>; hChildren?: unknown[] };
}

declare module 'mdast' {
  interface PhrasingContentMap {
    obsidianInline: ObsidianInline;
  }
  interface BlockContentMap {
    obsidianBlock: ObsidianBlock;
  }
  interface RootContentMap {
    obsidianInline: ObsidianInline;
    obsidianBlock: ObsidianBlock;
  }
}

export function inline(tag: string, className: string, children: PhrasingContent[], extra: Record<string, unknown> = {}): ObsidianInline {
  return { type: 'obsidianInline', children, data: { hName: tag, hProperties: { className: [className], ...extra } } };
}

export function block(tag: string, className: string, children: BlockContent[], extra: Record<string, unknown> = {}): ObsidianBlock {
  return { type: 'obsidianBlock', children, data: { hName: tag, hProperties: { className: [className], ...extra } } };
}

export function text(value: string): PhrasingContent {
  return { type: 'text', value };
}
