import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, LessonPage, ProgressPage, REFERENCE_LESSON } from './pages';

const SHARING = '/notes/sharing-amis-and-launch-permissions/';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/progress/${name}`, import.meta.url), 'utf8');

/** Real progress, made the way a learner makes it: one lesson done, one quiz question answered. */
async function makeProgress(page: Page): Promise<void> {
  const lesson = new LessonPage(page);
  await lesson.open();
  await lesson.startReading();
  await lesson.doneButton.click();
  await expect(lesson.doneButton).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('Saved in this browser.')).toBeVisible();
  await page.goto(SHARING);
  const item = page.locator('.quiz-item[data-qid="q-ami-share-kms-01"]');
  await item.getByRole('radio', { name: /Copy the AMI re-encrypting it/ }).check();
  await item.getByRole('button', { name: 'Check answer' }).click();
  await expect(item.getByRole('status').first()).toHaveText('Correct.');
  await expect(item).toHaveAttribute('data-saved', 'true');
}

/** Blocks IndexedDB the way a browser with storage turned off for the site does. */
async function blockIndexedDb(page: Page): Promise<void> {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    });
  });
}

test.describe('progress page', () => {
  test('shows lessons, quiz accuracy and readiness from what the learner did', async ({ page }) => {
    await makeProgress(page);
    const progress = new ProgressPage(page);

    await progress.open();

    await expect(progress.stat('lessons')).toHaveText(/^1 \/ \d+$/);
    await expect(progress.stat('accuracy')).toHaveText('100%');
    await expect(page.getByRole('table', { name: 'Lessons by folder' })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Quiz accuracy per day, 1 day from/ })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Readiness by topic, weakest first' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Bake an AMI' })).toBeVisible();
    await expect(page.locator('[data-persistence]')).not.toHaveText(/Checking/);
  });

  test('export, delete all, then import brings everything back and says what it changed', async ({ page }) => {
    await makeProgress(page);
    const progress = new ProgressPage(page);
    await progress.open();
    const before = (await page.locator('[data-section="summary"]').textContent()) ?? '';

    const file = await progress.export();
    await progress.deleteAll();
    await expect(progress.stat('lessons')).toHaveText(/^0 \/ \d+$/);
    await expect(progress.stat('accuracy')).toHaveText('–');
    await progress.import(file.name, file.text);

    expect(file.name).toMatch(/^ami-lab-progress-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(file.text)).toMatchObject({ format: 'ami-lab-progress', version: 1 });
    await expect(progress.result).toContainText(`Imported ${file.name}`);
    await expect(progress.result).toContainText('2 lessons: 2 added.');
    await expect(progress.result).toContainText('1 quiz answer: 1 added.');
    await expect(page.locator('[data-section="summary"]')).toHaveText(before);
    const lesson = new LessonPage(page);
    await lesson.open();
    await lesson.startReading();
    await expect(lesson.doneButton).toHaveAttribute('aria-pressed', 'true');

    await progress.open();
    await progress.import(file.name, file.text);
    await expect(progress.result).toContainText('Nothing changed');
  });

  test('a corrupt, foreign or newer file is refused with a clear message and changes nothing', async ({ page }) => {
    await makeProgress(page);
    const progress = new ProgressPage(page);
    await progress.open();
    const before = (await page.locator('[data-section="summary"]').textContent()) ?? '';

    await progress.import('cut-short.json', fixture('progress-v1.json').slice(0, 300));
    await expect(progress.result).toHaveText(/This file is not valid JSON: it may be damaged or cut short\. Nothing was changed\./);
    await progress.import('damaged.json', fixture('progress-v1-damaged.json'));
    await expect(progress.result).toHaveText(/This progress file is damaged and was not imported: study\.lessonProgress\.0\.doneAt/);
    await progress.import('newer.json', fixture('progress-v99.json'));
    await expect(progress.result).toHaveText(/made by a newer version of AMI Lab \(file version 99/);
    await progress.import('package.json', '{"name":"ami-lab"}');
    await expect(progress.result).toHaveText(/This is not an AMI Lab progress file/);

    await page.reload();
    await expect(page.locator('[data-progress-app]')).toHaveAttribute('data-progress-ready', 'true');
    await expect(page.locator('[data-section="summary"]')).toHaveText(before);
  });

  test('cancelling "delete all" keeps everything', async ({ page }) => {
    await makeProgress(page);
    const progress = new ProgressPage(page);
    await progress.open();

    await page.getByRole('button', { name: 'Delete all my data…' }).click();
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');

    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(progress.stat('lessons')).toHaveText(/^1 \//);
  });

  test('two tabs stay consistent: progress made in one shows in the other without a reload', async ({ context }) => {
    const progressTab = await context.newPage();
    const progress = new ProgressPage(progressTab);
    await progress.open();
    await expect(progress.stat('lessons')).toHaveText(/^0 \//);
    const first = new LessonPage(await context.newPage());
    const second = new LessonPage(await context.newPage());
    await first.open();
    await second.open('/notes/regions-and-availability-zones/');
    await first.startReading();
    await second.startReading();

    // Both tabs write at once.
    await Promise.all([first.doneButton.click(), second.doneButton.click()]);

    await expect(progress.stat('lessons')).toHaveText(/^2 \//);
    // The same lesson open twice: un-marking it in one tab shows in the other.
    const again = new LessonPage(await context.newPage());
    await again.open();
    await again.startReading();
    await expect(again.doneButton).toHaveAttribute('aria-pressed', 'true');
    await again.doneButton.click();
    await expect(first.doneButton).toHaveAttribute('aria-pressed', 'false');
    await expect(progress.stat('lessons')).toHaveText(/^1 \//);
  });

  test('axe finds no violations on the progress page, in light and dark, with the delete dialog open too', async ({ browser }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await makeProgress(page);
      const progress = new ProgressPage(page);
      await progress.open();
      await page.getByText('Show the numbers').click();
      expect(await axeViolations(page), `progress (${colorScheme})`).toEqual([]);
      await page.getByRole('button', { name: 'Delete all my data…' }).click();
      expect(await axeViolations(page), `delete dialog (${colorScheme})`).toEqual([]);
      await context.close();
    }
  });

  test('fits a 375 px phone screen without sideways scrolling', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await makeProgress(page);
    await new ProgressPage(page).open();

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  test('is linked from every page', async ({ page }) => {
    for (const path of ['/', REFERENCE_LESSON, '/review/', '/lab/']) {
      await page.goto(path);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' }).click();
      await expect(page).toHaveURL(/\/progress\/$/);
    }
  });
});

test.describe('without IndexedDB', () => {
  test('the site keeps working for the visit and says that progress is not being saved', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await blockIndexedDb(page);

    const lesson = new LessonPage(page);
    await lesson.open();
    await expect(page.getByText('Your progress is not being saved.')).toBeHidden();
    await lesson.startReading();
    await expect(page.getByText('Your progress is not being saved.')).toBeVisible();
    await lesson.doneButton.click();
    await expect(lesson.doneButton).toHaveAttribute('aria-pressed', 'true');

    await page.goto(SHARING);
    const item = page.locator('.quiz-item[data-qid="q-ami-share-kms-01"]');
    await item.getByRole('radio', { name: /Copy the AMI re-encrypting it/ }).check();
    await item.getByRole('button', { name: 'Check answer' }).click();
    await expect(item.getByRole('status').first()).toHaveText('Correct.');
    await expect(page.getByText('Your progress is not being saved.')).toBeVisible();

    await page.goto('/review/');
    await expect(page.getByText('Your progress is not being saved.')).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Check answer|Show answer)$/ })).toBeVisible();

    await page.goto('/progress/');
    await expect(page.getByText('Your progress is not being saved.')).toBeVisible();
    await expect(page.locator('[data-persistence]')).toHaveText(/^Not kept/);
    await page.getByRole('button', { name: 'Export progress' }).click();
    await expect(page.locator('[data-transfer-result]')).toContainText('nothing to export');
    expect(errors).toEqual([]);
  });
});

test.describe('offline', () => {
  test('once visited, lessons, the lab and the progress page open without a network', async ({ context, page }) => {
    await page.goto('/');
    // The worker is active once its precache is complete.
    const registered = await page.evaluate(() =>
      Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000))]),
    );
    expect(registered, 'dist/sw.js is written by the build (src/scripts/generate-service-worker.mjs)').toBe(true);

    await context.setOffline(true);
    await page.goto(REFERENCE_LESSON);
    await expect(page.getByRole('heading', { level: 1, name: 'Amazon Machine Images (AMI)' })).toBeVisible();
    await page.goto('/lab/');
    await expect(page.getByRole('heading', { level: 1, name: 'AMI lab' })).toBeVisible();
    await page.goto('/progress/');
    await expect(page.locator('[data-progress-app]')).toHaveAttribute('data-progress-ready', 'true');
    await context.setOffline(false);
  });
});
