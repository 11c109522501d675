/**
 * `npm run check:budget`: JavaScript per page type, measured in a real browser from the built site.
 * For each page it counts every script the page loads before the learner acts (from navigation
 * until the network has been quiet for a second, with no input), gzips each, and compares the sum
 * with the budget. Prints a table; exits 1 when a page is over budget or missing.
 *
 * A lesson with no quiz is measured on a tiny fixture vault (tests/fixtures/vaults/budget) built
 * for the purpose, since every shipped lesson has a quiz.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { serveStatic } from './static-server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

interface PageBudget {
  label: string;
  site: 'main' | 'fixture';
  path: string;
  budgetKb: number;
}

const PAGES: PageBudget[] = [
  { label: 'lesson, no quiz', site: 'fixture', path: '/notes/a-plain-lesson/', budgetKb: 5 },
  { label: 'lesson with its quiz', site: 'main', path: '/notes/amazon-machine-images-ami/', budgetKb: 60 },
  { label: 'embed page', site: 'main', path: '/embed/lesson/amazon-machine-images-ami/', budgetKb: 60 },
  { label: 'lab', site: 'main', path: '/lab/', budgetKb: 150 },
];

async function measure(browser: Browser, url: string): Promise<{ status: number; scripts: Array<{ url: string; gzip: number }> }> {
  const page = await browser.newPage();
  const scripts: Array<{ url: string; gzip: number }> = [];
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
    [...document.querySelectorAll('script:not([src])')]
      .filter((s) => !s.getAttribute('type') || s.getAttribute('type') === 'module')
      .map((s) => s.textContent ?? ''),
  );
  for (const [i, code] of inline.entries()) if (code.trim()) scripts.push({ url: `(inline #${i + 1})`, gzip: gzipSync(code, { level: 9 }).length });
  await page.close();
  return { status: response?.status() ?? 0, scripts };
}

async function main(): Promise<void> {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    console.error('check:budget: no built site in dist/: run npm run build first.');
    process.exitCode = 2;
    return;
  }
  const fixtureOut = mkdtempSync(join(tmpdir(), 'ami-lab-budget-'));
  const built = spawnSync('astro', ['build', '--outDir', fixtureOut], {
    cwd: ROOT,
    env: { ...process.env, NOTES_DIR: join(ROOT, 'tests/fixtures/vaults/budget'), ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (built.status !== 0) {
    console.error(`check:budget: building the fixture vault failed:\n${built.stderr || built.stdout}`);
    process.exitCode = 1;
    return;
  }
  const main = await serveStatic(dist);
  const fixture = await serveStatic(fixtureOut);
  const browser = await chromium.launch({ ...(CHROMIUM ? { executablePath: CHROMIUM } : {}), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  let failed = false;
  const rows: string[] = [];
  try {
    for (const target of PAGES) {
      const { status, scripts } = await measure(browser, `${target.site === 'main' ? main.url : fixture.url}${target.path}`);
      const totalKb = scripts.reduce((sum, s) => sum + s.gzip, 0) / 1024;
      const verdict = status !== 200 ? `MISSING (HTTP ${status})` : totalKb <= target.budgetKb ? 'ok' : 'OVER BUDGET';
      if (verdict !== 'ok') failed = true;
      rows.push(`${target.label.padEnd(22)} ${target.path.padEnd(44)} ${totalKb.toFixed(1).padStart(7)} ${String(target.budgetKb).padStart(7)}   ${String(scripts.length).padStart(7)}   ${verdict}`);
    }
  } finally {
    await browser.close();
    await main.close();
    await fixture.close();
    rmSync(fixtureOut, { recursive: true, force: true });
  }
  console.log(`${'page'.padEnd(22)} ${'path'.padEnd(44)} ${'KB gz'.padStart(7)} ${'budget'.padStart(7)}   scripts   verdict`);
  for (const row of rows) console.log(row);
  if (failed) {
    console.error('\ncheck:budget: a page is over its JavaScript budget or missing.');
    process.exitCode = 1;
  }
}

void main();
