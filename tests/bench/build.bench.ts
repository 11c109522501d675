/**
 * `npm run bench:build [N ...]`: generates a vault of N realistic notes (default 2,000) in a
 * temporary folder, runs the real site build over it (every step of `npm run build`, read from
 * package.json), and prints
 * wall time, peak memory of the build's whole process tree and the number of pages built. Several
 * sizes (`npm run bench:build -- 500 2000 5000`) show how cost grows with the vault.
 *
 * Peak memory is sampled from /proc every 50 ms (the sum of RSS over the build process and its
 * children, e.g. Pagefind), so it needs Linux; it is a lower bound between samples.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
> [!Warning] On the Exam
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
| Link | ${links[5] ?? '[[' + other() + ']]'} |
| Cost | $0.10 per hour |

> [!tip]- More about ${service}
> Folded text that explains the finer points, with a **bold** word and a #study/tip tag.

![[diagram ${i % 50}.png|300]]

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

interface BuildResult { notes: number; seconds: number; peakMb: number; pages: number }

/** Runs a command to completion, sampling the memory of its process tree; returns the peak. */
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

/** One step of `npm run build`: its environment words (`VAR=value`) and its command. */
interface BuildStep {
  env: Record<string, string>;
  argv: string[];
}

/**
 * The steps of `npm run build`, read from package.json and pointed at `outDir` instead of dist/,
 * so the benchmark measures the build exactly as it is run.
 */
function buildSteps(outDir: string): BuildStep[] {
  const script = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.build ?? '';
  return script.split('&&').map((segment) => {
    const words = segment.trim().split(/\s+/);
    const env: Record<string, string> = {};
    while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
      const [name, ...value] = (words.shift() as string).split('=');
      env[name as string] = value.join('=');
    }
    const argv = words.map((word) => (word === 'dist' ? outDir : word));
    if ((argv[0] === 'astro' && argv[1] === 'build') || argv[1]?.endsWith('build-site.mjs')) argv.push('--outDir', outDir);
    if (argv[1]?.endsWith('generate-service-worker.ts')) argv.push(outDir);
    return { env, argv };
  });
}

async function buildOnce(count: number): Promise<BuildResult> {
  const vault = generateVault(count);
  const outDir = join(vault, '..', `${vault.split('/').pop()}-dist`);
  const started = performance.now();
  // The steps run one after the other; the peak is the largest of them.
  let peak = 0;
  for (const step of buildSteps(outDir)) {
    const env = { ...process.env, ...step.env, NOTES_DIR: vault, ASTRO_TELEMETRY_DISABLED: '1' };
    peak = Math.max(peak, await runMeasured(step.argv[0] as string, step.argv.slice(1), env));
  }
  const seconds = (performance.now() - started) / 1000;
  const pages = countPages(outDir);
  rmSync(vault, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  return { notes: count, seconds, peakMb: peak / 2 ** 20, pages };
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error('Usage: npm run bench:build -- [number of notes ...]   (default: 2000)');
    process.exitCode = 2;
    return;
  }
  const results: BuildResult[] = [];
  for (const count of sizes.length > 0 ? sizes : [2000]) {
    const result = await buildOnce(count);
    results.push(result);
    console.log(`${count} notes: ${result.seconds.toFixed(1)} s, peak ${result.peakMb.toFixed(0)} MB, ${result.pages} pages`);
  }
  console.log('\nnotes   wall (s)   peak memory (MB)   pages   ms per note');
  for (const r of results) {
    console.log(`${String(r.notes).padStart(5)}   ${r.seconds.toFixed(1).padStart(8)}   ${r.peakMb.toFixed(0).padStart(16)}   ${String(r.pages).padStart(5)}   ${((r.seconds * 1000) / r.notes).toFixed(2).padStart(11)}`);
  }
}

if (process.argv[1]?.endsWith('build.bench.ts')) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
