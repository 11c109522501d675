/**
 * The only inline scripts a page may run, with the hashes the Content-Security-Policy lists.
 *
 * Astro hashes the scripts it bundles, but not `is:inline` ones. Each script here is a constant,
 * rendered with `set:html` and allowed by the hash of that same string (`allowInlineScript`), so
 * the two cannot drift apart. This is deliberately not "hash every inline script in the built
 * HTML": that would also allow a script a note managed to smuggle into a lesson, which is exactly
 * what the policy is for.
 */
import { createHash } from 'node:crypto';

/** Runs before first paint so a dark-mode reader never sees a white flash. */
export const THEME_BOOT = `(function () {
  var stored = null;
  try { stored = localStorage.getItem('ami-lab-theme'); } catch (e) {}
  if (stored === 'dark' || stored === 'light') document.documentElement.dataset.theme = stored;
})();`;

/**
 * Zod (used by the islands to check stored data) probes once whether it may compile validators
 * with `new Function`. The policy forbids that, so the probe would fail quietly but be reported as
 * a violation on every page. Zod reads its settings from this global when it loads; `jitless`
 * skips the probe, and changes nothing else: under this policy it could not compile anyway.
 */
export const LIBRARY_SETTINGS = `globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });`;

/** The toggle: follows the system until the reader chooses, then remembers the choice. */
export const THEME_TOGGLE = `(function () {
  var button = document.getElementById('theme-toggle');
  var root = document.documentElement;
  var dark = function () {
    return root.dataset.theme ? root.dataset.theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  };
  var sync = function () { button.setAttribute('aria-pressed', String(dark())); };
  sync();
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', sync);
  button.addEventListener('click', function () {
    root.dataset.theme = dark() ? 'light' : 'dark';
    try { localStorage.setItem('ami-lab-theme', root.dataset.theme); } catch (e) {}
    sync();
  });
})();`;

/** An embed's theme comes from its URL (`theme=dark`), else the reader's system setting. */
export const EMBED_THEME = `(function () {
  var theme = new URLSearchParams(location.search).get('theme');
  if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
})();`;

/** Offline once visited: the worker caches the site (a missing sw.js just leaves it online-only). */
export function serviceWorkerRegistration(url: string): string {
  return `if ('serviceWorker' in navigator) addEventListener('load', function () { navigator.serviceWorker.register(${JSON.stringify(url)}).catch(function () {}); });`;
}

/** The CSP source expression (`sha256-…`) that allows exactly this script text. */
function scriptHash(script: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`;
}

/** What `Astro.csp` offers that these layouts use (undefined in `astro dev`, which has no CSP). */
interface CspApi {
  insertScriptHash(hash: `sha256-${string}`): void;
}

/** Adds each script's hash to the page's policy and returns the scripts, to render with set:html. */
export function allowInlineScripts(csp: CspApi | undefined, scripts: string[]): string[] {
  for (const script of scripts) csp?.insertScriptHash(scriptHash(script));
  return scripts;
}
