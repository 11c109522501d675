import { expect, test } from '@playwright/test';
import { countRecords, LessonPage, ProgressPage, REFERENCE_LESSON } from './pages';

test.describe('the reference note as a lesson', () => {
  test('renders its exam callout as a styled exam fact', async ({ page }) => {
    await page.goto(REFERENCE_LESSON);
    await expect(page.getByRole('heading', { level: 1, name: 'Amazon Machine Images (AMI)' })).toBeVisible();
    const exam = page.locator('.callout-exam').first();
    await expect(exam).toBeVisible();
    await expect(exam.locator('.callout-title')).toContainText('On the Exam');
    await expect(exam.getByText('Exam fact')).toBeVisible();
    await expect(exam.getByText('AMIs are private by default')).toBeVisible();
    const border = await exam.evaluate((el) => getComputedStyle(el).borderLeftWidth);
    expect(parseFloat(border)).toBeGreaterThanOrEqual(5);
  });

  test('nests the lifecycle sub-steps under their steps', async ({ page }) => {
    await page.goto(REFERENCE_LESSON);
    const createImage = page.locator('ol > li', { hasText: /^Create Image/ });
    await expect(createImage.locator('> ol > li')).toHaveCount(3);
    await expect(createImage.locator('ol ol > li')).toHaveText(['ID of snapshot', 'Block device of original volume']);
  });

  test('its aliased link leads to the EBS snapshots lesson', async ({ page }) => {
    await page.goto(REFERENCE_LESSON);
    await page.getByRole('link', { name: 'EBS Snapshots', exact: true }).click();
    await expect(page).toHaveURL(/\/notes\/ebs-snapshots-restore-and-fast-snapshot-restore-fsr\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('EBS Snapshots, Restore, and Fast Snapshot Restore (FSR)');
    await expect(page.getByRole('region', { name: 'Linked from' }).or(page.locator('.backlinks'))).toContainText('Amazon Machine Images (AMI)');
  });

  test('shows a visible placeholder for the pasted image that does not exist', async ({ page }) => {
    await page.goto(REFERENCE_LESSON);
    await expect(page.getByText('Missing image: Pasted image 20230213161943.png')).toBeVisible();
    await expect(page.locator('img[src*="Pasted"]')).toHaveCount(0);
  });

  test('has a table of contents and previous/next navigation', async ({ page }) => {
    await page.goto(REFERENCE_LESSON);
    await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'AMI Lifecycle' }).click();
    await expect(page).toHaveURL(/#ami-lifecycle$/);
    await expect(page.getByRole('navigation', { name: 'Previous and next lesson' }).getByRole('link')).not.toHaveCount(0);
  });
});

test.describe('progress', () => {
  test('marking the lesson done persists after a reload and shows on the home page', async ({ page }) => {
    const lesson = new LessonPage(page);
    await lesson.open();
    await lesson.startReading();
    await expect(lesson.doneButton).toHaveAttribute('aria-pressed', 'false');
    await lesson.doneButton.click();
    await expect(lesson.doneButton).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText('Saved in this browser.')).toBeVisible();
    await page.reload();
    await lesson.startReading();
    await expect(lesson.doneButton).toHaveAttribute('aria-pressed', 'true');
    await page.goto('/');
    await expect(page.locator('[data-lesson-state="amazon-machine-images-ami"]')).toHaveText('Done ✓');
    await expect(page.getByRole('status').filter({ hasText: 'lessons done' })).toContainText('1 of');
  });

  test('a lesson marked done in another tab shows on the open home page and progress page without a reload', async ({ page, context }) => {
    // Both pages read without Dexie until the learner acts there; they follow Dexie's writes in other tabs.
    await page.goto('/');
    const badge = page.locator('[data-lesson-state="amazon-machine-images-ami"]');
    await expect(badge).toHaveText('Not started');
    const progressTab = await context.newPage();
    const progress = new ProgressPage(progressTab);
    await progress.open();
    await expect(progress.stat('lessons')).toHaveText(/^0 \/ \d+$/);
    const lesson = new LessonPage(await context.newPage());
    await lesson.open();
    await lesson.startReading();
    await lesson.doneButton.click();
    await expect(lesson.doneButton).toHaveAttribute('aria-pressed', 'true');
    await expect(badge).toHaveText('Done ✓');
    await expect(page.getByRole('status').filter({ hasText: 'lessons done' })).toContainText('1 of');
    await expect(progress.stat('lessons')).toHaveText(/^1 \/ \d+$/);
  });

  test('a lesson opened but not done shows as opened on the home page', async ({ page }) => {
    const lesson = new LessonPage(page);
    await lesson.open('/notes/regions-and-availability-zones/');
    await lesson.startReading();
    // The button is ready before the visit's write lands: let it land before leaving the lesson.
    await expect.poll(() => countRecords(page, 'lessonProgress')).toBe(1);
    await page.goto('/');
    await expect(page.locator('[data-lesson-state="regions-and-availability-zones"]')).toHaveText('Opened');
  });

  test('a click that arrives before progress has loaded is not lost', async ({ page }) => {
    const lesson = new LessonPage(page);
    await lesson.open('/notes/ec2-instance-lifecycle/');
    await lesson.doneButton.click();
    await expect(lesson.doneButton).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText('Saved in this browser.')).toBeVisible();
  });
});

test.describe('search', () => {
  test('finds the reference note by words in it', async ({ page }) => {
    await page.goto('/search/');
    await page.getByLabel('Search every lesson').fill('Marketplace AMI commercial software');
    const results = page.getByRole('list', { name: 'Results' });
    await expect(results.getByRole('link', { name: 'Amazon Machine Images (AMI)' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'found' })).toBeVisible();
  });

  test('says so when nothing matches', async ({ page }) => {
    await page.goto('/search/?q=zzzyxxq');
    await expect(page.getByText('No lesson mentions “zzzyxxq”.')).toBeVisible();
  });
});

test.describe('site-wide', () => {
  test('dark mode follows the system and the toggle overrides it across pages', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto('/');
    const toggle = page.getByRole('button', { name: 'Dark mode' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await page.goto(REFERENCE_LESSON);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(255, 255, 255)');
    await context.close();
  });

  test('foldable callouts open and close without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/notes/ec2-instance-lifecycle/');
    const folded = page.locator('details.callout', { hasText: 'Hibernation prerequisites' });
    await expect(folded).not.toHaveAttribute('open');
    await folded.locator('summary').click();
    await expect(folded).toHaveAttribute('open', '');
    await context.close();
  });

  test('tag pages list the lessons with that tag, nested tags included', async ({ page }) => {
    await page.goto('/tags/aws/ec2/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('#aws/ec2');
    await expect(
      page
        .getByRole('link', { name: 'Amazon Machine Images (AMI)' })
        .or(page.getByRole('link', { name: 'Sharing AMIs and launch permissions' }))
        .first(),
    ).toBeVisible();
    // A lesson tagged both aws/ec2/ami and aws/ec2 is listed once under aws/ec2, and the tag index
    // counts the lessons the tag's page lists.
    const listed = page.locator('ul.lesson-list > li a');
    await expect(listed.getByText('Block device mappings', { exact: true })).toHaveCount(1);
    const titles = await listed.allTextContents();
    expect(new Set(titles).size).toBe(titles.length);
    await page.goto('/tags/');
    await expect(page.getByRole('listitem').filter({ has: page.getByRole('link', { name: '#aws/ec2', exact: true }) })).toContainText(`${titles.length} lessons`);
  });

  test('is usable at phone width without horizontal scrolling', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    for (const path of ['/', REFERENCE_LESSON]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
});
