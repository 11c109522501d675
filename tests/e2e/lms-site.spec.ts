/**
 * The instructor's side on the built site: the assignment builder makes a link, a snippet and
 * packages; a downloaded SCORM package runs in scorm-again's LMS and records the score; the learner
 * link resumes and rejects a damaged code; an embed sends xAPI statements to the host page and to
 * an LRS named in its URL (a small LRS on a loopback port, another origin, as a real one would be).
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import type { Question, ScoredQuestion } from '../../src/content-pipeline/questions/schema';
import { lmsPage, startServer } from './lms-helpers';
import { axeViolations } from './pages';
import { answerQuestion, fetchQuestions } from './quiz-helpers';

const SITE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4322)}`;

/** The lesson with the most scored questions (the vault changes; the tests need a few to draw from). */
function biggestLesson(questions: Map<string, Question>): string {
  const counts = new Map<string, number>();
  for (const q of questions.values()) if (q.kind !== 'card') counts.set(q.source.slug, (counts.get(q.source.slug) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

async function answerAll(scope: Page | ReturnType<Page['frameLocator']>, questions: Map<string, Question>, wrong: ReadonlySet<string> = new Set()): Promise<number> {
  const items = scope.locator('.quiz-item');
  const count = await items.count();
  for (let i = 0; i < count; i += 1) {
    const item = items.nth(i);
    const question = questions.get((await item.getAttribute('data-qid')) ?? '') as ScoredQuestion;
    await answerQuestion(item, question, { wrong: wrong.has(question.id) });
    await item.getByRole('button', { name: 'Check answer' }).click();
    await expect(item.locator('[data-feedback]')).toHaveText(wrong.has(question.id) ? /^Incorrect/ : 'Correct.');
  }
  return count;
}

test("the builder's SCORM 1.2 download runs in an LMS and records the score against the pass mark", async ({ page, browser, request }) => {
  const questions = await fetchQuestions(request, SITE);
  await page.goto(`${SITE}/assign/?lesson=${biggestLesson(questions)}`);
  await expect(page.locator('form[data-builder]')).toHaveAttribute('data-ready', 'true');
  await page.getByLabel('Title').fill('Week 3 check');
  await page.getByLabel('Draw this many at random (empty: all)').fill('3');
  await page.getByLabel('Pass mark (mastery score, %)').fill('60');
  await page.getByLabel('Time limit in minutes (0: none)').fill('15');
  await expect(page.locator('[data-summary]')).toHaveText('3 questions, pass mark 60%, 15 minutes.');
  expect(await axeViolations(page)).toEqual([]);
  const link = await page.getByLabel('Link for learners').inputValue();
  expect(link).toMatch(new RegExp(`^${SITE}/assign/play/\\?a=[A-Za-z0-9_-]+$`));
  expect(await page.getByLabel('Embed snippet').inputValue()).toContain('<iframe src="');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download SCORM 1.2' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^ami-lab-assignment-[0-9a-z]+-scorm12\.zip$/);
  const zip = unzipSync(new Uint8Array(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks))));
  const files = Object.fromEntries(Object.entries(zip).map(([k, v]) => [k, strFromU8(v)]));
  const manifest = new XMLParser({ ignoreAttributes: false }).parse(files['imsmanifest.xml'] ?? '').manifest;
  expect(manifest.organizations.organization.item['adlcp:masteryscore']).toBe(60);
  expect(manifest.organizations.organization.title).toBe('Week 3 check');

  // The other two formats carry their own descriptors, with the same pass mark.
  for (const [label, descriptor, expected] of [
    ['Download SCORM 2004', 'imsmanifest.xml', '<imsss:minNormalizedMeasure>0.60</imsss:minNormalizedMeasure>'],
    ['Download cmi5', 'cmi5.xml', `masteryScore="0.60"`],
  ] as const) {
    const [other] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
    const entries = unzipSync(new Uint8Array(Buffer.concat(await (await other.createReadStream()).toArray())));
    expect(strFromU8(entries[descriptor] ?? new Uint8Array())).toContain(expected);
    expect(Object.keys(entries).sort()).toEqual([descriptor, 'index.html', 'player.css', 'player.js'].sort());
  }
  expect(await page.getByRole('status').filter({ hasText: 'package ready' }).textContent()).toMatch(/cmi5 \(xAPI\) package ready: ami-lab-assignment-[0-9a-z]+-cmi5\.zip/);

  // The package, unzipped by "the LMS", with nothing from the site: it must run on its own.
  const lms = await startServer({ scorm12: files }, { '/lms.html': lmsPage('1.2') });
  try {
    const learner = await browser.newPage();
    await learner.addInitScript(() => {
      (window as unknown as { __lmsMastery: string }).__lmsMastery = '60';
    });
    const siteRequests: string[] = [];
    learner.on('request', (r) => {
      if (r.url().startsWith(SITE)) siteRequests.push(r.url());
    });
    await learner.goto(`${lms.url}/lms.html`);
    const frame = learner.frameLocator('iframe[title="Activity"]');
    await expect(frame.getByRole('heading', { level: 1, name: 'Week 3 check' })).toBeVisible();
    await expect(frame.getByText('Time left:')).toBeVisible();
    const ids = await frame.locator('.quiz-item').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.qid ?? ''));
    expect(ids).toHaveLength(3);
    await answerAll(frame, questions, new Set([ids[0] ?? '']));
    await expect(frame.getByText('You scored 2 of 3 (66%): passed (pass mark 60%).')).toBeVisible();
    await expect.poll(() => learner.evaluate(() => (window as unknown as { __events: string[] }).__events)).toContain('finish');
    const cmi = await learner.evaluate(() => (window as unknown as { __cmi: { cmi: { core: unknown; interactions: Record<string, unknown> } } }).__cmi.cmi);
    expect(cmi.core).toMatchObject({ lesson_status: 'passed', score: { raw: '67', min: '0', max: '100' } });
    expect(Object.keys(cmi.interactions).filter((k) => /^\d+$/.test(k))).toHaveLength(3);
    expect(siteRequests).toEqual([]);
    await learner.close();
  } finally {
    await lms.close();
  }
});

test('the learner link resumes in the same browser, and a damaged link says so', async ({ page, request }) => {
  await page.goto(`${SITE}/assign/?lesson=${biggestLesson(await fetchQuestions(request, SITE))}`);
  await expect(page.locator('form[data-builder]')).toHaveAttribute('data-ready', 'true');
  await page.getByLabel('Draw this many at random (empty: all)').fill('2');
  const link = await page.getByLabel('Link for learners').inputValue();

  await page.goto(link);
  await expect(page.locator('.quiz-item')).toHaveCount(2);
  expect(await axeViolations(page)).toEqual([]);
  const first = page.locator('.quiz-item').first();
  await first.getByRole('button', { name: 'Check answer' }).click();
  await expect(first.locator('[data-feedback]')).toHaveText(/first/);
  // Any answer will do: pick the first option or type a word, then check.
  const radio = first.locator('input[type=radio], input[type=checkbox]').first();
  if (await radio.count()) await radio.check();
  else if (await first.locator('input[type=text]').count()) await first.locator('input[type=text]').fill('x');
  else await first.locator('.quiz-move').first().click();
  await first.getByRole('button', { name: 'Check answer' }).click();
  await expect(first).toHaveAttribute('data-state', /correct|incorrect/);
  await page.reload();
  await expect(page.getByText('Welcome back: 1 of 2 answered so far.')).toBeVisible();

  await page.goto(`${link.slice(0, -6)}`);
  await expect(page.getByRole('alert')).toContainText('This assignment link is');
  await expect(page.locator('.quiz-item')).toHaveCount(0);

  // The builder reopens an assignment from its code, and refuses a damaged one with the same words.
  const code = new URL(link).searchParams.get('a') ?? '';
  await page.goto(`${SITE}/assign/?a=${code}`);
  await expect(page.locator('form[data-builder]')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByLabel('Draw this many at random (empty: all)')).toHaveValue('2');
  await expect(page.getByLabel('Link for learners')).toHaveValue(link);
  await page.goto(`${SITE}/assign/?a=${code.slice(0, -6)}`);
  await expect(page.getByRole('alert')).toContainText('This assignment link is');
});

test('an embed sends xAPI statements to the host page and to the LRS in its URL', async ({ page, request }) => {
  const questions = await fetchQuestions(request, SITE);
  const received: Array<{ verb: { id: string }; result?: Record<string, unknown>; actor: unknown }> = [];
  const auths: string[] = [];
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Experience-API-Version',
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
  };
  const lrs = await startServer({}, {}, (req, res, url, body) => {
    if (url.pathname !== '/xapi/statements') return false;
    if (req.method === 'POST') {
      auths.push(req.headers.authorization ?? '');
      for (const s of JSON.parse(body)) received.push(s);
    }
    res.writeHead(req.method === 'POST' ? 200 : 204, { ...cors, 'Content-Type': 'application/json' }).end(req.method === 'POST' ? JSON.stringify([randomUUID()]) : '');
    return true;
  });
  const query = new URLSearchParams({ mastery: '80', lrs: `${lrs.url}/xapi/`, auth: 'Basic d3JpdGVyOnNlY3JldA==', actor: 'mailto:lee@example.edu' });
  const host = await startServer(
    {},
    {
      '/course': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title></head><body>
<iframe src="${SITE}/embed/lesson/${biggestLesson(questions)}/?${query}" title="AMI quiz" width="100%" height="600" data-ami-quiz></iframe>
<script src="${SITE}/embed/resizer.js" async></script>
<script>window.__xapi = []; addEventListener('message', (e) => { if (e.origin === '${SITE}' && e.data && e.data.type === 'xapi') window.__xapi.push(e.data.statement); });</script>
</body></html>`,
    },
  );
  try {
    await page.goto(`${host.url}/course`);
    const frame = page.frameLocator('iframe[data-ami-quiz]');
    await expect(frame.locator('ami-quiz[data-enhanced="true"]')).toBeVisible();
    const total = await answerAll(frame, questions);
    const verbs = () => received.map((s) => s.verb.id.split('/').pop());
    await expect.poll(verbs).toEqual([...Array(total).fill('answered'), 'completed', 'passed']);
    expect(auths.every((a) => a === 'Basic d3JpdGVyOnNlY3JldA==')).toBe(true);
    expect(received[0]?.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:lee@example.edu' });
    expect(received.at(-1)?.result).toMatchObject({ success: true, score: { scaled: 1, raw: total, min: 0, max: total } });
    expect(String(received.at(-1)?.result?.duration)).toMatch(/^PT/);
    const posted = await page.evaluate(() => (window as unknown as { __xapi: Array<{ verb: { id: string } }> }).__xapi.map((s) => s.verb.id.split('/').pop()));
    expect(posted).toEqual(verbs());
  } finally {
    await host.close();
    await lrs.close();
  }
});
