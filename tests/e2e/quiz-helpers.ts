import { expect, type APIRequestContext, type FrameLocator, type Locator, type Page } from '@playwright/test';
import type { Question, ScoredQuestion } from '../../src/content-pipeline/questions/schema';

/** The vault's questions, as the site publishes them. */
export async function fetchQuestions(request: APIRequestContext, baseURL = ''): Promise<Map<string, Question>> {
  const response = await request.get(`${baseURL}/questions.json`);
  expect(response.ok()).toBe(true);
  const list = (await response.json()) as Question[];
  return new Map(list.map((q) => [q.id, q]));
}

/** Gives the right (or, with `wrong`, a wrong) answer in one rendered question, without checking it. */
export async function answerQuestion(item: Locator, question: ScoredQuestion, { wrong = false } = {}): Promise<void> {
  if (question.kind === 'choice' || question.kind === 'truefalse') {
    const role = question.choose > 1 ? 'checkbox' : 'radio';
    const picks = wrong ? question.options.filter((o) => !o.correct).slice(0, question.choose) : question.options.filter((o) => o.correct);
    for (const option of picks) await item.getByRole(role, { name: option.text, exact: true }).check();
  } else if (question.kind === 'cloze') {
    await item.getByRole('textbox', { name: 'Missing term' }).fill(wrong ? 'no idea' : (question.answers[0] ?? ''));
  } else {
    if (wrong) return;
    for (let target = 0; target < question.items.length; target += 1) {
      const wanted = question.items[target];
      if (!wanted) continue;
      for (let guard = 0; guard < question.items.length; guard += 1) {
        const order = await item.locator('.quiz-order > li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.item));
        if (order.indexOf(wanted.id) <= target) break;
        await item.getByRole('button', { name: `Move “${wanted.text}” up` }).click();
      }
    }
  }
}

/**
 * Scrolls to the first quiz in `scope` and waits until it is enhanced: a page's quiz fetches its
 * code only when the reader nears it (components/Quiz.astro), and a lesson embed builds its quiz
 * after fetching the lesson page.
 */
export async function reachQuiz(scope: Page | FrameLocator): Promise<Locator> {
  const quiz = scope.locator('ami-quiz').first();
  await quiz.scrollIntoViewIfNeeded();
  await expect(quiz).toHaveAttribute('data-enhanced', 'true');
  return quiz;
}

/** Answers every question of an <ami-quiz> (right, except the ids in `wrongIds`) and checks each. */
export async function takeQuiz(scope: Page | FrameLocator, questions: Map<string, Question>, wrongIds: ReadonlySet<string> = new Set()): Promise<number> {
  await reachQuiz(scope);
  const items = scope.locator('ami-quiz .quiz-item');
  const count = await items.count();
  for (let i = 0; i < count; i += 1) {
    const item = items.nth(i);
    const id = (await item.getAttribute('data-qid')) ?? '';
    const question = questions.get(id);
    if (!question || question.kind === 'card') throw new Error(`unknown question ${id}`);
    await answerQuestion(item, question, { wrong: wrongIds.has(id) });
    await item.getByRole('button', { name: 'Check answer' }).click();
    await expect(item.getByRole('status').first()).toHaveText(wrongIds.has(id) ? /^Incorrect/ : 'Correct.');
  }
  return count;
}
