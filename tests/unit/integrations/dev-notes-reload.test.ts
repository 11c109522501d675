/**
 * `npm run dev` shows an edited note in the pages already open: the lesson, its quiz embed and its
 * tag's quiz, and a note added, renamed or removed changes the backlinks of the notes it links to;
 * a page that was not connected when the lessons reloaded (its connection held back here) catches
 * up once it connects.
 * A real `astro dev` on a small vault written here, with its own port and Astro cache, and pages
 * open in Chromium; the test waits for each change with a deadline and does not assert how fast it
 * came (`npm run bench:dev` measures that).
 *
 * Starting the dev server takes 10-30 s on a busy machine; each change then about a second.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, WebSocketRoute } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { affectsLessons } from '../../../src/integrations/dev-notes-reload';
import { type DevServer, launchBrowser, startDevServer, timeEditUntilShown, waitUntilShown } from '../../quality/dev-server';

const DEADLINE_MS = 20_000;

function alphaNote(paragraph: string, stem: string): string {
  return [
    '---',
    'tags:',
    '  - devreload/alpha',
    '---',
    `Alpha's first paragraph: ${paragraph}.`,
    '',
    `> [!question]- ${stem}`,
    '> - [x] The right one',
    '> - [ ] The wrong one',
    '',
    '^q-alpha-first',
    '',
  ].join('\n');
}

describe('affectsLessons', () => {
  test('notes, attachments and Obsidian settings count; Git, the trash and workspace files do not', () => {
    expect(affectsLessons('Alpha.md')).toBe(true);
    expect(affectsLessons('Compute/attachments/diagram.png')).toBe(true);
    expect(affectsLessons('.obsidian/app.json')).toBe(true);
    expect(affectsLessons('.obsidian/workspace.json')).toBe(false);
    expect(affectsLessons('.obsidian/workspace-mobile.json')).toBe(false);
    expect(affectsLessons('.git/index')).toBe(false);
    expect(affectsLessons('.trash/Old note.md')).toBe(false);
    expect(affectsLessons('../elsewhere/Note.md')).toBe(false);
    expect(affectsLessons('')).toBe(false);
  });
});

describe('npm run dev with pages open', () => {
  const work = mkdtempSync(join(tmpdir(), 'ami-lab-dev-reload-'));
  const vault = join(work, 'vault');
  let server: DevServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(vault);
    writeFileSync(join(vault, 'Alpha.md'), alphaNote('as first written', 'Which option did Alpha first offer?'));
    writeFileSync(join(vault, 'Beta.md'), '---\ntags:\n  - devreload/beta\n---\nBeta builds on [[Alpha]].\n');
    server = await startDevServer(vault, join(work, 'astro-cache'));
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** Opens a page of the dev server and waits until it shows `expected` (it must, before any edit). */
  async function open(path: string, expected: string): Promise<void> {
    // The dev server may reload an open page on its own (Vite optimising a dependency it found, or a
    // build elsewhere in the test run rewriting .astro/ types): such a reload interrupts a
    // navigation, which is then made again. Only the page's status and text are asserted.
    let status: number | undefined;
    for (let attempt = 1; status === undefined; attempt += 1) {
      try {
        status = (await page.goto(`${server.url}${path}`, { timeout: 90_000 }))?.status();
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    expect(status, `${path}\n${server.output()}`).toBe(200);
    expect(await waitUntilShown(page, (html) => html.includes(expected), performance.now(), DEADLINE_MS), `${path} never showed “${expected}”`).toBeDefined();
  }

  /** `elapsed` is a wait for a change to show in the open page: it must end before its deadline. */
  async function expectShown(path: string, what: string, elapsed: Promise<number | undefined>): Promise<void> {
    expect(await elapsed, `${what} did not show in the open page ${path} within ${DEADLINE_MS} ms. Server output:\n${server.output().slice(-4000)}`).toBeDefined();
  }

  test('an edited paragraph shows in the open lesson page', { timeout: 240_000 }, async () => {
    await open('/notes/alpha/', 'as first written');
    const file = join(vault, 'Alpha.md');
    const has = (html: string) => html.includes('edited while the page was open');
    await expectShown(
      '/notes/alpha/',
      'The edit',
      timeEditUntilShown(page, file, alphaNote('edited while the page was open', 'Which option did Alpha first offer?'), has, DEADLINE_MS),
    );
  });

  test('an edited question shows in the open quiz embed and in the open tag quiz', { timeout: 240_000 }, async () => {
    const file = join(vault, 'Alpha.md');
    await open('/embed/lesson/alpha/', 'Which option did Alpha first offer?');
    const embed = (html: string) => html.includes('Which option does the embed offer now?');
    await expectShown(
      '/embed/lesson/alpha/',
      'The edited question',
      timeEditUntilShown(page, file, alphaNote('edited again', 'Which option does the embed offer now?'), embed, DEADLINE_MS),
    );

    await open('/quiz/devreload/', 'Which option does the embed offer now?');
    const quiz = (html: string) => html.includes('Which option does the tag quiz offer now?');
    await expectShown(
      '/quiz/devreload/',
      'The edited question',
      timeEditUntilShown(page, file, alphaNote('edited again', 'Which option does the tag quiz offer now?'), quiz, DEADLINE_MS),
    );
  });

  test('a note added, renamed and removed updates the backlinks of the open lesson it links to', { timeout: 300_000 }, async () => {
    await open('/notes/alpha/', 'Beta');
    const backlinks = async () =>
      (
        await page
          .locator('section.backlinks')
          .allInnerTexts()
          .catch(() => [])
      ).join('\n');
    const added = join(vault, 'Gamma.md');
    const start = performance.now();
    writeFileSync(added, 'Gamma also builds on [[Alpha]].\n');
    await expectShown(
      '/notes/alpha/',
      'A backlink from the new note',
      waitUntilShown(page, (html) => html.includes('href="/notes/gamma/"'), start, DEADLINE_MS),
    );
    await expect.poll(backlinks, { timeout: DEADLINE_MS }).toContain('Gamma');

    const renamed = join(vault, 'Delta.md');
    const renamedAt = performance.now();
    renameSync(added, renamed);
    const afterRename = (html: string) => html.includes('href="/notes/delta/"') && !html.includes('href="/notes/gamma/"');
    await expectShown('/notes/alpha/', 'The renamed note as a backlink', waitUntilShown(page, afterRename, renamedAt, DEADLINE_MS));
    // Polled: the page may reload once more (Astro reloads pages on a Markdown file's change too),
    // and the section is empty while it does.
    await expect.poll(backlinks, { timeout: DEADLINE_MS }).toContain('Delta');

    const removedAt = performance.now();
    unlinkSync(renamed);
    const afterRemove = (html: string) => !html.includes('href="/notes/delta/"') && html.includes('href="/notes/beta/"');
    await expectShown('/notes/alpha/', 'The removal', waitUntilShown(page, afterRemove, removedAt, DEADLINE_MS));
    await expect.poll(backlinks, { timeout: DEADLINE_MS }).not.toContain('Delta');
  });

  test('a page that was not connected when the lessons reloaded reloads itself once it connects', { timeout: 240_000 }, async () => {
    // The page's connection to the dev server is held back (as a page still loading holds it) until
    // the reload has been announced to the pages that were connected, so it never hears of it.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const late = await browser.newPage();
    try {
      await late.routeWebSocket(/./, async (socket) => {
        let server: WebSocketRoute | undefined;
        const sent: Array<string | Buffer> = [];
        socket.onMessage((message) => (server ? server.send(message) : sent.push(message)));
        await held;
        server = socket.connectToServer();
        server.onMessage((message) => socket.send(message));
        for (const message of sent) server.send(message);
      });
      const file = join(vault, 'Beta.md');
      await late.goto(`${server.url}/notes/beta/`, { timeout: 90_000 });
      expect(await waitUntilShown(late, (html) => html.includes('Beta builds on'), performance.now(), DEADLINE_MS)).toBeDefined();
      await open('/notes/beta/', 'Beta builds on');
      const edited = (html: string) => html.includes('Beta, edited while a page was not listening');
      await expectShown(
        '/notes/beta/',
        'The edit',
        timeEditUntilShown(page, file, '---\ntags:\n  - devreload/beta\n---\nBeta, edited while a page was not listening, builds on [[Alpha]].\n', edited, DEADLINE_MS),
      );
      expect(edited(await late.content())).toBe(false);
      release();
      expect(await waitUntilShown(late, edited, performance.now(), DEADLINE_MS), 'the page that missed the reload still shows the old lesson').toBeDefined();
    } finally {
      release();
      await late.close();
    }
  });
});
