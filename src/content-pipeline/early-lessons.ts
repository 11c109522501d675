/**
 * Lessons made beside Astro. `npm run build` (src/scripts/build-site.mjs) starts the lessons
 * pipeline in a process of its own (cli/early-lessons.ts) as it starts `astro build`. Astro spends
 * about 2 s loading itself before its content sync asks the loader for lessons, on one core; the
 * pipeline runs on the other meanwhile.
 *
 * The run first writes the digest of the inputs it read (lessons-run.ts): its promise. When the
 * loader worked out the same digest, it leaves the lessons to the run and the content sync ends at
 * once (see handLessonsToPages): Astro bundles its pages while the run goes on, and the pages read
 * the run's lessons when their first `getStaticPaths` needs them. At 2,000 notes that takes Vite's
 * two builds and the content store's writing (2–3 s) off the path the build waits on. Otherwise
 * (another digest, or NOTES_STRICT, whose problems must stop the build before any page is written)
 * the loader waits for the run's lessons as before, takes them only when they were made from its
 * own digest, and runs the pipeline itself when not. A stale, failed, crashed or unreadable early
 * run therefore costs time or stops the build in words, never gives a wrong lesson.
 *
 * Plain Node runs this module (see cli/early-lessons.ts): its imports name their `.ts` files.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { type HandedLesson, lessonEntrySchema } from './lesson-entry.ts';
import { EARLY_LESSONS_FILE_ENV, EARLY_LESSONS_PID_ENV, earlyInputsFile, earlyLessonsTakenFile } from './loader-handoff.ts';
import { type AuthorProblem, authorError } from './report.ts';
import { writeFileAtomically } from './write-atomically.ts';

/** What a pipeline run made of the vault: its lessons' entries (their bodies packed, see lesson-entry.ts) and the author's problems. */
export interface EarlyLessons {
  entries: HandedLesson[];
  warnings: AuthorProblem[];
}

/** The run's file: what it made, or why it made nothing (in the words the author needs), keyed by its inputs. */
type EarlyFile = ({ made: EarlyLessons } | { failure: string }) & { inputs: string };

/**
 * The run's promise: it reads the inputs whose digest is `inputs`, and will write what it makes of
 * them to `file`. Written before anything else the run does, so the loader finds it when it asks.
 */
export function promiseEarlyLessons(file: string, inputs: string): void {
  writeFileAtomically(earlyInputsFile(file), serialize(inputs));
}

/**
 * Writes a run's lessons to `file`, keyed by `inputs`. Atomically: the loader and the pages take
 * the file as soon as it exists, while its writer goes on (see takeEarlyLessons), so the name must
 * never show a file half-written.
 */
export function writeEarlyLessons(file: string, inputs: string, made: EarlyLessons): void {
  writeFileAtomically(file, serialize({ inputs, made } satisfies EarlyFile));
}

/** Writes, in place of the lessons, why the run made none: `failure` is what the author is told. */
export function writeEarlyFailure(file: string, inputs: string, failure: string): void {
  writeFileAtomically(file, serialize({ inputs, failure } satisfies EarlyFile));
}

/** Whether process `pid` still runs (a process that exists but is not ours counts as running). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Notes, for the build script, that the lessons Astro's pages show were made from the inputs
 * `inputs` (see earlyLessonsTakenFile): the search index it made from the early run's pages stands
 * for them when that run read the same inputs. The loader notes it when it takes the run's lessons,
 * and when its store already holds lessons made from these inputs (a build into an emptied site
 * folder, say, with the notes unchanged). Nothing when no early run was started.
 */
export function noteStoredLessons(env: NodeJS.ProcessEnv, inputs: string): void {
  const file = env[EARLY_LESSONS_FILE_ENV];
  if (file) writeFileSync(earlyLessonsTakenFile(file), inputs);
}

/**
 * A file the early run that `env` names writes beside its lessons file (`fileOf` that file's
 * name), once it has written it, read and handed to `accept`, which returns what it takes of it;
 * undefined when no early run was started (`npm run dev`, `astro build` run by hand), when the run
 * ended without writing it, or when `accept` does not take it. The file is removed either way.
 *
 * The wait ends with the file or with the process, whichever comes first: the run writes each file
 * whole under its name (see write-atomically.ts) and then goes on with work the build does not wait
 * for (the per-note cache), and a run that crashes writes no more files. The build script removes any
 * earlier run's files before it starts this one. Checking every 10 ms costs nothing beside a
 * pipeline run of seconds.
 */
export async function takeEarlyFile<T>(env: NodeJS.ProcessEnv, fileOf: (lessonsFile: string) => string, accept: (read: unknown) => T | undefined): Promise<T | undefined> {
  const lessonsFile = env[EARLY_LESSONS_FILE_ENV];
  const pid = Number(env[EARLY_LESSONS_PID_ENV]);
  if (!lessonsFile || !Number.isInteger(pid) || pid <= 0) return undefined;
  const file = fileOf(lessonsFile);
  while (!existsSync(file) && running(pid)) await new Promise((wake) => setTimeout(wake, 10));
  if (!existsSync(file)) return undefined;
  try {
    return accept(deserialize(readFileSync(file)));
  } catch {
    return undefined;
  } finally {
    rmSync(file, { force: true });
  }
}

/** The run's file as read, or undefined when it is not one (damaged, or of another shape). */
function earlyFileOf(value: unknown): EarlyFile | undefined {
  const read = value as Partial<{ inputs: unknown; made: Partial<EarlyLessons>; failure: unknown }> | null;
  if (typeof read?.inputs !== 'string') return undefined;
  if (typeof read.failure === 'string') return { inputs: read.inputs, failure: read.failure };
  // Written by this build's own run, with the same code (see build-site.mjs): the shape is checked
  // here, each entry against the collection's schema where it is used (the store's parseData, or
  // lessonsHandedToPages).
  const made = read.made;
  if (!Array.isArray(made?.entries) || !Array.isArray(made.warnings)) return undefined;
  return { inputs: read.inputs, made: { entries: made.entries, warnings: made.warnings } };
}

/**
 * The lessons of the early run that `env` names, once it has written them, when they were made
 * from the inputs `inputs` (see takeEarlyFile); undefined when no early run was started, or when it
 * failed, was killed or read other inputs (the loader then runs the pipeline itself, and reports a
 * failure in its own words). When the lessons are taken, a note saying so is left beside their
 * file (see noteStoredLessons).
 */
export function takeEarlyLessons(env: NodeJS.ProcessEnv, inputs: string): Promise<EarlyLessons | undefined> {
  return takeEarlyFile(
    env,
    (file) => file,
    (value) => {
      const read = earlyFileOf(value);
      if (read?.inputs !== inputs || !('made' in read)) return undefined;
      noteStoredLessons(env, inputs);
      return read.made;
    },
  );
}

/**
 * Whether the early run that `env` names promised lessons made from the inputs `inputs` (see
 * promiseEarlyLessons), once it has said so or ended; false at once when no run was started.
 */
export async function earlyRunPromised(env: NodeJS.ProcessEnv, inputs: string): Promise<boolean> {
  return (await takeEarlyFile(env, earlyInputsFile, (promised) => (promised === inputs ? true : undefined))) === true;
}

/** What the loader leaves the pages when the run's lessons are theirs to read (a global: see handLessonsToPages). */
interface LessonsHandover {
  /** The run to wait for, as `env` names it (see takeEarlyFile). */
  env: NodeJS.ProcessEnv;
  inputs: string;
  /** Reports the run's problems as the loader reports its own (its logger, its words). */
  report: (made: EarlyLessons) => void;
  /** The pages' read of the run's file, once: the file is removed when read. */
  read?: Promise<HandedLesson[]>;
}

const HANDOVER = Symbol.for('ami-lab.lessons-handed-to-pages');

/**
 * The loader's side: the lessons of this build are the ones the early run that `env` names
 * promised (made from `inputs`), and the pages read them from its file (lessonsHandedToPages)
 * rather than from the content store. The loader and the pages are loaded apart (the pages from
 * Astro's bundle of them) in the same process, hence a global. The build script is told, as when
 * the loader takes the lessons (see noteStoredLessons).
 */
export function handLessonsToPages(env: NodeJS.ProcessEnv, inputs: string, report: (made: EarlyLessons) => void): void {
  const handover: LessonsHandover = { env: { [EARLY_LESSONS_FILE_ENV]: env[EARLY_LESSONS_FILE_ENV], [EARLY_LESSONS_PID_ENV]: env[EARLY_LESSONS_PID_ENV] }, inputs, report };
  (globalThis as Record<symbol, unknown>)[HANDOVER] = handover;
  noteStoredLessons(env, inputs);
}

/**
 * The pages' side: the lessons the loader left to the early run (see handLessonsToPages), once the
 * run has written them, each checked against the collection's schema and its problems reported;
 * undefined when the loader did not (the pages read the content store). Rejects, in the author's
 * words, when the run could not build the notes, and says what happened when it ended without
 * writing anything. Every call gives the same read (pages may ask again: see data/lessons.ts).
 */
export function lessonsHandedToPages(): Promise<HandedLesson[]> | undefined {
  const handover = (globalThis as Record<symbol, unknown>)[HANDOVER] as LessonsHandover | undefined;
  if (!handover) return undefined;
  handover.read ??= takeEarlyFile(handover.env, (file) => file, earlyFileOf).then((read) => {
    if (read && 'failure' in read) throw authorError(read.failure);
    if (read?.inputs !== handover.inputs) {
      throw authorError(
        'The lessons pipeline that ran beside this build ended without writing the lessons (it was stopped, or ran out of memory). Build again; `npm run notes:check` checks the notes on their own.',
      );
    }
    handover.report(read.made);
    return read.made.entries.map((entry, at) => {
      const parsed = lessonEntrySchema.safeParse(entry.data);
      if (!parsed.success || typeof entry.id !== 'string' || typeof entry.digest !== 'string') {
        const which = typeof entry.data?.path === 'string' ? entry.data.path : `number ${at + 1}`;
        throw authorError(`The lessons pipeline that ran beside this build wrote a damaged lesson (${which}): build again.`);
      }
      return { id: entry.id, data: parsed.data, digest: entry.digest };
    });
  });
  return handover.read;
}
