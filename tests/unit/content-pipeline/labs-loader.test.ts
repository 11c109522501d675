/**
 * The labs loader (src/content-pipeline/labs/astro-loader.ts) builds the scenarios again only when
 * something they are made from changed: a build that changed only notes keeps the scenarios in the
 * content store, and an edited scenario, a new note they link to or a broken scenario is seen at
 * the next load; in `npm run build` it takes the scenarios the run beside Astro built (see
 * early-labs.ts). The project is copied as far as the loader reads it: its scenarios (to edit), and
 * its code through a link (the loader's digest covers the simulator and the labs code).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { describe, expect, test } from 'vitest';
import { labsLoader } from '../../../src/content-pipeline/labs/astro-loader';
import { buildLabs } from '../../../src/content-pipeline/labs/build-labs';
import { writeEarlyLabs } from '../../../src/content-pipeline/labs/early-labs';
import { labsRun } from '../../../src/content-pipeline/labs/labs-run';
import { EARLY_LESSONS_FILE_ENV, EARLY_LESSONS_PID_ENV } from '../../../src/content-pipeline/loader-handoff';
import { endedPid, PROJECT_ROOT, withNotesDir } from './helpers';

const work = mkdtempSync(join(tmpdir(), 'ami-lab-labs-loader-'));
const root = join(work, 'project');
const labs = join(root, 'content', 'labs');
const vault = join(work, 'vault');
withNotesDir(vault, work, () => {
  mkdirSync(join(root, 'content'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'content', 'labs'), labs, { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'src'), join(root, 'src'));
  mkdirSync(vault);
  writeFileSync(join(vault, 'Unrelated.md'), 'Nothing the labs link to.\n');
});

/** A content layer whose store and meta store live across loads, as Astro keeps them between builds. */
function contentLayer() {
  const entries = new Map<string, { id: string; data: Record<string, unknown> }>();
  const meta = new Map<string, string>();
  const log: string[] = [];
  const context = {
    store: {
      set: (entry: { id: string; data: Record<string, unknown> }) => entries.set(entry.id, entry),
      clear: () => entries.clear(),
      keys: () => [...entries.keys()],
    },
    meta: { get: (key: string) => meta.get(key), set: (key: string, value: string) => meta.set(key, value), delete: (key: string) => meta.delete(key) },
    logger: { info: (message: string) => log.push(message), warn: (message: string) => log.push(`warn: ${message}`) },
    config: { root: pathToFileURL(`${root}/`), base: '/' },
    parseData: async ({ data }: { data: Record<string, unknown> }) => data,
  } as unknown as LoaderContext;
  const load = async () => {
    log.length = 0;
    await labsLoader().load(context);
    return log.join('\n');
  };
  return { load, entries };
}

/** Runs `body` as `npm run build` runs the loader: beside an early run (ended) whose lessons file is `lessonsFile`. */
async function besideEarlyRun(lessonsFile: string, body: () => Promise<void>): Promise<void> {
  const pid = endedPid();
  const saved = { file: process.env[EARLY_LESSONS_FILE_ENV], pid: process.env[EARLY_LESSONS_PID_ENV] };
  process.env[EARLY_LESSONS_FILE_ENV] = lessonsFile;
  process.env[EARLY_LESSONS_PID_ENV] = String(pid);
  try {
    await body();
  } finally {
    for (const [name, value] of [
      [EARLY_LESSONS_FILE_ENV, saved.file],
      [EARLY_LESSONS_PID_ENV, saved.pid],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('the labs loader', () => {
  test('in npm run build, takes the scenarios the run beside Astro built, and stops on a broken one as on its own', { timeout: 60_000 }, async () => {
    const run = labsRun(process.env, root, '/');
    if (!run) throw new Error('the project has content/labs');
    const built = buildLabs(run.options);
    if (!built.ok) throw new Error('the shipped scenarios build');
    const lessonsFile = join(work, 'early.bin');
    await besideEarlyRun(lessonsFile, async () => {
      // The early run's scenarios, told apart from the loader's own by one title.
      const scenarios = built.scenarios.map((scenario) => (scenario.slug === 'bake-an-ami' ? { ...scenario, title: 'Made beside Astro' } : scenario));
      writeEarlyLabs(lessonsFile, run.inputs, { ...built, scenarios });
      const site = contentLayer();
      expect(await site.load()).toMatch(/^16 lab scenarios from content\/labs, built beside Astro's start$/m);
      expect(site.entries.get('bake-an-ami')?.data.title).toBe('Made beside Astro');

      writeEarlyLabs(lessonsFile, run.inputs, { ok: false, problems: [{ file: 'Bake an AMI.md', line: 12, message: 'Unknown goal check "no-such-check"' }] });
      await expect(contentLayer().load()).rejects.toThrow(/Bake an AMI\.md:12: Unknown goal check "no-such-check"/);

      // Nothing from the run (it ended without writing them): the loader builds them itself.
      const own = contentLayer();
      expect(await own.load()).toMatch(/^16 lab scenarios from content\/labs$/m);
      expect(own.entries.get('bake-an-ami')?.data.title).toBe('Bake an AMI');
    });
  });

  test('keeps the scenarios while nothing they are made from changed, and sees every change', { timeout: 60_000 }, async () => {
    const site = contentLayer();
    const first = await site.load();
    expect(first).toMatch(/^16 lab scenarios from content\/labs$/m);
    // Over another vault, links to the AMI lessons are plain text, and said so.
    const unlinked = Number(/warn: (\d+) links from the lab scenarios/.exec(first)?.[1]);
    expect(unlinked).toBeGreaterThan(0);
    expect(site.entries.get('bake-an-ami')?.data.title).toBe('Bake an AMI');

    // A build that changed nothing the scenarios use (a note's text): kept, and the warning repeated.
    writeFileSync(join(vault, 'Unrelated.md'), 'Edited.\n');
    const again = await site.load();
    expect(again).toMatch(/^16 lab scenarios from content\/labs, unchanged since the last build$/m);
    expect(again).toContain(`warn: ${unlinked} links`);
    expect(site.entries.size).toBe(16);

    // An edited scenario is built again.
    const bake = join(labs, 'Bake an AMI.md');
    writeFileSync(bake, readFileSync(bake, 'utf8').replace('title: Bake an AMI', 'title: Bake your first AMI'));
    expect(await site.load()).not.toContain('unchanged');
    expect(site.entries.get('bake-an-ami')?.data.title).toBe('Bake your first AMI');

    // A note the scenarios link to appears in the vault: its links are links now.
    writeFileSync(join(vault, 'Amazon Machine Images (AMI).md'), 'An AMI.\n');
    const linked = await site.load();
    expect(linked).not.toContain('unchanged');
    expect(Number(/warn: (\d+) links/.exec(linked)?.[1] ?? 0)).toBeLessThan(unlinked);

    // A broken scenario stops the build naming its file, and is still seen as broken at the next load.
    writeFileSync(bake, readFileSync(bake, 'utf8').replace('check: instance-with-software', 'check: no-such-check'));
    await expect(site.load()).rejects.toThrow(/Bake an AMI\.md:\d+: .*Unknown goal check "no-such-check"/);
    await expect(site.load()).rejects.toThrow(/no-such-check/);
  });
});
