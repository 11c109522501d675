import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const REFERENCE_LESSON = '/notes/amazon-machine-images-ami/';

/** Axe with every WCAG A/AA rule; returns the violations so a failure names them. */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
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
