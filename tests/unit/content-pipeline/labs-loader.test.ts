/**
 * The labs loader (src/content-pipeline/labs/astro-loader.ts) builds the scenarios again only when
 * something they are made from changed: a build that changed only notes keeps the scenarios in the
 * content store, and an edited scenario, a new note they link to or a broken scenario is seen at
 * the next load. The project is copied as far as the loader reads it: its scenarios (to edit), and
 * its code through a link (the loader's digest covers the simulator and the labs code).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { describe, expect, test } from 'vitest';
import { labsLoader } from '../../../src/content-pipeline/labs/astro-loader';
import { PROJECT_ROOT, withNotesDir } from './helpers';

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

describe('the labs loader', () => {
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
