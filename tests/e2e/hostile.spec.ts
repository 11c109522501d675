/**
 * No script from a note, ever, checked in the browser. The hostile fixture vault holds a script in
 * every place a note can hold text; each would set `window.__pwned` (or open a dialog) if it ran.
 * The vault is built into a site of its own (a temporary folder, its own Astro cache, so the main
 * build in dist/ is untouched), served on a free port, and every page it produces is opened and
 * used like a learner would. The site's own pages are checked under the same policy: no script of
 * ours may be refused.
 *
 * HOSTILE_SITE_REUSE=1 skips the build when the folder already holds one (for quick reruns).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { serveStatic } from '../quality/static-server';
import { REFERENCE_LESSON } from './pages';
import { reachQuiz } from './quiz-helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Kept between runs only with HOSTILE_SITE_REUSE=1; otherwise one folder per run, removed after it. */
const REUSE = process.env.HOSTILE_SITE_REUSE === '1';
const WORK = join(tmpdir(), REUSE ? 'ami-lab-hostile-site' : `ami-lab-hostile-site-${process.pid}`);
const OUT = join(WORK, 'dist');

/** The marker every payload would set, and what the page saw. */
interface Findings {
  pwned: unknown;
  violations: string[];
  dialogs: string[];
  handlers: string[];
}

function buildHostileSite(): void {
  if (REUSE && existsSync(join(OUT, 'index.html'))) return;
  rmSync(WORK, { recursive: true, force: true });
  const env = { ...process.env, NOTES_DIR: 'tests/fixtures/vaults/hostile', ASTRO_CACHE_DIR: join(WORK, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' };
  const run = (file: string, args: string[]) => {
    try {
      execFileSync(file, args, { cwd: ROOT, env, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`Building the hostile site failed at ${args.join(' ')}:\n${String(stdout ?? '')}\n${String(stderr ?? '')}`);
    }
  };
  // `npm run build` (astro build, Pagefind and the service worker), into another folder.
  run(process.execPath, ['src/scripts/build-site.mjs', '--outDir', OUT]);
}

/** Every page the build wrote, as site paths (`/`, `/notes/hostile-note/`, `/404.html`). */
function builtPages(dir: string): string[] {
  const pages: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'pagefind' && name !== '_astro' && name !== 'vendor') walk(path);
      } else if (name.endsWith('.html')) {
        const rel = relative(dir, path).split(sep).join('/');
        pages.push(rel === 'index.html' ? '/' : rel.endsWith('/index.html') ? `/${rel.slice(0, -'index.html'.length)}` : `/${rel}`);
      }
    }
  };
  walk(dir);
  return pages.sort();
}

/** Records, from before any page script runs, every policy violation; dialogs are dismissed and counted. */
async function watch(page: Page): Promise<{ dialogs: string[] }> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      w.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return { dialogs };
}

async function findings(page: Page, dialogs: string[]): Promise<Findings> {
  const seen = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown; __cspViolations?: string[] };
    const handlers: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) handlers.push(`<${element.localName} ${attribute.name}>`);
        if (/^\s*(javascript|vbscript):/i.test(attribute.value) && ['href', 'src', 'action', 'data', 'formaction'].includes(attribute.name)) {
          handlers.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
        }
      }
    }
    return { pwned: w.__pwned, violations: w.__cspViolations ?? [], handlers };
  });
  return { ...seen, violations: seen.violations.filter((v) => !isSanitizerParse(v)), dialogs: [...dialogs] };
}

/**
 * Mermaid cleans a diagram's labels with DOMPurify, which parses the label in an inert document
 * (DOMParser). Chromium reports the `onerror` it meets there as a `script-src-attr` violation
 * although nothing runs or reaches the page; the marker and the handler scan above still catch
 * anything that does. Only that report, from Mermaid's own file, is set aside.
 */
function isSanitizerParse(violation: string): boolean {
  return violation.startsWith('script-src-attr blocked inline') && violation.includes('/vendor/mermaid/');
}

const CLEAN: Findings = { pwned: undefined, violations: [], dialogs: [], handlers: [] };

/** The policy Astro wrote into the page: scripts by hash or from this site only. */
async function expectPolicy(page: Page): Promise<void> {
  const policy = (await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')) ?? '';
  const scriptSrc = /script-src ([^;]*)/.exec(policy)?.[1] ?? '';
  expect(scriptSrc).toContain("'self'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(policy).toContain("default-src 'self'");
}

test.describe('a vault full of scripts (tests/fixtures/vaults/hostile)', () => {
  test.describe.configure({ mode: 'serial' });
  let site: { url: string; close: () => Promise<void> };

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    buildHostileSite();
    site = await serveStatic(OUT);
  });

  test.afterAll(async () => {
    await site?.close();
    if (!REUSE) rmSync(WORK, { recursive: true, force: true });
  });

  test("no page the vault produces runs a note's script, and every page carries the policy", async ({ page }) => {
    test.setTimeout(180_000);
    const { dialogs } = await watch(page);
    const pages = builtPages(OUT);
    // Every page type is there (a missing one would make this test pass for the wrong reason).
    for (const expected of [
      '/',
      '/notes/hostile-note/',
      '/notes/target-note/',
      '/tags/',
      '/tags/hostile/',
      '/tags/payloadtag/',
      '/search/',
      '/exam/',
      '/review/',
      '/progress/',
      '/lab/',
      '/embed/lesson/hostile-note/',
      '/embed-guide/',
    ]) {
      expect(pages).toContain(expected);
    }
    expect(pages.some((p) => p.startsWith('/quiz/'))).toBe(true);
    expect(pages.some((p) => p.startsWith('/embed/tag/'))).toBe(true);
    for (const path of pages) {
      await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
      // A lesson embed shows the note's questions once it has fetched the lesson page: check them too.
      if (/^\/embed\/lesson\/./.test(path)) await expect(page.locator('ami-quiz')).toHaveAttribute('data-enhanced', 'true');
      await expectPolicy(page);
      expect(await findings(page, dialogs), path).toEqual(CLEAN);
    }
  });

  test('the lesson shows every payload as text, runs none, and still draws its math and diagram', async ({ page }) => {
    const { dialogs } = await watch(page);
    await page.goto(`${site.url}/notes/hostile-note/`);
    const title = `Hostile <img src=x onerror="window.__pwned='title'"> </title><script>window.__pwned='title-script'</script>`;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page).toHaveTitle(`${title} · AMI Lab`);
    await expect(page.getByText('SAFE-AFTER-OPEN-SCRIPT')).toBeVisible();
    await expect(page.getByRole('link', { name: '#hostile', exact: true })).toBeVisible();
    await expect(page.locator('pre.mermaid svg')).toBeVisible();
    // KaTeX's stylesheet applies under the policy (a blocked font would be a reported violation).
    await expect(page.locator('.katex-html .mathnormal').first()).toHaveCSS('font-family', /KaTeX_Math/);
    // Open every fold and use the quiz, so content that only appears on interaction appears. The
    // quiz is enhanced first: that hides its folded answers, which its check buttons then show.
    const quiz = await reachQuiz(page);
    const closed = page.locator('details:not([open]) > summary:visible');
    for (let opened = 0; opened < 20 && (await closed.count()) > 0; opened += 1) await closed.first().click();
    await expect(page.getByText('FOLDED-BODY')).toBeVisible();
    await quiz.getByRole('radio').first().check();
    for (const check of await quiz.getByRole('button', { name: 'Check answer' }).all()) if (await check.isVisible()) await check.click();
    await expect(quiz.locator('[data-feedback]').first()).not.toBeEmpty();
    await page.mouse.move(200, 300);
    await page.waitForTimeout(300);
    expect(await findings(page, dialogs)).toEqual(CLEAN);
  });

  test('titles stay text on the home page, in backlinks, in search results and in an embed on another site', async ({ page }) => {
    const { dialogs } = await watch(page);
    await page.goto(`${site.url}/`);
    await expect(page.getByRole('link', { name: /^Hostile <img src=x onerror=/ })).toBeVisible();

    await page.goto(`${site.url}/notes/target-note/`);
    await expect(page.getByRole('region', { name: 'Linked from' }).getByRole('link')).toHaveText(/^Hostile <img src=x onerror=/);

    await page.goto(`${site.url}/search/?q=SAFE-AFTER-TAG`);
    const result = page.getByRole('list', { name: 'Results' }).getByRole('link').first();
    await expect(result).toHaveText(/^Hostile <img src=x onerror=/);
    // The excerpt is Pagefind's HTML (escaped text with <mark>): a payload shown in code stays text.
    await page.goto(`${site.url}/search/?q=onerror`);
    await expect(
      page
        .getByRole('list', { name: 'Results' })
        .getByText(/<img src=x onerror=/)
        .first(),
    ).toBeVisible();

    await page.goto(`${site.url}/exam/`);
    await page.getByRole('button', { name: 'Start exam' }).click();
    await expect(page.locator('.quiz-item:visible')).toHaveCount(1);

    await page.goto(`${site.url}/review/`);
    await page.getByRole('button', { name: /^(Check answer|Show answer)$/ }).click();
    await expect(page.getByRole('group', { name: 'How well did you know it?' })).toBeVisible();
    expect(await findings(page, dialogs)).toEqual(CLEAN);

    // Embeds are made to be framed by other sites: the policy must not forbid that.
    const host: Server = createServer((_req, res) => {
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end(
          `<!doctype html><html lang="en"><head><title>Host</title></head><body><iframe src="${site.url}/embed/lesson/hostile-note/" title="quiz" width="800" height="600"></iframe></body></html>`,
        );
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`http://127.0.0.1:${(host.address() as AddressInfo).port}/`);
      const frame = page.frameLocator('iframe');
      await expect(frame.getByRole('heading', { level: 1 })).toContainText('Hostile <img src=x');
      await frame.getByRole('radio').first().check();
      const embedded = page.frames().find((f) => f.url().includes('/embed/lesson/'));
      expect(await embedded?.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
    } finally {
      await new Promise((resolve) => host.close(resolve));
    }
  });
});

test.describe("the site's own pages under the policy", () => {
  test('every page type loads and runs its scripts with no policy violation', async ({ page }) => {
    test.setTimeout(120_000);
    const { dialogs } = await watch(page);
    for (const path of [
      '/',
      REFERENCE_LESSON,
      '/tags/',
      '/search/?q=snapshot',
      '/exam/',
      '/review/',
      '/progress/',
      '/lab/',
      '/embed/lesson/amazon-machine-images-ami/',
      '/embed-guide/',
    ]) {
      await page.goto(path);
      await expectPolicy(page);
      await page.waitForLoadState('networkidle');
      expect(await findings(page, dialogs), path).toEqual(CLEAN);
    }
  });
});
