/**
 * Obsidian links and embeds: `[[Note]]`, `[[Note|shown]]`, `[[Note#Heading]]`, `[[Note#^block]]`,
 * `[[#Heading]]`, `![[image.png|300]]`, `![[Note]]`, `![[Note#Heading]]`, and Markdown links to
 * notes and attachments. A link that resolves becomes a link; one that does not becomes visibly
 * unresolved text (never a link to a missing page) and an author problem with a suggestion.
 *
 * Wikilinks are found in text nodes after parsing, as Quartz and starlight-obsidian do: `[[` has no
 * meaning in CommonMark, so the text survives parsing intact, and inside GFM tables `\|` has
 * already become `|` by then, which makes `[[Note\|alias]]` in a table work with no special case.
 */
import type { Image, Link, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { findAndReplace } from 'mdast-util-find-and-replace';
import { suggestClosest } from '../report.ts';
import { isScriptableAttachment } from '../sanitize.ts';
import { resolveAttachment, resolveNote, type IndexedNote } from '../vault.ts';
import { eachTextParent, walk } from '../walk.ts';
import { lineAt, type LinkFragment, type NoteContext } from './context.ts';
import { findHeading } from './headings.ts';
import { block, inline, text } from './nodes.ts';

const WIKILINK = /(!?)\[\[([^[\]\n]+?)\]\]/g;
/** Where `[[` is text, not a link: code, math, and the text of links. */
const WIKILINK_IGNORE = ['link', 'linkReference', 'inlineCode', 'code', 'math', 'inlineMath'];
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'bmp', 'svg', 'webp', 'avif']);
const AUDIO_EXTENSIONS = new Set(['mp3', 'wav', 'm4a', 'ogg', 'flac', '3gp']);
const VIDEO_EXTENSIONS = new Set(['mp4', 'webm', 'ogv', 'mov', 'mkv']);

/** The parts of `[[target#fragment|display]]`, with embed sizes split off the display part. */
export interface ParsedWikilink {
  embed: boolean;
  target: string;
  fragment: LinkFragment | undefined;
  display: string | undefined;
  width: number | undefined;
  height: number | undefined;
}

export function parseWikilink(inner: string, embed: boolean): ParsedWikilink {
  const [targetPart = '', ...rest] = inner.split('|');
  const hash = targetPart.indexOf('#');
  const target = (hash === -1 ? targetPart : targetPart.slice(0, hash)).trim();
  const rawFragment = hash === -1 ? '' : targetPart.slice(hash + 1).trim();
  const fragment: LinkFragment | undefined = !rawFragment
    ? undefined
    : rawFragment.startsWith('^')
      ? { kind: 'block', id: rawFragment.slice(1) }
      : { kind: 'heading', text: rawFragment };
  let width: number | undefined;
  let height: number | undefined;
  const displayParts = [...rest];
  if (embed && displayParts.length > 0) {
    const size = /^\s*(\d+)(?:x(\d+))?\s*$/.exec(displayParts[displayParts.length - 1] ?? '');
    if (size?.[1]) {
      width = Number(size[1]);
      height = size[2] ? Number(size[2]) : undefined;
      displayParts.pop();
    }
  }
  const display = displayParts.join('|').trim() || undefined;
  return { embed, target, fragment, display, width, height };
}

function extensionOf(target: string): string {
  const name = target.split('/').pop() ?? target;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function isNoteTarget(target: string): boolean {
  const extension = extensionOf(target);
  return extension === '' || extension === 'md' || !/^[a-z0-9]{1,5}$/.test(extension);
}

function fragmentLabel(fragment: LinkFragment): string {
  if (fragment.kind === 'block') return `^${fragment.id}`;
  // A nested heading link reads as its path, as Obsidian shows it (`Note › S3 › On the exam`).
  const parts = fragment.text
    .split('#')
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.length > 0 ? parts.join(' › ') : fragment.text;
}

/** The `#id` a fragment points to in a note, or a problem if the note has no such heading/block. */
function resolveFragment(ctx: NoteContext, note: IndexedNote, fragment: LinkFragment | undefined): { hash: string } | { missing: 'missing-heading' | 'missing-block' } {
  if (!fragment) return { hash: '' };
  if (fragment.kind === 'block') {
    return ctx.blockIdsOf(note.path).has(fragment.id) ? { hash: `#^${fragment.id}` } : { missing: 'missing-block' };
  }
  const heading = findHeading(ctx.headingsOf(note.path), fragment.text);
  return heading ? { hash: `#${heading.id}` } : { missing: 'missing-heading' };
}

/** A vault file the site will not publish (see isScriptableAttachment): its name, as text. */
function notPublished(label: string): PhrasingContent {
  return inline('span', 'unresolved-link', [text(label)], { title: 'Not published: a file a browser would run as a page' });
}

function unresolved(label: string, why: string): PhrasingContent {
  return inline('span', 'unresolved-link', [text(label)], { title: why, 'data-unresolved': 'true' });
}

function noteNames(ctx: NoteContext): string[] {
  return ctx.index.notes.flatMap((n) => [n.name, ...n.aliases]);
}

/** A link to another note (or a place in this one), or unresolved text plus a problem. */
function linkToNote(ctx: NoteContext, parsed: ParsedWikilink, line: number, raw: string): PhrasingContent {
  if (parsed.target && !isNoteTarget(parsed.target)) {
    // `[[diagram.png|see the diagram]]`: a plain link to a file, not an embed.
    const attachment = resolveAttachment(ctx.index, parsed.target, ctx.note.path);
    if (attachment && isScriptableAttachment(attachment)) return notPublished(parsed.display ?? attachment);
    if (attachment) {
      ctx.useAttachment(attachment);
      const name = attachment.split('/').pop() ?? attachment;
      // `[[doc.pdf#page=3]]` opens the PDF at that page, as in Obsidian (browsers' viewers read the fragment).
      const page = extensionOf(attachment) === 'pdf' ? pdfOptions(parsed.fragment).page : undefined;
      const url = `${ctx.attachmentUrl(attachment)}${page ? `#page=${page}` : ''}`;
      return { type: 'link', url, children: [text(parsed.display ?? name)], data: { hProperties: { className: ['attachment-link'] } } };
    }
  }
  const target = parsed.target ? resolveNote(ctx.index, parsed.target, ctx.note.path) : ctx.note;
  const defaultLabel = parsed.target
    ? parsed.fragment
      ? `${parsed.target} › ${fragmentLabel(parsed.fragment)}`
      : parsed.target
    : parsed.fragment
      ? fragmentLabel(parsed.fragment)
      : raw;
  const label = parsed.display ?? defaultLabel;
  if (!target) {
    const suggestion = suggestClosest(parsed.target, noteNames(ctx));
    ctx.report({
      kind: 'unresolved-link',
      line,
      target: parsed.target,
      message: `Link [[${raw}]] points to no note in this vault`,
      ...(suggestion ? { suggestion } : {}),
    });
    return unresolved(label, `No note named "${parsed.target}" in this vault`);
  }
  const fragment = resolveFragment(ctx, target, parsed.fragment);
  if ('missing' in fragment) {
    const what = parsed.fragment ? fragmentLabel(parsed.fragment) : '';
    const candidates = fragment.missing === 'missing-heading' ? ctx.headingsOf(target.path).map((h) => h.text) : [...ctx.blockIdsOf(target.path)];
    const suggestion = suggestClosest(what.replace(/^\^/, ''), candidates);
    ctx.report({
      kind: fragment.missing,
      line,
      target: `${target.name}#${what}`,
      message: `Link [[${raw}]]: "${target.name}" has no ${fragment.missing === 'missing-heading' ? 'heading' : 'block'} "${what}"`,
      ...(suggestion ? { suggestion } : {}),
    });
  }
  if (target !== ctx.note) ctx.linkTo(target);
  const hash = 'hash' in fragment ? fragment.hash : '';
  const url = target === ctx.note && hash ? hash : `${ctx.noteUrl(target)}${hash}`;
  const link: Link = { type: 'link', url, children: [text(label)], data: { hProperties: { className: ['internal-link'] } } };
  return link;
}

function missingEmbed(ctx: NoteContext, parsed: ParsedWikilink, line: number, raw: string): PhrasingContent {
  const isImage = IMAGE_EXTENSIONS.has(extensionOf(parsed.target));
  const suggestion = suggestClosest(
    parsed.target.split('/').pop() ?? parsed.target,
    ctx.index.attachments.map((a) => a.split('/').pop() ?? a),
  );
  ctx.report({
    kind: 'missing-embed',
    line,
    target: parsed.target,
    message: `Embed ![[${raw}]]: no file "${parsed.target}" in this vault`,
    ...(suggestion ? { suggestion } : {}),
  });
  return inline('span', 'missing-embed', [text(`${isImage ? 'Missing image' : 'Missing file'}: ${parsed.target}`)], {
    'data-missing-embed': parsed.target,
  });
}

/** An embedded file: image, audio, video, or a link for anything a browser cannot show inline. */
function embedAttachment(ctx: NoteContext, parsed: ParsedWikilink, line: number, raw: string): PhrasingContent {
  const path = resolveAttachment(ctx.index, parsed.target, ctx.note.path);
  if (!path) return missingEmbed(ctx, parsed, line, raw);
  if (isScriptableAttachment(path)) return notPublished(parsed.display ?? path);
  ctx.useAttachment(path);
  const url = ctx.attachmentUrl(path);
  const extension = extensionOf(path);
  const fileName = path.split('/').pop() ?? path;
  if (IMAGE_EXTENSIONS.has(extension)) {
    const image: Image = {
      type: 'image',
      url,
      alt: parsed.display ?? fileName.replace(/\.[^.]+$/, ''),
      data: {
        hProperties: {
          loading: 'lazy',
          decoding: 'async',
          ...(parsed.width ? { width: parsed.width } : {}),
          ...(parsed.height ? { height: parsed.height } : {}),
        },
      },
    };
    return image;
  }
  if (AUDIO_EXTENSIONS.has(extension) || VIDEO_EXTENSIONS.has(extension)) {
    const tag = AUDIO_EXTENSIONS.has(extension) ? 'audio' : 'video';
    return {
      type: 'obsidianInline',
      children: [text(`${tag === 'audio' ? 'Audio' : 'Video'}: ${fileName}`)],
      data: {
        hName: tag,
        hProperties: {
          src: url,
          controls: true,
          preload: 'metadata',
          'aria-label': parsed.display ?? fileName,
          ...(parsed.width ? { width: parsed.width } : {}),
        },
      },
    };
  }
  const link: PhrasingContent = { type: 'link', url, children: [text(parsed.display ?? fileName)], data: { hProperties: { className: ['attachment-link'] } } };
  if (extension === 'pdf') {
    // Obsidian shows an embedded PDF in a viewer; the link stays for browsers that show none.
    // `#page=3` opens it at that page and `#height=400` sizes the viewer, as in Obsidian.
    const options = pdfOptions(parsed.fragment);
    const viewer: PhrasingContent = {
      type: 'obsidianInline',
      children: [],
      data: {
        hName: 'iframe',
        hProperties: {
          className: ['pdf-embed'],
          src: options.page ? `${url}#page=${options.page}` : url,
          title: parsed.display ?? fileName,
          loading: 'lazy',
          // A readable page by default (a bare iframe is 300 × 150); `|width` or `|WxH` as for images.
          width: parsed.width ?? '100%',
          height: options.height ?? parsed.height ?? 600,
        },
      },
    };
    return inline('span', 'pdf-embed', [viewer, link]);
  }
  return link;
}

/** Obsidian's options for an embedded PDF, written where a note's heading would be: `#page=3`, `#height=400`. */
function pdfOptions(fragment: LinkFragment | undefined): { page?: number; height?: number } {
  if (fragment?.kind !== 'heading') return {};
  const options: { page?: number; height?: number } = {};
  for (const part of fragment.text.split(/[&#]/)) {
    const match = /^\s*(page|height)\s*=\s*(\d{1,6})\s*$/i.exec(part);
    if (match?.[1] && match[2] && Number(match[2]) > 0) options[match[1].toLowerCase() as 'page' | 'height'] = Number(match[2]);
  }
  return options;
}

/** `![[Note]]` or `![[Note#Heading]]` standing alone: the other note's content, framed and linked. */
function transcludeNote(ctx: NoteContext, parsed: ParsedWikilink, line: number, raw: string): RootContent | undefined {
  const target = parsed.target ? resolveNote(ctx.index, parsed.target, ctx.note.path) : ctx.note;
  if (!target) return undefined;
  const result = ctx.transclude(target, parsed.fragment);
  const label = parsed.fragment ? `${target.name} › ${fragmentLabel(parsed.fragment)}` : target.name;
  const fragment = resolveFragment(ctx, target, parsed.fragment);
  const source: Link = {
    type: 'link',
    url: `${ctx.noteUrl(target)}${'hash' in fragment ? fragment.hash : ''}`,
    children: [text(label)],
    data: { hProperties: { className: ['internal-link'] } },
  };
  if (target !== ctx.note) ctx.linkTo(target);
  if (!result.ok) {
    const problemKind = result.reason === 'loop' ? 'embed-loop' : result.reason;
    ctx.report({
      kind: problemKind,
      line,
      target: label,
      message:
        result.reason === 'loop'
          ? `Embed ![[${raw}]] would include itself (an embed loop); shown as a link`
          : `Embed ![[${raw}]]: "${target.name}" has no ${result.reason === 'missing-heading' ? 'heading' : 'block'} "${parsed.fragment ? fragmentLabel(parsed.fragment) : ''}"`,
    });
    return {
      type: 'paragraph',
      children: [inline('span', 'missing-embed', [text(result.reason === 'loop' ? 'Embed loop: ' : 'Missing section: ')]), source],
    };
  }
  return block('div', 'transclusion', [
    { type: 'paragraph', children: [text('From '), source], data: { hProperties: { className: ['transclusion-source'] } } },
    ...(result.nodes as never[]),
  ]);
}

function replaceWikilink(
  ctx: NoteContext,
  match: string,
  bang: string,
  inner: string,
  node: { value: string; position?: { start: { line: number } } },
  offset: number,
): PhrasingContent {
  const embed = bang === '!';
  const parsed = parseWikilink(inner, embed);
  const line = lineAt(node, node.value, offset);
  if (embed && !isNoteTarget(parsed.target)) return embedAttachment(ctx, parsed, line, inner);
  if (embed) {
    // A note embed inside running text cannot hold block content: it reads as a link instead.
    const target = resolveNote(ctx.index, parsed.target, ctx.note.path);
    if (!target) return missingEmbed(ctx, parsed, line, inner);
  }
  void match;
  return linkToNote(ctx, parsed, line, inner);
}

/** Replaces every wikilink and embed in the note. */
export function transformWikilinks(tree: Root, ctx: NoteContext): void {
  // Block-level note embeds first: each line of a paragraph that holds nothing but `![[Note]]` or
  // `![](Note.md)` (see embedLines).
  walk(tree, 'paragraph', (node: Paragraph, index, parent) => {
    if (!parent || index === undefined || !node.children.some((c) => c.type === 'image' || (c.type === 'text' && c.value.includes('![[')))) return;
    const blocks = embedLines(ctx, node);
    if (!blocks) return undefined;
    parent.children.splice(index, 1, ...(blocks as never[]));
    return index + blocks.length;
  });
  // Only where some text holds a `[[` (see eachTextParent): the whole-tree pass costs far more.
  eachTextParent(tree, '[[', WIKILINK_IGNORE, (parent) =>
    findAndReplace(
      parent,
      [
        WIKILINK,
        (match: string, bang: string, inner: string, info) => {
          const node = info.stack[info.stack.length - 1] as { value: string; position?: { start: { line: number } } };
          return replaceWikilink(ctx, match, bang, inner, node, info.index);
        },
      ],
      { ignore: WIKILINK_IGNORE },
    ),
  );
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** One line of a paragraph: its inline nodes, and what ended it (a line ending, a hard break, or the paragraph's end). */
interface ParagraphLine {
  nodes: PhrasingContent[];
  end: PhrasingContent | undefined;
}

/**
 * A paragraph with a line that holds nothing but a note embed, as the blocks Obsidian shows: the
 * embedded note (or section, or block) where that line was, and the other lines as paragraphs
 * around it. Obsidian shows such an embed as a block even among other lines, so embeds stacked one
 * per line (with no blank line between them, as a map of content often has them) each show their
 * note. Undefined when no line is such an embed, or none resolves (the paragraph is then left as
 * it was, and the inline pass makes a link or a missing embed of each).
 */
function embedLines(ctx: NoteContext, paragraph: Paragraph): RootContent[] | undefined {
  const lines = splitLines(paragraph);
  const embeds = lines.map((line) => {
    const content = line.nodes.filter((n) => n.type !== 'text' || n.value.trim() !== '');
    const only = content[0];
    if (content.length !== 1 || !only) return undefined;
    let inner: string | undefined;
    if (only.type === 'text') inner = /^!\[\[([^[\]\n]+?)\]\]$/.exec(only.value.trim())?.[1];
    else if (only.type === 'image' && !SCHEME.test(only.url) && !only.url.startsWith('/')) inner = decodeTarget(only.url);
    if (!inner) return undefined;
    const parsed = parseWikilink(inner, true);
    if (!isNoteTarget(parsed.target)) return undefined;
    return transcludeNote(ctx, parsed, only.position?.start.line ?? paragraph.position?.start.line ?? 1, inner);
  });
  if (embeds.every((embed) => embed === undefined)) return undefined;
  const blocks: RootContent[] = [];
  let pending: PhrasingContent[] = [];
  const flush = () => {
    if (pending.length > 0) blocks.push({ type: 'paragraph', children: pending });
    pending = [];
  };
  lines.forEach((line, i) => {
    const embed = embeds[i];
    if (embed) {
      // The line ending before the embed ends the paragraph above it.
      if (pending.at(-1)?.type === 'break' || (pending.at(-1)?.type === 'text' && (pending.at(-1) as Text).value === '\n')) pending.pop();
      flush();
      blocks.push(embed);
      return;
    }
    pending.push(...line.nodes);
    if (line.end) pending.push(line.end);
  });
  flush();
  return blocks;
}

/**
 * A paragraph's lines. Soft line endings are `\n` inside text nodes (kept as a text node of their
 * own when the paragraph is put back together); a text node split here keeps the line it starts on,
 * which is all the problems it may report read of its position (see lineAt).
 */
function splitLines(paragraph: Paragraph): ParagraphLine[] {
  const lines: ParagraphLine[] = [{ nodes: [], end: undefined }];
  const current = () => lines[lines.length - 1] as ParagraphLine;
  for (const child of paragraph.children) {
    if (child.type === 'break') {
      current().end = child;
      lines.push({ nodes: [], end: undefined });
    } else if (child.type === 'text' && child.value.includes('\n')) {
      const start = child.position?.start.line;
      child.value.split('\n').forEach((part, i) => {
        if (i > 0) {
          current().end = text('\n');
          lines.push({ nodes: [], end: undefined });
        }
        if (!part) return;
        const piece = text(part);
        if (start !== undefined) piece.position = { start: { line: start + i, column: 1 }, end: { line: start + i, column: 1 + part.length } };
        current().nodes.push(piece);
      });
    } else current().nodes.push(child);
  }
  return lines;
}

function decodeTarget(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/**
 * Markdown links and images with vault paths (`[x](Other%20Note.md)`, `![](img/a.png)`) resolve
 * like wikilinks; absolute URLs and other schemes are left as written.
 */
export function transformMarkdownLinks(tree: Root, ctx: NoteContext): void {
  walk(tree, (node, index, parent) => {
    if ((node.type !== 'link' && node.type !== 'image') || !parent || index === undefined) return;
    if ((node.data?.hProperties as { className?: string[] } | undefined)?.className) return;
    const url = node.url;
    if (!url || SCHEME.test(url) || url.startsWith('//')) return;
    const line = node.position?.start.line ?? 1;
    if (url.startsWith('#')) {
      if (node.type !== 'link') return;
      const heading = findHeading(ctx.headingsOf(ctx.note.path), decodeTarget(url.slice(1)));
      if (heading) node.url = `#${heading.id}`;
      return;
    }
    const decoded = decodeTarget(url);
    const hash = decoded.indexOf('#');
    const pathPart = hash === -1 ? decoded : decoded.slice(0, hash);
    const fragmentPart = hash === -1 ? '' : decoded.slice(hash + 1);
    if (node.type === 'image' || !isNoteTarget(pathPart)) {
      const attachment = resolveAttachment(ctx.index, pathPart, ctx.note.path);
      if (attachment && isScriptableAttachment(attachment)) {
        parent.children.splice(index, 1, notPublished(pathPart) as never);
        return;
      }
      if (attachment) {
        ctx.useAttachment(attachment);
        node.url = ctx.attachmentUrl(attachment);
        if (node.type === 'image') node.data = { ...node.data, hProperties: { loading: 'lazy', decoding: 'async' } };
        return;
      }
      if (url.startsWith('/')) return;
      const parsed: ParsedWikilink = { embed: true, target: pathPart, fragment: undefined, display: undefined, width: undefined, height: undefined };
      parent.children.splice(index, 1, missingEmbed(ctx, parsed, line, pathPart) as never);
      return;
    }
    if (url.startsWith('/')) return;
    const parsed: ParsedWikilink = {
      embed: false,
      target: pathPart,
      fragment: fragmentPart ? (fragmentPart.startsWith('^') ? { kind: 'block', id: fragmentPart.slice(1) } : { kind: 'heading', text: fragmentPart }) : undefined,
      display: undefined,
      width: undefined,
      height: undefined,
    };
    const replacement = linkToNote(ctx, parsed, line, decoded);
    if (replacement.type === 'link') {
      node.url = replacement.url;
      node.data = replacement.data;
    } else {
      const label = node.children.map((c) => ('value' in c ? c.value : '')).join('') || pathPart;
      parent.children.splice(index, 1, unresolved(label, `No note "${pathPart}" in this vault`) as never);
    }
  });
}
