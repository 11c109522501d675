/**
 * `npm run bench:dev`: in `npm run dev`, how long from saving a note until the page open in Chromium
 * shows the edit, for the lesson page, its quiz embed and its tag's quiz, on the shipped notes and
 * on the 155-note obsidian-aws vault. The target is under a second. Each vault is copied to a temp
 * folder and served by its own `astro dev` with its own Astro cache; the edit puts a new word into
 * the note's first question, which all three pages show.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startDevServer, timeEditUntilShown } from '../quality/dev-server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface BenchVault {
  label: string;
  source: string;
  /** The note edited, its lesson slug and a tag whose quiz shows its first question. */
  note: string;
  slug: string;
  tag: string;
}

const VAULTS: BenchVault[] = [
  { label: 'content/notes', source: 'content/notes', note: 'Block device mappings.md', slug: 'block-device-mappings', tag: 'aws/ebs' },
  {
    label: 'obsidian-aws',
    source: 'tests/fixtures/vaults/obsidian-aws',
    note: '5. Storage _ Database/_concepts/Caching.md',
    slug: '5-storage-database/concepts/caching',
    tag: 'concept',
  },
];

const QUESTION = /(\[!question\][+-]?[ \t]*)/;

function countNotes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.md')).length;
}

async function benchVault(vault: BenchVault): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'ami-lab-bench-dev-'));
  const dir = join(work, 'vault');
  cpSync(join(ROOT, vault.source), dir, { recursive: true });
  const file = join(dir, vault.note);
  let original = readFileSync(file, 'utf8');
  // A note without an authored question gets one, so that its embed and tag quiz exist.
  if (!QUESTION.test(original)) {
    original = `${original.trimEnd()}\n\n> [!question]- Which statement about this note is true?\n> - [x] This one\n> - [ ] That one\n\n^q-bench-dev\n`;
    writeFileSync(file, original);
  }
  const server = await startDevServer(dir, join(work, 'astro-cache'));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const pages = { lesson: `/notes/${vault.slug}/`, embed: `/embed/lesson/${vault.slug}/`, 'tag quiz': `/quiz/${vault.tag}/` };
    console.log(`\n${vault.label} (${countNotes(dir)} notes), editing ${vault.note}`);
    console.log('page        edits   median ms   worst ms');
    let n = 0;
    const edit = async (path: string): Promise<number | undefined> => {
      const response = await page.goto(`${server.url}${path}`);
      if (response?.status() !== 200) throw new Error(`${path} answered ${response?.status()}`);
      await page.waitForTimeout(300);
      const word = `Benchword${n++}x${Date.now().toString(36)}`;
      return timeEditUntilShown(page, file, original.replace(QUESTION, `$1${word} `), (html) => html.includes(word));
    };
    // The first reload after the server starts also compiles modules: not counted.
    await edit(pages.lesson);
    for (const [kind, path] of Object.entries(pages)) {
      const times: number[] = [];
      let missed = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        const ms = await edit(path);
        if (ms === undefined) missed += 1;
        else times.push(ms);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      const worst = times[times.length - 1];
      const shown = (ms: number | undefined) => (ms === undefined ? '-' : ms.toFixed(0));
      console.log(`${kind.padEnd(11)} ${String(ROUNDS).padStart(5)} ${shown(median).padStart(11)} ${shown(worst).padStart(10)}${missed ? `   ${missed} never shown` : ''}`);
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const vault of VAULTS) await benchVault(vault);
}

void main();
