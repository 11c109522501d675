/**
 * `astro dev` on a vault of the caller's, for the tests and the benchmark of `npm run dev`'s reload
 * (tests/unit/integrations/dev-notes-reload.test.ts, tests/bench/dev-reload.bench.ts): a free port,
 * an Astro cache folder of its own (the main cache is never touched), and a way to time how long an
 * edit takes to show in a page open in Chromium.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export interface DevServer {
  url: string;
  /** Everything the server printed so far (for a failing test's message). */
  output(): string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts `astro dev` on `vaultDir` and resolves once it answers on its home page. */
export async function startDevServer(vaultDir: string, cacheDir: string, timeoutMs = 120_000): Promise<DevServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  // Vitest's own variables (NODE_ENV=test above all) make Astro's dev server serve nothing.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(NODE_ENV|TEST|VITEST.*)$/.test(name)));
  // Its own process group, so closing it ends Vite's helpers too.
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...env, NOTES_DIR: vaultDir, ASTRO_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`astro dev stopped:\n${output}`);
    const ok = await fetch(`${url}/`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { url, output: () => output, close };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await close();
  throw new Error(`astro dev did not answer within ${timeoutMs} ms:\n${output}`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ ...(CHROMIUM ? { executablePath: CHROMIUM } : {}), args: ['--no-sandbox', '--disable-gpu'] });
}

/**
 * Writes `text` to `file` and waits until the page (already open) shows `expected` in its HTML,
 * which needs the dev server to reload the lessons and the page to reload itself. Returns the
 * milliseconds from the write, or undefined when `timeoutMs` passed first.
 */
export async function timeEditUntilShown(page: Page, file: string, text: string, expected: (html: string) => boolean, timeoutMs = 15_000): Promise<number | undefined> {
  const start = performance.now();
  writeFileSync(file, text);
  return waitUntilShown(page, expected, start, timeoutMs);
}

/** Polls the open page (it may be reloading) until `expected` holds; milliseconds since `start`. */
export async function waitUntilShown(page: Page, expected: (html: string) => boolean, start = performance.now(), timeoutMs = 15_000): Promise<number | undefined> {
  while (performance.now() - start < timeoutMs) {
    // During a reload there is no document to read for a moment: try again.
    const html = await page.content().catch(() => '');
    if (expected(html)) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}
