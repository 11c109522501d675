/**
 * `npm run bench:questions [N]`: how much question extraction adds to building a vault of N notes
 * (default 2,000). Generates the same realistic vault as bench:build (each note has an "On the
 * Exam" callout, a numbered list under a heading, highlights and bold terms), adds two authored
 * questions to every note, then times the content pipeline (buildVault: parse, render, link,
 * questions) with question extraction on and off, alternating runs, and prints the medians.
 *
 * The pipeline alone is the denominator, which is stricter than the whole `astro build` (the
 * pipeline is only part of it): if extraction is under 10% of the pipeline, it is under 10% of the
 * build.
 */
import { appendFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildVault } from '../../src/content-pipeline/build-lessons';
import { assembleVaultQuestions, parseVaultAuthored } from '../../src/content-pipeline/questions';
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function main(): void {
  const dir = generateVault(count);
  try {
    addAuthoredQuestions(dir);
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
      assembleVaultQuestions(plain.lessons.map((l) => ({ ...l, tree: plain.parsed.get(l.path)?.tree ?? { type: 'root', children: [] } })), authored);
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
