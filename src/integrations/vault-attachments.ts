/**
 * Publishes the files the notes embed (images, audio, PDFs), plus KaTeX's stylesheet and Mermaid's
 * prebuilt ES modules for the pages that have math or diagrams. The vault may live outside the
 * project (NOTES_DIR), so these cannot sit in `public/`: in development they are served straight
 * from the vault, and after a build they are copied into `dist/` (those unchanged since the last
 * build are left there). Only attachments a page uses are published.
 *
 * Mermaid is copied as its own minified build rather than bundled: bundling it made the site build
 * take about 400 MB more memory and several seconds longer, for a library only diagram pages load.
 */
import { copyFileSync, createReadStream, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ATTACHMENT_MANIFEST } from '../content-pipeline/loader-handoff.ts';
import { withTrailingSlash } from '../shared/trailing-slash.ts';

interface Manifest {
  vaultDir: string;
  attachments: Array<{ path: string; url: string }>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.bmp': 'image/bmp',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.css': 'text/css',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

function readManifest(cacheDir: URL): Manifest | undefined {
  const file = join(fileURLToPath(cacheDir), ATTACHMENT_MANIFEST);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

function packageDist(name: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(`${name}/package.json`)), 'dist');
}

/** URL prefix → folder, for the vendored browser files. */
function vendorFolders(): Array<{ prefix: string; folder: string }> {
  return [
    { prefix: 'vendor/katex/', folder: packageDist('katex') },
    { prefix: 'vendor/mermaid/', folder: packageDist('mermaid') },
  ];
}

/**
 * Publishes the manifest's attachments into `folder` (the site's attachments/, whose URLs begin with
 * `prefix`), and removes what else is there. A copy is stamped with its source's date, so that the
 * next build leaves an attachment whose size and date are unchanged where it is (a one-note rebuild
 * of the 155-note test vault copied its 219 attachments again, 0.2–0.3 s). Returns how many it copied.
 */
function publishAttachments(manifest: Manifest | undefined, folder: string, prefix: string): number {
  const wanted = new Map<string, string>();
  for (const { path, url } of manifest?.attachments ?? []) if (url.startsWith(prefix)) wanted.set(url.slice(prefix.length), join(manifest?.vaultDir ?? '.', path));
  // What an earlier build left that no page uses now (a deleted or renamed attachment).
  const present = existsSync(folder) ? readdirSync(folder, { recursive: true, withFileTypes: true }) : [];
  const folders: string[] = [];
  for (const entry of present) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) folders.push(path);
    else if (!wanted.has(relative(folder, path).replaceAll('\\', '/'))) rmSync(path, { force: true });
  }
  // Then the folders left empty, deepest first, as a cold build would not make them.
  for (const path of folders.sort((a, b) => b.length - a.length)) if (readdirSync(path).length === 0) rmdirSync(path);
  let copied = 0;
  for (const [name, source] of wanted) {
    const target = join(folder, name);
    const from = statSync(source);
    const there = statSync(target, { throwIfNoEntry: false });
    // Dates within 2 ms: the stamp below goes through seconds as a floating-point number, and came
    // back up to a millisecond off (…04.4295 stamped as …04.4300).
    if (there?.isFile() && there.size === from.size && Math.abs(there.mtimeMs - from.mtimeMs) < 2) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    utimesSync(target, from.atime, from.mtime);
    copied += 1;
  }
  return copied;
}

/** The vendored browser files a build publishes: [installed file, path under vendor/]. */
export function vendorFiles(): Array<[string, string]> {
  const katex = packageDist('katex');
  const files: Array<[string, string]> = [[join(katex, 'katex.min.css'), 'katex/katex.min.css']];
  for (const font of readdirSync(join(katex, 'fonts'))) files.push([join(katex, 'fonts', font), `katex/fonts/${font}`]);
  // Mermaid's ES module build: its entry and the chunks it imports.
  const mermaid = packageDist('mermaid');
  files.push([join(mermaid, 'mermaid.esm.min.mjs'), 'mermaid/mermaid.esm.min.mjs']);
  for (const chunk of readdirSync(join(mermaid, 'chunks', 'mermaid.esm.min')).filter((name) => name.endsWith('.mjs'))) {
    files.push([join(mermaid, 'chunks', 'mermaid.esm.min', chunk), `mermaid/chunks/mermaid.esm.min/${chunk}`]);
  }
  return files;
}

export function vaultAttachments(): AstroIntegration {
  let cacheDir: URL;
  let outDir: URL;
  let base = '/';
  return {
    name: 'ami-lab-vault-attachments',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
        outDir = config.outDir;
        base = withTrailingSlash(config.base);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
          let file: string | undefined;
          const vendor = vendorFolders().find((v) => url.startsWith(`${base}${v.prefix}`));
          if (vendor) {
            const rest = url.slice(`${base}${vendor.prefix}`.length);
            if (!rest.includes('..')) file = join(vendor.folder, rest);
          } else if (url.startsWith(`${base}pagefind/`)) {
            // In development, search uses the index of the last `npm run build`.
            const rest = url.slice(`${base}pagefind/`.length);
            if (!rest.includes('..')) file = join(fileURLToPath(outDir), 'pagefind', rest);
          } else if (url.startsWith(`${base}attachments/`)) {
            const manifest = readManifest(cacheDir);
            const entry = manifest?.attachments.find((a) => a.url === url);
            if (manifest && entry) file = join(manifest.vaultDir, entry.path);
          }
          if (!file || !existsSync(file)) return next();
          res.setHeader('Content-Type', CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const manifest = readManifest(cacheDir);
        const copied = publishAttachments(manifest, join(out, 'attachments'), `${base}attachments/`);
        // The vendored files are hard links to the installed packages' files, not copies: the
        // same bytes, and no file for the disk to write (167 files, 6.5 MB: 0.23–0.26 s of copies
        // at the end of every build, 10–20 ms of links). The folder is made anew each build (a
        // link keeps its package file's date, which the build's sweep of old files leaves alone
        // here: see removeStale in build-site.mjs). Where the disk has no hard links, a copy.
        const vendor = join(out, 'vendor');
        rmSync(vendor, { recursive: true, force: true });
        for (const [source, target] of vendorFiles()) {
          mkdirSync(dirname(join(vendor, target)), { recursive: true });
          try {
            linkSync(source, join(vendor, target));
          } catch {
            copyFileSync(source, join(vendor, target));
          }
        }
        const count = manifest?.attachments.length ?? 0;
        logger.info(`published ${count} attachments${copied < count ? ` (${count - copied} unchanged since the last build)` : ''}`);
      },
    },
  };
}
