import { expect, test } from '@playwright/test';
import { axeViolations, REFERENCE_LESSON } from './pages';

/** Every page type of the site, as the quality gate lists them. */
const PAGE_TYPES = [
  ['home', '/'],
  ['lesson', REFERENCE_LESSON],
  ['tag', '/tags/aws/ec2/ami/'],
  ['search', '/search/?q=snapshot'],
  ['lab', '/lab/'],
  ['lab scenario', '/lab/bake-an-ami/'],
  ['tag quiz', '/quiz/domain/security/'],
  ['practice exam', '/exam/'],
  ['review', '/review/'],
  ['progress', '/progress/'],
  ['embed', '/embed/lesson/amazon-machine-images-ami/'],
] as const;

test.describe('axe on every page type', () => {
  for (const [name, path] of PAGE_TYPES) {
    test(`the ${name} page has no violations, in light and dark`, async ({ browser }) => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ colorScheme });
        const page = await context.newPage();
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await page.waitForLoadState('networkidle');
        if (name === 'lab') {
          // The sandbox loads as the learner scrolls to it: the page as it opens, then with the lab.
          expect(await axeViolations(page), `${path} before the sandbox loads (${colorScheme})`).toEqual([]);
          await page.locator('[data-lab-deferred]').scrollIntoViewIfNeeded();
          await expect(page.locator('[data-lab-ready="true"]')).toBeVisible();
        }
        // Islands render after hydration; check what the learner actually gets.
        await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
        if (name === 'search') await expect(page.getByRole('list', { name: 'Results' }).getByRole('link').first()).toBeVisible();
        // The lesson embed builds its quiz from the lesson page once loaded.
        if (name === 'embed') await expect(page.locator('ami-quiz')).toHaveAttribute('data-enhanced', 'true');
        expect(await axeViolations(page), `${path} (${colorScheme})`).toEqual([]);
        await context.close();
      }
    });
  }
});
