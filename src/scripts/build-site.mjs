// `npm run build`: the whole site build, in three steps: `astro build` (with the JavaScript heap
// sized to the vault), Pagefind's index of the lessons, and the service worker. Extra arguments
// such as `--outDir` pass through to Astro, and the other two steps follow them. The lessons
// pipeline runs beside Astro's start, and the search index is written beside the rest of Astro's
// build (see startEarlyLessons): each on the core Astro leaves idle meanwhile.
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
// The output folder is not emptied before a rebuild (AMI_LAB_KEEP_OUTDIR tells astro.config.mjs):
// Astro's incremental build then leaves an unchanged page where it is, where an emptied folder made
// it delete every page (and Pagefind's index) and copy each back from its cache, which cost a
// one-note rebuild of 2,000 notes about 5 s on this disk. What the build did not write again is
// removed afterwards (see removeStale), so the folder ends as a cold build leaves it.
//
// Plain JavaScript on purpose: this process stays alive beside the build, so it must stay small
// (under tsx it added about 100 MB to the build's memory).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getPriority, setPriority } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import lockfile from 'proper-lockfile';
import { EARLY_LESSONS_FILE_ENV, EARLY_LESSONS_PID_ENV, earlyInputsFile, earlyLabsFile, earlyLessonsTakenFile, earlySearchPagesFile } from '../content-pipeline/loader-handoff.ts';
import { readSearchPages } from '../content-pipeline/search-pages.ts';
import { siteBaseFromEnv } from '../shared/trailing-slash.ts';
import { writeServiceWorker } from './generate-service-worker.mjs';
import { builtLessonPages, publishSearchIndex, writeSearchIndex } from './search-index.mjs';

// Memory allocators (set for Astro's process only; each measured on a 2,000-note build, peak RSS of
// Astro's process): glibc's malloc keeps a heap per thread that touched it, and two arenas are
// enough for Node's few threads (MALLOC_ARENA_MAX=2). Rolldown (Vite's bundler, native code) allocates
// with mimalloc, which by default commits its 1 GiB arenas eagerly and kept about 300 MB of one
// resident through page generation: MIMALLOC_ARENA_EAGER_COMMIT=0 commits pages as they are used and
// took the process from 1,017 MB to 780 MB (PURGE_DELAY=0 returns freed pages at once).
const ALLOCATOR_ENV = { MALLOC_ARENA_MAX: '2', MIMALLOC_PURGE_DELAY: '0', MIMALLOC_ARENA_EAGER_COMMIT: '0' };

// Young generation: V8 sizes its semi-spaces for this machine's memory, and both processes of a
// build held well over 100 MB more than they use for it. 16 MB each (the lessons run of 2,000
// notes alone: 508–589 MB at its peak with V8's size, 383–392 MB with this, in the same time;
// 8 MB was slower, with little memory more to gain) keeps a cold build of 2,000 notes under 1 GB
// now that Astro bundles its pages while that run goes on (see early-lessons.ts).
const SEMI_SPACE_MB = 16;

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
function fingerprint(vault, outDir, cacheDir, code) {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ args, node: process.version, outDir, cacheDir, vault }));
  for (const [name, value] of Object.entries(process.env).sort()) {
    if (/^(NOTES_|SITE_BASE$|ASTRO_|PUBLIC_)/.test(name)) hash.update(`env ${name}=${value}\n`);
  }
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
  hash.update(code);
  return hash.digest('hex');
}

/** File sizes and dates, or "missing". */
function stat(path) {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/**
 * The project's own code and settings (src/, content/labs/, public/, configs, lockfile) as one hash.
 * When it changed since the last build into the same folder, every page is rendered again (Astro's
 * --force): Astro's incremental build reuses a page whose data and server-side modules are
 * unchanged, but its HTML names client script bundles by their hash, so a page kept after an
 * island's code changed would load a bundle that no longer exists.
 */
function codeFingerprint() {
  const hash = createHash('sha256');
  hash.update(process.version);
  for (const folder of ['src', 'content/labs', 'public']) {
    for (const file of walk(join(ROOT, folder))) hash.update(`project ${folder}/${file} ${stat(join(ROOT, folder, file))}\n`);
  }
  for (const file of ['astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json']) hash.update(`project ${file} ${stat(join(ROOT, file))}\n`);
  return hash.digest('hex');
}

/**
 * Removes what an earlier build left in `dir` and this one did not write: every file older than
 * `since`, except the pages Astro's incremental build kept in place (they are listed in its
 * manifest, incremental-build.json in the cache folder), then the folders left empty. A note that
 * was deleted or renamed loses its pages here, and old bundles go too. The folders in `leave`
 * are not looked into (the search index's own files are left to its step, see search-index.mjs).
 */
function removeStale(dir, since, keep, leave) {
  let removed = 0;
  const visit = (relativeDir) => {
    let entries;
    try {
      entries = readdirSync(join(dir, relativeDir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.name === '.git' || leave.has(path)) continue;
      if (entry.isDirectory()) {
        visit(path);
        if (readdirSync(join(dir, path)).length === 0) rmdirSync(join(dir, path));
      } else if (!keep.has(path) && statSync(join(dir, path)).mtimeMs < since) {
        rmSync(join(dir, path), { force: true });
        removed += 1;
      }
    }
  };
  visit('');
  return removed;
}

/** The output files of the pages Astro's last build kept or wrote (its incremental manifest). */
function keptPages(cacheDir) {
  const keep = new Set();
  try {
    const manifest = JSON.parse(readFileSync(join(cacheDir, 'incremental-build.json'), 'utf8'));
    for (const route of Object.values(manifest.routes ?? {})) for (const { outputFile } of Object.values(route.paths ?? {})) keep.add(outputFile);
  } catch {
    // No manifest: no page was kept, every page was written by this build.
  }
  return keep;
}

/**
 * Runs a Node script of the project's in the project folder: Astro takes the folder it runs in as
 * the project's root, so a build started from another folder (`node /path/to/build-site.mjs`)
 * would otherwise look for the pages there and fail.
 */
function run(file, argv, env = process.env) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...argv], { stdio: 'inherit', env, cwd: ROOT });
    child.on('close', (code, signal) => (code === 0 ? done() : fail(new Error(`${file} failed (${signal ?? `exit ${code}`})`))));
  });
}

/**
 * Starts the lessons pipeline in a process of its own, beside `astro build`, which takes its lessons
 * when its content sync begins (see src/content-pipeline/early-lessons.ts): Astro loads itself on
 * one core meanwhile, and the pipeline runs on the other, then builds the lab scenarios (see
 * src/content-pipeline/labs/early-labs.ts). As soon as the run
 * has written the pages it makes for the search index, the index is written into `searchBundle`
 * from them (see search-index.mjs), while Astro goes on with its build.
 *
 * Returns what Astro's process is told (where the lessons will be, and the process to wait for)
 * and `stop`, which waits for the run to end (Astro's loader does not when the lessons are unchanged
 * since the last build; the run then takes about a second) or, after a failed build, ends it, and
 * removes its files. `stop` gives the search index when it stands for the built pages: when the
 * lessons Astro's loader stored were made from the inputs the run read (it took the run's lessons,
 * or its store already held lessons of the same inputs).
 */
function startEarlyLessons(heapMb, searchBundle) {
  const file = join(cacheDir, 'early-lessons.bin');
  const searchPagesFile = earlySearchPagesFile(file);
  const takenFile = earlyLessonsTakenFile(file);
  const removeFiles = () => {
    for (const path of [file, searchPagesFile, takenFile, earlyLabsFile(file), earlyInputsFile(file)]) rmSync(path, { force: true });
  };
  removeFiles();
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${SEMI_SPACE_MB}`, join(ROOT, 'src/content-pipeline/cli/early-lessons.ts'), ROOT, siteBase, cacheDir, file],
    {
      stdio: 'ignore',
      env: { ...ALLOCATOR_ENV, ...process.env },
      cwd: ROOT,
    },
  );
  // At the build's own priority: the content sync waits for this run's lessons and lab scenarios,
  // which since Astro's start got shorter are the last thing it waits for, even at 155 notes. Once
  // they are written, the run lowers its priority itself for what only the next build reads (see
  // cli/early-lessons.ts).
  const ended = new Promise((done) => {
    child.on('close', done);
    // Not started at all: the loader finds no process to wait for and runs the pipeline itself.
    child.on('error', done);
  });
  // The run writes its search pages whole under their name, then its per-note cache, which the
  // index does not wait for.
  const searchPagesWritten = (async () => {
    let exited = false;
    ended.then(() => (exited = true));
    while (!exited && !existsSync(searchPagesFile)) await new Promise((wake) => setTimeout(wake, 10));
  })();
  // An index that fails here is written again after Astro's build, which then reports the failure.
  const search = searchPagesWritten
    .then(async () => {
      const made = readSearchPages(searchPagesFile);
      if (!made) return undefined;
      // Astro's build stays the critical path: the index is ready seconds before Astro ends (2,000
      // notes, cold), and at a lower priority it took cold builds 13.5 s instead of 14.0 s (means
      // of six alternating pairs). Pagefind's process, started below, takes this priority from
      // ours; what this script does after Astro is the build's last fraction of a second.
      try {
        setPriority(lowered());
      } catch {}
      const started = performance.now();
      const written = await writeSearchIndex(made.pages, searchBundle);
      return { ...written, inputs: made.inputs, seconds: (performance.now() - started) / 1000 };
    })
    .catch(() => undefined);
  return {
    env: child.pid ? { [EARLY_LESSONS_FILE_ENV]: file, [EARLY_LESSONS_PID_ENV]: String(child.pid) } : {},
    stop: async (failed) => {
      if (failed && child.exitCode === null && child.signalCode === null) child.kill();
      await ended;
      const indexed = await search;
      const taken = existsSync(takenFile) ? readFileSync(takenFile, 'utf8') : undefined;
      removeFiles();
      // A run killed while writing leaves its temporary files (`<file>.<its pid>.tmp`: see
      // src/content-pipeline/write-atomically.ts).
      if (child.signalCode !== null && existsSync(cacheDir)) {
        for (const name of readdirSync(cacheDir)) if (name.endsWith(`.${child.pid}.tmp`)) rmSync(join(cacheDir, name), { force: true });
      }
      if (!failed && indexed && taken === indexed.inputs) return indexed;
      rmSync(searchBundle, { recursive: true, force: true });
      return undefined;
    },
  };
}

/**
 * Astro bundles the pages of a site whose output folder is outside the project into the project's
 * own `.astro/.prerender/` (getOutDirWithinCwd in astro/dist/core/build/common.js), and removes that
 * folder once the pages are written: two such builds at once (into two folders, as the build tests
 * run side by side on a machine with more cores) removed each other's bundle, and one failed with
 * "Cannot find module '…/.astro/.prerender/chunks/…'". Such a build therefore waits for the one
 * before it to leave Astro, through a lock (proper-lockfile: a folder made atomically, touched
 * while held, removed when the build ends or is interrupted, and taken over once untouched for
 * 30 s, as a killed build leaves it). A build into a folder inside the project (dist/) bundles
 * there, and waits for nothing. Returns the lock's release. (The same bundle folder is why a site
 * on another disk needs src/integrations/output-on-another-disk.ts.)
 */
async function takeSharedBundleFolder() {
  if (outDir.startsWith(ROOT.replace(/[\\/]$/, ''))) return async () => {};
  const bundleFolder = join(ROOT, '.astro', '.prerender');
  const options = { realpath: false, lockfilePath: join(ROOT, '.astro', 'outside-build.lock'), stale: 30_000 };
  mkdirSync(dirname(bundleFolder), { recursive: true });
  // Tried again every 300 ms rather than with the library's retries, so that a build that has to
  // wait says so once, when it starts waiting.
  let told = false;
  let release;
  while (!release) {
    try {
      release = await lockfile.lock(bundleFolder, {
        ...options,
        // Another build took the lock over (this one stalled for 30 s): it goes on, and says why it may fail.
        onCompromised: () => console.warn(`Another build took over ${bundleFolder}/ while this one was using it: if this build fails, build again.`),
      });
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ELOCKED') throw error;
      if (!told) console.log(`Waiting for another build into a folder outside the project to finish with Astro's shared ${bundleFolder}/…`);
      told = true;
      await new Promise((wake) => setTimeout(wake, 300));
    }
  }
  return () => release().catch(() => {});
}

/** A lower CPU priority than the build's (nice 10, or the build's own if that is lower still). */
function lowered() {
  return Math.max(getPriority(), 10);
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
const siteBase = siteBaseFromEnv(process.env.SITE_BASE);
const outKey = createHash('sha256').update(outDir).digest('hex').slice(0, 12);
const stampFile = join(cacheDir, `build-stamp-${outKey}.txt`);
const codeStampFile = join(cacheDir, `code-stamp-${outKey}.txt`);

const started = performance.now();
const code = codeFingerprint();
const print = JSON.stringify(fingerprint(vault, outDir, cacheDir, code));
const previous = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
if (process.env.FULL_BUILD !== '1' && previous === print && existsSync(join(outDir, 'index.html')) && existsSync(join(outDir, 'sw.js'))) {
  console.log(`Nothing changed since the last build into ${outDir} (checked in ${Math.round(performance.now() - started)} ms); FULL_BUILD=1 builds anyway.`);
} else {
  rmSync(stampFile, { force: true });
  const codeChanged = (existsSync(codeStampFile) ? readFileSync(codeStampFile, 'utf8') : '') !== code;
  rmSync(codeStampFile, { force: true });
  try {
    await buildAll(codeChanged);
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(stampFile, print);
    writeFileSync(codeStampFile, code);
  } catch (error) {
    console.error(error.message);
    process.exitCode = 1;
  }
}

async function buildAll(codeChanged) {
  const notes = walk(vault).filter((file) => file.endsWith('.md')).length;
  const heapMb = Math.round(384 + 0.1 * notes);
  const astro = join(dirname(require.resolve('astro/package.json')), 'bin', 'astro.mjs');
  // FULL_BUILD=1, or code changed since the last build (see codeFingerprint): Astro's --force also
  // clears its content store and its cache of rendered pages.
  const force = (process.env.FULL_BUILD === '1' || codeChanged) && !args.includes('--force') ? ['--force'] : [];
  if (codeChanged && process.env.FULL_BUILD !== '1') console.log('The project code changed since the last build into this folder: every page is rendered again.');
  const keepOutDir = process.env.FULL_BUILD !== '1';
  // The kernel stamps files from a clock that may lag Date.now() by a tick (a few ms): the margin
  // keeps this build's own files, and is far shorter than the checks above take.
  const since = Date.now() - 50;
  const searchBundle = join(cacheDir, `pagefind-${outKey}`);
  const early = startEarlyLessons(heapMb, searchBundle);
  let failed = true;
  let searchBeside;
  let releaseBundleFolder = async () => {};
  try {
    // Inside the try: a lock that cannot be taken stops the lessons run too, as a failed build does.
    releaseBundleFolder = await takeSharedBundleFolder();
    await run('astro build', [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${SEMI_SPACE_MB}`, astro, 'build', ...args, ...force], {
      ...ALLOCATOR_ENV,
      ...process.env,
      AMI_LAB_KEEP_OUTDIR: keepOutDir ? '1' : '',
      ...early.env,
    });
    failed = false;
  } finally {
    await releaseBundleFolder();
    searchBeside = await early.stop(failed);
  }
  // pagefind/ is left to the search index step, which replaces it whole; attachments/ and vendor/
  // to the attachments integration (vault-attachments.ts), which keeps the attachments that did not
  // change and removes the others itself, and makes vendor/ anew of links to older files.
  if (keepOutDir) removeStale(outDir, since, keptPages(cacheDir), new Set(['pagefind', 'attachments', 'vendor']));
  const searchStarted = performance.now();
  const search = searchBeside ?? (await writeSearchIndex(builtLessonPages(outDir), searchBundle));
  publishSearchIndex(searchBundle, outDir);
  const made = searchBeside ? `beside Astro's build (in ${searchBeside.seconds.toFixed(1)} s)` : 'from the built pages';
  console.log(`pagefind: ${search.pages} pages indexed ${made}, ${search.files} files; ${((performance.now() - searchStarted) / 1000).toFixed(1)} s after Astro's build`);
  const { count, bytes } = writeServiceWorker(outDir, siteBase);
  console.log(`service worker: ${outDir}/sw.js precaches ${count} files (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
}
