/**
 * The LMS players' bundles, started as `astro build` starts (src/integrations/lms-bundles.ts)
 * rather than when their pages render at the end of it. Bundling then runs in esbuild's own process
 * beside the content sync, on the other core, instead of in page generation's critical path (about
 * 0.6 s); and esbuild's helper (about 100 MB) has come and gone before Astro's process is at its
 * largest (running during page generation, it had kept a 2,000-note build's peak over 1 GB).
 *
 * The integration and the pages load the bundle modules as two copies (Astro's config is bundled
 * apart from the pages), so the started bundles are handed over through a process-wide registry.
 * Only the build fills it: in `astro dev` each page bundles on its own, so an edit to the player's
 * code is never served stale.
 */
const REGISTRY = Symbol.for('ami-lab.early-bundles');

function registry(): Map<string, Promise<unknown>> | undefined {
  return (globalThis as Record<symbol, Map<string, Promise<unknown>> | undefined>)[REGISTRY];
}

/** Starts a bundle now, for the page that will ask for it by `name`. */
export function startEarly(name: string, bundle: () => Promise<unknown>): void {
  const started = bundle();
  // A failure is reported by the page that awaits it; until then it is not unhandled.
  started.catch(() => undefined);
  const map = registry() ?? new Map<string, Promise<unknown>>();
  (globalThis as Record<symbol, unknown>)[REGISTRY] = map;
  map.set(name, started);
}

/** The bundle started early under `name`, if the build started one. */
export function startedEarly<T>(name: string): Promise<T> | undefined {
  return registry()?.get(name) as Promise<T> | undefined;
}
