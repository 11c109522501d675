import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './pages';

/** Answers the question on screen by ticking its first option (any answer will do). */
async function answerCurrent(page: Page): Promise<void> {
  await page.locator('.quiz-item:visible').locator('input').first().check();
}

test.describe('full-length practice exam', () => {
  test('a full-length exam of 65 questions ends with results per exam domain; axe is clean during and after', async ({ page }) => {
    // 65 questions on one page, checked by axe twice: slow on a busy machine.
    test.slow();
    await page.goto('/exam/');
    await expect(page.getByText(/^65 questions in 130 minutes, like SAA-C03/)).toBeVisible();
    await page.getByRole('button', { name: 'Start full-length exam' }).click();

    await expect(page.getByRole('heading', { name: 'Full-length practice exam' })).toBeFocused();
    await expect(page.getByText('Question 1 of 65', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('timer', { name: 'Time left' })).toHaveText(/^2:(10:00|09:5\d)$/);
    // Only multiple choice and multiple response: every question is answered by choosing.
    await expect(page.locator('.quiz-item .quiz-cloze, .quiz-item .quiz-order')).toHaveCount(0);
    await expect(page.locator('.quiz-item .quiz-options')).toHaveCount(65);
    await answerCurrent(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await answerCurrent(page);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Submit exam' }).click();
    await expect(page.getByRole('alertdialog')).toContainText('63 unanswered (they count as wrong), 0 flagged');
    await page.getByRole('button', { name: 'Submit now' }).click();

    await expect(page.getByRole('heading', { name: 'Your result' })).toBeFocused();
    await expect(page.locator('[data-exam-score]')).toHaveText(/^[012] \/ 65 \(\d+%\)$/);
    await expect(page.locator('[data-exam-scaled]')).toHaveText(/^Estimated scaled score: \d+ of 1000 \(below the pass mark of 720\)\.$/);
    await expect(page.getByText(/AWS does not publish how it scales, so this estimate/)).toBeVisible();
    const byDomain = page.getByRole('table', { name: 'Score by exam domain' });
    for (const domain of ['Design Secure Architectures', 'Design Resilient Architectures', 'Design High-Performing Architectures', 'Design Cost-Optimized Architectures']) {
      await expect(byDomain.getByRole('rowheader', { name: domain })).toBeVisible();
    }
    await expect(page.getByRole('table', { name: 'Score by tag' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    // Finished: nothing to resume, and the result is listed as a full-length exam.
    await page.goto('/exam/');
    await expect(page.getByRole('heading', { name: 'Past results' })).toBeVisible();
    await expect(page.locator('[data-exam-history]').getByText(/ · full-length$/)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'You have an exam in progress' })).toHaveCount(0);
  });

  test('a reload mid-exam offers to resume it, with the answers, flags and question on screen kept', async ({ page }) => {
    test.slow();
    await page.goto('/exam/');
    await page.getByRole('button', { name: 'Start full-length exam' }).click();
    await answerCurrent(page);
    const firstChoice = await page.locator('.quiz-item:visible input:checked').first().getAttribute('value');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Flag for review' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await answerCurrent(page);
    await expect(page.getByText('Question 3 of 65', { exact: true }).first()).toBeVisible();
    // Every change is saved; wait for the last one before leaving.
    await expect.poll(() => page.evaluate(() => document.querySelector('.save-status')?.getAttribute('data-save-state'))).toBe('idle');
    await page.waitForTimeout(300);

    await page.reload();

    const resume = page.getByRole('region', { name: 'You have an exam in progress' });
    await expect(resume).toBeVisible();
    await expect(resume).toContainText(/Full-length exam started .*: 2 of 65 questions answered, 1 flagged, 2:\d\d:\d\d left\./);
    await expect(page.getByRole('button', { name: 'Start full-length exam' })).toBeHidden();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Resume exam' }).click();

    await expect(page.getByText('Question 3 of 65', { exact: true }).first()).toBeVisible();
    await expect(page.locator('.quiz-item:visible input:checked')).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Question 1, answered' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Question 2, not answered, flagged' })).toBeVisible();
    await page.getByRole('button', { name: 'Question 1, answered' }).click();
    await expect(page.locator(`.quiz-item:visible input[value="${firstChoice}"]`)).toBeChecked();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('an exam in progress can be discarded instead', async ({ page }) => {
    await page.goto('/exam/');
    await page.getByRole('spinbutton', { name: 'Number of questions' }).fill('3');
    await page.getByRole('button', { name: 'Start exam' }).click();
    await answerCurrent(page);
    await expect.poll(() => page.evaluate(() => document.querySelector('.save-status')?.getAttribute('data-save-state'))).toBe('idle');
    await page.waitForTimeout(300);
    await page.reload();

    await expect(page.getByRole('region', { name: 'You have an exam in progress' })).toContainText('Practice exam started');
    await page.getByRole('button', { name: 'Discard it' }).click();

    await expect(page.getByText('The exam in progress was discarded.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start exam' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Start exam' })).toBeEnabled();
    await expect(page.getByRole('heading', { name: 'You have an exam in progress' })).toHaveCount(0);
  });
});

test.describe('exam tag picker at scale', () => {
  for (const width of [1280, 390]) {
    test(`with 36 tags every checkbox stays on the row of its own label (${width} px wide)`, async ({ browser }) => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto('/exam/');
      // A vault with many tags: copies of the real entries, some with long names.
      await page.evaluate(() => {
        const list = document.querySelector('.tag-picker-list');
        const first = list?.querySelector('li');
        if (!list || !first) throw new Error('no tag picker');
        for (let i = list.children.length; i < 36; i += 1) {
          const copy = first.cloneNode(true) as HTMLElement;
          const name = copy.querySelector('.tag-picker-name');
          if (name) name.textContent = i % 5 === 0 ? `#aws/ec2/a-rather-long-nested-tag-name-number-${i}` : `#topic-${i}`;
          copy.querySelector('input')?.setAttribute('value', `topic-${i}`);
          list.append(copy);
        }
      });
      const rows = await page.locator('.tag-picker-list li').evaluateAll((items) =>
        items.map((li) => {
          const box = li.querySelector('input')?.getBoundingClientRect();
          const name = li.querySelector('.tag-picker-name');
          const range = document.createRange();
          if (name?.firstChild) range.setStart(name.firstChild, 0);
          if (name?.firstChild) range.setEnd(name.firstChild, 1);
          const firstChar = range.getBoundingClientRect();
          return { box: box && { top: box.top, bottom: box.bottom, right: box.right }, text: { top: firstChar.top, bottom: firstChar.bottom, left: firstChar.left } };
        }),
      );
      expect(rows.length).toBeGreaterThanOrEqual(36);
      for (const { box, text } of rows) {
        if (!box) throw new Error('a tag without a checkbox');
        // Same row: the box's vertical middle lies within the first line of its label text.
        const middle = (box.top + box.bottom) / 2;
        expect(middle).toBeGreaterThanOrEqual(text.top - 2);
        expect(middle).toBeLessThanOrEqual(text.bottom + 2);
        // Right beside it: the label starts just after the box.
        expect(text.left - box.right).toBeGreaterThanOrEqual(0);
        expect(text.left - box.right).toBeLessThanOrEqual(16);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
