// `npm run build`: the whole site build, in three steps: `astro build` (with the JavaScript heap
// sized to the vault), Pagefind's index of the lessons, and the service worker. Extra arguments
// such as `--outDir` pass through to Astro, and the other two steps follow them.
//
// A build whose inputs have not changed since the last build into the same folder is skipped: the
// vault (every note's content, every attachment's size and date), the project's own files (src/,
// content/labs/, public/, configs, lockfile), the settings from the environment and the arguments
// are fingerprinted before building, and the fingerprint is kept in Astro's cache folder once the
// build succeeds. FULL_BUILD=1 builds everything again (no skipped build, no kept lesson or page).
//
// Heap: V8 sizes its heap for the machine (24 GB here) and lets rendering garbage pile up before
// collecting it; a 2,000-note build peaked near 1.3 GB, a few hundred MB of it such garbage. A cap
// of 384 MB plus 0.1 MB per note leaves the live data room (5,000 notes built fine under a flat
// 512 MB) while making V8 collect sooner, which keeps the build's peak memory down.
//
// Plain JavaScript on purpose: this process stays alive beside the build, so it must stay small
// (under tsx it added about 100 MB to the build's memory).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeServiceWorker } from './generate-service-worker.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/** Every file under `dir` (dot-folders and dot-files skipped), sorted, as [relative path, stats]. */
function walk(dir, prefix = '') {
  let entries;
  try {
    entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  const files = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...walk(dir, path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/**
 * What the build depends on, as one hash. Notes by content (an editor may rewrite a file unchanged,
 * and a checkout changes every date); everything else by size and modification time. The vault's
 * `.obsidian/` settings are read by the pipeline, so they count too.
 */
function fingerprint(vault, outDir, cacheDir) {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ args, node: process.version, outDir, cacheDir, vault }));
  for (const [name, value] of Object.entries(process.env).sort()) {
    if (/^(NOTES_|SITE_BASE$|ASTRO_|PUBLIC_)/.test(name)) hash.update(`env ${name}=${value}\n`);
  }
  const stat = (path) => {
    try {
      const s = statSync(path);
      return `${s.size}:${s.mtimeMs}`;
    } catch {
      return 'missing';
    }
  };
  for (const file of [...walk(vault), ...['app.json', 'types.json'].map((f) => `.obsidian/${f}`)]) {
    const path = join(vault, file);
    if (file.endsWith('.md')) {
      try {
        hash.update(`note ${file}\n`).update(readFileSync(path));
      } catch {
        hash.update(`note ${file} missing\n`);
      }
    } else hash.update(`file ${file} ${stat(path)}\n`);
  }
  for (const folder of ['src', 'content/labs', 'public']) {
    for (const file of walk(join(ROOT, folder))) hash.update(`project ${folder}/${file} ${stat(join(ROOT, folder, file))}\n`);
  }
  for (const file of ['astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json']) hash.update(`project ${file} ${stat(join(ROOT, file))}\n`);
  return hash.digest('hex');
}

function run(file, argv, env = process.env) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...argv], { stdio: 'inherit', env });
    child.on('close', (code, signal) => (code === 0 ? done() : fail(new Error(`${file} failed (${signal ?? `exit ${code}`})`))));
  });
}

function optionValue(name, fallback) {
  const at = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at === -1) return fallback;
  return args[at].includes('=') ? args[at].slice(name.length + 1) : (args[at + 1] ?? fallback);
}

const notesDir = process.env.NOTES_DIR?.trim() || 'content/notes';
const vault = isAbsolute(notesDir) ? notesDir : resolve(ROOT, notesDir);
const outDir = resolve(ROOT, optionValue('--outDir', 'dist'));
const cacheDir = resolve(ROOT, process.env.ASTRO_CACHE_DIR || 'node_modules/.astro');
const stampFile = join(cacheDir, `build-stamp-${createHash('sha256').update(outDir).digest('hex').slice(0, 12)}.txt`);

const started = performance.now();
const print = JSON.stringify(fingerprint(vault, outDir, cacheDir));
const previous = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
if (process.env.FULL_BUILD !== '1' && previous === print && existsSync(join(outDir, 'index.html')) && existsSync(join(outDir, 'sw.js'))) {
  console.log(`Nothing changed since the last build into ${outDir} (checked in ${Math.round(performance.now() - started)} ms); FULL_BUILD=1 builds anyway.`);
} else {
  rmSync(stampFile, { force: true });
  try {
    await buildAll();
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(stampFile, print);
  } catch (error) {
    console.error(error.message);
    process.exitCode = 1;
  }
}

async function buildAll() {
  const notes = walk(vault).filter((file) => file.endsWith('.md')).length;
  const heapMb = Math.round(384 + 0.1 * notes);
  const astro = join(dirname(require.resolve('astro/package.json')), 'bin', 'astro.mjs');
  // FULL_BUILD=1: Astro's --force also clears its content store and its cache of rendered pages.
  const force = process.env.FULL_BUILD === '1' && !args.includes('--force') ? ['--force'] : [];
  await run('astro build', [`--max-old-space-size=${heapMb}`, astro, 'build', ...args, ...force]);
  // Only lesson pages are searchable (data-pagefind-body); the rest need not be read at all.
  const pagefind = join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), 'runner', 'bin.cjs');
  await run('pagefind', [pagefind, '--site', outDir, '--glob', 'notes/**/*.html']);
  const rawBase = process.env.SITE_BASE ?? '/';
  const { count, bytes } = writeServiceWorker(outDir, rawBase.endsWith('/') ? rawBase : `${rawBase}/`);
  console.log(`service worker: ${outDir}/sw.js precaches ${count} files (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
}
