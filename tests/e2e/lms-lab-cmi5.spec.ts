/**
 * A lab scenario cmi5 package launched as a cmi5 LMS launches an AU (the test plays the LMS and a
 * minimal LRS on another loopback port, as in lms-cmi5.spec.ts). The learner meets the first goal,
 * leaves; a relaunch in the same registration but a fresh browser resumes the world from the xAPI
 * State document; the second goal completes the scenario. Statements: initialized, a cmi5-allowed
 * `passed` about each goal (an objective of the AU) and `progressed`, then the AU's passed,
 * completed and terminated.
 */
import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { decodeLabSuspend, labPackageFiles } from '../../src/packaging/lab-package';
import { labPlayerAssets } from '../../src/packaging/lab-player-bundle';
import { zipPackage } from '../../src/packaging/package';
import { amiIn } from './lab-pages';
import { labSpec, run, skipAhead } from './lms-lab-helpers';
import { createLrs, type Statement, startServer } from './lms-helpers';

const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const verbOf = (s: Statement) => s.verb.id.split('/').pop() ?? '';

/** The lifecycle state of the resource `id` in a saved world (the simulator's JSON), or null. */
function lifecycleOf(savedWorld: string | null, id: string): string | null {
  const find = (value: unknown): string | null => {
    if (typeof value !== 'object' || value === null) return null;
    const record = value as { id?: unknown; lifecycle?: { value?: unknown } };
    if (record.id === id && typeof record.lifecycle?.value === 'string') return record.lifecycle.value;
    for (const child of Object.values(value)) {
      const found = find(child);
      if (found !== null) return found;
    }
    return null;
  };
  return savedWorld === null ? null : find(JSON.parse(savedWorld));
}

test('cmi5 lab package: goals as objectives, relaunch in another browser resumes the world from the State API, moveOn', async ({ browser }) => {
  test.setTimeout(90_000);
  const files: Record<string, string> = {};
  for (const [path, bytes] of Object.entries(unzipSync(zipPackage(labPackageFiles(labSpec(), 'cmi5', await labPlayerAssets()))))) files[path] = strFromU8(bytes);
  expect(Object.keys(files).sort()).toEqual(['cmi5.xml', 'index.html', 'lab-player.css', 'lab-player.js']);
  const auId = /<au id="([^"]+)"/.exec(files['cmi5.xml'] ?? '')?.[1] ?? '';
  expect(auId).toMatch(/^https:\/\//);
  const lrs = createLrs();
  const lrsServer = await startServer({}, {}, lrs.handle);
  const content = await startServer({ cmi5: files }, {});
  const actor = { objectType: 'Agent', account: { homePage: 'https://lms.example', name: 'learner-1' }, name: 'Lee Learner' };
  const registration = randomUUID();
  const launchUrl = (session: string) => {
    lrs.states.set(
      `${auId}|${registration}|LMS.LaunchData`,
      JSON.stringify({ contextTemplate: { extensions: { [SESSION]: session } }, launchMode: 'Normal', moveOn: 'CompletedAndPassed', masteryScore: 1 }),
    );
    const q = new URLSearchParams({ endpoint: `${lrsServer.url}/xapi/`, fetch: lrs.newFetchUrl(lrsServer.url), registration, activityId: auId, actor: JSON.stringify(actor) });
    return `${content.url}/pkg/cmi5/index.html?${q}`;
  };
  const open = async (page: Page, session: string) => {
    await page.goto(launchUrl(session));
    await expect(page.getByRole('heading', { level: 1, name: 'Lab: Disaster recovery in another Region' })).toBeVisible();
    await expect(page.locator('[data-lab-ready="true"]')).toBeVisible();
  };
  const count = (verb: string) => lrs.statements.filter((s) => verbOf(s) === verb).length;
  try {
    const first = await (await browser.newContext()).newPage();
    await open(first, randomUUID());
    const golden = amiIn(await run(first, 'aws ec2 describe-images --owners self --filters Name=name,Values=web-golden'));
    const copy = amiIn(await run(first, `aws ec2 copy-image --source-region us-east-1 --source-image-id ${golden} --name web-golden --region eu-west-1`));
    await skipAhead(first);
    await expect(first.locator('[data-goal="copied"]')).toContainText('(met)');
    await expect.poll(() => count('progressed')).toBe(1);
    // The world that met the goal (the copy available) reaches the State document: the package
    // writes it once the lab has stored it, within a second of the goal.
    const stateKey = `${auId}|${registration}|https://ami-lab.dev/xapi/state/lab`;
    const storedWorld = () => decodeLabSuspend(String(JSON.parse(lrs.states.get(stateKey) ?? '{}').lab ?? ''))?.world?.world ?? null;
    await expect.poll(() => lifecycleOf(storedWorld(), copy), { timeout: 10_000 }).toBe('available');
    await first.goto('about:blank');
    await expect.poll(() => count('terminated')).toBe(1);
    await first.context().close();

    const second = await (await browser.newContext()).newPage();
    await open(second, randomUUID());
    await expect(second.locator('[data-goal="copied"]')).toContainText('(met)');
    expect(await run(second, 'aws ec2 describe-images --owners self --region eu-west-1')).toContain(copy);
    await run(second, `aws ec2 run-instances --image-id ${copy} --instance-type t3.micro --region eu-west-1`);
    await skipAhead(second);
    await expect(second.getByRole('heading', { name: 'Scenario complete' })).toBeVisible();
    await expect.poll(() => count('completed')).toBe(1);
    await second.goto('about:blank');
    await expect.poll(() => count('terminated')).toBe(2);
    await second.context().close();

    expect(lrs.statements.map(verbOf)).toEqual([
      ...['initialized', 'passed', 'progressed', 'terminated'],
      ...['initialized', 'passed', 'progressed', 'passed', 'completed', 'terminated'],
    ]);
    const goals = lrs.statements.filter((s) => verbOf(s) === 'passed' && s.object.id !== auId);
    expect(goals.map((s) => s.object.id)).toEqual([`${auId}/goal/copied`, `${auId}/goal/launched`]);
    for (const s of goals) {
      expect(s.object.definition?.type).toBe('http://adlnet.gov/expapi/activities/objective');
      expect(s.context?.contextActivities?.parent?.[0]?.id).toBe(auId);
      // cmi5-allowed, not cmi5-defined: no cmi5 category.
      expect(s.context?.contextActivities?.category ?? []).not.toContainEqual(expect.objectContaining({ id: CMI5_CATEGORY }));
    }
    const auPassed = lrs.statements.find((s) => verbOf(s) === 'passed' && s.object.id === auId);
    expect(auPassed?.result).toMatchObject({ success: true, score: { scaled: 1, raw: 2, max: 2 } });
    expect(lrs.statements.filter((s) => verbOf(s) === 'progressed').map((s) => s.result?.extensions?.['https://w3id.org/xapi/cmi5/result/extensions/progress'])).toEqual([50, 100]);
    for (const s of lrs.statements) {
      expect(s.context?.registration).toBe(registration);
      expect(typeof s.context?.extensions?.[SESSION]).toBe('string');
    }
  } finally {
    await content.close();
    await lrsServer.close();
  }
});
