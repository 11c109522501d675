import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { axeViolations } from './pages';
import { fetchQuestions, takeQuiz } from './quiz-helpers';

const SITE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4322)}`;
const EMBED = '/embed/lesson/amazon-machine-images-ami/';

/** An instructor's page on another origin, embedding the quiz with the documented snippet. */
function hostPage(query: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title></head><body>
<h1>Week 3</h1>
<iframe src="${SITE}${EMBED}${query}" title="AMI quiz" width="100%" height="600" style="border:0" data-ami-quiz></iframe>
<script src="${SITE}/embed/resizer.js" async></script>
<script>
  window.__messages = [];
  window.addEventListener('message', (event) => {
    if (event.origin !== '${SITE}' || !event.data || event.data.source !== 'ami-lab') return;
    window.__messages.push({ origin: event.origin, ...event.data });
  });
</script>
</body></html>`;
}

let server: Server;
let host = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(hostPage(url.searchParams.get('q') ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface Message {
  type: string;
  origin: string;
  height?: number;
  correct?: number;
  total?: number;
  percent?: number;
}

test.describe('embedded quiz on another origin', () => {
  test('the host receives ready, resize, answered and a completed event with the right score', async ({ page, request }) => {
    const questions = await fetchQuestions(request, SITE);
    await page.goto(`${host}/course`);
    const frame = page.frameLocator('iframe[data-ami-quiz]');
    await expect(frame.getByRole('heading', { level: 1, name: 'Quiz: Amazon Machine Images (AMI)' })).toBeVisible();
    // Minimal chrome: no site navigation inside the iframe.
    await expect(frame.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

    const ids = await frame.locator('.quiz-item').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.qid ?? ''));
    const total = await takeQuiz(frame, questions, new Set([ids[1] ?? '']));

    const messages = () => page.evaluate(() => (window as unknown as { __messages: Message[] }).__messages);
    await expect.poll(async () => (await messages()).some((m) => m.type === 'completed')).toBe(true);
    const all = await messages();
    expect(all.every((m) => m.origin === SITE)).toBe(true);
    expect(all.find((m) => m.type === 'ready')).toMatchObject({ total });
    expect(all.filter((m) => m.type === 'answered')).toHaveLength(total);
    expect(all.find((m) => m.type === 'completed')).toMatchObject({ correct: total - 1, total, percent: Math.floor(((total - 1) / total) * 100) });
    const resize = all.filter((m) => m.type === 'resize');
    expect(resize.length).toBeGreaterThan(0);
    // resizer.js applied the latest height to the iframe.
    const last = resize[resize.length - 1]?.height ?? 0;
    await expect.poll(() => page.locator('iframe[data-ami-quiz]').evaluate((f) => (f as HTMLIFrameElement).getBoundingClientRect().height)).toBe(last);
    expect(last).toBeGreaterThan(600);
  });

  test("embedded answers are stored apart from the learner's own progress", async ({ page, request, context }) => {
    const questions = await fetchQuestions(request, SITE);
    await page.goto(`${SITE}${EMBED}`);
    await takeQuiz(page, questions);
    const stores = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(stores).toContain('ami-lab-embed');
    expect(stores).not.toContain('ami-lab');
    await context.clearCookies();
  });

  test('URL options choose questions, theme and hidden explanations', async ({ page }) => {
    await page.goto(`${host}/course?q=${encodeURIComponent('?ids=q-none,ignored&theme=dark&explanations=0')}`);
    const frame = page.frameLocator('iframe[data-ami-quiz]');
    await expect(frame.locator('.quiz-item')).toHaveCount(0);

    await page.goto(`${SITE}${EMBED}?theme=dark&explanations=0&shuffle=1`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const first = page.locator('.quiz-item').first();
    const id = await first.getAttribute('data-qid');
    await page.goto(`${SITE}${EMBED}?ids=${id}&explanations=0`);
    await expect(page.locator('.quiz-item')).toHaveCount(1);
    await page.locator('.quiz-item input, .quiz-item .quiz-move').first().click();
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expect(page.locator('.quiz-item [data-explanation], .quiz-item [data-why]')).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the embed page and the guide pass axe, and every quiz offers a copyable snippet', async ({ page }) => {
    await page.goto(`${SITE}${EMBED}`);
    await expect(page.locator('ami-quiz')).toHaveAttribute('data-enhanced', 'true');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${SITE}/notes/amazon-machine-images-ami/`);
    await page.getByText('Embed this quiz').click();
    const snippet = page.getByRole('textbox', { name: /Paste this into your page/ });
    await expect(snippet).toHaveValue(new RegExp(`<iframe src="${SITE}${EMBED}".*data-ami-quiz></iframe>\\n<script src="${SITE}/embed/resizer.js" async></script>`));
    await page.goto(`${SITE}/embed-guide/`);
    await expect(page.getByRole('heading', { level: 2, name: 'Events (postMessage)' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the bare embed address says how to name a lesson, and links to the guide', async ({ page }) => {
    await page.goto(`${SITE}/embed/lesson/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a lesson' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('ends with the lesson’s name');
    await expect(page.getByRole('link', { name: 'Embed guide' })).toHaveAttribute('href', '/embed-guide/');
    expect(await axeViolations(page)).toEqual([]);
  });

  test('a lesson page that cannot be fetched is said, with a Try again that loads the quiz', async ({ page }) => {
    const lessonPage = `${SITE}/notes/amazon-machine-images-ami/`;
    await page.route(lessonPage, (route) => route.abort('internetdisconnected'));
    await page.goto(`${SITE}${EMBED}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Quiz not loaded' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('could not be loaded');
    expect(await axeViolations(page)).toEqual([]);
    await page.unroute(lessonPage);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Quiz: Amazon Machine Images (AMI)' })).toBeVisible();
    await expect(page.locator('.quiz-item').first()).toBeVisible();
    await expect(page).toHaveTitle('Quiz: Amazon Machine Images (AMI) · AMI Lab');
  });

  test('a lesson page from another version of the site is refused, not scored', async ({ page }) => {
    const lessonPage = `${SITE}/notes/amazon-machine-images-ami/`;
    await page.route(lessonPage, async (route) => {
      const html = await (await route.fetch()).text();
      await route.fulfill({
        contentType: 'text/html',
        body: html.replace(/(<script type="application\/json" data-quiz-key>)[^<]*/, '$1[{"id":"old","kind":"choice","options":"?"}]'),
      });
    });
    await page.goto(`${SITE}${EMBED}`);
    await expect(page.getByRole('status')).toContainText('does not match this version of the site');
    await expect(page.locator('.quiz-item')).toHaveCount(0);
  });
});
