/**
 * Pagefind's index of the lessons, written to <site>/pagefind/ by `npm run build` after Astro's
 * build. Only lesson pages are searchable (data-pagefind-body); the rest need not be read at all.
 *
 * A rebuild writes the new index over the last one. Pagefind names its fragment, index, filter and
 * meta files by their content and does not write such a file again when one of that name exists
 * (it would hold the same bytes), so after a one-note edit it compresses and writes a handful of
 * files where a fresh index cost it all 2,048 (2,000 notes: its write took 0.4 s instead of
 * 0.8–1.7 s). What it no longer uses is then removed here: every file this run did not write and
 * the new index does not name (see removeUnused), so the folder ends exactly as a cold build
 * leaves it.
 *
 * A name is the first 7 hex digits of its content's hash. A kept file could hold other content
 * only if a new file's digits matched those of an old file the new index dropped (a changed or
 * deleted page's): a handful of names against a handful, among 2^28. Two files of one build that
 * share digits get a longer name, and a lengthened name is the one case that can hand a kept
 * name to other content, so it always gives a fresh index (see removeUnused).
 *
 * `fresh` empties the folder first: a cold build, FULL_BUILD=1, and any build after the project's
 * code or lockfile changed (a new Pagefind may name or lay out its files differently) or after a
 * build that failed (a file it left half-written would otherwise be kept by name).
 *
 * Plain JavaScript, as build-site.mjs, which runs it with plain Node.
 */
import { readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Indexes the lesson pages under `outDir` into `outDir/pagefind`. Returns what it did, for the
 * build's log.
 * @param {string} outDir
 * @param {{ fresh: boolean }} options
 * @returns {Promise<{ pages: number; files: number; removed: number; fresh: boolean }>}
 */
export async function indexSearch(outDir, { fresh }) {
  const bundle = join(outDir, 'pagefind');
  if (fresh) rmSync(bundle, { recursive: true, force: true });
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: outDir, glob: 'notes/**/*.html' });
    if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join('; ')}`);
    // The kernel stamps files from a clock that may lag Date.now() by a tick: the margin keeps
    // this run's own files, and is far shorter than indexing takes.
    const since = Date.now() - 50;
    const write = async () => {
      const written = await index.writeFiles({ outputPath: bundle });
      if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    };
    await write();
    let removed = 0;
    let whole = fresh;
    if (!fresh) {
      const outcome = removeUnused(bundle, since);
      if (outcome.ok) removed = outcome.removed;
      else {
        // The new index could not be read back (see removeUnused): write it whole instead.
        rmSync(bundle, { recursive: true, force: true });
        await write();
        whole = true;
      }
    }
    return { pages: added.page_count, files: countFiles(bundle), removed, fresh: whole };
  } finally {
    await pagefind.close();
  }
}

/**
 * Removes from a Pagefind bundle what its current index does not use: files older than `since`
 * (this run wrote every file it needs except the content-named ones it found already there) whose
 * name neither pagefind-entry.json nor a language's meta file names. Fragments, word indexes and
 * filters are named in the meta, which is gzip'd CBOR behind a "pagefind_dcd" signature; a name is
 * looked for as the CBOR text string it is stored as (its length header, then its bytes), so no
 * file is taken for used because its name is part of a longer one.
 *
 * Returns ok: false, having removed nothing, when the index cannot be read back as expected (the
 * entry or a meta file missing or unreadable, or fewer fragments named than pages indexed): a new
 * Pagefind may store its names otherwise, and removing a file the index needs would break search.
 * Also when a file's name is longer than Pagefind's usual 7 digits: it lengthens a name when two
 * files of one build would share it, so the next build, colliding otherwise, can give the short
 * name to other content, and the file kept under it would be the wrong one (a case Pagefind's own
 * source notes). Only a fresh index is certain then.
 * @param {string} bundle
 * @param {number} since
 * @returns {{ ok: true; removed: number } | { ok: false }}
 */
export function removeUnused(bundle, since) {
  let metas;
  let pageCount = 0;
  try {
    const entry = JSON.parse(readFileSync(join(bundle, 'pagefind-entry.json'), 'utf8'));
    const languages = Object.values(entry.languages ?? {});
    metas = languages.map((language) => ({ name: `pagefind.${language.hash}.pf_meta`, bytes: gunzipSync(readFileSync(join(bundle, `pagefind.${language.hash}.pf_meta`))) }));
    pageCount = languages.reduce((sum, language) => sum + Number(language.page_count ?? 0), 0);
  } catch {
    return { ok: false };
  }
  const metaNames = new Set(metas.map((meta) => meta.name));
  const named = (fileName) => {
    const name = fileName.slice(0, fileName.lastIndexOf('.'));
    const bytes = Buffer.from(name, 'utf8');
    // CBOR text string header: major type 3, the length in the low bits below 24, else in a byte.
    const header = bytes.length < 24 ? Buffer.from([0x60 + bytes.length]) : Buffer.from([0x78, bytes.length]);
    const needle = Buffer.concat([header, bytes]);
    return metas.some((meta) => meta.bytes.includes(needle));
  };

  const unused = [];
  let fragmentsNamed = 0;
  let lengthened = false;
  const visit = (relativeDir) => {
    for (const entry of readdirSync(join(bundle, relativeDir), { withFileTypes: true })) {
      const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        visit(path);
        continue;
      }
      if (relativeDir !== '' && /_[0-9a-f]{8,}\./.test(entry.name)) lengthened = true;
      const isNamed = relativeDir === '' ? metaNames.has(entry.name) : named(entry.name);
      if (isNamed && relativeDir === 'fragment') fragmentsNamed += 1;
      if (!isNamed && statSync(join(bundle, path)).mtimeMs < since) unused.push(path);
    }
  };
  visit('');
  if (fragmentsNamed < pageCount || lengthened) return { ok: false };
  for (const path of unused) rmSync(join(bundle, path), { force: true });
  for (const entry of readdirSync(bundle, { withFileTypes: true })) {
    if (entry.isDirectory() && readdirSync(join(bundle, entry.name)).length === 0) rmdirSync(join(bundle, entry.name));
  }
  return { ok: true, removed: unused.length };
}

/** @param {string} dir */
function countFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}
