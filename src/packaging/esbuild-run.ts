/**
 * One home for running esbuild inside a site build (the LMS players, see player-bundle.ts and
 * lab-player-bundle.ts), on a worker thread with an esbuild of its own.
 *
 * esbuild's JavaScript API answers through one helper process per module instance, which it keeps
 * alive once started: about 100 MB after bundling the lab player. Astro uses the same instance in
 * its own build (astro:vite-plugin-env runs esbuild's `transform` on server modules while Vite
 * bundles), and esbuild's `stop()` kills the helper without answering the requests still in flight:
 * such a request never settles (the helper's output is destroyed, which emits no end, so nothing
 * rejects it). When the players were bundled on that shared helper and stopped it once done, a
 * transform of Astro's was sometimes in flight; Vite's build then hung until the bundler gave up
 * with "[vite] ✗ Build failed in 1m 44s / oneshot canceled" (seen twice in one day, once in CI, on
 * a busy machine where the bundles end later). On a worker thread, esbuild is a module instance of
 * its own, with its own helper: the players' helper is stopped when the last bundle running on it
 * ends, as before, and the process's own helper is never touched.
 *
 * The worker's code is a string (CommonJS, evaluated), not a file: this module also runs from
 * Astro's bundle of the pages, in another folder, where a worker file beside it would not be.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { BuildOptions } from 'esbuild';

/** What the players need of a bundle's output: every file, with its path and text. */
export interface BundledFiles {
  outputFiles: Array<{ path: string; text: string }>;
}

/** Options for one bundle: data only (they cross to the worker), kept in memory (`write: false`). */
export type BundleOptions = Omit<BuildOptions, 'plugins' | 'write'> & { write: false };

type Reply = { id: number; files: BundledFiles['outputFiles'] } | { id: number; error: string };

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const esbuild = require(workerData.esbuild);
parentPort.on('message', async (message) => {
  if (message === 'stop') {
    await esbuild.stop();
    parentPort.close();
    return;
  }
  try {
    const result = await esbuild.build(message.options);
    parentPort.postMessage({ id: message.id, files: result.outputFiles.map((file) => ({ path: file.path, text: file.text })) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

/** The worker the bundles run on, and the bundles waiting for it. */
interface Bundler {
  worker: Worker;
  waiting: Map<number, { resolve: (files: BundledFiles) => void; reject: (error: Error) => void }>;
}

let current: Bundler | undefined;
let nextId = 0;

/** The worker the bundles run on: started with the first bundle, or the first after the last one ended. */
function bundler(): Bundler {
  if (current) return current;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { esbuild: createRequire(import.meta.url).resolve('esbuild') } });
  const started: Bundler = { worker, waiting: new Map() };
  worker.on('message', (reply: Reply) => {
    const pending = started.waiting.get(reply.id);
    started.waiting.delete(reply.id);
    if (!pending) return;
    if ('error' in reply) pending.reject(new Error(reply.error));
    else pending.resolve({ outputFiles: reply.files });
  });
  // A worker that fails or ends with bundles still waiting fails them, in words, rather than leave them pending.
  const failWaiting = (why: string) => {
    if (current === started) current = undefined;
    for (const pending of started.waiting.values()) pending.reject(new Error(`The esbuild worker that bundles the LMS players ${why}.`));
    started.waiting.clear();
  };
  worker.on('error', (error) => failWaiting(`failed: ${error.message}`));
  worker.on('exit', (code) => failWaiting(`ended (exit ${code})`));
  current = started;
  return started;
}

export async function bundleWithEsbuild(options: BundleOptions): Promise<BundledFiles> {
  const id = nextId++;
  const on = bundler();
  const result = new Promise<BundledFiles>((resolve, reject) => on.waiting.set(id, { resolve, reject }));
  on.worker.postMessage({ id, options });
  try {
    return await result;
  } finally {
    // The last bundle running: its helper (about 100 MB) is stopped, and the worker ends with it.
    if (on.waiting.size === 0 && current === on) {
      current = undefined;
      on.worker.postMessage('stop');
    }
  }
}
