import { expect, test } from '@playwright/test';
import { axeViolations, startAtNoon } from './pages';

test.describe('spaced review', () => {
  test("a review session shows each rating's interval, then the next due dates; home counts what is due", async ({ page }) => {
    await startAtNoon(page);
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto('/');
    await expect(page.locator('[data-review-due]')).toHaveText(/^20 items due for review today \(0 due, 20 new\)\.$/);
    // The home page counts from the questions' ids alone, not the whole bank the review page loads.
    expect(fetched).toContain('/question-ids.json');
    expect(fetched).not.toContain('/questions.json');

    await page.goto('/review/');
    await expect(page.getByText('0 due, 20 new.')).toBeVisible();
    let reviewed = 0;
    const reveal = page.getByRole('button', { name: /^(Check answer|Show answer)$/ });
    const complete = page.getByRole('heading', { name: 'Session complete' });
    for (;;) {
      await expect(reveal.or(complete)).toBeVisible();
      if (await complete.isVisible()) break;
      await reveal.click();
      const ratings = page.getByRole('group', { name: 'How well did you know it?' });
      await expect(ratings.getByRole('button')).toHaveCount(4);
      if (reviewed === 0) {
        // Each button states the next interval before the learner chooses.
        await expect(ratings.getByRole('button', { name: /^Again in \d+m$/ })).toBeVisible();
        await expect(ratings.getByRole('button', { name: /^Easy in \d+d$/ })).toBeVisible();
        expect(await axeViolations(page)).toEqual([]);
      }
      await ratings.getByRole('button', { name: reviewed % 2 === 0 ? /^Good in/ : /^Easy in/ }).click();
      reviewed += 1;
      if (reviewed > 25) throw new Error('the session did not end');
    }
    expect(reviewed).toBe(20);
    const dates = page.getByRole('list', { name: 'Next due dates' }).getByRole('listitem');
    await expect(dates).toHaveCount(20);
    await expect(dates.first()).toContainText(/Good · next today at/);
    await expect(dates.nth(1)).toContainText(/Easy · next \w{3}, /);
    await expect(page.locator('[data-next-review]')).toHaveText(/^Next review due today at/);

    // After a reload nothing new is due yet today; the "Good" items come back within minutes.
    await page.goto('/');
    await expect(page.locator('[data-review-due]')).toHaveText(/^10 items due for review today \(10 due, 0 new\)\.$/);
  });
});
