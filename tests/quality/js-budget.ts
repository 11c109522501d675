/**
 * `npm run check:budget`: JavaScript per page type, measured in a real browser from the built site.
 * For each page it counts every script the page loads before the learner acts (from navigation
 * until the network has been quiet for a second, with no input), gzips each, and compares the sum
 * with the budget. Code a page loads on idle counts too: only what waits for the learner's first
 * action (a click, a key, a scroll) is left out. Prints a table; exits 1 when a page is over budget
 * or missing.
 *
 * Pages that read the learner's progress are measured twice: as a first-time visitor (no database
 * in this browser) and as a returning learner (one lesson opened, so the study database exists and
 * the page reads it).
 *
 * A lesson with no quiz is measured on a tiny fixture vault (tests/fixtures/vaults/budget) built
 * for the purpose, since every shipped lesson has a quiz.
 *
 * Options: `--dist <folder>` measures another build than dist/ (one built with
 * `npm run build -- --outDir <folder>`); `--list` prints every script of every page with its size.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { serveStatic } from './static-server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

interface PageBudget {
  label: string;
  site: 'main' | 'fixture';
  path: string;
  budgetKb: number;
  /** Also measured for a returning learner (the study database exists). */
  returning?: boolean;
}

const PAGES: PageBudget[] = [
  { label: 'home', site: 'main', path: '/', budgetKb: 15, returning: true },
  { label: 'lesson, no quiz', site: 'fixture', path: '/notes/a-plain-lesson/', budgetKb: 5 },
  { label: 'lesson with its quiz', site: 'main', path: '/notes/amazon-machine-images-ami/', budgetKb: 60 },
  { label: 'embed page', site: 'main', path: '/embed/lesson/amazon-machine-images-ami/', budgetKb: 60 },
  { label: 'exam', site: 'main', path: '/exam/', budgetKb: 60, returning: true },
  { label: 'review', site: 'main', path: '/review/', budgetKb: 60, returning: true },
  { label: 'progress', site: 'main', path: '/progress/', budgetKb: 60, returning: true },
  { label: 'lab', site: 'main', path: '/lab/', budgetKb: 150 },
];

/** The lesson opened to make a returning learner. */
const SEED_LESSON = '/notes/amazon-machine-images-ami/';

interface Script {
  url: string;
  gzip: number;
}

async function measure(context: BrowserContext, url: string): Promise<{ status: number; scripts: Script[] }> {
  const page = await context.newPage();
  const scripts: Script[] = [];
  const pending: Array<Promise<void>> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response.body().then(
        (body) => void scripts.push({ url: response.url(), gzip: gzipSync(body, { level: 9 }).length }),
        () => undefined,
      ),
    );
  });
  const response = await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(1000);
  await Promise.all(pending);
  // Inline scripts count too: they are part of the HTML, but they are JavaScript the page runs.
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')].filter((s) => !s.getAttribute('type') || s.getAttribute('type') === 'module').map((s) => s.textContent ?? ''),
  );
  for (const [i, code] of inline.entries()) if (code.trim()) scripts.push({ url: `(inline #${i + 1})`, gzip: gzipSync(code, { level: 9 }).length });
  await page.close();
  return { status: response?.status() ?? 0, scripts };
}

/** Makes `context` a returning learner's: opens a lesson and reads it, so it records the visit. */
async function seedReturningLearner(context: BrowserContext, siteUrl: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${siteUrl}${SEED_LESSON}`, { waitUntil: 'networkidle' });
  await page.mouse.move(20, 20);
  await page.mouse.move(60, 80);
  await page.waitForFunction(
    () =>
      new Promise<boolean>((done) => {
        const request = indexedDB.open('ami-lab');
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onerror = () => done(false);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('lessonProgress')) {
            db.close();
            done(false);
            return;
          }
          const count = db.transaction('lessonProgress').objectStore('lessonProgress').count();
          count.onsuccess = () => {
            db.close();
            done(count.result > 0);
          };
        };
      }),
    undefined,
    { timeout: 15_000 },
  );
  await page.close();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dist: { type: 'string' }, list: { type: 'boolean', default: false } } });
  const dist = resolve(ROOT, values.dist ?? 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`check:budget: no built site in ${dist}: run npm run build first.`);
    process.exitCode = 2;
    return;
  }
  const fixtureOut = mkdtempSync(join(tmpdir(), 'ami-lab-budget-'));
  const built = spawnSync('astro', ['build', '--outDir', join(fixtureOut, 'site')], {
    cwd: ROOT,
    // Its own cache folder: the fixture build must not touch the cache of the site's build.
    env: { ...process.env, NOTES_DIR: join(ROOT, 'tests/fixtures/vaults/budget'), ASTRO_CACHE_DIR: join(fixtureOut, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (built.status !== 0) {
    console.error(`check:budget: building the fixture vault failed:\n${built.stderr || built.stdout}`);
    rmSync(fixtureOut, { recursive: true, force: true });
    process.exitCode = 1;
    return;
  }
  const main = await serveStatic(dist);
  const fixture = await serveStatic(join(fixtureOut, 'site'));
  let browser: Browser | undefined;
  let failed = false;
  const rows: string[] = [];
  const listing: string[] = [];
  const check = (label: string, path: string, budgetKb: number, status: number, scripts: Script[]) => {
    const totalKb = scripts.reduce((sum, s) => sum + s.gzip, 0) / 1024;
    const verdict = status !== 200 ? `MISSING (HTTP ${status})` : totalKb <= budgetKb ? 'ok' : 'OVER BUDGET';
    if (verdict !== 'ok') failed = true;
    rows.push(`${label.padEnd(22)} ${path.padEnd(44)} ${totalKb.toFixed(1).padStart(7)} ${String(budgetKb).padStart(7)}   ${String(scripts.length).padStart(7)}   ${verdict}`);
    if (values.list) {
      listing.push(`\n${label} (${path})`);
      for (const s of [...scripts].sort((a, b) => b.gzip - a.gzip))
        listing.push(`  ${(s.gzip / 1024).toFixed(1).padStart(6)} KB  ${s.url.replace(main.url, '').replace(fixture.url, '')}`);
    }
  };
  try {
    browser = await chromium.launch({ ...(CHROMIUM ? { executablePath: CHROMIUM } : {}), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    for (const target of PAGES) {
      // A fresh context per page: a first-time visitor, with nothing stored and nothing cached.
      const context = await browser.newContext();
      const { status, scripts } = await measure(context, `${target.site === 'main' ? main.url : fixture.url}${target.path}`);
      await context.close();
      check(target.label, target.path, target.budgetKb, status, scripts);
    }
    for (const target of PAGES.filter((p) => p.returning)) {
      const context = await browser.newContext();
      await seedReturningLearner(context, main.url);
      const { status, scripts } = await measure(context, `${main.url}${target.path}`);
      await context.close();
      check(`${target.label}, returning`, target.path, target.budgetKb, status, scripts);
    }
  } finally {
    await browser?.close();
    await main.close();
    await fixture.close();
    rmSync(fixtureOut, { recursive: true, force: true });
  }
  console.log(`${'page'.padEnd(22)} ${'path'.padEnd(44)} ${'KB gz'.padStart(7)} ${'budget'.padStart(7)}   scripts   verdict`);
  for (const row of rows) console.log(row);
  for (const line of listing) console.log(line);
  if (failed) {
    console.error('\ncheck:budget: a page is over its JavaScript budget or missing.');
    process.exitCode = 1;
  }
}

void main();
