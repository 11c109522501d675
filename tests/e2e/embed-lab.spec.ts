/**
 * An embedded lab scenario (/embed/lab/<scenario>/) on another origin: the host page receives
 * ready, resize, a `goal` message per goal met, `completed`, and the xAPI statements (to the host
 * and to an LRS named in the iframe URL), while the learner solves a short scenario in the console.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type FrameLocator, test } from '@playwright/test';
import { amiIn } from './lab-pages';

const SITE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4322)}`;
const SCENARIO = 'disaster-recovery-in-another-region';

function hostPage(query: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title></head><body>
<h1>Week 4: disaster recovery</h1>
<iframe src="${SITE}/embed/lab/${SCENARIO}/${query}" title="Lab" width="100%" height="900" style="border:0" data-ami-quiz></iframe>
<script src="${SITE}/embed/resizer.js" async></script>
<script>
  window.__messages = [];
  window.__domEvents = [];
  window.addEventListener('message', (event) => {
    if (event.origin !== '${SITE}' || !event.data || event.data.source !== 'ami-lab') return;
    window.__messages.push({ origin: event.origin, ...event.data });
  });
  const frame = document.querySelector('iframe');
  for (const type of ['goal', 'completed']) frame.addEventListener('ami-quiz:' + type, (e) => window.__domEvents.push(e.detail.type));
</script>
</body></html>`;
}

let server: Server;
let host = '';
const lrsStatements: Array<Record<string, unknown>> = [];

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

test.beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // A small LRS on the same port (another origin than the site), with CORS for the site.
    if (url.pathname.startsWith('/xapi/')) {
      res.setHeader('Access-Control-Allow-Origin', SITE);
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Experience-API-Version');
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      if (req.headers.authorization !== 'Basic d3JpdGVyOnNlY3JldA==') return void res.writeHead(401).end();
      const parsed = JSON.parse(await body(req)) as Array<Record<string, unknown>>;
      lrsStatements.push(...parsed);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify(parsed.map((s) => s.id)));
    }
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
  quizId: string;
  height?: number;
  goalId?: string;
  met?: number;
  total?: number;
  correct?: number;
  percent?: number;
  statement?: { id: string; verb: { display: Record<string, string> }; object: { id: string }; result?: { duration?: string } };
}

async function run(frame: FrameLocator, command: string): Promise<string> {
  const log = frame.getByRole('log', { name: 'Console output' });
  const before = await log.locator('.lab-console-entry').count();
  const input = frame.getByRole('textbox', { name: 'AWS CLI command' });
  await input.fill(command);
  await input.press('Enter');
  await expect.poll(async () => log.locator('.lab-console-entry').count()).toBeGreaterThan(before);
  return (await log.locator('.lab-console-entry').allInnerTexts()).slice(before + 1).join('\n');
}

async function skipAhead(frame: FrameLocator): Promise<void> {
  const skip = frame.getByRole('button', { name: 'Skip ahead' });
  if (await skip.isEnabled()) await skip.click();
  await expect(skip).toBeDisabled();
}

test.describe('embedded lab scenario on another origin', () => {
  test('the host receives ready, resize, each goal met, completion and xAPI (also in its LRS)', async ({ page }) => {
    const query = `?lrs=${encodeURIComponent(`${host}/xapi/`)}&auth=${encodeURIComponent('Basic d3JpdGVyOnNlY3JldA==')}&actor=${encodeURIComponent('mailto:lee@example.edu')}`;
    await page.goto(`${host}/course?q=${encodeURIComponent(query)}`);
    const frame = page.frameLocator('iframe[data-ami-quiz]');
    await expect(frame.getByRole('heading', { level: 1, name: 'Lab: Disaster recovery in another Region' })).toBeVisible();
    await expect(frame.locator('[data-lab-ready="true"]')).toBeVisible();
    await expect(frame.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

    const golden = amiIn(await run(frame, 'aws ec2 describe-images --owners self --filters Name=name,Values=web-golden'));
    const copy = amiIn(await run(frame, `aws ec2 copy-image --source-region us-east-1 --source-image-id ${golden} --name web-golden --region eu-west-1`));
    await skipAhead(frame);
    await expect(frame.locator('[data-goal="copied"]')).toContainText('(met)');

    const messages = () => page.evaluate(() => (window as unknown as { __messages: Message[] }).__messages);
    await expect.poll(async () => (await messages()).filter((m) => m.type === 'goal').map((m) => m.goalId)).toEqual(['copied']);

    await run(frame, `aws ec2 run-instances --image-id ${copy} --instance-type t3.micro --region eu-west-1`);
    await skipAhead(frame);
    await expect(frame.getByRole('heading', { name: 'Scenario complete' })).toBeVisible();
    await expect.poll(async () => (await messages()).some((m) => m.type === 'completed')).toBe(true);

    const all = await messages();
    expect(all.every((m) => m.origin === SITE && m.quizId === `lab:${SCENARIO}`)).toBe(true);
    expect(all.find((m) => m.type === 'ready')).toMatchObject({ total: 2 });
    expect(all.filter((m) => m.type === 'goal')).toMatchObject([
      { goalId: 'copied', met: 1, total: 2 },
      { goalId: 'launched', met: 2, total: 2 },
    ]);
    expect(all.filter((m) => m.type === 'completed')).toMatchObject([{ correct: 2, total: 2, percent: 100 }]);
    expect(all.some((m) => m.type === 'resize' && (m.height ?? 0) > 0)).toBe(true);
    // resizer.js re-dispatched the messages as DOM events on the iframe.
    expect(await page.evaluate(() => (window as unknown as { __domEvents: string[] }).__domEvents)).toEqual(['goal', 'goal', 'completed']);

    const iri = `${SITE}/xapi/lab/${SCENARIO}`;
    const verbs = all.filter((m) => m.type === 'xapi').map((m) => `${String(m.statement?.verb.display['en-US'])} ${String(m.statement?.object.id).replace(iri, '')}`);
    expect(verbs).toEqual(['passed /goal/copied', 'progressed ', 'passed /goal/launched', 'progressed ', 'completed ', 'passed ']);
    const completed = all.find((m) => m.type === 'xapi' && m.statement?.verb.display['en-US'] === 'completed')?.statement;
    expect(completed).toMatchObject({ actor: { mbox: 'mailto:lee@example.edu' }, result: { completion: true, score: { raw: 2, max: 2, scaled: 1 } } });
    expect(completed?.result?.duration).toMatch(/^PT/);
    // The same statements reached the LRS, in order.
    await expect.poll(() => lrsStatements.length).toBe(6);
    expect(lrsStatements.map((s) => s.id)).toEqual(all.filter((m) => m.type === 'xapi').map((m) => m.statement?.id));
  });
});
