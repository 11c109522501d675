/**
 * SCORM packages in a real SCORM runtime: scorm-again plays the LMS (its Scorm12API /
 * Scorm2004API on the LMS page, the package in an iframe, as LMSs launch a SCO). The learner
 * answers two questions, leaves, is relaunched with what the LMS kept (entry = resume, suspend
 * data), finishes; the test reads what the runtime recorded: score, statuses, session time,
 * interactions, suspend data. The manifests are checked with an XML parser against the elements
 * each version requires. No site build needed: the packages come from the builder's own functions.
 */
import { expect, test, type Page } from '@playwright/test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeAttemptState } from '../../src/packaging/attempt-state';
import { answerInPlayer, fixtureSpec, lmsPage, QUESTIONS, startServer, unpackedPackage } from './lms-helpers';

type Cmi = Record<string, unknown>;

async function recorded(page: Page): Promise<{ cmi: Cmi; events: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __cmi?: { cmi: Cmi }; __events: string[] };
    return { cmi: JSON.parse(JSON.stringify(w.__cmi?.cmi ?? {})) as Cmi, events: [...w.__events] };
  });
}

async function launch(page: Page, url: string, saved: Cmi | null) {
  await page.addInitScript((value) => {
    (window as unknown as { __lmsSaved: unknown }).__lmsSaved = value;
  }, saved);
  await page.goto(url);
  const frame = page.frameLocator('iframe[title="Activity"]');
  await expect(frame.getByRole('heading', { level: 1, name: 'Quiz: AMIs' })).toBeVisible();
  return frame;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
type Node = Record<string, unknown>;
const child = (node: unknown, name: string): Node => (node as Node)[name] as Node;

for (const version of ['1.2', '2004'] as const) {
  const format = version === '1.2' ? 'scorm12' : 'scorm2004';

  test(`SCORM ${version}: the manifest is well-formed and has what the version requires`, async () => {
    const files = await unpackedPackage(fixtureSpec(), format);
    const xml = files['imsmanifest.xml'] ?? '';
    expect(XMLValidator.validate(xml)).toBe(true);
    const manifest = child(parser.parse(xml), 'manifest');
    expect(manifest['@identifier']).toMatch(/^[A-Za-z_][\w.-]*$/);
    expect(child(manifest, 'metadata')).toMatchObject({ schema: 'ADL SCORM', schemaversion: version === '1.2' ? 1.2 : '2004 4th Edition' });
    expect(manifest['@xmlns']).toBe(version === '1.2' ? 'http://www.imsproject.org/xsd/imscp_rootv1p1p2' : 'http://www.imsglobal.org/xsd/imscp_v1p1');
    const organizations = child(manifest, 'organizations');
    const organization = child(organizations, 'organization');
    expect(organizations['@default']).toBe(organization['@identifier']);
    const item = child(organization, 'item');
    const resource = child(child(manifest, 'resources'), 'resource');
    expect(item['@identifierref']).toBe(resource['@identifier']);
    expect(resource[version === '1.2' ? '@adlcp:scormtype' : '@adlcp:scormType']).toBe('sco');
    expect(resource['@type']).toBe('webcontent');
    // Every file the manifest lists is in the zip, and the SCO's page among them.
    const listed = (resource.file as Node[]).map((f) => String(f['@href']));
    expect(listed).toContain(resource['@href']);
    for (const href of listed) expect(files[href], href).toBeDefined();
    if (version === '1.2') {
      expect(manifest['@xmlns:adlcp']).toBe('http://www.adlnet.org/xsd/adlcp_rootv1p2');
      expect(item['adlcp:masteryscore']).toBe(80);
    } else {
      expect(manifest['@xmlns:adlcp']).toBe('http://www.adlnet.org/xsd/adlcp_v1p3');
      expect(manifest['@xmlns:imsss']).toBe('http://www.imsglobal.org/xsd/imsss');
      const objective = child(child(child(item, 'imsss:sequencing'), 'imsss:objectives'), 'imsss:primaryObjective');
      expect(objective['@satisfiedByMeasure']).toBe('true');
      expect(objective['imsss:minNormalizedMeasure']).toBe(0.8);
    }
  });

  test(`SCORM ${version}: answers, leaves, resumes from suspend data, finishes; the LMS records score, status and interactions`, async ({ browser }) => {
    const pkg = await unpackedPackage(fixtureSpec(), format);
    const server = await startServer({ [format]: pkg }, { '/lms.html': lmsPage(version) });
    try {
      // First session: two answers (one wrong), then the LMS closes the activity.
      const first = await browser.newPage();
      let frame = await launch(first, `${server.url}/lms.html`, null);
      await answerInPlayer(frame, 'q-share');
      await answerInPlayer(frame, 'q-copy', true);
      await first.getByRole('button', { name: 'Close the activity' }).click();
      await expect.poll(async () => (await recorded(first)).events).toContain('finish');
      const left = (await recorded(first)).cmi;
      await first.close();

      const suspend = decodeAttemptState(String(left.suspend_data), QUESTIONS.length);
      expect(Object.keys(suspend?.answers ?? {})).toHaveLength(2);
      if (version === '1.2') {
        const core = left.core as Cmi;
        expect(core).toMatchObject({ lesson_status: 'incomplete', exit: 'suspend', lesson_location: '2' });
        expect(String(core.session_time)).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
      } else {
        expect(left).toMatchObject({ completion_status: 'incomplete', exit: 'suspend', location: '2' });
        expect(String(left.session_time)).toMatch(/^PT/);
      }

      // Second session: the LMS relaunches with what it kept; the two answers are back.
      const second = await browser.newPage();
      frame = await launch(second, `${server.url}/lms.html`, left);
      await expect(frame.getByText('Welcome back: 2 of 5 answered so far.')).toBeVisible();
      await expect(frame.locator('.quiz-item[data-qid="q-share"]')).toHaveAttribute('data-state', 'correct');
      await expect(frame.locator('.quiz-item[data-qid="q-copy"]')).toHaveAttribute('data-state', 'incorrect');
      await expect(frame.getByRole('radio', { name: 'Only the owner and accounts it is shared with' })).toBeChecked();
      for (const id of ['q-tf', 'q-cloze', 'q-order']) await answerInPlayer(frame, id);
      await expect(frame.getByText('You scored 4 of 5 (80%): passed (pass mark 80%).')).toBeVisible();
      await expect.poll(async () => (await recorded(second)).events).toContain('finish');
      const done = (await recorded(second)).cmi;
      await second.close();

      const interactions = Object.values(done.interactions as Record<string, Cmi>).filter((i) => typeof i === 'object' && i && 'id' in i);
      expect(interactions.map((i) => i.id)).toEqual(['q-share', 'q-copy', 'q-tf', 'q-cloze', 'q-order']);
      const byId = new Map(interactions.map((i) => [i.id, i]));
      const pattern = (i: Cmi | undefined) => (i?.correct_responses as Record<string, Cmi>)?.['0']?.pattern;
      if (version === '1.2') {
        const core = done.core as Cmi;
        expect(core).toMatchObject({ lesson_status: 'passed', exit: '', score: { raw: '80', min: '0', max: '100' } });
        expect(byId.get('q-share')).toMatchObject({ type: 'choice', student_response: 'a', result: 'correct' });
        expect(byId.get('q-copy')).toMatchObject({ type: 'choice', result: 'wrong' });
        expect(pattern(byId.get('q-copy'))).toBe('a,b');
        expect(byId.get('q-tf')).toMatchObject({ type: 'true-false', student_response: 't', result: 'correct' });
        expect(byId.get('q-cloze')).toMatchObject({ type: 'fill-in', student_response: 'Amazon S3', result: 'correct' });
        expect(byId.get('q-order')).toMatchObject({ type: 'sequencing', student_response: 'a,b,c', result: 'correct' });
        for (const i of interactions) expect(String(i.latency)).toMatch(/^\d{2,4}:\d{2}:\d{2}/);
      } else {
        expect(done).toMatchObject({ completion_status: 'completed', success_status: 'passed', exit: 'normal', score: { raw: '80', min: '0', max: '100', scaled: '0.8' } });
        expect(byId.get('q-share')).toMatchObject({ type: 'choice', learner_response: 'a', result: 'correct' });
        expect(byId.get('q-copy')).toMatchObject({ type: 'choice', result: 'incorrect' });
        expect(pattern(byId.get('q-copy'))).toBe('a[,]b');
        expect(byId.get('q-tf')).toMatchObject({ type: 'true-false', learner_response: 'true', result: 'correct' });
        expect(byId.get('q-cloze')).toMatchObject({ type: 'fill-in', learner_response: 'Amazon S3', result: 'correct' });
        expect(pattern(byId.get('q-cloze'))).toBe('{case_matters=false}Amazon S3');
        expect(byId.get('q-order')).toMatchObject({ type: 'sequencing', learner_response: 'a[,]b[,]c', result: 'correct' });
        for (const i of interactions) expect(String(i.latency)).toMatch(/^PT/);
      }
    } finally {
      await server.close();
    }
  });

  test(`SCORM ${version}: below the LMS's mastery score the attempt is failed`, async ({ browser }) => {
    const server = await startServer({ [format]: await unpackedPackage(fixtureSpec({ mastery: 50 }), format) }, { '/lms.html': lmsPage(version) });
    try {
      const page = await browser.newPage();
      await page.addInitScript(() => {
        (window as unknown as { __lmsMastery: string }).__lmsMastery = '100';
      });
      const frame = await launch(page, `${server.url}/lms.html`, null);
      for (const q of QUESTIONS) await answerInPlayer(frame, q.id, q.id === 'q-tf');
      await expect(frame.getByText('You scored 4 of 5 (80%): not passed (pass mark 100%).')).toBeVisible();
      await expect.poll(async () => (await recorded(page)).events).toContain('finish');
      const { cmi } = await recorded(page);
      if (version === '1.2') expect(cmi.core).toMatchObject({ lesson_status: 'failed' });
      else expect(cmi).toMatchObject({ success_status: 'failed', completion_status: 'completed' });
      await page.close();
    } finally {
      await server.close();
    }
  });
}

test('SCORM 1.2: when the time limit runs out the attempt ends and unanswered questions count as wrong', async ({ browser }) => {
  const server = await startServer({ scorm12: await unpackedPackage(fixtureSpec({ timeLimit: 1 }), 'scorm12') }, { '/lms.html': lmsPage('1.2') });
  try {
    const page = await browser.newPage();
    await page.clock.install();
    const frame = await launch(page, `${server.url}/lms.html`, null);
    await expect(frame.getByText('Time left: 1:00')).toBeVisible();
    await answerInPlayer(frame, 'q-share');
    await page.clock.fastForward('01:01');
    await expect(frame.getByText('Time is up. You scored 1 of 5 (20%): not passed (pass mark 80%).')).toBeVisible();
    await expect(frame.getByRole('button', { name: 'Check answer' }).first()).toBeHidden();
    await expect.poll(async () => (await recorded(page)).events).toContain('finish');
    const { cmi } = await recorded(page);
    expect(cmi.core).toMatchObject({ lesson_status: 'failed', score: { raw: '20' } });
    await page.close();
  } finally {
    await server.close();
  }
});

test("SCORM 2004: the LMS's own time limit (cmi.max_time_allowed) wins over the package's", async ({ browser }) => {
  const server = await startServer({ scorm2004: await unpackedPackage(fixtureSpec({ timeLimit: 30 }), 'scorm2004') }, { '/lms.html': lmsPage('2004') });
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      (window as unknown as { __lmsMaxTime: string }).__lmsMaxTime = 'PT45S';
    });
    await page.clock.install();
    const frame = await launch(page, `${server.url}/lms.html`, null);
    await expect(frame.getByText('Time limit 45 seconds.')).toBeVisible();
    await expect(frame.getByText('Time left: 0:45')).toBeVisible();
    await page.clock.fastForward('00:46');
    await expect(frame.getByText(/^Time is up\. You scored 0 of 5/)).toBeVisible();
    await expect.poll(async () => (await recorded(page)).events).toContain('finish');
    expect((await recorded(page)).cmi).toMatchObject({ completion_status: 'completed', success_status: 'failed' });
    await page.close();
  } finally {
    await server.close();
  }
});
