import { expect, test } from '@playwright/test';
import { axeViolations } from './pages';

test.describe('site header on a phone', () => {
  test('at 390×844 the header is one line; the links open from a Menu button, by keyboard too', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto('/exam/');

    const header = page.locator('.site-header');
    const height = (await header.boundingBox())?.height ?? Number.POSITIVE_INFINITY;
    expect(height).toBeLessThanOrEqual(64);
    const menu = page.locator('.site-menu > summary');
    await expect(menu).toBeVisible();
    await expect(menu).toHaveText(/Menu/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);

    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(nav).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Exam' })).toHaveAttribute('aria-current', 'page');
    expect(await axeViolations(page)).toEqual([]);
    // The open menu overlays the page: the header itself stays one line.
    expect((await header.boundingBox())?.height).toBe(height);

    await page.keyboard.press('Tab');
    await expect(nav.getByRole('link', { name: 'Lessons' })).toBeFocused();
    await nav.getByRole('link', { name: 'Progress' }).click();
    await expect(page).toHaveURL(/\/progress\/$/);
    await context.close();
  });

  test('the menu works without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    await page.locator('.site-menu > summary').click();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' })).toBeVisible();
    await context.close();
  });

  test('on a wide screen the links are in the header and there is no Menu button', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    await expect(page.locator('.site-menu > summary')).toBeHidden();
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(1);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exam' })).toBeVisible();
  });
});
