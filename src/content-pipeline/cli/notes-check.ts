/**
 * `npm run notes:check`: the author's report. Lists every unresolved link, missing embed,
 * malformed quiz question and unbuildable note with file, line, target and a did-you-mean suggestion; exits 1 when there is
 * anything to fix, 2 when the command itself was called wrongly.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildVault, NoteBuildError } from '../build-lessons.ts';
import { assembleVaultQuestionsWithReport, findQuestionProblems, parseVaultAuthored, SKIP_REASONS, type NoteQuestionReport } from '../questions/index.ts';
import { loadCorrections } from '../obsidian/corrections.ts';
import { readStudySettings, StudySettingsError } from '../study-settings.ts';
import { formatProblems, summarizeProblems, type AuthorProblem } from '../report.ts';
import { readVaultSettings } from '../settings.ts';

const USAGE = `Usage: npm run notes:check -- [--dir <vault folder>] [--known <file>] [--json] [--questions]

Checks an Obsidian vault for broken links, missing embeds, malformed quiz questions and notes that
cannot be built.
  --dir <folder>   the vault to check (default: NOTES_DIR, or content/notes)
  --known <file>   a JSON list of problems accepted on purpose ({ file, kind, target, why }); they are
                   listed but do not fail the check, and an entry that no longer occurs does
  --json           print the problems as JSON instead of lines
  --questions      also list, per note, the questions made by kind and the candidates skipped
                   with the reason (why a note gave no question); it never fails the check
  --help           show this help`;

/** A problem the authors accept on purpose, with the reason (see content/known-problems.json). */
const knownProblemsSchema = z.array(z.object({ file: z.string(), kind: z.string(), target: z.string(), why: z.string().min(1) }).strict());
type KnownProblem = z.infer<typeof knownProblemsSchema>[number];

function readKnownProblems(path: string): { ok: true; known: KnownProblem[] } | { ok: false; message: string } {
  if (!existsSync(path)) return { ok: false, message: `the known-problems file ${path} does not exist.` };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, message: `${path} is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = knownProblemsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${path}: entry ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'} (each entry needs file, kind, target and why).` };
  }
  return { ok: true, known: parsed.data };
}

export interface CheckOutcome {
  exitCode: 0 | 1 | 2;
  output: string;
}

/** The command's flags; throws with Node's own message on an unknown flag or a missing value. */
function parseCheckArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      dir: { type: 'string' },
      known: { type: 'string' },
      json: { type: 'boolean', default: false },
      questions: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

/** The whole command as a function of its arguments and environment, so tests can call it. */
export function runNotesCheck(argv: string[], env: NodeJS.ProcessEnv, cwd: string): CheckOutcome {
  let values: ReturnType<typeof parseCheckArgs>;
  try {
    values = parseCheckArgs(argv);
  } catch (error) {
    return { exitCode: 2, output: `notes:check: ${(error as Error).message}\n\n${USAGE}` };
  }
  if (values.help) return { exitCode: 0, output: USAGE };
  const settings = readVaultSettings(values.dir ? { ...env, NOTES_DIR: resolve(cwd, values.dir) } : env, cwd);
  if (!existsSync(settings.vaultDir) || !statSync(settings.vaultDir).isDirectory()) {
    return { exitCode: 2, output: `notes:check: the vault folder ${settings.vaultDir} does not exist or is not a folder.` };
  }
  let problems: AuthorProblem[];
  let noteCount = 0;
  let questionReports: NoteQuestionReport[] | undefined;
  try {
    // Questions are checked separately so that one run reports malformed questions *and* broken
    // links (a build with questions on stops at the first malformed one).
    const build = buildVault({ vaultDir: settings.vaultDir, strictLineBreaks: settings.strictLineBreaks, singleDollarMath: settings.singleDollarMath, questions: false });
    problems = [...build.errors, ...findQuestionProblems(build.parsed), ...build.warnings];
    noteCount = build.lessons.length;
    if (values.questions) questionReports = reportQuestions(build, settings.vaultDir);
  } catch (error) {
    if (error instanceof StudySettingsError) return { exitCode: 1, output: `notes:check: ${error.message}` };
    if (!(error instanceof NoteBuildError)) throw error;
    problems = error.problems;
  }
  let known: KnownProblem[] = [];
  if (values.known) {
    const read = readKnownProblems(resolve(cwd, values.known));
    if (!read.ok) return { exitCode: 2, output: `notes:check: ${read.message}` };
    known = read.known;
  }
  const isKnown = (p: AuthorProblem) => known.some((k) => k.file === p.file && k.kind === p.kind && k.target === p.target);
  const accepted = problems.filter(isKnown);
  const open = problems.filter((p) => !isKnown(p));
  const stale = known.filter((k) => !problems.some((p) => k.file === p.file && k.kind === p.kind && k.target === p.target));
  const failed = open.length > 0 || stale.length > 0;
  if (values.json) {
    return {
      exitCode: failed ? 1 : 0,
      output: JSON.stringify({ vault: settings.vaultDir, notes: noteCount, problems: open, accepted, stale, ...(questionReports ? { questions: questionReports } : {}) }, null, 2),
    };
  }
  const lines = [
    ...formatProblems(open),
    ...accepted.map((p) => `${p.file}:${p.line}  ${p.kind}  accepted: ${known.find((k) => k.file === p.file && k.kind === p.kind && k.target === p.target)?.why ?? ''}`),
    ...stale.map((k) => `${k.file}  ${k.kind}  "${k.target}" is listed as a known problem but no longer occurs: remove it from the list`),
  ];
  if (questionReports) lines.push(...formatQuestionReports(questionReports));
  const summary = `${settings.vaultDir}: ${noteCount} notes, ${summarizeProblems(open)}${accepted.length > 0 ? ` (${accepted.length} accepted)` : ''}`;
  return { exitCode: failed ? 1 : 0, output: [...lines, lines.length > 0 ? '' : undefined, summary].filter((l) => l !== undefined).join('\n') };
}

/** The questions each note gives and what it skipped, as the build would make them. */
function reportQuestions(build: ReturnType<typeof buildVault>, vaultDir: string): NoteQuestionReport[] {
  const notes = [...build.parsed.values()];
  const authored = parseVaultAuthored(notes.map((p) => ({ path: p.note.path, slug: p.note.slug, title: p.frontmatter.title ?? p.note.name, tags: [], tree: p.tree })));
  const lessons = build.lessons.map((l) => ({ ...l, tree: build.parsed.get(l.path)?.tree ?? { type: 'root' as const, children: [] }, source: build.parsed.get(l.path)?.source }));
  return assembleVaultQuestionsWithReport(lessons, authored, loadCorrections(vaultDir), readStudySettings(vaultDir)).reports;
}

/** One line per note (kinds made, skips by reason), then each skipped candidate with its line. */
function formatQuestionReports(reports: readonly NoteQuestionReport[]): string[] {
  const out = ['', 'Questions per note (made by kind; candidates skipped by reason):'];
  const totals = new Map<string, number>();
  let made = 0;
  for (const r of reports) {
    const kinds = Object.entries(r.byKind).map(([k, n]) => `${n} ${k}`);
    const count = Object.values(r.byKind).reduce((a, b) => a + (b ?? 0), 0);
    made += count;
    const reasons = new Map<string, number>();
    for (const s of r.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    for (const [k, n] of reasons) totals.set(k, (totals.get(k) ?? 0) + n);
    const skippedText = reasons.size > 0 ? `; skipped ${r.skipped.length}: ${[...reasons].map(([k, n]) => `${n} ${k}`).join(', ')}` : '';
    out.push(`${r.path}  ${count} question${count === 1 ? '' : 's'}${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}${skippedText}`);
    for (const s of r.skipped) out.push(`  ${r.path}:${s.line}  skipped: ${SKIP_REASONS[s.reason]}: “${s.text}”`);
  }
  out.push(
    `Questions: ${made} made; ${[...totals.values()].reduce((a, b) => a + b, 0)} candidates skipped${totals.size > 0 ? ` (${[...totals].map(([k, n]) => `${n} ${k}`).join(', ')})` : ''}`,
  );
  return out;
}

// Run when invoked as a script (not when imported by a test).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  const outcome = runNotesCheck(process.argv.slice(2), process.env, process.cwd());
  (outcome.exitCode === 0 ? console.log : console.error)(outcome.output);
  process.exitCode = outcome.exitCode;
}
