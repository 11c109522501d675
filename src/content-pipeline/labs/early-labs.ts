/**
 * Lab scenarios built beside Astro's start. Building them proves each starting world with the
 * simulator, and loading the simulator through Vite's module runner cost Astro's process 0.5–1 s
 * of its content sync (64 modules), on the core that a small vault's build waits on. The lessons
 * run that `npm run build` starts beside Astro (cli/early-lessons.ts) builds them in plain Node
 * before its lessons: about 0.35 s, the simulator's modules read back from Node's compile cache, on
 * the other core. The labs loader waits for them at the start of the content sync. (Cold builds of
 * the 155-note test vault, three alternating pairs on a busy machine: 7.2–7.5 s against 7.4–8.5 s
 * when the loader built them.) A large vault's run makes its lessons first, which the build waits
 * for longer, and declines the scenarios at once: the loader builds them, beside that run.
 *
 * The run writes its scenarios keyed by the digest of their inputs (labs-run.ts), and the loader
 * takes them only when it worked out the same digest: a stale, failed or crashed run costs time,
 * never a wrong scenario. A broken scenario is reported by the loader either way, by file and line.
 *
 * Plain Node runs this module (see cli/early-lessons.ts): its imports name their `.ts` files.
 */
import { serialize } from 'node:v8';
import { takeEarlyFile } from '../early-lessons.ts';
import { earlyLabsFile } from '../loader-handoff.ts';
import { writeFileAtomically } from '../write-atomically.ts';
import type { BuildLabsResult } from './build-labs.ts';
import { labsRun } from './labs-run.ts';

interface EarlyLabsFile {
  inputs: string;
  result: BuildLabsResult;
}

/**
 * The early run's side: builds the scenarios of the project at `projectRoot` for the site base
 * `base` and writes them beside the lessons file `lessonsFile`. Never throws: what fails here,
 * the loader does again, with the words the author needs.
 */
export async function buildEarlyLabs(env: NodeJS.ProcessEnv, projectRoot: string, base: string, lessonsFile: string): Promise<void> {
  try {
    const run = labsRun(env, projectRoot, base);
    if (!run) return;
    // Loaded only now: the lessons, which the build waits for longer, are written first.
    const { buildLabs } = await import('./build-labs.ts');
    writeEarlyLabs(lessonsFile, run.inputs, buildLabs(run.options));
  } catch {
    // Nothing written: the loader's wait ends with this process, and it builds them itself.
  }
}

/**
 * The loader's side: the scenarios the early run that `env` names built from the inputs `inputs`,
 * once it has written them, or undefined, for the loader to build them itself: at once when no
 * early run was started (`npm run dev`, `astro build` by hand), and when the run ended without
 * writing them, or built them from other inputs. The file is removed either way (see
 * takeEarlyFile, which waits for it as for the lessons).
 */
export function takeEarlyLabs(env: NodeJS.ProcessEnv, inputs: string): Promise<BuildLabsResult | undefined> {
  return takeEarlyFile(env, earlyLabsFile, (value) => {
    // Written by this build's own early run, with the same code (see build-site.mjs): the shape is
    // checked, and each scenario goes through the collection's schema when it is stored.
    const read = value as Partial<EarlyLabsFile> | null;
    const result = read?.result;
    if (read?.inputs !== inputs || typeof result !== 'object' || result === null) return undefined;
    if (result.ok ? !Array.isArray(result.scenarios) || !Array.isArray(result.warnings) : !Array.isArray(result.problems)) return undefined;
    return result;
  });
}

/**
 * Tells the loader at once that this run builds no scenarios (a large vault's run makes its lessons
 * first: see cli/early-lessons.ts), so that it builds them itself rather than wait for the run.
 */
export function declineEarlyLabs(lessonsFile: string): void {
  writeFileAtomically(earlyLabsFile(lessonsFile), serialize({ declined: true }));
}

/** Writes the scenarios whole under their name (the loader takes the file as soon as it exists). */
export function writeEarlyLabs(lessonsFile: string, inputs: string, result: BuildLabsResult): void {
  writeFileAtomically(earlyLabsFile(lessonsFile), serialize({ inputs, result } satisfies EarlyLabsFile));
}
