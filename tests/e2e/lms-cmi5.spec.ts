/**
 * cmi5 packages launched as a cmi5 LMS launches an AU: the test plays the LMS (reads cmi5.xml,
 * writes LMS.LaunchData and the `launched` statement, opens index.html with endpoint, fetch,
 * registration, activityId and actor) and a minimal LRS on another loopback port (auth-token
 * fetch, State and Statements resources, CORS as a real LRS answers a browser). The statements it
 * receives are checked against the cmi5 rules in order; a second launch in the same registration
 * resumes from the state the AU kept.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { answerInPlayer, createLrs, fixtureSpec, type Statement, startServer, unpackedPackage } from './lms-helpers';

const VERB = (name: string) => (name === 'answered' ? 'http://adlnet.gov/expapi/verbs/answered' : `http://adlnet.gov/expapi/verbs/${name}`);
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const MASTERY = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';

test('cmi5: cmi5.xml describes one AU with its moveOn and mastery score', async () => {
  const files = await unpackedPackage(fixtureSpec(), 'cmi5');
  const xml = files['cmi5.xml'] ?? '';
  expect(XMLValidator.validate(xml)).toBe(true);
  const structure = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml).courseStructure;
  expect(structure['@xmlns']).toBe('https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd');
  expect(structure.course['@id']).toMatch(/^https:\/\//);
  expect(structure.course.title.langstring['#text']).toBe('Quiz: AMIs');
  const au = structure.au;
  expect(au['@id']).toMatch(/^https:\/\//);
  expect(au).toMatchObject({ '@moveOn': 'CompletedAndPassed', '@masteryScore': '0.80', '@launchMethod': 'AnyWindow', url: 'index.html' });
  expect(files[au.url]).toBeDefined();
});

test('cmi5: statements follow the cmi5 rules in order, and a relaunch resumes from the AU state', async ({ browser }) => {
  const files = await unpackedPackage(fixtureSpec(), 'cmi5');
  const auId = String(new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(files['cmi5.xml'] ?? '').courseStructure.au['@id']);
  const lrs = createLrs();
  const lrsServer = await startServer({}, {}, lrs.handle);
  const content = await startServer({ cmi5: files }, {});
  const actor = { objectType: 'Agent', account: { homePage: 'https://lms.example', name: 'learner-1' }, name: 'Lee Learner' };
  const registration = randomUUID();
  const sessions: string[] = [];

  /** What an LMS does before it opens an AU: LaunchData, then `launched`, then the launch URL. */
  const launchUrl = (session: string) => {
    const key = `${auId}|${registration}|LMS.LaunchData`;
    lrs.states.set(
      key,
      JSON.stringify({
        contextTemplate: { extensions: { [SESSION]: session } },
        launchMode: 'Normal',
        moveOn: 'CompletedAndPassed',
        masteryScore: 0.8,
        returnURL: 'https://lms.example/course/7',
      }),
    );
    lrs.statements.push({
      id: randomUUID(),
      actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/launched' },
      object: { id: auId },
      context: { registration, contextActivities: { category: [{ id: CMI5_CATEGORY }] }, extensions: { [SESSION]: session } },
    } as Statement);
    const q = new URLSearchParams({ endpoint: `${lrsServer.url}/xapi/`, fetch: lrs.newFetchUrl(lrsServer.url), registration, activityId: auId, actor: JSON.stringify(actor) });
    return `${content.url}/pkg/cmi5/index.html?${q}`;
  };
  try {
    // First session: one answer, then the learner saves and leaves with the button.
    sessions.push(randomUUID());
    const first = await browser.newPage();
    await first.goto(launchUrl(sessions[0] ?? ''));
    await expect(first.getByRole('heading', { level: 1, name: 'Quiz: AMIs' })).toBeVisible();
    await answerInPlayer(first, 'q-share');
    await first.getByRole('button', { name: 'Save and continue later' }).click();
    await expect.poll(() => lrs.statements.filter((s) => s.verb.id === VERB('terminated')).length).toBe(1);
    await first.close();

    // Second session: one more answer, then the window goes elsewhere without a word (pagehide).
    sessions.push(randomUUID());
    const second = await browser.newPage();
    await second.goto(launchUrl(sessions[1] ?? ''));
    await expect(second.getByText('Welcome back: 1 of 5 answered so far.')).toBeVisible();
    await answerInPlayer(second, 'q-copy', true);
    await expect(second.locator('.quiz-item[data-qid="q-copy"]')).toHaveAttribute('data-saved', 'true');
    await second.goto('about:blank');
    await expect.poll(() => lrs.statements.filter((s) => s.verb.id === VERB('terminated')).length).toBe(2);
    await second.close();

    // Third session, same registration: the AU state brings both answers back; the learner finishes.
    sessions.push(randomUUID());
    const third = await browser.newPage();
    await third.goto(launchUrl(sessions[2] ?? ''));
    await expect(third.getByText('Welcome back: 2 of 5 answered so far.')).toBeVisible();
    for (const id of ['q-tf', 'q-cloze', 'q-order']) await answerInPlayer(third, id);
    await expect(third.getByText('You scored 4 of 5 (80%): passed (pass mark 80%).')).toBeVisible();
    await expect(third.getByRole('link', { name: 'Back to the course' })).toHaveAttribute('href', 'https://lms.example/course/7');
    await expect.poll(() => lrs.statements.filter((s) => s.verb.id === VERB('terminated')).length).toBe(3);
    await third.close();

    const verbs = lrs.statements.map((s) => s.verb.id.split('/').pop());
    expect(verbs).toEqual([
      ...['launched', 'initialized', 'answered', 'terminated'],
      ...['launched', 'initialized', 'answered', 'terminated'],
      ...['launched', 'initialized', 'answered', 'answered', 'answered', 'passed', 'completed', 'terminated'],
    ]);
    for (const s of lrs.statements) {
      // Every statement: the launch's actor and registration, and its session's id.
      expect(s.actor).toMatchObject({ account: { name: 'learner-1' } });
      expect(s.context?.registration).toBe(registration);
      expect(typeof s.context?.extensions?.[SESSION]).toBe('string');
    }
    const sessionOf = (s: Statement) => s.context?.extensions?.[SESSION];
    expect(lrs.statements.slice(0, 4).every((s) => sessionOf(s) === sessions[0])).toBe(true);
    expect(lrs.statements.slice(4, 8).every((s) => sessionOf(s) === sessions[1])).toBe(true);
    expect(lrs.statements.slice(8).every((s) => sessionOf(s) === sessions[2])).toBe(true);
    // cmi5 defined statements: about the AU, in the cmi5 category, with durations where required.
    for (const s of lrs.statements.filter((x) => ['initialized', 'passed', 'completed', 'terminated'].includes(x.verb.id.split('/').pop() ?? ''))) {
      expect(s.object.id).toBe(auId);
      expect(s.context?.contextActivities?.category?.map((c) => c.id)).toContain(CMI5_CATEGORY);
    }
    const passed = lrs.statements.find((s) => s.verb.id === VERB('passed'));
    expect(passed?.result).toMatchObject({ success: true, score: { scaled: 0.8, raw: 4, min: 0, max: 5 } });
    expect(passed?.result?.duration).toMatch(/^PT/);
    expect(passed?.context?.extensions?.[MASTERY]).toBe(0.8);
    expect(passed?.context?.contextActivities?.category?.map((c) => c.id)).toContain(MOVEON_CATEGORY);
    const completed = lrs.statements.find((s) => s.verb.id === VERB('completed'));
    expect(completed?.result).toMatchObject({ completion: true });
    expect(completed?.result?.duration).toMatch(/^PT/);
    for (const s of lrs.statements.filter((x) => x.verb.id === VERB('terminated'))) expect(s.result?.duration).toMatch(/^PT/);
    // Answers: cmi5-allowed statements about each question, with response, success and duration.
    const answered = lrs.statements.filter((s) => s.verb.id === VERB('answered'));
    expect(answered.map((s) => s.object.id.split('/').pop())).toEqual(['q-share', 'q-copy', 'q-tf', 'q-cloze', 'q-order']);
    expect(answered.map((s) => s.result?.success)).toEqual([true, false, true, true, true]);
    expect(answered[0]?.object.id.startsWith(`${auId}/`)).toBe(true);
    expect(answered[0]?.object.definition).toMatchObject({ type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType: 'choice' });
    expect(answered[0]?.result?.response).toBe('a');
    expect(answered[3]?.object.definition).toMatchObject({ interactionType: 'fill-in' });
    expect(answered[3]?.result?.response).toBe('Amazon S3');
    expect(answered[4]?.object.definition).toMatchObject({ interactionType: 'sequencing' });
    expect(answered[4]?.result?.response).toBe('a[,]b[,]c');
    for (const s of answered) expect(s.result?.duration).toMatch(/^PT/);
  } finally {
    await content.close();
    await lrsServer.close();
  }
});
