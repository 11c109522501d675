import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const REFERENCE_LESSON = '/notes/amazon-machine-images-ami/';

/**
 * Sets the page's clock to noon today, from where it runs on. What is due "today" and "later
 * today" then holds at any hour: a run a few minutes before midnight saw items scheduled minutes
 * ahead fall due tomorrow, as they should. Call before the first page is opened.
 */
export async function startAtNoon(page: Page): Promise<void> {
  const noon = new Date();
  noon.setHours(12, 0, 0, 0);
  await page.clock.setSystemTime(noon);
}

/** Axe with every WCAG A/AA rule; returns the violations so a failure names them. */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/**
 * Counts the records of one store, read straight from IndexedDB (not through the app); 0 when the
 * store does not exist, -1 when the database cannot be opened.
 */
export async function countRecords(page: Page, store: string, database = 'ami-lab'): Promise<number> {
  return page.evaluate(
    ([table, name]) =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains(table)) {
            db.close();
            resolve(0);
            return;
          }
          const count = db.transaction(table).objectStore(table).count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
        request.onerror = () => resolve(-1);
      }),
    [store, database] as const,
  );
}

/** A lesson page, as a learner uses it. */
export class LessonPage {
  constructor(readonly page: Page) {}

  async open(path: string = REFERENCE_LESSON): Promise<void> {
    await this.page.goto(path);
  }

  get doneButton() {
    return this.page.getByRole('button', { name: /Mark as done|Done/ });
  }

  /** Progress loads once the reader does something (see lesson-progress/activate.ts). */
  async startReading(): Promise<void> {
    await this.page.mouse.move(10, 10);
    await this.page.mouse.move(40, 60);
    await expect(this.page.locator('[data-lesson-progress]')).toHaveAttribute('data-ready', 'true');
  }
}

/** The progress page (/progress/), as a learner uses it. */
export class ProgressPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/progress/');
    await expect(this.page.locator('[data-progress-app]')).toHaveAttribute('data-progress-ready', 'true');
  }

  /** The number shown for one summary figure (e.g. "lessons" → "1 / 10"). */
  stat(name: 'lessons' | 'accuracy' | 'due' | 'readiness' | 'labs' | 'exams') {
    return this.page.locator(`[data-stat="${name}"] strong`);
  }

  get result() {
    return this.page.locator('[data-transfer-result]');
  }

  /** Clicks "Export progress" and returns the downloaded file's text and name. */
  async export(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: 'Export progress' }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  async import(name: string, text: string): Promise<void> {
    await this.page.getByLabel('Progress file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
    await this.page.getByRole('button', { name: 'Import', exact: true }).click();
  }

  async deleteAll(): Promise<void> {
    await this.page.getByRole('button', { name: 'Delete all my data…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Delete all your data?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Delete everything' }).click();
    await expect(this.result).toContainText('All your progress in this browser was deleted.');
  }
}
