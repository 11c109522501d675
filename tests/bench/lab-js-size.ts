/**
 * JavaScript the lab pages load before the learner acts, gzipped, measured over dist/: module
 * scripts, island components and renderers, modulepreloads, inline scripts, and every chunk those
 * import statically (dynamic imports load later and are listed apart). Also checks that no lab
 * chunk is loaded by a non-lab page.
 *
 * Run after `npm run build`: npx tsx tests/bench/lab-js-size.ts [budgetKiB] (LAB_DIST=<folder> for
 * another build than dist/). This reads the files; `npm run check:budget` measures the same pages in
 * a browser, as a first-time and a returning learner.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = process.env.LAB_DIST ? resolve(process.env.LAB_DIST) : fileURLToPath(new URL('../../dist/', import.meta.url));
const budgetKiB = Number(process.argv[2] ?? 150);

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '_astro' || entry.name === 'pagefind' ? [] : pages(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

function entryUrls(html: string): { urls: string[]; inlineBytes: number } {
  const urls = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) urls.add(match[1] as string);
  for (const match of html.matchAll(/(?:component-url|renderer-url)="([^"]+)"/g)) urls.add(match[1] as string);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) urls.add(match[1] as string);
  let inlineBytes = 0;
  for (const match of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) inlineBytes += gzipSync(match[1] ?? '').length;
  return { urls: [...urls].filter((url) => url.endsWith('.js')), inlineBytes };
}

function fileOf(url: string): string {
  return join(dist, url.replace(/^\//, ''));
}

/** Chunks loaded statically from `file`, and those only imported dynamically. */
function importsOf(file: string): { statics: string[]; dynamics: string[] } {
  const code = readFileSync(file, 'utf8');
  const resolve = (spec: string) => join(dirname(file), spec);
  const dynamics = [...code.matchAll(/import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)].map((m) => resolve(m[1] as string));
  // Vite's preload helper lists dynamic deps in an array of strings; those are not static imports.
  const statics = [...code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)].map((m) => resolve(m[1] as string));
  return { statics, dynamics };
}

function closure(entries: string[]): { files: Set<string>; lazy: Set<string> } {
  const files = new Set<string>();
  const lazy = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file) || !existsSync(file)) continue;
    files.add(file);
    const { statics, dynamics } = importsOf(file);
    queue.push(...statics);
    for (const d of dynamics) lazy.add(d);
  }
  for (const f of files) lazy.delete(f);
  return { files, lazy };
}

const gz = (file: string) => gzipSync(readFileSync(file)).length;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

let failed = false;
const labPages = ['lab/index.html', 'lab/bake-an-ami/index.html', 'embed/lab/bake-an-ami/index.html'];
for (const page of labPages) {
  const html = readFileSync(join(dist, page), 'utf8');
  const { urls, inlineBytes } = entryUrls(html);
  const { files, lazy } = closure(urls.map(fileOf));
  const rows = [...files].map((file) => ({ file: relative(dist, file), bytes: gz(file) })).sort((a, b) => b.bytes - a.bytes);
  const total = rows.reduce((sum, row) => sum + row.bytes, 0) + inlineBytes;
  console.log(`\n/${page.replace(/index\.html$/, '')}: ${kib(total)} gzip before the learner acts (budget ${budgetKiB} KiB)`);
  for (const row of rows) console.log(`  ${kib(row.bytes).padStart(10)}  ${row.file}`);
  console.log(`  ${kib(inlineBytes).padStart(10)}  inline scripts`);
  if (lazy.size > 0) console.log(`  loaded later (dynamic): ${[...lazy].map((f) => `${relative(dist, f)} ${kib(gz(f))}`).join(', ')}`);
  if (total > budgetKiB * 1024) failed = true;
}

// Nothing of the lab on other pages: no page outside /lab/ may load the LabApp chunk or its closure.
const labEntry = entryUrls(readFileSync(join(dist, 'lab/index.html'), 'utf8'));
const labOnly = closure(labEntry.urls.filter((url) => url.includes('LabApp')).map(fileOf)).files;
const shared = new Set<string>();
for (const page of pages(dist)) {
  if (relative(dist, page).startsWith('lab/') || relative(dist, page).startsWith('embed/lab/')) continue;
  const { urls } = entryUrls(readFileSync(page, 'utf8'));
  for (const file of closure(urls.map(fileOf)).files) if (labOnly.has(file)) shared.add(`${relative(dist, page)} loads ${relative(dist, file)}`);
}
// Vendor chunks (React, Dexie, zod, the bundler runtime) are shared with other islands by design;
// what must not leak is the lab's own code: the LabApp/Forms chunks and lab-only modules.
const leaks = [...shared].filter((line) => /loads _astro\/(LabApp|Forms|Details|ResourceForms|console-cli|lab-sessions)\./.test(line));
console.log(leaks.length === 0 ? '\nNo lab chunk loads on a non-lab page.' : `\nLab chunks on other pages:\n  ${leaks.join('\n  ')}`);
if (leaks.length > 0) failed = true;
process.exit(failed ? 1 : 0);
