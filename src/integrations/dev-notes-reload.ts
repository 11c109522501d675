/**
 * `npm run dev` only: a note edited, added, removed or renamed in the vault shows in the open pages
 * (lessons, quiz embeds, tag quizzes) within about a second.
 *
 * The vault is watched here, not in the lessons loader, because only an integration can reload
 * content the way Astro reloads it itself: `refreshContent()` runs the lessons loader again and then
 * writes the content store at once, and the store's write is what makes Astro drop its cached
 * collections and static paths and tell open pages to reload. A loader watching on its own only sets
 * entries, and the store saves them after a 500 ms debounce, so every edit waited that long first.
 */
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { LESSONS_LOADER, LESSONS_RELOADED } from '../content-pipeline/loader-handoff.ts';
import { readVaultSettings } from '../content-pipeline/settings.ts';
import { LESSONS_VERSION_EVENT, lessonsVersion, noteLessonsVersion, PAGE_SCRIPT } from './dev-lessons-version.ts';

/** Edits closer together than this (a save that writes two files, a folder moved) are one reload. */
const SETTLE_MS = 25;
/** How often a refresh Astro skipped is asked again (every SETTLE_MS: five seconds in all). */
const RETRIES = 200;

/** What the loader is told about a reload this integration asked for (its `refreshContextData`). */
export interface NotesChange {
  /** Vault-relative paths that changed since the last reload, `/`-separated. */
  changedPaths: string[];
  /** Counts this server's reloads; the loader notes the last one it ran. */
  reloadId: number;
}

/**
 * Whether a change to this vault-relative path can change the lessons: not Git's or Obsidian's
 * trash, and not the workspace files Obsidian rewrites on every click.
 */
export function affectsLessons(path: string): boolean {
  if (path === '' || path.startsWith('..')) return false;
  const parts = path.split('/');
  if (parts.some((part) => part === '.git' || part === '.trash' || part === 'node_modules')) return false;
  return !/(^|\/)workspace(-mobile)?\.json$/.test(path);
}

export function devNotesReload(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'ami-lab-dev-notes-reload',
    hooks: {
      'astro:config:setup': ({ command, injectScript, addMiddleware }) => {
        if (command !== 'dev') return;
        // A page that missed a reload catches up (see dev-lessons-version.ts).
        injectScript('page', PAGE_SCRIPT);
        addMiddleware({ entrypoint: new URL('./dev-lessons-version.ts', import.meta.url), order: 'pre' });
      },
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:server:setup': ({ server, refreshContent, logger }) => {
        if (!refreshContent) return;
        const { vaultDir } = readVaultSettings(process.env, root);
        server.watcher.add(vaultDir);
        // Unique to this server: a restarted server counts its reloads from 0 again.
        const serverStart = Date.now();
        noteLessonsVersion(`${serverStart}:0`);
        server.environments.client.hot.on(LESSONS_VERSION_EVENT, (_data, client) => client.send(LESSONS_VERSION_EVENT, { version: lessonsVersion() }));
        const pending = new Set<string>();
        let timer: ReturnType<typeof setTimeout> | undefined;
        let reloads = 0;
        // The content layer runs one sync at a time; edits made during a reload wait for the next.
        let running: Promise<void> = Promise.resolve();
        const reload = () => {
          reloads += 1;
          const change: NotesChange = { changedPaths: [...pending].sort(), reloadId: reloads };
          pending.clear();
          running = running.then(async () => {
            try {
              // Astro skips a refresh while it reloads its content config (see astro-loader.ts).
              for (let attempt = 0; (globalThis as Record<symbol, unknown>)[LESSONS_RELOADED] !== change.reloadId; attempt += 1) {
                if (attempt === RETRIES) throw new Error(`The lessons were not reloaded after a change to ${change.changedPaths.join(', ')}: save the note again.`);
                if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
                await refreshContent({ loaders: [LESSONS_LOADER], context: { ...change } });
              }
              // The content store is written and the pages told: pages rendered before now are older.
              noteLessonsVersion(`${serverStart}:${change.reloadId}`);
              logger.info(`Reloaded the lessons after a change to ${change.changedPaths.join(', ')}`);
            } catch (error) {
              // A note that cannot be built: the pages keep the last good lessons until it is fixed.
              logger.error((error as Error).message);
            }
          });
        };
        const onChange = (file: string) => {
          const path = relative(vaultDir, file).split(sep).join('/');
          if (!affectsLessons(path)) return;
          pending.add(path);
          clearTimeout(timer);
          timer = setTimeout(reload, SETTLE_MS);
        };
        for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) server.watcher.on(event, onChange);
      },
    },
  };
}
