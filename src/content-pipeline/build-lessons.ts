/**
 * The content pipeline: an Obsidian vault in, lessons (HTML plus everything a page shows around
 * it) and author problems out.
 *
 * Why unified/remark rather than Astro 7's default Markdown engine (Sätteri): Sätteri runs no
 * remark/rehype plugins, and everything here needs the Markdown syntax tree of the *whole vault* at
 * once: links resolve against every note's name, aliases, headings and block ids; embeds pull in
 * other notes' sections; backlinks need every note's outgoing links; and the quiz extractor reads
 * callouts and lists from the same tree. So the vault is processed in two passes: parse every
 * note (pass 1), then transform and render each with the full index in hand (pass 2). Astro gets
 * finished HTML through a content loader (see astro-loader.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Heading, Root, RootContent, Yaml } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Options as KatexOptions } from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkBreaks from 'remark-breaks';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { type Processor, unified } from 'unified';
import { normalizeTag, parseFrontmatter, type NoteFrontmatter } from './frontmatter.ts';
import { extractBlockIds } from './obsidian/block-ids.ts';
import { transformCallouts } from './obsidian/callouts.ts';
import { applyCorrections, correctionProblems, loadCorrections } from './obsidian/corrections.ts';
import { stripComments } from './obsidian/comments.ts';
import type { HeadingInfo, LinkFragment, NoteContext, TranscludeResult } from './obsidian/context.ts';
import { transformMermaid } from './obsidian/diagrams.ts';
import { applyImageSizes, transformInlineFootnotes } from './obsidian/fidelity.ts';
import { assignHeadingIds, dropTitleHeading, findHeading } from './obsidian/headings.ts';
import { remarkObsidianInlineMath } from './obsidian/math.ts';
import { transformHighlights } from './obsidian/highlights.ts';
import { transformInlineTags } from './obsidian/tags.ts';
import { transformTaskMarkers } from './obsidian/tasks.ts';
import { transformMarkdownLinks, transformWikilinks } from './obsidian/wikilinks.ts';
import {
  assembleVaultQuestions,
  detachQuizCallouts,
  isQuestionFile,
  parseAuthoredQuestions,
  parseVaultAuthored,
  readNote,
  type AuthoredResult,
  type AuthoredVault,
  type NoteReadings,
  type Question,
  type QuestionNote,
} from './questions/index.ts';
import { rehypeKatexOnce } from './katex-once.ts';
import { WARNING_KINDS, type AuthorProblem } from './report.ts';
import { dropUnclosedRawText, rehypeSafeLesson } from './sanitize.ts';
import { slugifyPath } from './slug.ts';
import { readStudySettings } from './study-settings.ts';
import { attachmentUrl, buildVaultIndex, scanVault, type IndexedNote, type LinkFormat, type VaultIndex } from './vault.ts';
import { cloneTree, EXIT, eachTextParent, SKIP, walk } from './walk.ts';
import { writeFileAtomically } from './write-atomically.ts';

export interface PipelineOptions {
  /** The vault folder. */
  vaultDir: string;
  /** Site base path, ending in `/`. */
  base?: string;
  /**
   * Obsidian shows a single newline as a line break unless "Strict line breaks" is on; undefined
   * reads that setting from the vault's `.obsidian/app.json`.
   */
  strictLineBreaks?: boolean;
  /**
   * `$...$` inline math. Undefined (the default) follows Obsidian: math only when the dollars hug
   * it (`$\to$`), so prices like `$0.05 per GB and $0.10` stay text (see obsidian/math.ts). `true`
   * makes every `$…$` math, `false` turns single-dollar math off (`$$…$$` always works).
   */
  singleDollarMath?: boolean;
  /** Extract quiz questions (default true); the question benchmark turns it off for its baseline. */
  questions?: boolean;
  /**
   * Keep each note's parse and rendering in this file between builds (see PipelineCache below),
   * so that a rebuild after editing one note parses and renders only what the edit changed.
   * `version` must change whenever the pipeline's code does (the content loader hashes it).
   * `writeLater` leaves the writing to the caller (see VaultBuild's `writeCache`).
   */
  cache?: { file: string; version: string; writeLater?: boolean };
}

/**
 * What a build keeps of each note for the next: its pass-1 result, keyed by the note's text, in two
 * parts serialised with node:v8: the properties, headings and block ids, which every build reads of
 * every note, and the tree with its block map (node:v8 keeps the map pointing into the tree), which
 * is read back only for a note that is rendered, embedded or read for questions again. Then its
 * rendering (HTML and everything else pass 2 found), keyed by what that rendering read: the note's
 * text, the vault's names and settings (`key`), the headings and block ids of each note it linked
 * to (`facts`) and the text of each note it embedded (`sources`). And what the questions read of
 * it alone: its authored questions and what the generators read of its tree (readNote). The
 * cross-note steps (backlinks, duplicate question ids, generating and keying the questions) always
 * run again over every note, so their output is the same as a cold build's.
 */
interface PipelineCache {
  version: string;
  notes: Map<string, CachedNote>;
}

interface CachedNote {
  hash: string;
  facts: Uint8Array;
  parsed: Uint8Array;
  render?: CachedRender;
  /** The note's authored questions, keyed by its text and the slug, title and tags they carry. */
  authored?: { key: string; result: Uint8Array };
  /** What the question generators read of the tree, keyed by the study settings. */
  readings?: { key: string; value: Uint8Array };
}

interface CachedRender {
  key: string;
  facts: Array<[path: string, digest: string]>;
  sources: Array<[path: string, hash: string]>;
  out: RenderedNote;
}

/** Pass 2's result for one note. */
interface RenderedNote {
  html: string;
  links: string[];
  tags: string[];
  problems: AuthorProblem[];
  attachments: string[];
  hasMath: boolean;
  hasMermaid: boolean;
  examCallouts: number;
  description: string;
  wordCount: number;
}

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function readPipelineCache(cache: PipelineOptions['cache']): PipelineCache['notes'] {
  if (!cache) return new Map();
  try {
    const stored = deserialize(readFileSync(cache.file)) as PipelineCache;
    return stored.version === cache.version && stored.notes instanceof Map ? stored.notes : new Map();
  } catch {
    return new Map();
  }
}

function writePipelineCache(cache: NonNullable<PipelineOptions['cache']>, notes: PipelineCache['notes']): void {
  writeFileAtomically(cache.file, serialize({ version: cache.version, notes } satisfies PipelineCache));
}

/**
 * The cache's writing, for later. Made out here rather than in buildVault: a function made in there
 * would keep every variable its other functions use alive (V8 gives them one shared scope), the
 * run's parsed trees among them, while only the cache is needed.
 */
function pipelineCacheWriter(cache: NonNullable<PipelineOptions['cache']>, notes: PipelineCache['notes']): () => void {
  return () => writePipelineCache(cache, notes);
}

export interface Lesson {
  /** Vault-relative path of the note. */
  path: string;
  slug: string;
  /** The file name without `.md`. */
  name: string;
  title: string;
  folder: string;
  aliases: string[];
  /** Frontmatter and inline tags, as first written, without `#`, de-duplicated case-insensitively. */
  tags: string[];
  headings: HeadingInfo[];
  html: string;
  description: string;
  /** Paths of the notes this one links to or embeds. */
  linksTo: string[];
  /** Paths of the notes that link here. */
  linkedFrom: string[];
  hasMath: boolean;
  hasMermaid: boolean;
  /** Number of "On the Exam" callouts. */
  examCallouts: number;
  wordCount: number;
  /** The parsed note properties, for features that read their own keys. */
  frontmatter: NoteFrontmatter;
  /** Authored and generated quiz questions (see questions/). */
  questions: Question[];
}

export interface ParsedNote {
  note: IndexedNote;
  /** The tree after pass 1: comments removed, heading and block ids assigned. Never mutated after. */
  tree: Root;
  frontmatter: NoteFrontmatter;
  headings: HeadingInfo[];
  blocks: Map<string, RootContent>;
  /** The keys of `blocks`, which a kept note has without reading its tree back. */
  blockIds: string[];
  source: string;
}

/** A kept note's pass-1 result: its facts at once, its tree and block map when first read. */
function keptParse(note: IndexedNote, source: string, entry: CachedNote): ParsedNote {
  const { frontmatter, headings, blockIds } = deserialize(entry.facts) as Pick<ParsedNote, 'frontmatter' | 'headings' | 'blockIds'>;
  let body: Pick<ParsedNote, 'tree' | 'blocks'> | undefined;
  const read = () => {
    body ??= deserialize(entry.parsed) as Pick<ParsedNote, 'tree' | 'blocks'>;
    return body;
  };
  return {
    note,
    source,
    frontmatter,
    headings,
    blockIds,
    get tree() {
      return read().tree;
    },
    get blocks() {
      return read().blocks;
    },
  };
}

export interface VaultBuild {
  lessons: Lesson[];
  parsed: Map<string, ParsedNote>;
  index: VaultIndex;
  /** Attachments the pages use, vault-relative, with the URL each is published under. */
  attachments: Array<{ path: string; url: string }>;
  /** Broken links and embeds: the pages still build. */
  warnings: AuthorProblem[];
  /** Problems that make a note unbuildable (bad properties): the build must stop. */
  errors: AuthorProblem[];
  /**
   * With `cache.writeLater`, when this run changed the per-note cache: writes it. The run beside
   * Astro hands its lessons on first (see cli/early-lessons.ts), since only the next build reads it.
   */
  writeCache?: () => void;
  /** How many notes this run parsed, rather than read back from the per-note cache. */
  notesParsed: number;
}

/** Thrown at the build boundary only: a note that cannot be processed, named by file and line. */
export class NoteBuildError extends Error {
  readonly problems: AuthorProblem[];

  // A plain field rather than a parameter property, which plain Node cannot strip (see cli/early-lessons.ts).
  constructor(problems: AuthorProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}  ${p.message}`).join('\n'));
    this.name = 'NoteBuildError';
    this.problems = problems;
  }
}

/** The Obsidian settings that change how notes read, from `.obsidian/app.json` when present. */
function readObsidianSettings(vaultDir: string): { strictLineBreaks: boolean; linkFormat: LinkFormat } {
  try {
    const settings = JSON.parse(readFileSync(join(vaultDir, '.obsidian', 'app.json'), 'utf8')) as { strictLineBreaks?: unknown; newLinkFormat?: unknown };
    const linkFormat = settings.newLinkFormat === 'relative' || settings.newLinkFormat === 'absolute' ? settings.newLinkFormat : 'shortest';
    return { strictLineBreaks: settings.strictLineBreaks === true, linkFormat };
  } catch {
    return { strictLineBreaks: false, linkFormat: 'shortest' };
  }
}

/**
 * remark-gfm's literal autolinks (`www.example.com`, `https://…`, `name@example.com` in plain text)
 * are found by a scan of every text node after parsing (mdast-util-gfm-autolink-literal's
 * transform), about 0.2 ms a note, a tenth of parsing. It can only match text holding "@",
 * "http://", "https://" or "www." (its patterns need one of them), so a note without any of them
 * is parsed without the scan: same tree, measured 385 ms less over 2,000 notes.
 */
const MAY_HOLD_LITERAL_AUTOLINK = /@|https?:\/\/|www\./i;

/** A remark plugin, after remark-gfm: its mdast extensions without the autolink-literal scan. */
function withoutLiteralAutolinkScan(this: Processor): void {
  type Extension = { enter?: Record<string, unknown>; transforms?: unknown[] } | Extension[];
  const strip = (extension: Extension): Extension =>
    Array.isArray(extension) ? extension.map(strip) : extension.enter && 'literalAutolink' in extension.enter ? { ...extension, transforms: [] } : extension;
  const data = this.data() as { fromMarkdownExtensions?: Extension[] };
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map(strip);
}

function createParser(singleDollarMath: boolean | undefined) {
  const make = (scanLiteralAutolinks: boolean) => {
    // Strikethrough takes two tildes, as in Obsidian (its help knows only `~~text~~`): GFM's single
    // tilde struck `~$5/month (~` out of "costs ~$5/month (~$60/yr)", and notes write `~` for "about".
    const parser = unified().use(remarkParse).use(remarkGfm, { singleTilde: false });
    if (!scanLiteralAutolinks) parser.use(withoutLiteralAutolinkScan);
    parser.use(remarkFrontmatter, ['yaml']).use(remarkMath, { singleDollarTextMath: singleDollarMath === true });
    return (singleDollarMath === undefined ? parser.use(remarkObsidianInlineMath) : parser).freeze();
  };
  const full = make(true);
  const withoutScan = make(false);
  return (source: string) => (MAY_HOLD_LITERAL_AUTOLINK.test(source) ? full : withoutScan).parse(source) as Root;
}

// rehype-katex shows bad TeX as red source text rather than failing; MathML keeps math readable to screen readers.
// `trust` stays off (KaTeX's default): `\href{javascript:…}` and `\htmlData` in a note render as errors.
// `strict` off: Obsidian's MathJax takes Unicode text in math (`$größe$`, `$数据$`), and KaTeX
// renders it too, but in its default 'warn' mode printed a console line for each such character
// without saying which note it was in.
const KATEX_OPTIONS: KatexOptions = { output: 'htmlAndMathml', trust: false, strict: false };

/**
 * Markdown tree → safe HTML. Raw HTML is carried into the HTML tree only to pass the allowlist
 * (sanitize.ts) before anything is written out; KaTeX runs after it (see sanitize.ts for why).
 */
function createRenderers(base: string) {
  const safe = { attachmentPrefix: `${base}attachments/` };
  return {
    plain: unified().use(remarkRehype, { allowDangerousHtml: true }).use(rehypeSafeLesson, safe).use(rehypeStringify).freeze(),
    withMath: unified().use(remarkRehype, { allowDangerousHtml: true }).use(rehypeSafeLesson, safe).use(rehypeKatexOnce, KATEX_OPTIONS).use(rehypeStringify).freeze(),
  };
}

/** Pass 1: parse one note's source. Returns a problem instead of throwing for bad properties. */
export function parseNote(note: IndexedNote, source: string, parser: ReturnType<typeof createParser>): { ok: true; parsed: ParsedNote } | { ok: false; problem: AuthorProblem } {
  // Windows line endings as Unix ones (one line each, so every line number holds): remark keeps a
  // `\r` in the text, where it broke a callout's title onto a line of its own and ended lines
  // that the Obsidian steps read up to their `\n`.
  const text = stripComments(source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  const tree = parser(text);
  transformTaskMarkers(tree, text);
  let frontmatter: NoteFrontmatter = { aliases: [], alias: [], tags: [], tag: [], publish: undefined };
  const yaml = tree.children.find((c): c is Yaml => c.type === 'yaml');
  if (yaml) {
    const result = parseFrontmatter(yaml.value, (yaml.position?.start.line ?? 1) + 1);
    if (!result.ok) {
      return { ok: false, problem: { kind: 'invalid-frontmatter', file: note.path, line: result.line, target: 'properties', message: result.message } };
    }
    frontmatter = result.data;
  }
  const headings = assignHeadingIds(tree);
  const blocks = extractBlockIds(tree);
  return { ok: true, parsed: { note, tree, frontmatter, headings, blocks, blockIds: [...blocks.keys()], source } };
}

/** The nodes a transclusion shows: the whole note, one heading's section, or one block. */
function selectFragment(parsed: ParsedNote, fragment: LinkFragment | undefined): RootContent[] | 'missing-heading' | 'missing-block' {
  const body = parsed.tree.children.filter((c) => c.type !== 'yaml');
  if (!fragment) return body;
  if (fragment.kind === 'block') {
    const node = parsed.blocks.get(fragment.id);
    if (!node) return 'missing-block';
    // A list item's block shows as a one-item list: an <li> on its own is not valid HTML, and
    // screen readers would not read it as a list item.
    return node.type === 'listItem' ? [{ type: 'list', ordered: false, spread: false, children: [node] }] : [node];
  }
  const heading = findHeading(parsed.headings, fragment.text);
  if (!heading) return 'missing-heading';
  const start = body.findIndex((c) => c.type === 'heading' && (c.data?.hProperties as { id?: string } | undefined)?.id === heading.id);
  if (start === -1) return 'missing-heading';
  const depth = (body[start] as Heading).depth;
  let end = start + 1;
  while (end < body.length) {
    const next = body[end];
    if (next?.type === 'heading' && next.depth <= depth) break;
    end += 1;
  }
  return body.slice(start, end);
}

/** Embedded copies must not repeat the ids of the page they came from (duplicate ids break anchors). */
function stripIds(nodes: RootContent[]): void {
  for (const node of nodes) {
    walk(node, (child) => {
      const props = child.data?.hProperties as Record<string, unknown> | undefined;
      if (props && 'id' in props) delete props.id;
    });
  }
}

/** Runs the vault through both passes. Throws NoteBuildError only for unbuildable notes. */
export function buildVault(options: PipelineOptions): VaultBuild {
  const base = options.base ?? '/';
  const obsidian = readObsidianSettings(options.vaultDir);
  const strictLineBreaks = options.strictLineBreaks ?? obsidian.strictLineBreaks;
  const parser = createParser(options.singleDollarMath);
  const renderers = createRenderers(base);
  const files = scanVault(options.vaultDir);

  // Pass 1 needs aliases for the index, and aliases come from the frontmatter: read sources first.
  const sources = new Map<string, string>();
  for (const path of files.notes) sources.set(path, readFileSync(join(options.vaultDir, path), 'utf8'));
  const provisional = buildVaultIndex(files);
  const parsed = new Map<string, ParsedNote>();
  const errors: AuthorProblem[] = [];
  const previous = readPipelineCache(options.cache);
  const kept: PipelineCache['notes'] = new Map();
  let cacheChanged = previous.size !== files.notes.length;
  let notesParsed = 0;
  for (const note of provisional.notes) {
    const source = sources.get(note.path) ?? '';
    const hash = digestOf(source);
    const hit = previous.get(note.path);
    if (hit?.hash === hash) {
      parsed.set(note.path, keptParse(note, source, hit));
      kept.set(note.path, hit);
      continue;
    }
    cacheChanged = true;
    notesParsed += 1;
    const result = parseNote(note, source, parser);
    if (result.ok) {
      parsed.set(note.path, result.parsed);
      const { tree, frontmatter, headings, blocks, blockIds } = result.parsed;
      if (options.cache) kept.set(note.path, { hash, facts: serialize({ frontmatter, headings, blockIds }), parsed: serialize({ tree, blocks }) });
    } else errors.push(result.problem);
  }
  previous.clear();
  if (errors.length > 0) throw new NoteBuildError(errors);

  // `publish: false` (Obsidian Publish's switch) keeps a note off the site entirely.
  for (const [path, p] of parsed) if (p.frontmatter.publish === false) parsed.delete(path);
  const aliasesByPath = new Map<string, string[]>();
  for (const [path, p] of parsed) aliasesByPath.set(path, [...p.frontmatter.aliases, ...p.frontmatter.alias]);
  // Question files (`_questions/`) stay in `parsed` for the question parser but are never lessons.
  const lessonPaths = files.notes.filter((path) => parsed.has(path) && !isQuestionFile(path));
  const index = buildVaultIndex({ notes: lessonPaths, attachments: files.attachments }, aliasesByPath, obsidian.linkFormat);
  for (const note of index.notes) {
    const p = parsed.get(note.path);
    if (p) p.note = note;
  }

  // Authored questions are checked before rendering: a malformed one stops the build (file:line),
  // and the valid ones' callouts move from the lesson body into the lesson quiz.
  let authored: AuthoredVault | undefined;
  if (options.questions !== false) {
    // A kept note's tree is read back only if its questions are parsed again (see authoredOf).
    const notes = [...parsed.values()].map((p) => ({
      path: p.note.path,
      slug: p.note.slug,
      title: p.frontmatter.title ?? p.note.name,
      tags: [],
      get tree() {
        return p.tree;
      },
    }));
    const authoredOf = (note: QuestionNote): AuthoredResult => {
      const entry = kept.get(note.path);
      const key = entry ? digestOf(JSON.stringify([entry.hash, note.slug, note.title, note.tags])) : '';
      if (entry?.authored?.key === key) return deserialize(entry.authored.result) as AuthoredResult;
      const result = parseAuthoredQuestions(note);
      if (entry) {
        entry.authored = { key, result: serialize(result) };
        cacheChanged = true;
      }
      return result;
    };
    authored = parseVaultAuthored(notes, authoredOf);
    if (authored.problems.length > 0) throw new NoteBuildError(authored.problems);
  }

  const warnings: AuthorProblem[] = [];
  const corrections = loadCorrections(options.vaultDir);
  const usedAttachments = new Map<string, string>();
  const noteUrl = (note: IndexedNote) => `${base}notes/${note.slug}/`;
  const tagUrl = (tag: string) => `${base}tags/${slugifyPath(normalizeTag(tag))}/`;
  // Notes share their attachments (a vault's screenshots, a diagram embedded in many notes), and a
  // URL takes a Unicode normalisation per folder: each is made once a build. Over 2,000 notes whose
  // renderings were all kept, the pipeline took 0.98–1.06 s making the same 50 URLs again and
  // again, and takes 0.85–0.90 s.
  const attachmentUrls = new Map<string, string>();
  const toAttachmentUrl = (path: string): string => {
    let url = attachmentUrls.get(path);
    if (url === undefined) {
      url = attachmentUrl(base, path);
      attachmentUrls.set(path, url);
    }
    return url;
  };

  // What a note's rendering read of other notes (see PipelineCache), shared with its embeds.
  type Reads = { facts: Set<string>; sources: Set<string>; attachments: string[] };
  const makeContext = (
    note: IndexedNote,
    sink: { problems: AuthorProblem[]; onlyLoops?: boolean; links: Set<string>; tags: string[]; reads: Reads },
    embedStack: readonly string[],
  ): NoteContext => {
    const ctx: NoteContext = {
      index,
      note,
      base,
      headingsOf: (path) => {
        sink.reads.facts.add(path);
        return parsed.get(path)?.headings ?? [];
      },
      blockIdsOf: (path) => {
        sink.reads.facts.add(path);
        return new Set(parsed.get(path)?.blockIds);
      },
      noteUrl,
      attachmentUrl: toAttachmentUrl,
      tagUrl,
      report: (problem) => {
        if (!sink.onlyLoops || problem.kind === 'embed-loop') sink.problems.push({ ...problem, file: note.path });
      },
      linkTo: (target) => sink.links.add(target.path),
      addTag: (tag) => sink.tags.push(tag),
      useAttachment: (path) => {
        sink.reads.attachments.push(path);
        usedAttachments.set(path, toAttachmentUrl(path));
      },
      transclude: (target, fragment): TranscludeResult => {
        sink.reads.sources.add(target.path);
        // A loop is an embed met again inside what it embeds. A part of a note embedded in that
        // note (`![[#^summary]]`, as Obsidian allows) is none unless the part holds the embed,
        // which the embedded copy then meets (the whole note is the first key on the stack).
        const key = `${target.path}#${fragment ? JSON.stringify(fragment) : ''}`;
        if (embedStack.includes(key)) return { ok: false, reason: 'loop' };
        const source = parsed.get(target.path);
        if (!source) return { ok: false, reason: 'missing-heading' };
        const selected = selectFragment(source, fragment);
        if (typeof selected === 'string') return { ok: false, reason: selected };
        const nodes = cloneTree(selected);
        stripIds(nodes);
        const root: Root = { type: 'root', children: nodes };
        // Problems inside the embedded note are reported on that note's own page; only a loop,
        // which exists only through this embed, is reported from here (at the embedding line).
        const embeddedCtx = makeContext(target, { problems: sink.problems, onlyLoops: true, links: new Set(), tags: [], reads: sink.reads }, [...embedStack, key]);
        transformLinks(root, embeddedCtx);
        return { ok: true, nodes: root.children };
      },
    };
    return ctx;
  };

  // Renderings are kept only without a corrections file: applying corrections records, across the
  // whole vault, which passages were found, and a kept rendering would not record them again.
  const keepRenders = options.cache !== undefined && corrections.entries.length === 0;
  const vaultKey = keepRenders
    ? digestOf(
        JSON.stringify({
          base,
          strictLineBreaks,
          linkFormat: index.linkFormat,
          notes: index.notes.map((n) => [n.path, n.name, n.folder, n.slug, n.aliases]),
          attachments: index.attachments,
        }),
      )
    : '';
  const factsDigests = new Map<string, string>();
  const factsOf = (path: string): string => {
    let digest = factsDigests.get(path);
    if (digest === undefined) {
      const p = parsed.get(path);
      digest = p ? digestOf(JSON.stringify([p.headings, p.blockIds])) : '';
      factsDigests.set(path, digest);
    }
    return digest;
  };
  const renderNote = (note: IndexedNote, p: ParsedNote, reads: Reads): RenderedNote => {
    const sink = { problems: [] as AuthorProblem[], links: new Set<string>(), tags: [] as string[], reads };
    const ctx = makeContext(note, sink, [`${note.path}#`]);
    const tree = cloneTree(p.tree);
    dropTitleHeading(tree, [p.frontmatter.title ?? note.name, note.name]);
    detachQuizCallouts(tree, new Set(authored?.byPath.get(note.path)?.questions.map((q) => q.id)));
    transformLinks(tree, ctx);
    applyImageSizes(tree);
    transformInlineFootnotes(tree);
    transformCallouts(tree);
    transformHighlights(tree);
    applyCorrections(tree, note.path, corrections);
    const diagrams = transformMermaid(tree);
    dropUnclosedRawText(tree);
    if (!strictLineBreaks) showLineBreaks(tree);
    let examCallouts = 0;
    let hasMath = false;
    walk(tree, (node) => {
      if (node.type === 'blockquote' && node.data?.callout?.exam) examCallouts += 1;
      if (node.type === 'math' || node.type === 'inlineMath') hasMath = true;
    });
    const processor = hasMath ? renderers.withMath : renderers.plain;
    const html = processor.stringify(processor.runSync(tree) as never) as string;
    return {
      html,
      links: [...sink.links],
      tags: sink.tags,
      problems: sink.problems,
      attachments: reads.attachments,
      hasMath,
      hasMermaid: diagrams > 0,
      examCallouts,
      description: p.frontmatter.description ?? describe(p.tree),
      wordCount: toString(p.tree).split(/\s+/).filter(Boolean).length,
    };
  };

  const lessons: Lesson[] = [];
  for (const note of index.notes) {
    const p = parsed.get(note.path);
    if (!p) continue;
    const entry = kept.get(note.path);
    const key = keepRenders && entry ? digestOf(`${vaultKey}\0${entry.hash}\0${JSON.stringify(authored?.byPath.get(note.path)?.questions.map((q) => q.id) ?? [])}`) : '';
    const cached = entry?.render;
    let out: RenderedNote;
    if (
      keepRenders &&
      cached?.key === key &&
      cached.facts.every(([path, digest]) => factsOf(path) === digest) &&
      cached.sources.every(([path, hash]) => kept.get(path)?.hash === hash)
    ) {
      out = cached.out;
      for (const path of out.attachments) usedAttachments.set(path, toAttachmentUrl(path));
    } else {
      const reads: Reads = { facts: new Set(), sources: new Set(), attachments: [] };
      out = renderNote(note, p, reads);
      if (entry && keepRenders) {
        cacheChanged = true;
        entry.render = { key, facts: [...reads.facts].map((path) => [path, factsOf(path)]), sources: [...reads.sources].map((path) => [path, kept.get(path)?.hash ?? '']), out };
      }
    }
    warnings.push(...out.problems);
    const tags = dedupeTags([...p.frontmatter.tags, ...p.frontmatter.tag, ...out.tags]);
    lessons.push({
      path: note.path,
      slug: note.slug,
      name: note.name,
      title: p.frontmatter.title ?? note.name,
      folder: note.folder,
      aliases: note.aliases,
      tags,
      headings: p.headings,
      html: out.html,
      description: out.description,
      linksTo: [...out.links],
      linkedFrom: [],
      hasMath: out.hasMath,
      hasMermaid: out.hasMermaid,
      examCallouts: out.examCallouts,
      wordCount: out.wordCount,
      frontmatter: p.frontmatter,
      questions: [],
    });
  }
  const byPath = new Map(lessons.map((l) => [l.path, l]));
  for (const lesson of lessons) {
    for (const target of lesson.linksTo) {
      const linked = byPath.get(target);
      if (linked && !linked.linkedFrom.includes(lesson.path)) linked.linkedFrom.push(lesson.path);
    }
  }
  if (options.questions !== false) {
    const settings = readStudySettings(options.vaultDir);
    const settingsKey = digestOf(JSON.stringify(settings));
    const readingsOf = (path: string): NoteReadings => {
      const entry = kept.get(path);
      if (entry?.readings?.key === settingsKey) return deserialize(entry.readings.value) as NoteReadings;
      const readings = readNote(parsed.get(path)?.tree ?? { type: 'root', children: [] }, settings);
      if (entry) {
        entry.readings = { key: settingsKey, value: serialize(readings) };
        cacheChanged = true;
      }
      return readings;
    };
    const questions = assembleVaultQuestions(
      lessons.map((l) => ({ ...l, readings: readingsOf(l.path), source: parsed.get(l.path)?.source })),
      authored,
      corrections,
      settings,
    );
    for (const lesson of lessons) lesson.questions = questions.get(lesson.path) ?? [];
  }
  let writeCache: (() => void) | undefined;
  if (options.cache && cacheChanged) {
    if (options.cache.writeLater) writeCache = pipelineCacheWriter(options.cache, kept);
    else writePipelineCache(options.cache, kept);
  }
  return {
    lessons,
    parsed,
    index,
    attachments: [...usedAttachments].map(([path, url]) => ({ path, url })),
    warnings: dedupeProblems([...warnings, ...correctionProblems(corrections)].filter((w) => WARNING_KINDS.has(w.kind))),
    errors: [],
    writeCache,
    notesParsed,
  };
}

/**
 * Obsidian's default line breaks: remark-breaks, run only where some text holds a line ending (see
 * eachTextParent) rather than over the whole tree. Its pattern (`\r?\n|\r`) replaces every line
 * ending of a text it is given; a text can hold a `\r` alone only when nothing of it held `\n`,
 * hence the second look. Over the 2,000 notes of the benchmark vault the whole-tree pass cost
 * 160–260 ms, this one 75–105 ms (the same trees after).
 */
function showLineBreaks(tree: Root): void {
  const breaks = remarkBreaks();
  for (const lineEnding of ['\n', '\r']) eachTextParent(tree, lineEnding, [], (parent) => breaks(parent as Root));
}

/** The link-like steps, which embedded content needs too (in the context of the note it came from). */
function transformLinks(tree: Root, ctx: NoteContext): void {
  transformWikilinks(tree, ctx);
  transformMarkdownLinks(tree, ctx);
  transformInlineTags(tree, ctx);
}

/** The same loop is met from every note on it; report each place once. */
function dedupeProblems(problems: AuthorProblem[]): AuthorProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.kind}:${p.target}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupeTags(tags: string[]): string[] {
  const seen = new Map<string, string>();
  for (const tag of tags) {
    const display = tag.replace(/^#/, '').trim();
    const key = normalizeTag(display);
    if (key && !seen.has(key)) seen.set(key, display);
  }
  return [...seen.values()];
}

/**
 * A short summary for lists and search results: the note's first sentences outside callouts
 * (list items joined with "; "), cut at a word boundary.
 */
function describe(tree: Root): string {
  const parts: string[] = [];
  let length = 0;
  walk(tree, (node) => {
    if (length > 180) return EXIT;
    if (node.type === 'blockquote' || node.type === 'heading' || node.type === 'code' || node.type === 'table') return SKIP;
    if (node.type !== 'paragraph') return undefined;
    // Raw HTML is markup, not words: a summary is shown as text everywhere (lists, meta, search).
    const raw = toString(node, { includeHtml: false }).replace(/\s+/g, ' ').trim();
    const words = raw.replace(/!?\[\[([^\]|]*\|)?([^\]]*)\]\]/g, '$2').trim();
    if (words && !/^!\[\[[^\]]*\]\]$/.test(raw)) {
      parts.push(words);
      length += words.length;
    }
    return SKIP;
  });
  const summary = parts.join('; ');
  return summary.length > 180 ? `${summary.slice(0, 177).replace(/\s+\S*$/, '')}…` : summary;
}
