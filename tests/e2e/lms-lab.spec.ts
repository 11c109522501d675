/**
 * Lab scenario packages in a real SCORM runtime (scorm-again plays the LMS, the package in an
 * iframe, as in lms-scorm.spec.ts). The learner meets the first goal of "Disaster recovery in
 * another Region" in the package's console, the LMS closes the activity, relaunches it with what it
 * kept, and the learner meets the second goal: each goal is an objective, then the scenario is
 * completed and passed with score goals met / goals total. SCORM 2004 relaunches in a fresh browser
 * (the world comes back from suspend data); SCORM 1.2 in the same browser (its 4,096 characters
 * keep the goals met, the world comes back from the package's IndexedDB).
 */
import { expect, type FrameLocator, type Page, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { decodeLabSuspend, labPackageFiles } from '../../src/packaging/lab-package';
import { labPlayerAssets } from '../../src/packaging/lab-player-bundle';
import { zipPackage } from '../../src/packaging/package';
import { lmsPage, startServer } from './lms-helpers';
import { amiIn } from './lab-pages';
import { labSpec, run, SLUG, skipAhead } from './lms-lab-helpers';

type Cmi = Record<string, unknown>;

async function unpacked(format: 'scorm12' | 'scorm2004'): Promise<Record<string, string>> {
  const zip = zipPackage(labPackageFiles(labSpec(), format, await labPlayerAssets()));
  const files: Record<string, string> = {};
  for (const [path, bytes] of Object.entries(unzipSync(zip))) files[path] = strFromU8(bytes);
  return files;
}

async function recorded(page: Page): Promise<{ cmi: Cmi; events: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __cmi?: { cmi: Cmi }; __events: string[] };
    return { cmi: JSON.parse(JSON.stringify(w.__cmi?.cmi ?? {})) as Cmi, events: [...w.__events] };
  });
}

async function launch(page: Page, url: string, saved: Cmi | null): Promise<FrameLocator> {
  await page.addInitScript((value) => {
    // The mastery score the manifest states (every goal), as the LMS hands it to the runtime.
    Object.assign(window, { __lmsSaved: value, __lmsMastery: '100' });
  }, saved);
  await page.goto(url);
  const frame = page.frameLocator('iframe[title="Activity"]');
  await expect(frame.getByRole('heading', { level: 1, name: 'Lab: Disaster recovery in another Region' })).toBeVisible();
  await expect(frame.locator('[data-lab-ready="true"]')).toBeVisible();
  return frame;
}

function objectives(cmi: Cmi): Cmi[] {
  return Object.values((cmi.objectives ?? {}) as Record<string, Cmi>).filter((o) => typeof o === 'object' && o !== null && 'id' in o);
}

for (const version of ['1.2', '2004'] as const) {
  const format = version === '1.2' ? 'scorm12' : 'scorm2004';
  test(`lab package, SCORM ${version}: goals become objectives, relaunch resumes the world, completion and score`, async ({ browser }) => {
    test.setTimeout(90_000);
    const pkg = await unpacked(format);
    expect(Object.keys(pkg).sort()).toEqual(['imsmanifest.xml', 'index.html', 'lab-player.css', 'lab-player.js']);
    expect(pkg['lab-player.js']).not.toMatch(/ami-lab\.example\/(lms|embed|lab)\//);
    const server = await startServer({ [format]: pkg }, { '/lms.html': lmsPage(version) });
    try {
      const firstBrowser = await browser.newContext();
      const first = await firstBrowser.newPage();
      let frame = await launch(first, `${server.url}/lms.html`, null);
      const golden = amiIn(await run(frame, 'aws ec2 describe-images --owners self --filters Name=name,Values=web-golden'));
      const copy = amiIn(await run(frame, `aws ec2 copy-image --source-region us-east-1 --source-image-id ${golden} --name web-golden --region eu-west-1`));
      await skipAhead(frame);
      await expect(frame.locator('[data-goal="copied"]')).toContainText('(met)');
      // The lab's save reaches suspend data within a few seconds.
      await expect.poll(async () => decodeLabSuspend(String((await recorded(first)).cmi.suspend_data ?? ''))?.goalsMet, { timeout: 10_000 }).toEqual(['copied']);
      if (version === '2004')
        await expect.poll(async () => decodeLabSuspend(String((await recorded(first)).cmi.suspend_data ?? ''))?.world !== null, { timeout: 10_000 }).toBe(true);
      // The lab has saved the world (in the package's IndexedDB) before the LMS closes the activity.
      await expect(frame.getByText('All changes saved')).toBeVisible();
      await first.getByRole('button', { name: 'Close the activity' }).click();
      await expect.poll(async () => (await recorded(first)).events).toContain('finish');
      const left = (await recorded(first)).cmi;
      const suspend = String(left.suspend_data);
      expect(suspend.length).toBeLessThanOrEqual(version === '1.2' ? 4096 : 64000);
      if (version === '1.2') {
        expect(left.core).toMatchObject({ lesson_status: 'incomplete', exit: 'suspend', score: { raw: '50', max: '100', min: '0' } });
        expect(String((left.core as Cmi).session_time)).toMatch(/^\d{2,4}:\d{2}:\d{2}/);
        expect(objectives(left)).toMatchObject([
          { id: 'copied', status: 'passed' },
          { id: 'launched', status: 'incomplete' },
        ]);
      } else {
        // The runtime evaluates success against the mastery (scaled 1.0, every goal): failed until then.
        expect(left).toMatchObject({ completion_status: 'incomplete', success_status: 'failed', exit: 'suspend', score: { raw: '1', max: '2', scaled: '0.5' } });
        expect(String(left.session_time)).toMatch(/^PT/);
        expect(objectives(left)).toMatchObject([
          { id: 'copied', success_status: 'passed', completion_status: 'completed' },
          { id: 'launched', success_status: 'unknown', completion_status: 'incomplete' },
        ]);
      }

      // Relaunch: 2004 in a fresh browser (world from suspend data), 1.2 in the same browser.
      const secondBrowser = version === '1.2' ? firstBrowser : await browser.newContext();
      const second = await secondBrowser.newPage();
      await first.close();
      frame = await launch(second, `${server.url}/lms.html`, left);
      await expect(frame.locator('[data-goal="copied"]')).toContainText('(met)');
      // The copied image is still in the world, as it was when the activity closed: available (a
      // world read back from the lab's storage every few seconds once came back with it pending).
      const images = await run(frame, 'aws ec2 describe-images --owners self --region eu-west-1');
      expect(images).toContain(copy);
      expect(images).toContain('"State": "available"');
      expect(images).not.toContain('"State": "pending"');
      await run(frame, `aws ec2 run-instances --image-id ${copy} --instance-type t3.micro --region eu-west-1`);
      await skipAhead(frame);
      await expect(frame.getByRole('heading', { name: 'Scenario complete' })).toBeVisible();
      await expect
        .poll(async () => {
          const cmi = (await recorded(second)).cmi;
          return version === '1.2' ? (cmi.core as Cmi | undefined)?.lesson_status : cmi.success_status;
        })
        .toBe('passed');
      await second.getByRole('button', { name: 'Close the activity' }).click();
      await expect.poll(async () => (await recorded(second)).events).toContain('finish');
      const done = (await recorded(second)).cmi;
      await second.close();
      await firstBrowser.close();
      await secondBrowser.close();
      if (version === '1.2') {
        expect(done.core).toMatchObject({ lesson_status: 'passed', score: { raw: '100' } });
        expect(objectives(done)).toMatchObject([
          { id: 'copied', status: 'passed' },
          { id: 'launched', status: 'passed' },
        ]);
      } else {
        expect(done).toMatchObject({ completion_status: 'completed', success_status: 'passed', exit: 'normal', score: { raw: '2', max: '2', scaled: '1' } });
        expect(objectives(done)).toMatchObject([
          { id: 'copied', success_status: 'passed', completion_status: 'completed' },
          { id: 'launched', success_status: 'passed', completion_status: 'completed' },
        ]);
      }
    } finally {
      await server.close();
    }
  });
}

test('/assign/ zips a lab scenario package in the browser, self-contained', async ({ page }) => {
  const site = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4322)}`;
  await page.goto(`${site}/assign/?lab=${SLUG}`);
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue(SLUG);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download lab SCORM 2004' }).click()]);
  expect(download.suggestedFilename()).toBe(`ami-lab-lab-${SLUG}-scorm2004.zip`);
  await expect(page.locator('[data-lab-download-status]')).toContainText('package ready');
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  expect(Object.keys(files).sort()).toEqual(['imsmanifest.xml', 'index.html', 'lab-player.css', 'lab-player.js']);
  const html = strFromU8(files['index.html'] ?? new Uint8Array());
  expect(html).toContain('"startWorld":"');
  expect(html).toContain('data-lms="scorm2004"');
  expect(strFromU8(files['imsmanifest.xml'] ?? new Uint8Array())).toContain('2004 4th Edition');
});
