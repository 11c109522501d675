/**
 * Publishes the files the notes embed (images, audio, PDFs), plus KaTeX's stylesheet and Mermaid's
 * prebuilt ES modules for the pages that have math or diagrams. The vault may live outside the
 * project (NOTES_DIR), so these cannot sit in `public/`: in development they are served straight
 * from the vault, and after a build they are copied into `dist/`. Only attachments a page uses
 * are published.
 *
 * Mermaid is copied as its own minified build rather than bundled: bundling it made the site build
 * take about 400 MB more memory and several seconds longer, for a library only diagram pages load.
 */
import { copyFileSync, cpSync, createReadStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
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

const MERMAID_FILES = /^(mermaid\.esm\.min\.mjs|chunks\/mermaid\.esm\.min\/[^/]+\.mjs)$/;

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
        for (const { path, url } of manifest?.attachments ?? []) {
          const target = join(out, url.slice(base.length));
          mkdirSync(dirname(target), { recursive: true });
          copyFileSync(join(manifest?.vaultDir ?? '.', path), target);
        }
        const katex = packageDist('katex');
        cpSync(join(katex, 'katex.min.css'), join(out, 'vendor/katex/katex.min.css'));
        cpSync(join(katex, 'fonts'), join(out, 'vendor/katex/fonts'), { recursive: true });
        const mermaid = packageDist('mermaid');
        cpSync(mermaid, join(out, 'vendor/mermaid'), {
          recursive: true,
          filter: (source) => {
            const relative = source.slice(mermaid.length + 1);
            return relative === '' || relative === 'chunks' || relative === 'chunks/mermaid.esm.min' || MERMAID_FILES.test(relative);
          },
        });
        logger.info(`published ${manifest?.attachments.length ?? 0} attachments`);
      },
    },
  };
}
