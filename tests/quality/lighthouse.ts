/**
 * `npm run audit`: Lighthouse (pinned 12.2.3) on the home page, a lesson and the lab, in its default
 * mobile emulation, with Debian's Chromium (or CHROMIUM_PATH). Prints performance and accessibility
 * per page and exits 1 when either is under 95. Needs a built site (`npm run build`).
 *
 * Each page is audited five times and the median run counts, as Lighthouse's own guidance on
 * variability recommends (docs/variability.md: the median of five halves the spread of one run):
 * one run on a busy 2-core machine swung the home page from 81 to 100, and a median of three
 * failed a CI run at 94 on a lesson that scored 96 to 98 on the next.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveStatic } from './static-server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const PAGES = [
  { label: 'home', path: '/' },
  { label: 'lesson', path: '/notes/amazon-machine-images-ami/' },
  { label: 'lab', path: '/lab/' },
];
const MINIMUM = 95;
const RUNS = 5;

async function main(): Promise<void> {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    console.error('audit: no built site in dist/: run npm run build first.');
    process.exitCode = 2;
    return;
  }
  const site = await serveStatic(dist);
  const chrome = await chromeLauncher.launch({
    ...(CHROMIUM ? { chromePath: CHROMIUM } : {}),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const rows: string[] = [];
  let failed = false;
  try {
    for (const page of PAGES) {
      const runs: Array<{ performance: number; accessibility: number; lcp: string; tbt: string }> = [];
      for (let run = 0; run < RUNS; run += 1) {
        const result = await lighthouse(`${site.url}${page.path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
        const categories = result?.lhr.categories;
        runs.push({
          performance: Math.round((categories?.performance?.score ?? 0) * 100),
          accessibility: Math.round((categories?.accessibility?.score ?? 0) * 100),
          lcp: result?.lhr.audits['largest-contentful-paint']?.displayValue ?? '',
          tbt: result?.lhr.audits['total-blocking-time']?.displayValue ?? '',
        });
      }
      const median = [...runs].sort((a, b) => a.performance - b.performance)[Math.floor(RUNS / 2)] ?? runs[0];
      if (!median) continue;
      const { performance, accessibility, lcp, tbt } = median;
      const ok = performance >= MINIMUM && accessibility >= MINIMUM;
      if (!ok) failed = true;
      const all = runs.map((r) => r.performance).join('/');
      rows.push(
        `${page.label.padEnd(8)} ${page.path.padEnd(36)} ${String(performance).padStart(11)} ${String(accessibility).padStart(13)}   ${lcp.padStart(8)} ${tbt.padStart(8)}   ${all.padEnd(11)} ${ok ? 'ok' : `UNDER ${MINIMUM}`}`,
      );
    }
  } finally {
    await chrome.kill();
    await site.close();
  }
  console.log(`${'page'.padEnd(8)} ${'path'.padEnd(36)} performance accessibility        LCP      TBT   ${'runs'.padEnd(11)} verdict`);
  for (const row of rows) console.log(row);
  if (failed) {
    console.error(`\naudit: a page scored under ${MINIMUM}.`);
    process.exitCode = 1;
  }
}

void main();
