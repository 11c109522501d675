/**
 * `npm run bench:build [-- SIZE ... [--runs N] [--settle S]]`: the site build against the cost of just parsing the
 * notes. For each vault it measures, N times (default 1; the medians are printed):
 *
 * - the parse floor: every note read, parsed with unified (remark-parse, GFM, frontmatter, math),
 *   turned into HTML and written to a file, in this process; nothing of the site;
 * - a cold build (`npm run build`'s command, into a fresh folder with a fresh Astro cache);
 * - a rebuild with no change; then a rebuild after one note was edited;
 * - the peak memory of the cold build's whole process tree (RSS summed, sampled every 50 ms from
 *   /proc, so Linux only and a lower bound);
 *
 * and prints each time beside the floor of the same run, as a ratio. Each run also prints the CPU
 * time (user + system) of the floor and of the cold build's processes, which other tenants of a
 * shared machine inflate less than they inflate the clock, and the machine's CPU pressure (the
 * share of time some task waited for a CPU: the build's own threads count as well as other
 * tenants'). It first waits `--settle` seconds (40) after whatever removed files before it (see
 * removeAtEnd), and removes its own folders only at its end. SIZE is a number of notes (a
 * generated vault as varied as a real one: callouts, deep nesting, wikilinks, heading links, image
 * embeds, a missing image, tags, tables, math, comments), `shipped` (content/notes) or `aws`
 * (tests/fixtures/vaults/obsidian-aws, 155 notes). Default: shipped aws 500 2000; add 5000 when
 * the machine has the time. Fixture vaults are copied first: the edit never touches them.
 */
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FOLDERS = ['1. Security', '2. Compute', '3. Management', '4. Networking', '5. Storage', '6. Integration', '7. Analytics', '8. Migration', '9. Developer Tools', '10. Other'];
const SERVICES = ['EC2', 'EBS', 'S3', 'IAM', 'KMS', 'VPC', 'Lambda', 'RDS', 'CloudFront', 'Route 53', 'SQS', 'SNS', 'DynamoDB', 'ECS', 'EKS', 'Glue'];
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A deterministic pseudo-random sequence, so every run builds the same vault. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function noteName(i: number): string {
  return `${SERVICES[i % SERVICES.length]} topic ${i}`;
}

function writeNote(dir: string, i: number, count: number, random: () => number): void {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const other = () => noteName(Math.floor(random() * count));
  const links = Array.from({ length: 3 + Math.floor(random() * 4) }, (_, k) =>
    k % 3 === 0 ? `[[${other()}|see this]]` : k % 3 === 1 ? `[[${other()}#Details]]` : `[[${other()}]]`,
  );
  const service = pick(SERVICES);
  const body = `---
tags: [aws/${service.toLowerCase().replace(/\s+/g, '-')}, domain/d${1 + (i % 4)}]
aliases: [T${i}]
---
${i % 3 === 0 ? `# ${noteName(i)}\n\n` : ''}> [!Warning] On the Exam
> - **${service}** is a regional service unless noted ${links[0]}
> \t- Copies are separate resources with new IDs
> \t- Billing follows the storage you keep, such as $0.05 per GB-month
> - ==Encryption== is set when the resource is created
> - Permissions are private by default

- Container of information about ${service}
\t- Nested detail with \`ami-0123456789abcdef0\`
\t\t- Deeper detail ${links[1]}
- Works with ${links[2]} and ${links[3] ?? 'nothing else'}

## Details

1. Launch
\t1. Use the image
\t2. Boot /dev/xvda
2. Configure
3. Create image ${links[4] ?? ''}

| Setting | Value |
| --- | --- |
| Link | ${links[5] ?? `[[${other()}]]`} |
| Cost | $0.10 per hour |

> [!tip]- More about ${service}
> Folded text that explains the finer points, with a **bold** word and a #study/tip tag.

![[diagram ${i % 50}.png|300]]
${i % 7 === 0 ? `![[screenshot ${i}.png]]\n` : ''}${i % 5 === 0 ? 'Growth is $O(n)$ per object, $$\\sum_i x_i$$ in all.\n' : ''}
%% author note: check pricing %%
Final paragraph about ${service} with enough words to index for search, and a ${pick(['snapshot', 'volume', 'instance', 'image'])}.
`;
  writeFileSync(join(dir, FOLDERS[i % FOLDERS.length] as string, `${noteName(i)}.md`), body);
}

export function generateVault(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), `ami-lab-bench-${count}-`));
  const random = seeded(count);
  for (const folder of FOLDERS) mkdirSync(join(dir, folder), { recursive: true });
  mkdirSync(join(dir, '_assets'));
  for (let i = 0; i < 50; i += 1) writeFileSync(join(dir, '_assets', `diagram ${i}.png`), PNG);
  for (let i = 0; i < count; i += 1) writeNote(dir, i, count, random);
  return dir;
}

/** RSS in bytes of a process and all its descendants, from /proc. */
function treeRss(rootPid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(Number(entry), kb * 1024);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we were reading: it no longer uses memory.
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function countPages(dir: string): number {
  let pages = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === 'index.html') pages += 1;
  }
  return pages;
}

/** Runs a command to completion, sampling the memory of its process tree; returns the peak in bytes. */
async function runMeasured(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid) peak = Math.max(peak, treeRss(child.pid));
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${stderr.slice(-2000)}`);
  return peak;
}

/**
 * The steps of `npm run build`, read from package.json (`VAR=value` words become environment),
 * pointed at `outDir` instead of dist/, so the benchmark measures the build exactly as it is run.
 * Today that is one step (src/scripts/build-site.mjs runs Astro, Pagefind and the service worker);
 * several steps joined with `&&` (as older builds were) run one after the other.
 */
function buildSteps(outDir: string): Array<{ env: Record<string, string>; argv: string[] }> {
  const script = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.build ?? '';
  return script.split('&&').map((segment) => {
    const words = segment.trim().split(/\s+/);
    const env: Record<string, string> = {};
    while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
      const [name, ...value] = (words.shift() as string).split('=');
      env[name as string] = value.join('=');
    }
    const argv = words.map((word) => (word === 'dist' ? outDir : word));
    if (argv[0] === 'node') argv[0] = process.execPath;
    else if (argv[0] && !argv[0].includes('/')) argv[0] = join(PROJECT_ROOT, 'node_modules', '.bin', argv[0]);
    if (argv[1]?.endsWith('build-site.mjs') || (argv[0]?.endsWith('astro') && argv[1] === 'build')) argv.push('--outDir', outDir);
    if (argv[1]?.startsWith('src/scripts/generate-service-worker')) argv.push(outDir);
    return { env, argv };
  });
}

/** The cost floor: parse every note with unified, make HTML, write it. Seconds, and CPU seconds. */
function parseFloor(vault: string, outDir: string): { seconds: number; cpu: number } {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkMath).use(remarkRehype).use(rehypeStringify);
  mkdirSync(outDir, { recursive: true });
  let n = 0;
  for (const entry of readdirSync(vault, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md') || entry.parentPath.includes('/.')) continue;
    const html = String(processor.processSync(readFileSync(join(entry.parentPath, entry.name), 'utf8')));
    n += 1;
    writeFileSync(join(outDir, `${n}.html`), html);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds: (performance.now() - started) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU seconds (user + system) of this process's children that have ended, their own children
 * included: Linux adds a child's times to its parent's when the parent waits for it. A process
 * nobody waits for (a helper left running when its parent exits) is not counted: a lower bound.
 */
function endedChildrenCpu(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // The fields after the command name (which may hold spaces) start at field 3: cutime and cstime
  // are fields 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

/** The machine's CPU pressure over the last minute: the share of time some task waited for a CPU. */
function cpuPressure(): string {
  try {
    return `${/avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? '?'}%`;
  } catch {
    return 'unknown';
  }
}

function notesIn(vault: string): string[] {
  return readdirSync(vault, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md') && !e.name.startsWith('_') && !e.parentPath.includes('/.'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

interface Run {
  floor: number;
  floorCpu: number;
  cold: number;
  coldCpu: number;
  unchanged: number;
  oneNote: number;
  peakMb: number;
  pages: number;
  parts?: Parts;
}

/**
 * With `--parts`: where a cold build's time goes, beside the same run's floor. `lessons` is the
 * lessons pipeline alone (the process `npm run build` starts beside Astro, on its own, with a cache
 * of its own); `lessonsMade` is a build that renders every page again (FULL_BUILD=1, into a new
 * folder) while the pipeline takes each note from its per-note cache, as after any build: what the
 * cold build would cost if the pipeline's own work took no time. A cold build cannot be quicker
 * than that, and it is made of the two running side by side on the machine's cores.
 */
interface Parts {
  lessons: number;
  lessonsCpu: number;
  lessonsMade: number;
  lessonsMadeCpu: number;
}

/** A vault to build: a copy of a fixture vault, or a generated one. Removed by the caller. */
function prepareVault(size: string): string {
  if (size === 'shipped' || size === 'aws') {
    const source = size === 'shipped' ? join(PROJECT_ROOT, 'content', 'notes') : join(PROJECT_ROOT, 'tests', 'fixtures', 'vaults', 'obsidian-aws');
    const dir = mkdtempSync(join(tmpdir(), `ami-lab-bench-${size}-`));
    cpSync(source, dir, { recursive: true });
    return dir;
  }
  return generateVault(Number(size));
}

/**
 * Folders to remove when the benchmark ends, not when their run ends. On a disk whose file system
 * keeps no journal (this machine's ext4), creating a file shortly after thousands were deleted is
 * slow: for 35 seconds the kernel will not reuse a deleted file's inode, and checks each one it
 * passes over (`recently_deleted` in ext4's inode allocator). A cold build right after the last
 * run's folders were removed spent about a second of CPU there (`perf`), a cost no first build of
 * a fresh clone pays.
 */
const removeAtEnd: string[] = [];

/** `--parts`: see Parts. */
let withParts = false;

async function measure(size: string): Promise<Run & { notes: number }> {
  const vault = prepareVault(size);
  const work = mkdtempSync(join(tmpdir(), 'ami-lab-bench-site-'));
  removeAtEnd.push(vault, work);
  const outDir = join(work, 'dist');
  const steps = buildSteps(outDir);
  const floor = parseFloor(vault, join(work, 'floor'));
  // A cache of its own: the benchmark never shares Astro's content store with dist/'s build.
  const time = () => timeSteps(steps, { NOTES_DIR: vault, ASTRO_CACHE_DIR: join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' });
  const cold = await time();
  const pages = countPages(outDir);
  const unchanged = await time();
  const notes = notesIn(vault);
  const edited = notes[Math.floor(notes.length / 2)] as string;
  appendFileSync(edited, '\nOne more line, written by the benchmark.\n');
  const oneNote = await time();
  const parts = withParts ? await measureParts(vault, work) : undefined;
  return {
    notes: notes.length,
    floor: floor.seconds,
    floorCpu: floor.cpu,
    cold: cold.seconds,
    coldCpu: cold.cpu,
    unchanged: unchanged.seconds,
    oneNote: oneNote.seconds,
    peakMb: cold.peak / 2 ** 20,
    pages,
    ...(parts ? { parts } : {}),
  };
}

/**
 * Runs `steps` one after the other, each with this process's environment, its own and `env`; the
 * time they took, their CPU time and the peak memory of each one's process tree (the largest).
 */
async function timeSteps(steps: ReturnType<typeof buildSteps>, env: NodeJS.ProcessEnv): Promise<{ seconds: number; cpu: number; peak: number }> {
  const started = performance.now();
  const cpuBefore = endedChildrenCpu();
  let peak = 0;
  for (const { env: stepEnv, argv } of steps) {
    peak = Math.max(peak, await runMeasured(argv[0] as string, argv.slice(1), { ...process.env, ...stepEnv, ...env }));
  }
  return { seconds: (performance.now() - started) / 1000, cpu: endedChildrenCpu() - cpuBefore, peak };
}

/** See Parts. Run after the one-note rebuild, whose per-note cache holds every note as it is now. */
async function measureParts(vault: string, work: string): Promise<Parts> {
  const env = { NOTES_DIR: vault, ASTRO_TELEMETRY_DISABLED: '1' };
  const aloneCache = join(work, 'lessons-alone');
  mkdirSync(aloneCache, { recursive: true });
  // Its usage line: <project root> <site base> <Astro cache folder> <output file>. Node's own heap
  // settings rather than the build's (build-site.mjs): those keep its memory down in the same time.
  const alone = {
    env: {},
    argv: [process.execPath, join(PROJECT_ROOT, 'src/content-pipeline/cli/early-lessons.ts'), PROJECT_ROOT, '/', aloneCache, join(aloneCache, 'lessons.bin')],
  };
  const lessons = await timeSteps([alone], env);
  const made = await timeSteps(buildSteps(join(work, 'lessons-made')), { ...env, ASTRO_CACHE_DIR: join(work, 'cache'), FULL_BUILD: '1' });
  return { lessons: lessons.seconds, lessonsCpu: lessons.cpu, lessonsMade: made.seconds, lessonsMadeCpu: made.cpu };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sizes: string[] = [];
  let runs = 1;
  let settle = 40;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--runs' || args[i] === '--settle') {
      const value = Number(args[i + 1]);
      if (args[i] === '--runs') runs = value;
      else settle = value;
      i += 1;
    } else if (args[i] === '--parts') withParts = true;
    else sizes.push(args[i] as string);
  }
  if (!Number.isInteger(runs) || runs < 1 || !(settle >= 0) || sizes.some((s) => s !== 'shipped' && s !== 'aws' && !(Number.isInteger(Number(s)) && Number(s) > 0))) {
    console.error(
      'Usage: npm run bench:build -- [shipped | aws | NUMBER_OF_NOTES ...] [--runs N] [--settle SECONDS] [--parts]   (default: shipped aws 500 2000, one run, 40 s of settling first; --parts also times the lessons pipeline alone and a build with the lessons already made)',
    );
    process.exitCode = 2;
    return;
  }
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  if (settle > 0) {
    // See removeAtEnd: an earlier benchmark's cleanup, or any large removal just before, would
    // slow the first builds on a file system with no journal.
    console.log(`waiting ${settle} s first, for files removed just before to stop weighing on new ones (--settle 0 skips it)`);
    await new Promise((wake) => setTimeout(wake, settle * 1000));
  }
  console.log(`load average at start: ${load()} (${os.cpus().length} cores)`);
  const rows: string[] = [];
  const partRows: string[] = [];
  for (const size of sizes.length > 0 ? sizes : ['shipped', 'aws', '500', '2000']) {
    const results: Array<Run & { notes: number }> = [];
    for (let i = 0; i < runs; i += 1) {
      const r = await measure(size);
      results.push(r);
      console.log(
        `${size} (${r.notes} notes), run ${i + 1}: floor ${r.floor.toFixed(1)} s (CPU ${r.floorCpu.toFixed(1)} s), cold ${r.cold.toFixed(1)} s (CPU ${r.coldCpu.toFixed(1)} s, ${(r.coldCpu / r.floorCpu).toFixed(1)}× the floor's), unchanged ${r.unchanged.toFixed(1)} s, one note ${r.oneNote.toFixed(1)} s, peak ${r.peakMb.toFixed(0)} MB, ${r.pages} pages (load ${load()}, CPU pressure ${cpuPressure()})`,
      );
      if (r.parts) {
        const { lessons, lessonsCpu, lessonsMade, lessonsMadeCpu } = r.parts;
        console.log(
          `  parts: lessons pipeline alone ${lessons.toFixed(1)} s (${(lessons / r.floor).toFixed(1)}× the floor; CPU ${lessonsCpu.toFixed(1)} s), build with the lessons already made ${lessonsMade.toFixed(1)} s (${(lessonsMade / r.floor).toFixed(1)}×; CPU ${lessonsMadeCpu.toFixed(1)} s)`,
        );
      }
    }
    const m = (key: Exclude<keyof Run, 'parts'>) => median(results.map((r) => r[key]));
    const floor = m('floor');
    const cell = (seconds: number) => `${seconds.toFixed(1).padStart(6)} ${`(${(seconds / floor).toFixed(1)}×)`.padStart(8)}`;
    rows.push(
      `${`${size}`.padStart(7)} ${String(results[0]?.notes).padStart(6)}   ${floor.toFixed(1).padStart(6)}   ${cell(m('cold'))}   ${cell(m('unchanged'))}   ${cell(m('oneNote'))}   ${m('peakMb').toFixed(0).padStart(8)}   ${String(m('pages')).padStart(6)}`,
    );
    const part = (key: keyof Parts) => median(results.map((r) => r.parts?.[key] ?? 0));
    if (withParts) partRows.push(`${`${size}`.padStart(7)}   ${cell(part('lessons'))}         ${cell(part('lessonsMade'))}`);
  }
  console.log(`\nmedians of ${runs} run(s); seconds, and × the parse floor; load average at end: ${load()}`);
  console.log('  vault  notes    floor     cold build         no change          one note edited    peak MB    pages');
  for (const row of rows) console.log(row);
  if (partRows.length > 0) {
    console.log('\n  vault    lessons pipeline alone    build, lessons already made');
    for (const row of partRows) console.log(row);
  }
}

if (process.argv[1]?.endsWith('build.bench.ts')) {
  main()
    .catch((error: unknown) => {
      console.error((error as Error).message);
      process.exitCode = 1;
    })
    .finally(() => {
      for (const dir of removeAtEnd) rmSync(dir, { recursive: true, force: true });
    });
}
