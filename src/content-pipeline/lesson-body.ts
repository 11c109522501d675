/**
 * Lesson bodies: each lesson's HTML and questions, kept out of Astro's content store (which Astro
 * bundles into the build as one JavaScript string: with 2,000 notes the bodies made that ~12 MB and
 * cost ~450 MB of memory to bundle). The content loader writes every body of a build into one pack
 * file, and pages read their lesson's body back by slug, validated with the schema below.
 *
 * One pack rather than a file per lesson: creating 2,000 small files took the loader about 0.9 s
 * on this disk, one 12 MB file a few tens of milliseconds. Each body is named in the pack's index
 * by its lesson's slug with the hash of its text, and the lesson's store entry carries the same
 * hash, so a page never reads another build's body: a pack that does not hold the hash its entry
 * expects is reported as damaged.
 *
 * The pack a build replaces is kept beside it, as `<pack>.previous`, and a body its entry's hash
 * does not find in the pack is looked for there. In `npm run dev` the loader writes the new pack
 * before Astro writes the content store whose entries name the new hashes, and a page rendered in
 * between (one reloading after an earlier edit) read the old entries against the new pack and showed
 * "from another build" for every lesson an edit changed (seen with the machine busy). With the old
 * pack kept, such a page shows the lesson as it was, and the reload that follows the store's write
 * shows the new one.
 *
 * Format: a 12-character decimal length, a newline, the index as JSON (slug → [offset, length,
 * hash]), then the bodies as JSON texts one after another (offsets count from the first body, in
 * bytes).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, linkSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { z } from 'zod';
import { questionSchema } from './questions/schema.ts';
import { writeFileAtomically } from './write-atomically.ts';

const lessonBodySchema = z.object({ html: z.string(), questions: z.array(questionSchema) });

export type LessonBody = z.infer<typeof lessonBodySchema>;

const indexSchema = z.record(z.string(), z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative(), z.string()]));

const LENGTH_DIGITS = 12;

/** The hash a lesson's store entry keeps of its body's text. */
export function bodyHash(bodyJson: string): string {
  return createHash('sha256').update(bodyJson).digest('base64url').slice(0, 22);
}

/** Where the pack a build replaced is kept (see the top of this file). */
const previousPack = (file: string): string => `${file}.previous`;

/**
 * Writes every body of a build into `file` (replaced whole, atomically: a page reading the last
 * pack keeps reading that one), and keeps the pack it replaces as the previous one. `bodies` gives
 * each slug its body's JSON text and that text's `bodyHash`, which the lesson's store entry keeps
 * too.
 */
export function writeLessonBodies(file: string, bodies: ReadonlyArray<readonly [slug: string, bodyJson: string, hash: string]>): void {
  if (existsSync(file)) {
    // A second name for the pack about to be replaced, moved over the last previous one: at no
    // moment is either name missing.
    const link = `${previousPack(file)}.${process.pid}.tmp`;
    rmSync(link, { force: true });
    linkSync(file, link);
    renameSync(link, previousPack(file));
  }
  const index: Record<string, [number, number, string]> = {};
  const parts: Buffer[] = [];
  let offset = 0;
  for (const [slug, bodyJson, hash] of bodies) {
    const bytes = Buffer.from(bodyJson, 'utf8');
    index[slug] = [offset, bytes.byteLength, hash];
    parts.push(bytes);
    offset += bytes.byteLength;
  }
  const header = Buffer.from(JSON.stringify(index), 'utf8');
  writeFileAtomically(file, Buffer.concat([Buffer.from(`${String(header.byteLength).padStart(LENGTH_DIGITS, '0')}\n`), header, ...parts]));
}

interface OpenPack {
  fd: number;
  /** The file's identity when opened: a new pack (next build, or a reload in `npm run dev`) has another. */
  identity: string;
  index: z.infer<typeof indexSchema>;
  bodiesAt: number;
}

const open = new Map<string, OpenPack>();

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buffer, read, length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return read === length ? buffer : buffer.subarray(0, read);
}

/** The pack at `file`, opened once and again whenever the file was replaced. */
function pack(file: string): OpenPack {
  const stat = statSync(file);
  const identity = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  const current = open.get(file);
  if (current?.identity === identity) return current;
  if (current) closeSync(current.fd);
  open.delete(file);
  const fd = openSync(file, 'r');
  try {
    const length = Number(readAt(fd, 0, LENGTH_DIGITS).toString('latin1'));
    if (!Number.isInteger(length) || length <= 0) throw new Error('no index');
    const index = indexSchema.parse(JSON.parse(readAt(fd, LENGTH_DIGITS + 1, length).toString('utf8')));
    const opened = { fd, identity, index, bodiesAt: LENGTH_DIGITS + 1 + length };
    open.set(file, opened);
    return opened;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** The previous pack, when it holds the body `slug` with the hash `hash`. */
function inPreviousPack(file: string, slug: string, hash: string): { opened: OpenPack; at: [number, number, string] } | undefined {
  try {
    const opened = pack(previousPack(file));
    const at = opened.index[slug];
    return at?.[2] === hash ? { opened, at } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The body of the lesson `slug` from the pack `file` (or the pack it replaced: see the top of this
 * file), or why it cannot be read (no pack, no such lesson in it, a body of another build, or
 * damaged text).
 */
export function readLessonBody(file: string, slug: string, hash: string): { ok: true; body: LessonBody } | { ok: false; reason: string } {
  let opened: OpenPack;
  try {
    opened = pack(file);
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the lesson bodies file is missing' : 'the lesson bodies file is damaged' };
  }
  let at = opened.index[slug];
  if (at?.[2] !== hash) {
    const previous = inPreviousPack(file, slug, hash);
    if (!previous) return { ok: false, reason: at ? 'the lesson bodies file is from another build' : 'the lesson is not in the lesson bodies file' };
    ({ opened, at } = previous);
  }
  const text = readAt(opened.fd, opened.bodiesAt + at[0], at[1]).toString('utf8');
  try {
    const parsed = lessonBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? { ok: true, body: parsed.data } : { ok: false, reason: 'its body is damaged' };
  } catch {
    return { ok: false, reason: 'its body is damaged' };
  }
}
