/**
 * The vault: which files are notes and attachments, and how Obsidian resolves a link target to one
 * of them. Pure functions over paths; the only I/O is `scanVault`, which lists a folder.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { slugifyPath } from './slug.ts';

/** Folders Obsidian keeps for itself or for deleted files; never part of the published vault. */
const IGNORED_FOLDERS = new Set(['.obsidian', '.trash', 'node_modules', '.git']);

export interface VaultFiles {
  /** Vault-relative POSIX paths of Markdown notes, sorted naturally. */
  notes: string[];
  /** Vault-relative POSIX paths of every other file (images, PDFs, audio...). */
  attachments: string[];
}

const naturalOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Sorts paths the way a file explorer does: "2. Compute" before "10. Other". */
export function compareNatural(a: string, b: string): number {
  return naturalOrder.compare(a, b);
}

/**
 * Lists the vault's notes and attachments. Dot-folders (`.obsidian`, `.trash`, a custom config
 * folder) are skipped, and so are notes whose file name starts with `_` (Obsidian users mark
 * drafts and templates that way); attachments in `_`-folders such as `_icons` are kept, because
 * notes embed them.
 */
export function scanVault(root: string): VaultFiles {
  const notes: string[] = [];
  const attachments: string[] = [];
  const walk = (relativeDir: string): void => {
    const entries = readdirSync(join(root, relativeDir), { withFileTypes: true });
    for (const entry of entries) {
      const relativePath = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || IGNORED_FOLDERS.has(entry.name)) continue;
        walk(relativePath);
      } else if (entry.isFile()) {
        if (entry.name.startsWith('.')) continue;
        if (entry.name.toLowerCase().endsWith('.md')) {
          if (!entry.name.startsWith('_')) notes.push(relativePath);
        } else {
          attachments.push(relativePath);
        }
      }
    }
  };
  walk('');
  notes.sort(compareNatural);
  attachments.sort(compareNatural);
  return { notes, attachments };
}

/** A note as the index knows it: enough to resolve links to it and to name it. */
export interface IndexedNote {
  /** Vault-relative path, e.g. `2. Compute/EC2.md`. */
  path: string;
  /** File name without `.md`: what `[[...]]` usually names. */
  name: string;
  /** Folder path ('' at the vault root). */
  folder: string;
  /** URL path segment(s) of the lesson page, unique in the vault. */
  slug: string;
  /** Titles it may also be linked by (frontmatter `aliases`). */
  aliases: string[];
}

export interface VaultIndex {
  notes: IndexedNote[];
  linkFormat: LinkFormat;
  attachments: string[];
  notesByPath: Map<string, IndexedNote>;
  notesByName: Map<string, IndexedNote[]>;
  notesByAlias: Map<string, IndexedNote[]>;
  attachmentsByPath: Map<string, string>;
  attachmentsByName: Map<string, string[]>;
}

/**
 * A name or path as links match it: case aside, as Obsidian matches them, and in one Unicode form.
 * A vault from a Mac may hold `é` in a file name as `e` plus a combining accent (NFD) while the
 * notes' links, typed on a keyboard, hold the one character (NFC): both read as the same name.
 */
function linkKey(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** A note's path without the `.md` extension, as links match it (see linkKey). */
function noteKey(path: string): string {
  return linkKey(path.replace(/\.md$/i, ''));
}

function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the lookup tables for link resolution. Slugs that collide get a numeric suffix. */
export function buildVaultIndex(files: VaultFiles, aliasesByPath: ReadonlyMap<string, string[]> = new Map(), linkFormat: LinkFormat = 'shortest'): VaultIndex {
  const usedSlugs = new Set<string>();
  const notes = files.notes.map((path): IndexedNote => {
    let slug = slugifyPath(path.replace(/\.md$/i, ''));
    if (usedSlugs.has(slug)) {
      let n = 2;
      while (usedSlugs.has(`${slug}-${n}`)) n += 1;
      slug = `${slug}-${n}`;
    }
    usedSlugs.add(slug);
    return {
      path,
      name: baseName(path).replace(/\.md$/i, ''),
      folder: folderOf(path),
      slug,
      aliases: aliasesByPath.get(path) ?? [],
    };
  });
  const index: VaultIndex = {
    notes,
    linkFormat,
    attachments: files.attachments,
    notesByPath: new Map(),
    notesByName: new Map(),
    notesByAlias: new Map(),
    attachmentsByPath: new Map(),
    attachmentsByName: new Map(),
  };
  for (const note of notes) {
    index.notesByPath.set(noteKey(note.path), note);
    pushTo(index.notesByName, linkKey(note.name), note);
    for (const alias of note.aliases) pushTo(index.notesByAlias, linkKey(alias), note);
  }
  for (const attachment of files.attachments) {
    index.attachmentsByPath.set(linkKey(attachment), attachment);
    pushTo(index.attachmentsByName, linkKey(baseName(attachment)), attachment);
  }
  return index;
}

/** Joins a relative link target onto a folder, folding `.` and `..`; null if it climbs out. */
function joinRelative(folder: string, target: string): string | null {
  const parts = folder ? folder.split('/') : [];
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/**
 * Among several files with the same name, Obsidian's "shortest path" links pick the one nearest
 * the linking note: same folder first, then the shallowest path, then alphabetical order.
 */
function nearest<T>(candidates: T[], pathOf: (item: T) => string, fromFolder: string): T | undefined {
  if (candidates.length <= 1) return candidates[0];
  const sameFolder = candidates.find((c) => folderOf(pathOf(c)) === fromFolder);
  if (sameFolder) return sameFolder;
  return [...candidates].sort((a, b) => {
    const depth = pathOf(a).split('/').length - pathOf(b).split('/').length;
    return depth !== 0 ? depth : compareNatural(pathOf(a), pathOf(b));
  })[0];
}

/**
 * How the vault's author writes links (Obsidian's "New link format" setting). It decides what a
 * bare name means when several files share it: in `relative` vaults `[[Note]]` is the one beside
 * the linking note; in `shortest` and `absolute` vaults it is the one at the vault root.
 */
export type LinkFormat = 'shortest' | 'relative' | 'absolute';

/**
 * The file a target names, trying it as a path (vault-relative or note-relative, in the order the
 * link format implies), then as a partial path or a bare name anywhere in the vault.
 */
function resolvePath<T>(
  target: string,
  fromPath: string,
  format: LinkFormat,
  byExactPath: (key: string) => T | undefined,
  bySuffix: (suffix: string) => T[],
  byName: (name: string) => T[] | undefined,
  pathOf: (item: T) => string,
  keyOf: (path: string) => string,
): T | undefined {
  const cleaned = target.trim().replace(/\\/g, '/');
  if (!cleaned) return undefined;
  const key = keyOf(cleaned);
  const fromFolder = folderOf(fromPath);
  const relative = joinRelative(linkKey(fromFolder), key);
  const absolute = key.replace(/^\/+/, '');
  const explicitlyRelative = key.startsWith('./') || key.startsWith('../');
  const order = format === 'relative' || explicitlyRelative ? [relative, absolute] : [absolute, relative];
  for (const candidate of order) {
    if (candidate === null) continue;
    const found = byExactPath(candidate);
    if (found !== undefined) return found;
  }
  if (key.includes('/')) return nearest(bySuffix(`/${absolute}`), pathOf, fromFolder);
  const named = byName(key);
  return named ? nearest(named, pathOf, fromFolder) : undefined;
}

/**
 * Resolves a link target (`Note`, `folder/Note`, `../Note.md`, an alias) the way Obsidian does in
 * any of its three link formats, with names matched case-insensitively; aliases come last.
 * Returns undefined when nothing matches.
 */
export function resolveNote(index: VaultIndex, target: string, fromPath: string, format: LinkFormat = index.linkFormat): IndexedNote | undefined {
  const found = resolvePath(
    target,
    fromPath,
    format,
    (key) => index.notesByPath.get(key),
    (suffix) => index.notes.filter((n) => noteKey(n.path).endsWith(suffix)),
    (name) => index.notesByName.get(name),
    (n) => n.path,
    noteKey,
  );
  if (found) return found;
  const byAlias = index.notesByAlias.get(linkKey(target.trim()));
  return byAlias ? nearest(byAlias, (n) => n.path, folderOf(fromPath)) : undefined;
}

/** Resolves an embed target to an attachment path anywhere in the vault, as Obsidian does. */
export function resolveAttachment(index: VaultIndex, target: string, fromPath: string, format: LinkFormat = index.linkFormat): string | undefined {
  return resolvePath(
    target,
    fromPath,
    format,
    (key) => index.attachmentsByPath.get(key),
    (suffix) => index.attachments.filter((a) => linkKey(a).endsWith(suffix)),
    (name) => index.attachmentsByName.get(name),
    (a) => a,
    linkKey,
  );
}

/** The URL an attachment is published under (each path segment slugified, extension kept). */
export function attachmentUrl(base: string, attachmentPath: string): string {
  const dot = attachmentPath.lastIndexOf('.');
  const stem = dot > attachmentPath.lastIndexOf('/') ? attachmentPath.slice(0, dot) : attachmentPath;
  const extension = dot > attachmentPath.lastIndexOf('/') ? attachmentPath.slice(dot).toLowerCase() : '';
  return `${base}attachments/${slugifyPath(stem)}${extension}`;
}
