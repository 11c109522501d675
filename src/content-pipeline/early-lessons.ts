/**
 * Lessons made beside Astro's start. `npm run build` (src/scripts/build-site.mjs) starts the
 * lessons pipeline in a process of its own (cli/early-lessons.ts) as it starts `astro build`. Astro
 * spends about 2 s loading itself before its content sync asks the loader for lessons, on one core;
 * the pipeline runs on the other meanwhile, and the loader then waits for what is left of it
 * instead of running it all after.
 *
 * That process writes what the pipeline made to a file, keyed by the digest of its inputs
 * (lessons-run.ts). The loader takes it only when the key is the digest it worked out itself, and
 * runs the pipeline as before otherwise. A stale, failed, crashed or unreadable early run
 * therefore costs time, never a wrong lesson, and a note's problems are reported by the loader's own
 * run, with the words the author needs.
 *
 * Plain Node runs this module (see cli/early-lessons.ts): its imports name their `.ts` files.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { VaultBuild } from './build-lessons.ts';
import { EARLY_LESSONS_FILE_ENV, EARLY_LESSONS_PID_ENV, earlyLessonsTakenFile } from './loader-handoff.ts';
import { writeFileAtomically } from './write-atomically.ts';

/** What the loader reads of a pipeline run. */
export type EarlyLessons = Pick<VaultBuild, 'lessons' | 'warnings' | 'attachments'>;

interface EarlyFile extends EarlyLessons {
  inputs: string;
}

/**
 * Writes a run's lessons to `file`, keyed by `inputs`. Atomically: the loader takes the file as soon
 * as it exists, while its writer goes on (see takeEarlyLessons), so the name must never show a file
 * half-written.
 */
export function writeEarlyLessons(file: string, inputs: string, build: EarlyLessons): void {
  const content: EarlyFile = { inputs, lessons: build.lessons, warnings: build.warnings, attachments: build.attachments };
  writeFileAtomically(file, serialize(content));
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
 * for (the per-note cache), and a run that fails writes no file. The build script removes any
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

/**
 * The lessons of the early run that `env` names, once it has written them, when they were made
 * from the inputs `inputs` (see takeEarlyFile); undefined when no early run was started, or when it
 * failed, was killed or read other inputs. When the lessons are taken, a note saying so is left
 * beside their file (see noteStoredLessons).
 */
export function takeEarlyLessons(env: NodeJS.ProcessEnv, inputs: string): Promise<EarlyLessons | undefined> {
  return takeEarlyFile(
    env,
    (file) => file,
    (value) => {
      // Written by this build's own early run, with the same code (see build-site.mjs): the shape is
      // checked, not each lesson, whose data goes through the collection's schema when it is stored.
      const read = value as Partial<EarlyFile> | null;
      if (read?.inputs !== inputs || !Array.isArray(read.lessons) || !Array.isArray(read.warnings) || !Array.isArray(read.attachments)) return undefined;
      noteStoredLessons(env, inputs);
      return { lessons: read.lessons, warnings: read.warnings, attachments: read.attachments };
    },
  );
}
