/**
 * Pagefind's index of the lessons, published to <site>/pagefind/ by `npm run build`. Only lesson
 * pages are searchable (data-pagefind-body); the rest need not be read at all.
 *
 * The index is written into a folder of its own (in Astro's cache folder) and then takes the place
 * of the site's last one whole, so the site never holds half of one index and half of another.
 * It is made one of two ways, both giving the same bytes:
 * - beside Astro's build, from the pages the lessons pipeline run started beside Astro makes for it
 *   (src/content-pipeline/search-pages.ts), when the lessons Astro's loader stored were made from
 *   the inputs that run read (it took them, or its store held them already): this is
 *   every `npm run build` that goes as planned, and costs the build's end only the move;
 * - after Astro's build, from the built lesson pages, otherwise (the run failed, or a note changed
 *   between its reading the vault and the loader's).
 *
 * Pages are added in order of their path, which fixes each page's number in the index: a build's
 * index does not depend on the order in which a folder lists its files, nor on which way it was made.
 *
 * Plain JavaScript, as build-site.mjs, which runs it with plain Node.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes the index of `pages` (`{ sourcePath, html }`: where each page is in the site, and its
 * HTML) into the folder `bundle`, emptied first. Returns how many pages it indexed and how many
 * files it wrote.
 * @param {ReadonlyArray<{ sourcePath: string; html: string }>} pages
 * @param {string} bundle
 * @returns {Promise<{ pages: number; files: number }>}
 */
export async function writeSearchIndex(pages, bundle) {
  rmSync(bundle, { recursive: true, force: true });
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    const ordered = [...pages].sort((a, b) => (a.sourcePath < b.sourcePath ? -1 : a.sourcePath > b.sourcePath ? 1 : 0));
    // All sent at once: Pagefind takes them in the order sent, and one at a time would wait for
    // each answer (2,000 pages: 1.0 s sent at once, against 1.2 s one by one).
    const added = await Promise.all(ordered.map(({ sourcePath, html }) => index.addHTMLFile({ sourcePath, content: html })));
    const failed = added.flatMap((result) => result.errors);
    if (failed.length > 0) throw new Error(`pagefind: ${failed.join('; ')}`);
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    return { pages: ordered.length, files: countFiles(bundle) };
  } finally {
    await pagefind.close();
  }
}

/**
 * The lesson pages of the site built in `outDir` (notes/**∕*.html), as pages for the index.
 * @param {string} outDir
 * @returns {Array<{ sourcePath: string; html: string }>}
 */
export function builtLessonPages(outDir) {
  const notes = join(outDir, 'notes');
  let files;
  try {
    files = readdirSync(notes, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith('.html'));
  } catch {
    return [];
  }
  return files.map((entry) => {
    const path = join(entry.parentPath, entry.name);
    return {
      sourcePath: `notes/${path
        .slice(notes.length + 1)
        .split('\\')
        .join('/')}`,
      html: readFileSync(path, 'utf8'),
    };
  });
}

/**
 * Puts the index written into `bundle` in the place of `outDir/pagefind`: the last index is moved
 * aside, the new one moved in (copied when the two folders are on different disks), and the last
 * one removed.
 * @param {string} bundle
 * @param {string} outDir
 */
export function publishSearchIndex(bundle, outDir) {
  const target = join(outDir, 'pagefind');
  const aside = `${target}.old-${process.pid}`;
  mkdirSync(outDir, { recursive: true });
  rmSync(aside, { recursive: true, force: true });
  try {
    renameSync(target, aside);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
  }
  try {
    renameSync(bundle, target);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EXDEV') throw error;
    cpSync(bundle, target, { recursive: true });
    rmSync(bundle, { recursive: true, force: true });
  }
  rmSync(aside, { recursive: true, force: true });
}

/** @param {string} dir */
function countFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}
