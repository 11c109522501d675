/**
 * `npm run bench:questions [N]`: first, for each vault we test against (content/notes, the
 * obsidian-aws and obsidian-syntax test vaults, the question fixtures, and a generated vault), what
 * the generators make of it: questions by kind, the share of multiple choice + true/false, the
 * true/false key balance, the most repeated distractor, candidates skipped by reason, and the time
 * extraction takes against the pipeline. Then how much question extraction adds to building a
 * vault of N notes (default 2,000). Generates the same realistic vault as bench:build (each note has an "On the
 * Exam" callout, a numbered list under a heading, highlights and bold terms), adds two authored
 * questions and varied per-note structure (sibling sections with attributes, a table: see
 * addStudyStructure) to every note, then times the content pipeline (buildVault: parse, render, link,
 * questions) with question extraction on and off, alternating runs, and prints the medians.
 *
 * The pipeline alone is the denominator, which is stricter than the whole `astro build` (the
 * pipeline is only part of it): if extraction is under 10% of the pipeline, it is under 10% of the
 * build.
 */
import { appendFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildVault } from '../../src/content-pipeline/build-lessons';
import { assembleVaultQuestions, assembleVaultQuestionsWithReport, parseVaultAuthored, type Question } from '../../src/content-pipeline/questions';
import { readStudySettings } from '../../src/content-pipeline/study-settings';
import { generateVault } from './build.bench';

const count = Number(process.argv[2] ?? 2000);
const RUNS = 5;

function addAuthoredQuestions(dir: string): void {
  let n = 0;
  for (const folder of readdirSync(dir, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name.startsWith('_')) continue;
    for (const file of readdirSync(join(dir, folder.name))) {
      n += 1;
      appendFileSync(
        join(dir, folder.name, file),
        `\n## Check yourself\n\n> [!question]- Which statements are true? (Choose 2)\n> - [x] Right one\n> \t- Because.\n> - [x] Right two\n> - [ ] Wrong\n> \t- Not so.\n>\n> Explanation: Two are right.\n\n^q-bench-${n}-a\n\n> [!question]- True or false: this is a bench note.\n> - [x] True\n> - [ ] False\n\n^q-bench-${n}-b\n`,
      );
    }
  }
}

/**
 * What real study vaults have beside the bench note's template: per-note facts that differ from
 * note to note, sibling sections that state the same attributes (some with equal values, some in
 * prose), aspect bullets (Overview, Use case, Cost) and a table. Values come from a seeded random
 * source, so two notes rarely share a section and the generators must find the structure, not a
 * template. Nothing here is shaped to a rule: repeated values, prose and empty cells are as
 * common as in the tuning vaults.
 */
function addStudyStructure(dir: string): void {
  let seed = 20_240_611;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const kinds = [
    ['tier', ['Standard', 'Premium', 'Basic', 'Archive', 'Burst', 'Reserved', 'Dedicated']],
    ['mode', ['Provisioned', 'On-demand', 'Scheduled', 'Elastic', 'Manual', 'Predictive']],
    ['class', ['General', 'Infrequent', 'Cold', 'Deep', 'Express', 'Intelligent']],
  ] as const;
  const units = [
    ['Minimum duration', 'days'],
    ['Restore time', 'hours'],
    ['Maximum size', 'GiB'],
    ['Maximum IOPS', 'IOPS'],
    ['Throughput', 'MiB/s'],
  ] as const;
  const prose = ['cheaper than the default', 'billed per request', 'a flat monthly fee', 'free within the Region', 'more expensive to retrieve'];
  const latency = ['Milliseconds', 'Seconds', 'Minutes to hours', 'Within 12 hours', 'N/A'];
  let n = 0;
  for (const folder of readdirSync(dir, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name.startsWith('_')) continue;
    for (const file of readdirSync(join(dir, folder.name))) {
      n += 1;
      const [kind, names] = kinds[next(kinds.length)] ?? kinds[0];
      // Each note is its own service, so its tiers are its own: "Service 12 Standard", not a name every note shares.
      const service = `Service ${n}`;
      const picked = [...names].sort(() => next(3) - 1).slice(0, 2 + next(3));
      const [attribute, unit] = units[next(units.length)] ?? units[0];
      const sections = picked
        .map((name) => {
          const limit = [1, 7, 30, 90, 180, 365, 3000, 16000][next(8)];
          return `### ${service} ${name}\n\n- **Overview**: the ${name.toLowerCase()} ${kind} of ${service}\n- **${attribute}**: ${limit} ${unit}\n- **Cost**: ${prose[next(prose.length)]}\n${next(2) ? `- **Retention**: ${[1, 7, 35][next(3)]} days\n` : ''}`;
        })
        .join('\n');
      const rows = picked.map((name) => `| ${service} ${name} | ${latency[next(latency.length)]} | ${next(2) ? 'Yes' : 'No'} | ${prose[next(prose.length)]} |`).join('\n');
      appendFileSync(
        join(dir, folder.name, file),
        `\n## ${kind[0]?.toUpperCase()}${kind.slice(1)}s of service ${n}\n\n${sections}\n## Comparing the ${kind}s\n\n| ${kind[0]?.toUpperCase()}${kind.slice(1)} | First byte latency | Encrypted by default | Notes |\n| --- | --- | --- | --- |\n${rows}\n`,
      );
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

interface VaultMeasure {
  name: string;
  notes: number;
  byKind: Record<string, number>;
  scoredShare: number;
  trueShare: string;
  topDistractor: string;
  skips: string;
  /** Generated stems that do not start with their subject ("Base" alone), which the issue forbids. */
  bareStems: number;
  pipelineMs: number;
  extractionMs: number;
}

/** What the generators make of one vault, and how long extraction takes beside the pipeline. */
function measureVault(name: string, dir: string): VaultMeasure {
  const start = performance.now();
  const build = buildVault({ vaultDir: dir, questions: false });
  const pipelineMs = performance.now() - start;
  const settings = readStudySettings(dir);
  const notes = [...build.parsed.values()];
  const lessons = build.lessons.map((l) => ({ ...l, tree: build.parsed.get(l.path)?.tree ?? { type: 'root' as const, children: [] }, source: build.parsed.get(l.path)?.source }));
  const times: number[] = [];
  let result: ReturnType<typeof assembleVaultQuestionsWithReport> | undefined;
  // One warm-up run (module loading, JIT), then the median of five.
  for (let i = 0; i < 6; i += 1) {
    const t = performance.now();
    const authored = parseVaultAuthored(notes.map((p) => ({ path: p.note.path, slug: p.note.slug, title: p.frontmatter.title ?? p.note.name, tags: [], tree: p.tree })));
    result = assembleVaultQuestionsWithReport(lessons, authored, undefined, settings);
    if (i > 0) times.push(performance.now() - t);
  }
  // Measures are over generated questions (and the author's highlight clozes), not authored callouts or cards.
  const questions = [...(result?.byPath.values() ?? [])].flat().filter((q: Question) => q.origin === 'generated' || q.id.startsWith('c-'));
  const byKind: Record<string, number> = {};
  for (const q of questions) byKind[q.kind] = (byKind[q.kind] ?? 0) + 1;
  const tf = questions.filter((q) => q.kind === 'truefalse');
  const trues = tf.filter((q) => q.kind === 'truefalse' && q.options.find((o) => o.text === 'True')?.correct).length;
  const uses = new Map<string, number>();
  for (const q of questions) {
    if (q.kind === 'choice') for (const o of q.options.filter((x) => !x.correct)) uses.set(o.text, (uses.get(o.text) ?? 0) + 1);
    if (q.kind === 'truefalse' && q.options.find((o) => o.text === 'False')?.correct) uses.set(q.stem, (uses.get(q.stem) ?? 0) + 1);
  }
  const top = [...uses].sort((a, b) => b[1] - a[1])[0];
  const skips = new Map<string, number>();
  for (const r of result?.reports ?? []) for (const s of r.skipped) skips.set(s.reason, (skips.get(s.reason) ?? 0) + 1);
  return {
    name,
    notes: build.lessons.length,
    byKind,
    scoredShare: questions.length > 0 ? ((byKind.choice ?? 0) + (byKind.truefalse ?? 0)) / questions.length : 0,
    trueShare: tf.length > 0 ? `${trues}/${tf.length} (${Math.round((trues / tf.length) * 100)}%)` : '-',
    topDistractor: top ? `${top[1]}× “${top[0].slice(0, 40)}”` : '-',
    skips:
      [...skips]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || '-',
    bareStems: questions.filter((q) => !q.context || !q.stem.toLowerCase().includes(q.context.split(' › ')[0]?.toLowerCase() ?? '')).length,
    pipelineMs,
    extractionMs: times.sort((a, b) => a - b)[2] ?? 0,
  };
}

function printMeasures(measures: VaultMeasure[]): void {
  for (const m of measures) {
    const total = Object.values(m.byKind).reduce((a, b) => a + b, 0);
    console.log(`\n${m.name}: ${m.notes} notes, ${total} generated questions`);
    console.log(
      `  by kind:          ${
        Object.entries(m.byKind)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ') || '-'
      }`,
    );
    console.log(`  choice + t/f:     ${(m.scoredShare * 100).toFixed(0)}% (target ≥ 30% where the vault has exam material)`);
    console.log(`  true/false True:  ${m.trueShare} (target 40–60%)`);
    console.log(`  top distractor:   ${m.topDistractor} (target ≤ 2×)`);
    console.log(`  skipped:          ${m.skips}`);
    console.log(`  stems w/o subject: ${m.bareStems} (target 0)`);
    console.log(
      `  extraction:       ${m.extractionMs.toFixed(0)} ms vs pipeline ${m.pipelineMs.toFixed(0)} ms (${((m.extractionMs / m.pipelineMs) * 100).toFixed(1)}%; target < 10%)`,
    );
  }
}

function testVaults(): Array<[string, string]> {
  const root = new URL('../../', import.meta.url).pathname;
  const aws = existsSync(`${root}tests/fixtures/vaults/obsidian-aws`) ? `${root}tests/fixtures/vaults/obsidian-aws` : '/work/shared/vaults/obsidian-aws';
  const vaults: Array<[string, string]> = [
    ['content/notes', `${root}content/notes`],
    ['obsidian-aws', aws],
    ['obsidian-syntax', `${root}tests/fixtures/vaults/obsidian-syntax`],
    ...['good', 'exam-sources', 'structure', 'comparisons', 'ordering', 'sr-cards'].map((f): [string, string] => [
      `fixtures/questions/${f}`,
      `${root}tests/fixtures/questions/${f}`,
    ]),
  ];
  return vaults.filter(([, dir]) => existsSync(dir));
}

function main(): void {
  printMeasures(testVaults().map(([name, dir]) => measureVault(name, dir)));
  console.log('');
  const dir = generateVault(count);
  try {
    addAuthoredQuestions(dir);
    addStudyStructure(dir);
    printMeasures([measureVault(`generated vault (${count} notes)`, dir)]);
    console.log('');
    const time = (questions: boolean) => {
      const start = performance.now();
      const build = buildVault({ vaultDir: dir, questions, strictLineBreaks: false });
      const ms = performance.now() - start;
      return { ms, questions: build.lessons.reduce((sum, l) => sum + l.questions.length, 0) };
    };
    time(true); // warm-up: module loading and JIT
    const without: number[] = [];
    const withQ: number[] = [];
    let produced = 0;
    for (let i = 0; i < RUNS; i += 1) {
      without.push(time(false).ms);
      const run = time(true);
      withQ.push(run.ms);
      produced = run.questions;
    }
    // The end-to-end difference is within run-to-run noise, so also time the two extraction steps
    // directly, on the parsed vault of a run without questions (the same work buildVault adds).
    const plain = buildVault({ vaultDir: dir, questions: false, strictLineBreaks: false });
    const direct: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const start = performance.now();
      const authored = parseVaultAuthored([...plain.parsed.values()].map((p) => ({ path: p.note.path, slug: p.note.slug, title: p.note.name, tags: [], tree: p.tree })));
      assembleVaultQuestions(
        plain.lessons.map((l) => ({ ...l, tree: plain.parsed.get(l.path)?.tree ?? { type: 'root', children: [] } })),
        authored,
      );
      direct.push(performance.now() - start);
    }
    const base = median(without);
    const full = median(withQ);
    const added = full - base;
    console.log(`notes: ${count}   questions: ${produced}   runs: ${RUNS} each (median)`);
    console.log(`pipeline without questions: ${base.toFixed(0)} ms`);
    console.log(`pipeline with questions:    ${full.toFixed(0)} ms`);
    console.log(`difference (noisy):         ${added.toFixed(0)} ms (${((added / base) * 100).toFixed(1)}%)`);
    const extraction = median(direct);
    console.log(`question extraction adds:   ${extraction.toFixed(0)} ms measured directly (${((extraction / base) * 100).toFixed(1)}% of the pipeline; target < 10%)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
