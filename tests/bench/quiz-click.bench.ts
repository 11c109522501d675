/**
 * `npm run bench:quiz`: how long a "Check answer" click takes to produce its feedback, on a lesson
 * page and on an embed page of the built site, in Chromium. Prints median and worst of every
 * question on the page; the target is one frame (16 ms). Needs `npm run build` first.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { serveStatic } from '../quality/static-server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const PAGES = ['/notes/sharing-amis-and-launch-permissions/', '/embed/lesson/sharing-amis-and-launch-permissions/'];

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'index.html'))) {
    console.error('bench:quiz: no built site in dist/: run npm run build first.');
    process.exitCode = 2;
    return;
  }
  const site = await serveStatic(join(ROOT, 'dist'));
  const browser = await chromium.launch({ ...(CHROMIUM ? { executablePath: CHROMIUM } : {}), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    console.log('page                                                        clicks   median ms   worst ms');
    for (const path of PAGES) {
      const page = await browser.newPage();
      await page.goto(`${site.url}${path}`);
      // A page's quiz fetches its code as the reader nears it (components/Quiz.astro).
      await page.locator('ami-quiz').first().scrollIntoViewIfNeeded();
      await page.waitForSelector('ami-quiz[data-enhanced="true"]');
      const times = await page.evaluate(() => {
        const result: number[] = [];
        for (const item of document.querySelectorAll<HTMLElement>('.quiz-item')) {
          item.querySelector<HTMLInputElement>('input:not([type="text"])')?.click();
          const cloze = item.querySelector<HTMLInputElement>('input[type="text"]');
          if (cloze) cloze.value = 'x';
          const button = item.querySelector<HTMLButtonElement>('[data-check]');
          if (!button) continue;
          const start = performance.now();
          button.click();
          result.push(performance.now() - start);
        }
        return result;
      });
      const sorted = [...times].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      const worst = sorted[sorted.length - 1] ?? 0;
      console.log(`${path.padEnd(58)} ${String(times.length).padStart(7)} ${median.toFixed(2).padStart(11)} ${worst.toFixed(2).padStart(10)}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
}

void main();
