import { expect, test } from '@playwright/test';
import { axeViolations, countRecords } from './pages';
import { fetchQuestions, reachQuiz, takeQuiz } from './quiz-helpers';

const SHARING = '/notes/sharing-amis-and-launch-permissions/';
const REFERENCE = '/notes/amazon-machine-images-ami/';

test.describe('lesson quiz', () => {
  test('an authored question gives immediate feedback with its explanation and a link to its source', async ({ page }) => {
    await page.goto(SHARING);
    const quiz = page.getByRole('region', { name: /^Quiz:/ });
    await expect(quiz).toBeVisible();
    const item = page.locator('.quiz-item[data-qid="q-ami-share-kms-01"]');
    // The question is shown once: its callout moved from the body into the quiz.
    await expect(page.getByText(/shared with account 111122223333, but that account cannot launch it/)).toHaveCount(1);
    await item.getByRole('radio', { name: /Copy the AMI re-encrypting it/ }).check();
    await item.getByRole('button', { name: 'Check answer' }).click();
    await expect(item.getByRole('status').first()).toHaveText('Correct.');
    await expect(item.getByText('Encrypted AMIs can only be shared when their snapshots use a customer managed KMS key')).toBeVisible();
    await expect(item.getByText('Only customer managed keys can be shared')).toBeVisible();
    await expect(item.getByRole('link', { name: /Sharing AMIs and launch permissions › Check yourself/ })).toHaveAttribute('href', /#\^q-ami-share-kms-01$/);
  });

  test('a "Choose 2" question with one right and one wrong option scores as incorrect', async ({ page }) => {
    await page.goto(SHARING);
    const item = page.locator('.quiz-item[data-qid="q-ami-share-scope-01"]');
    await expect(item.getByText('(Choose 2)')).toBeVisible();
    await item.getByRole('checkbox', { name: 'It can launch instances from the AMI in that Region' }).check();
    await item.getByRole('checkbox', { name: "It sees the owner's tags on the AMI" }).check();
    await item.getByRole('button', { name: 'Check answer' }).click();
    await expect(item.getByRole('status').first()).toHaveText(/^Incorrect\. The answer is: It can launch instances .* \+ It pays for the instances/);
  });

  test('taking the reference note quiz to the end shows the score and keeps the answers after a reload', async ({ page, request }) => {
    const questions = await fetchQuestions(request);
    await page.goto(REFERENCE);
    const ids = await page.locator('ami-quiz .quiz-item').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.qid ?? ''));
    expect(ids.length).toBeGreaterThanOrEqual(5);
    const total = await takeQuiz(page, questions, new Set([ids[0] ?? '']));
    await expect(page.getByText(`You scored ${total - 1} of ${total}`)).toBeVisible();
    await expect.poll(() => countRecords(page, 'quizAttempts')).toBe(total);
    await page.reload();
    expect(await countRecords(page, 'quizAttempts')).toBe(total);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the quiz is reachable by tag and works from the keyboard', async ({ page }) => {
    await page.goto('/tags/domain/security/');
    await page.getByRole('link', { name: /Take the #domain\/security quiz/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Quiz: #domain/security' })).toBeVisible();
    // The check buttons appear once the quiz element has enhanced the server-rendered questions.
    await reachQuiz(page);
    const first = page.locator('.quiz-item').first();
    await first.locator('input').first().focus();
    await page.keyboard.press('Space');
    await expect(first.locator('input').first()).toBeChecked();
    // Tab leaves the radio group for the check button.
    await page.keyboard.press('Tab');
    await expect(first.getByRole('button', { name: 'Check answer' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(first.getByRole('status').first()).toHaveText(/^(Correct\.|Incorrect)/);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('a click on "Check answer" is answered in the same task, so it paints in the next frame', async ({ page }) => {
    await page.goto(SHARING);
    await reachQuiz(page);
    // The feedback must exist when the click handler returns (no awaiting storage first); how
    // long that takes is measured by npm run bench:quiz, not asserted here.
    const text = await page.evaluate(() => {
      const item = document.querySelector<HTMLElement>('.quiz-item[data-qid="q-ami-share-kms-01"]');
      item?.querySelector<HTMLInputElement>('input')?.click();
      item?.querySelector<HTMLButtonElement>('[data-check]')?.click();
      return item?.querySelector('[data-feedback]')?.textContent ?? '';
    });
    expect(text).toMatch(/^Incorrect\. The answer is:/);
  });

  test('a lesson page with its quiz stays light: the quiz code loads as the reader nears it, the database library on the first answer', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(REFERENCE);
    await page.waitForLoadState('networkidle');
    // The reference note is long: its quiz is far below the first screen, and its questions are
    // readable (answers folded) but not yet checkable.
    const quiz = page.locator('ami-quiz');
    await expect(quiz).not.toBeInViewport();
    expect(await page.evaluate(() => customElements.get('ami-quiz') === undefined)).toBe(true);
    await expect(quiz.getByRole('button', { name: 'Check answer' })).toHaveCount(0);
    const beforeQuiz = scripts.length;
    await reachQuiz(page);
    expect(scripts.length).toBeGreaterThan(beforeQuiz);
    await page.waitForLoadState('networkidle');
    const beforeAnswer = scripts.length;
    const item = page.locator('.quiz-item').first();
    await item.locator('input').first().check();
    await item.getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => scripts.length).toBeGreaterThan(beforeAnswer);
  });

  test('a quiz whose code cannot be downloaded says so; Try again loads it, and a second failure offers a reload', async ({ page }) => {
    const blocked = /\/_astro\/ami-quiz\.[^/]*\.js$/;
    let downloads = 0;
    await page.route(blocked, (route) => {
      downloads += 1;
      return route.abort('internetdisconnected');
    });
    await page.goto(REFERENCE);
    const quiz = page.locator('ami-quiz');
    await quiz.scrollIntoViewIfNeeded();
    const note = quiz.getByRole('status').filter({ hasText: 'could not be downloaded' });
    await expect(note).toHaveText(/^The quiz’s check buttons could not be downloaded \(are you offline\?\)\. Each answer is folded under its question\./);
    await expect(quiz.getByRole('button', { name: 'Check answer' })).toHaveCount(0);
    // Focus in the quiz does not download again by itself: only the note's button does.
    const tryAgain = note.getByRole('button', { name: 'Try again' });
    await tryAgain.focus();
    await page.locator('.quiz-item input').first().focus();
    await tryAgain.focus();
    expect(downloads).toBe(1);
    await page.keyboard.press('Enter');
    await expect(note).toContainText('still could not be downloaded. If your connection is back, reload the page');
    await expect(tryAgain).toBeFocused();
    await expect(note.getByRole('button', { name: 'Reload the page' })).toBeVisible();
    expect(downloads).toBe(2);
    expect(await axeViolations(page)).toEqual([]);

    await page.unroute(blocked);
    await page.keyboard.press('Enter');
    await expect(quiz).toHaveAttribute('data-enhanced', 'true');
    await expect(note).toHaveCount(0);
    await expect(quiz.locator('.quiz-item').first().getByRole('button', { name: 'Check answer' })).toBeFocused();
  });

  test('a reader who moves into the quiz from the keyboard without scrolling gets its check buttons', async ({ page }) => {
    await page.goto(REFERENCE);
    await page.waitForLoadState('networkidle');
    const quiz = page.locator('ami-quiz');
    await expect(quiz).not.toBeInViewport();
    // A screen reader's cursor can move focus without scrolling the page first.
    await quiz
      .locator('input')
      .first()
      .evaluate((input) => (input as HTMLInputElement).focus({ preventScroll: true }));
    await expect(quiz).toHaveAttribute('data-enhanced', 'true');
    await expect(quiz.locator('.quiz-item').first().getByRole('button', { name: 'Check answer' })).toBeVisible();
  });
});
