import { expect, test } from '@playwright/test';
import { axeViolations } from './pages';

test.describe('practice exam', () => {
  test('an exam with a flagged question ends in a report per tag and a review of every answer', async ({ page }) => {
    await page.goto('/exam/');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('spinbutton', { name: 'Number of questions' }).fill('4');
    await page.getByRole('spinbutton', { name: 'Time limit (minutes)' }).fill('10');
    await page.getByRole('checkbox', { name: /#domain\/security/ }).check();
    await page.getByRole('button', { name: 'Start exam' }).click();

    await expect(page.getByText('Question 1 of 4', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('timer', { name: 'Time left' })).toHaveText(/^(10:00|9:5\d)$/);
    // No feedback before submit: answering shows nothing.
    const current = page.locator('.quiz-item:visible');
    const firstInput = current.locator('input').first();
    if ((await current.locator('input').count()) === 0) await current.locator('.quiz-move').nth(1).click();
    else if ((await firstInput.getAttribute('type')) === 'text') await firstInput.fill('something');
    else await firstInput.check();
    await expect(page.getByText(/^(Correct\.|Incorrect)/)).toHaveCount(0);

    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Flag for review' }).click();
    await expect(page.getByRole('button', { name: 'Flagged ⚑' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Question 2, not answered, flagged' })).toBeVisible();
    // Free navigation through the palette.
    await page.getByRole('button', { name: /^Question 4,/ }).click();
    await expect(page.getByText('Question 4 of 4', { exact: true }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Question 1, answered' }).click();
    await expect(page.getByText('Question 1 of 4', { exact: true }).first()).toBeVisible();

    await page.getByRole('button', { name: 'Submit exam' }).click();
    await expect(page.getByRole('alertdialog')).toContainText('3 unanswered (they count as wrong), 1 flagged');
    await page.getByRole('button', { name: 'Submit now' }).click();

    await expect(page.getByRole('heading', { name: 'Your result' })).toBeFocused();
    await expect(page.locator('[data-exam-score]')).toHaveText(/^[01] \/ 4 \(\d+%\)$/);
    const byTag = page.getByRole('table', { name: 'Score by tag' });
    await expect(byTag.getByRole('row', { name: /domain\/security/ })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Score by note' })).toBeVisible();
    const review = page.getByRole('list', { name: 'Review of every answer' });
    await expect(review.getByRole('listitem').filter({ has: page.locator('.quiz-item') })).toHaveCount(4);
    await expect(review.getByText(/Not answered \(counts as wrong\) · flagged ⚑/)).toHaveCount(1);
    await expect(review.getByText('Correct answer:').first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    // Past results survive a reload.
    await page.goto('/exam/');
    await expect(page.getByRole('heading', { name: 'Past results' })).toBeVisible();
    await expect(page.getByText(/[01] \/ 4 \(\d+%\)/)).toBeVisible();
  });
});
