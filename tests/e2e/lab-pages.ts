import { expect, type Locator, type Page } from '@playwright/test';

/** The lab as a learner uses it: forms, console, time controls, goals. */
export class LabPage {
  constructor(readonly page: Page) {}

  async open(path: string): Promise<void> {
    await this.page.goto(path);
    await this.ready();
  }

  async ready(): Promise<void> {
    // The sandbox on /lab/ loads as it comes into view (it is below the scenario list).
    const deferred = this.page.locator('[data-lab-deferred]');
    if ((await deferred.count()) > 0) {
      // A tab in the background draws nothing, so nothing comes into view there: look at this one.
      await this.page.bringToFront();
      // The placeholder may be replaced by the lab at any moment (a reload keeps the scroll
      // position, so the sandbox may already be in view): waiting for it must not outlast that.
      await deferred.scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => undefined);
    }
    await expect(this.page.locator('[data-lab-ready="true"]')).toBeVisible();
  }

  /** Starts from a fresh world (the scenario's starting world). */
  async reset(): Promise<void> {
    await this.page.getByRole('button', { name: 'Reset…' }).click();
    await this.page.getByRole('button', { name: 'Yes, reset' }).click();
    await expect(this.page.getByRole('button', { name: 'Reset…' })).toBeVisible();
  }

  get consoleInput(): Locator {
    return this.page.getByRole('textbox', { name: 'AWS CLI command' });
  }

  get consoleLog(): Locator {
    return this.page.getByRole('log', { name: 'Console output' });
  }

  /** Runs a console command and returns the text printed for it. */
  async run(command: string): Promise<string> {
    const before = await this.consoleLog.locator('.lab-console-entry').count();
    await this.consoleInput.fill(command);
    await this.consoleInput.press('Enter');
    await expect.poll(async () => this.consoleLog.locator('.lab-console-entry').count()).toBeGreaterThan(before);
    const entries = await this.consoleLog.locator('.lab-console-entry').allInnerTexts();
    return entries.slice(before + 1).join('\n');
  }

  async skipAhead(): Promise<void> {
    const skip = this.page.getByRole('button', { name: 'Skip ahead' });
    if (await skip.isEnabled()) await skip.click();
    await expect(skip).toBeDisabled();
  }

  goal(id: string): Locator {
    return this.page.locator(`[data-goal="${id}"]`);
  }

  async expectGoalMet(id: string): Promise<void> {
    await expect(this.goal(id)).toContainText('(met)');
  }

  /** A resource button in the world view. */
  resource(name: string | RegExp): Locator {
    return this.page.getByRole('region', { name: 'Your world' }).getByRole('button', { name });
  }

  form(name: string): Locator {
    return this.page.getByRole('form', { name });
  }

  async actAs(label: RegExp): Promise<void> {
    await this.page.getByLabel('Acting as').selectOption({ label: await this.optionLabel(this.page.getByLabel('Acting as'), label) });
  }

  async optionLabel(select: Locator, label: RegExp): Promise<string> {
    await expect(select.locator('option', { hasText: label }).first()).toBeAttached();
    const labels = await select.locator('option').allInnerTexts();
    const found = labels.find((text) => label.test(text));
    if (found === undefined) throw new Error(`no option matching ${label} in ${labels.join(' | ')}`);
    return found;
  }

  async waitSaved(): Promise<void> {
    await expect(this.page.getByText('All changes saved')).toBeVisible();
  }

  get lastRequest(): Locator {
    return this.page.getByRole('region', { name: 'Last request' });
  }

  /** The sticky bar: clock, Run, speeds, Skip ahead, the goals. */
  get bar(): Locator {
    return this.page.getByRole('region', { name: 'Time and goals' });
  }

  get details(): Locator {
    return this.page.getByRole('region', { name: /^Details/ });
  }

  /** What AWS answered to the last call a control made, beside it (a polite live region). */
  outcomeIn(scope: Locator): Locator {
    return scope.locator('.lab-outcome');
  }

  /** Horizontal scrolling of the page, in pixels (0 when the page fits its width). */
  async horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  }
}

/** The first AMI ID in a text. */
export function amiIn(text: string): string {
  const match = /ami-[0-9a-f]{17}/.exec(text);
  if (match === null) throw new Error(`no AMI ID in: ${text.slice(0, 300)}`);
  return match[0];
}

/** The Region picker in the lab's toolbar. */
export function regionPicker(page: Page): Locator {
  return page.locator('#lab-region');
}

/** Opens a group of the "More actions" forms (Parameter Store, Launch templates…) and waits for its forms. */
export async function openServiceGroup(page: Page, title: string | RegExp): Promise<void> {
  // A title matches the start of a group's summary (the Recycle Bin group's summary also names AMIs).
  const hasText = typeof title === 'string' ? new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : title;
  const group = page.getByRole('region', { name: /More actions/ }).locator('details', { has: page.locator('summary', { hasText }) });
  if ((await group.getAttribute('open')) === null) await group.locator('summary').click();
  await expect(group.getByRole('form').first()).toBeVisible();
}
