/**
 * `npm run dev` only: a page never stays on lessons older than the server's, even when it missed the
 * reload Astro broadcasts once the lessons are reloaded (see dev-notes-reload.ts).
 *
 * Astro tells open pages to reload over Vite's WebSocket, and a page that is itself loading at that
 * moment (after an earlier reload, or opened just then) is not connected yet: the message is lost,
 * and the page shows the lessons it was rendered with until the next edit. Seen as an open lesson
 * that kept a renamed note's old backlink, after a rename that made two reloads close together.
 *
 * So each page carries the version of the lessons it was rendered with (this middleware writes it
 * into its head), and once connected asks the server for the current one (the page script below);
 * a page rendered before the latest reload reloads itself. The version is noted when the version's
 * reload has finished (the content store written, the pages told), and taken before a page is
 * rendered, so a page can only be older than its version says, never newer: at worst it reloads
 * once more than it needed to.
 *
 * No import of Astro's virtual modules: the integration loads this module with Astro's config.
 */
import type { MiddlewareHandler } from 'astro';

/** The custom event of Vite's WebSocket by which a page asks for the version, and is told it. */
export const LESSONS_VERSION_EVENT = 'ami-lab:lessons-version';

/** The meta element that carries a page's version. */
const VERSION_META = 'ami-lab-lessons-version';

/**
 * Where the integration notes the version: a global, since the integration runs with Astro's
 * config and this middleware in Vite's server runtime, two module graphs in one process.
 */
const LESSONS_VERSION = Symbol.for('ami-lab.lessons-version');

export function noteLessonsVersion(version: string): void {
  (globalThis as Record<symbol, unknown>)[LESSONS_VERSION] = version;
}

export function lessonsVersion(): string {
  const version = (globalThis as Record<symbol, unknown>)[LESSONS_VERSION];
  return typeof version === 'string' ? version : '';
}

/** Writes the version of the lessons it is rendered with into an HTML page's head. */
export const onRequest: MiddlewareHandler = async (_context, next) => {
  const version = lessonsVersion();
  const response = await next();
  if (!version || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  const html = await response.text();
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  const marked = html.replace(/<head(\s[^>]*)?>/i, (head) => `${head}<meta name="${VERSION_META}" content="${version}">`);
  return new Response(marked, { status: response.status, statusText: response.statusText, headers });
};

/**
 * The page script: once connected, asks for the version and reloads the page when it is not the
 * page's own. Vite holds a message sent before the connection is open until it is.
 */
export const PAGE_SCRIPT = `
const rendered = document.querySelector('meta[name="${VERSION_META}"]')?.getAttribute('content');
if (import.meta.hot && rendered) {
  import.meta.hot.on(${JSON.stringify(LESSONS_VERSION_EVENT)}, ({ version }) => {
    if (version && version !== rendered) location.reload();
  });
  import.meta.hot.send(${JSON.stringify(LESSONS_VERSION_EVENT)}, {});
}
`;
