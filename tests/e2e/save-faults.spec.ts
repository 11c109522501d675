/**
 * "Every failure is said, and nothing is lost": storage faults injected into the browser, for each
 * thing the learner saves (quiz answer, review rating, lesson done, exam result, import). Each test
 * checks that the page says so next to the control, keeps the learner's answer or choice on screen,
 * and that once the fault clears (automatic retry, or Retry) the data really is stored: a reload
 * shows it.
 *
 * The faults are switched through localStorage, so a test can clear one mid-way and so they
 * survive a reload: `fault:refuse` = '1' makes indexedDB.open throw (storage refused for the site);
 * `fault:quota` = N makes the next N IDBObjectStore put/add calls throw QuotaExceededError.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, countRecords, LessonPage, ProgressPage } from './pages';

const SHARING = '/notes/sharing-amis-and-launch-permissions/';
const QUIZ_QUESTION = 'q-ami-share-kms-01';
const progressFixture = readFileSync(new URL('../fixtures/progress/progress-v1.json', import.meta.url), 'utf8');

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
      if (localStorage.getItem('fault:refuse') === '1') throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      return open.apply(this, args);
    };
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        const left = Number(localStorage.getItem('fault:quota') ?? '0');
        if (left > 0) {
          localStorage.setItem('fault:quota', String(left - 1));
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return original.apply(this, args);
      };
    }
  });
});

/** Switches faults on for this origin (the page must be on the site). */
async function setFaults(page: Page, faults: { refuse?: boolean; quota?: number }): Promise<void> {
  await page.evaluate(({ refuse, quota }) => {
    if (refuse !== undefined) localStorage.setItem('fault:refuse', refuse ? '1' : '0');
    if (quota !== undefined) localStorage.setItem('fault:quota', String(quota));
  }, faults);
}

async function answerSharingQuestion(page: Page) {
  const item = page.locator(`.quiz-item[data-qid="${QUIZ_QUESTION}"]`);
  await item.getByRole('radio', { name: /Copy the AMI re-encrypting it/ }).check();
  await item.getByRole('button', { name: 'Check answer' }).click();
  await expect(item.getByRole('status').first()).toHaveText('Correct.');
  return item;
}

/** Progress shows one correct quiz answer: the answer was stored. */
async function expectOneCorrectAnswerStored(page: Page) {
  const progress = new ProgressPage(page);
  await progress.open();
  await expect(progress.stat('accuracy')).toHaveText('100%');
  await expect(page.locator('[data-stat="accuracy"] span')).toHaveText('quiz accuracy (1 answers)');
}

test.describe('storage full on write', () => {
  test('a quiz answer that hits a full disk is said under the question, retried, and stored', async ({ page }) => {
    const lesson = new LessonPage(page);
    await lesson.open(SHARING);
    // Reading records the visit (a write of its own): let it land first, so the fault is the answer's.
    await lesson.startReading();
    await expect.poll(() => countRecords(page, 'lessonProgress')).toBe(1);
    await setFaults(page, { quota: 1 });

    const item = await answerSharingQuestion(page);

    await expect(item.getByText('Your answer is not saved yet: this browser’s storage is full. Trying again in 1 s…')).toBeVisible();
    // The learner's answer stays on screen meanwhile.
    await expect(item.getByRole('radio', { name: /Copy the AMI re-encrypting it/ })).toBeChecked();
    await expect(item.getByText('Your answer is saved now.')).toBeVisible();
    await expect(item).toHaveAttribute('data-saved', 'true');
    await expectOneCorrectAnswerStored(page);
  });

  test('a review rating (and its answer) that hit a full disk are kept and stored once there is room', async ({ page }) => {
    await page.goto('/review/');
    await expect(page.getByText('0 due, 20 new.')).toBeVisible();
    await setFaults(page, { quota: 1 });

    await page.getByRole('button', { name: /^(Check answer|Show answer)$/ }).click();
    await page
      .getByRole('group', { name: 'How well did you know it?' })
      .getByRole('button', { name: /^Good in/ })
      .click();

    // The session goes on to the next item; the message under it says what is not stored yet.
    await expect(page.getByText(/not saved yet: this browser’s storage is full\. Trying again in 1 s…$/)).toBeVisible();
    await expect(page.getByText('Item 2 of 20', { exact: false })).toBeVisible();
    await expect(page.getByText(/saved now/)).toBeVisible();
    await page.reload();
    await expect(page.getByText('0 due, 19 new.')).toBeVisible();
    expect(await countRecords(page, 'reviewCards')).toBe(1);
  });

  test('"Mark as done" that hits a full disk keeps the choice on the button and is stored after a retry', async ({ page }) => {
    const lesson = new LessonPage(page);
    await lesson.open();
    await lesson.startReading();
    // The visit is recorded first; the fault is for the "done" write.
    await expect.poll(() => countRecords(page, 'lessonProgress')).toBe(1);
    await setFaults(page, { quota: 1 });

    await lesson.doneButton.click();

    await expect(page.getByText('“Done” is not saved yet: this browser’s storage is full. Trying again in 1 s…')).toBeVisible();
    await expect(lesson.doneButton).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText('Saved in this browser.')).toBeVisible();
    await page.reload();
    await lesson.startReading();
    await expect(lesson.doneButton).toHaveAttribute('aria-pressed', 'true');
  });

  test('an exam result that hits a full disk stays on screen, is retried, and appears in past results', async ({ page }) => {
    await page.goto('/exam/');
    await page.getByRole('spinbutton', { name: 'Number of questions' }).fill('1');
    await page.getByRole('button', { name: 'Start exam' }).click();
    // The exam saves its progress as it starts (Dexie loads on the learner's first move): the fault is for the result.
    await expect.poll(() => countRecords(page, 'examAttempts')).toBe(1);
    await setFaults(page, { quota: 1 });
    await page.getByRole('button', { name: 'Submit exam' }).click();
    await page.getByRole('button', { name: 'Submit now' }).click();

    await expect(page.getByText('Your result is not saved yet: this browser’s storage is full. Trying again in 1 s…')).toBeVisible();
    await expect(page.locator('[data-exam-score]')).toHaveText(/^0 \/ 1 \(0%\)$/);
    await expect(page.getByText('Your result is saved now.')).toBeVisible();
    await page.goto('/exam/');
    await expect(page.getByRole('heading', { name: 'Past results' })).toBeVisible();
    await expect(page.getByText('0 / 1 (0%)')).toBeVisible();
  });

  test('an import that hits a full disk changes nothing, retries with the file it kept, then imports it', async ({ page }) => {
    const progress = new ProgressPage(page);
    await progress.open();
    await setFaults(page, { quota: 1 });

    await progress.import('progress-v1.json', progressFixture);

    await expect(progress.result).toContainText('The import failed and nothing was changed (the browser’s storage is full). Trying again in 1 s…');
    await expect(progress.result).toContainText('Imported progress-v1.json');
    await page.reload();
    await expect(page.locator('[data-progress-app]')).toHaveAttribute('data-progress-ready', 'true');
    await expect(progress.stat('exams')).toHaveText('1');
    await expect(progress.stat('lessons')).toHaveText(/^1 \/ \d+$/);
  });
});

test.describe('embedded quiz', () => {
  test('an embedded answer that hits a full disk is said under the question and stored on retry', async ({ page }) => {
    await page.goto('/embed/lesson/sharing-amis-and-launch-permissions/');
    await expect(page.locator('ami-quiz')).toHaveAttribute('data-enhanced', 'true');
    await setFaults(page, { quota: 1 });
    const item = await answerSharingQuestion(page);

    await expect(item.getByText('Your answer is not saved yet: this browser’s storage is full. Trying again in 1 s…')).toBeVisible();
    await expect(item.getByText('Your answer is saved now.')).toBeVisible();
    expect(await countRecords(page, 'embedAttempts', 'ami-lab-embed')).toBe(1);
  });
});

test.describe('storage refused', () => {
  test('a quiz answer is kept on the page, and Retry stores it once the browser allows storage', async ({ page }) => {
    await page.clock.install();
    await page.goto(SHARING);
    await setFaults(page, { refuse: true });

    const item = await answerSharingQuestion(page);
    await expect(item.getByText(/^Your answer is not saved yet: this browser is not letting AMI Lab store data here\./)).toBeVisible();
    await expect(page.getByText('Your progress is not being saved.')).toBeVisible();
    // Past the automatic attempts (1 s, 4 s, 10 s apart): the answer waits for the learner's Retry.
    await page.clock.fastForward(1_100);
    await expect(item.getByText(/Trying again in 4 s…$/)).toBeVisible();
    await page.clock.fastForward(4_100);
    await expect(item.getByText(/Trying again in 10 s…$/)).toBeVisible();
    await page.clock.fastForward(10_100);
    await expect(item.getByText(/^Your answer is not saved: this browser is not letting AMI Lab store data here\. It is kept on this page/)).toBeVisible();
    await expect(item.getByRole('radio', { name: /Copy the AMI re-encrypting it/ })).toBeChecked();
    expect(await axeViolations(page)).toEqual([]);

    await setFaults(page, { refuse: false });
    await item.getByRole('button', { name: 'Retry saving' }).click();

    await expect(item.getByText('Your answer is saved now.')).toBeVisible();
    await expect(item.getByRole('button', { name: 'Retry saving' })).toBeHidden();
    await expectOneCorrectAnswerStored(page);
  });

  test('review runs for the visit, and its ratings are stored once storage is allowed again', async ({ page }) => {
    await page.goto('/');
    await setFaults(page, { refuse: true });
    await page.goto('/review/');
    await expect(page.getByText('Your progress is not being saved.')).toBeVisible();

    await page.getByRole('button', { name: /^(Check answer|Show answer)$/ }).click();
    await page
      .getByRole('group', { name: 'How well did you know it?' })
      .getByRole('button', { name: /^Good in/ })
      .click();
    await expect(page.getByText(/not saved yet: this browser is not letting AMI Lab store data here/)).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Check answer|Show answer)$/ })).toBeVisible();

    await setFaults(page, { refuse: false });
    await expect(page.getByText(/saved now/)).toBeVisible({ timeout: 15_000 });
    await page.reload();
    await expect(page.getByText('0 due, 19 new.')).toBeVisible();
  });

  test('"Mark as done" works for the visit, and is stored once storage is allowed again', async ({ page }) => {
    await page.goto('/');
    await setFaults(page, { refuse: true });
    const lesson = new LessonPage(page);
    await lesson.open();
    await lesson.startReading();
    await expect(page.getByText('Your progress is not being saved.')).toBeVisible();

    await lesson.doneButton.click();
    await expect(lesson.doneButton).toHaveAttribute('aria-pressed', 'true');
    const control = page.getByRole('region', { name: 'Your progress' });
    await expect(control.getByText(/not saved yet: this browser is not letting AMI Lab store data here/)).toBeVisible();

    await setFaults(page, { refuse: false });
    await expect(control.getByText('Saved in this browser.')).toBeVisible({ timeout: 20_000 });
    await page.reload();
    await lesson.startReading();
    await expect(lesson.doneButton).toHaveAttribute('aria-pressed', 'true');
  });

  test('an exam result is shown for the visit, and stored once storage is allowed again', async ({ page }) => {
    await page.goto('/');
    await setFaults(page, { refuse: true });
    await page.goto('/exam/');
    await expect(page.getByText(/^Past results could not be read: this browser is not letting AMI Lab store data here\.$/)).toBeVisible();
    await page.getByRole('spinbutton', { name: 'Number of questions' }).fill('1');
    await page.getByRole('button', { name: 'Start exam' }).click();
    await page.getByRole('button', { name: 'Submit exam' }).click();
    await page.getByRole('button', { name: 'Submit now' }).click();

    await expect(page.getByText(/^Your result is not saved yet: this browser is not letting AMI Lab store data here\./)).toBeVisible();
    await setFaults(page, { refuse: false });
    await expect(page.getByText('Your result is saved now.')).toBeVisible({ timeout: 15_000 });
    await page.goto('/exam/');
    await expect(page.getByRole('heading', { name: 'Past results' })).toBeVisible();
    await expect(page.getByText('0 / 1 (0%)')).toBeVisible();
  });

  test('an import into refused storage says so, and is imported when storage comes back', async ({ page }) => {
    await page.goto('/');
    await setFaults(page, { refuse: true });
    await page.goto('/progress/');
    await expect(page.locator('[data-progress-status]')).toHaveText(/Nothing can be shown/);
    const progress = new ProgressPage(page);

    await progress.import('progress-v1.json', progressFixture);
    await expect(progress.result).toContainText('The import failed and nothing was changed');

    await setFaults(page, { refuse: false });
    await expect(progress.result).toContainText('Imported progress-v1.json', { timeout: 15_000 });
    // The page now shows what is stored, without a reload, and no longer says nothing is kept.
    await expect(progress.stat('exams')).toHaveText('1');
    await expect(page.getByText('Your progress is not being saved.')).toBeHidden();
    await page.reload();
    await expect(page.locator('[data-progress-app]')).toHaveAttribute('data-progress-ready', 'true');
    await expect(progress.stat('exams')).toHaveText('1');
  });
});
