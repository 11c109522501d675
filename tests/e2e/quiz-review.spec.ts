import { expect, test } from '@playwright/test';
import type { OrderingQuestion } from '../../src/content-pipeline/questions/schema';
import { axeViolations, ProgressPage, startAtNoon } from './pages';
import { answerQuestion, fetchQuestions, reachQuiz } from './quiz-helpers';

const SHARING = '/notes/sharing-amis-and-launch-permissions/';
const MISSED = 'q-ami-share-kms-01';

test.describe('lesson quiz answers are kept and feed the review', () => {
  test('after a reload the lesson shows the last answers with their feedback; the missed question comes first in review', async ({ page, request }) => {
    const questions = await fetchQuestions(request);
    await startAtNoon(page);
    await page.goto(SHARING);
    await reachQuiz(page);
    const missed = page.locator(`.quiz-item[data-qid="${MISSED}"]`);
    const missedQuestion = questions.get(MISSED);
    if (!missedQuestion || missedQuestion.kind === 'card') throw new Error('the sharing lesson lost its question');
    await answerQuestion(missed, missedQuestion, { wrong: true });
    await missed.getByRole('button', { name: 'Check answer' }).click();
    await expect(missed.getByRole('status').first()).toHaveText(/^Incorrect\. The answer is:/);
    const wrongChoice = await missed.locator('input:checked').getAttribute('value');
    const right = page
      .locator('.quiz-item')
      .filter({ hasNot: page.locator(`[data-qid="${MISSED}"]`) })
      .nth(1);
    const rightId = (await right.getAttribute('data-qid')) ?? '';
    const rightQuestion = questions.get(rightId);
    if (!rightQuestion || rightQuestion.kind === 'card') throw new Error(`unknown question ${rightId}`);
    await answerQuestion(right, rightQuestion);
    await right.getByRole('button', { name: 'Check answer' }).click();
    await expect(right.getByRole('status').first()).toHaveText('Correct.');
    await expect(missed).toHaveAttribute('data-saved', 'true');
    await expect(right).toHaveAttribute('data-saved', 'true');

    await page.reload();
    await reachQuiz(page);

    await expect(missed).toHaveAttribute('data-restored', 'true');
    await expect(missed.getByRole('status').first()).toHaveText(/^Incorrect\. The answer is: .*\(Your answer of .*\.\)$/);
    await expect(missed.locator(`input[value="${wrongChoice}"]`)).toBeChecked();
    await expect(missed.locator('input').first()).toBeDisabled();
    await expect(right.getByRole('status').first()).toHaveText(/^Correct\. \(Your answer of/);
    await expect(page.locator('[data-summary]')).toContainText('Your earlier answers are shown (2 of');
    expect(await axeViolations(page)).toEqual([]);

    // Home, progress and review count the same: two questions scheduled, 18 new left today.
    await page.goto('/');
    await expect(page.locator('[data-review-due]')).toHaveText('20 items due for review today (2 due, 18 new).');
    const progress = new ProgressPage(page);
    await progress.open();
    await expect(progress.stat('due')).toHaveText('20');
    await expect(page.locator('[data-reviews-due]')).toContainText('0 due now, 2 more later today, 18 new to start today.');

    // Two minutes later the missed question (Again: one minute) is due; the right one (Good: ten) is not yet.
    await page.clock.setSystemTime(new Date((await page.evaluate(() => Date.now())) + 2 * 60_000));
    await page.goto('/review/');
    await expect(page.getByText('1 due, 18 new. 1 more due later today.')).toBeVisible();
    await expect(page.getByText('Item 1 of 19')).toBeVisible();
    await expect(page.locator('.review-card .quiz-stem')).toHaveText(missedQuestion.stem);
  });

  test('a wrong order says, position by position, what was put there and what belongs there', async ({ page, request }) => {
    const questions = await fetchQuestions(request);
    const ordering = [...questions.values()].filter((q): q is OrderingQuestion => q.kind === 'ordering');
    let found: OrderingQuestion | undefined;
    for (const question of ordering) {
      await page.goto(`/notes/${question.source.slug}/`);
      if ((await page.locator(`.quiz-item[data-qid="${question.id}"]`).count()) > 0) {
        found = question;
        break;
      }
    }
    if (!found) throw new Error('no lesson quiz has an ordering question');
    await reachQuiz(page);
    const item = page.locator(`.quiz-item[data-qid="${found.id}"]`);
    // As first shown the items are never in order: check them as they are.
    const shown = await item.locator('.quiz-order > li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.item ?? ''));
    await item.getByRole('button', { name: 'Check answer' }).click();

    const text = (id: string | undefined) => found?.items.find((i) => i.id === id)?.text ?? 'nothing';
    const expected = found.items.flatMap((item, i) => (shown[i] === item.id ? [] : [`Position ${i + 1}: you put ${text(shown[i])}; correct is ${item.text}.`]));
    expect(expected.length).toBeGreaterThan(0);
    const feedback = item.getByRole('status').first();
    await expect(feedback).toHaveText(/^Incorrect\./);
    for (const line of expected) await expect(feedback).toContainText(line);
  });
});
