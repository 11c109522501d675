/**
 * `npm run notes:check`: the author's report. Lists every unresolved link, missing embed,
 * malformed quiz question and unbuildable note with file, line, target and a did-you-mean suggestion; exits 1 when there is
 * anything to fix, 2 when the command itself was called wrongly.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildVault, NoteBuildError } from '../build-lessons';
import { findQuestionProblems } from '../questions';
import { formatProblems, summarizeProblems, type AuthorProblem } from '../report';
import { readVaultSettings } from '../settings';

const USAGE = `Usage: npm run notes:check -- [--dir <vault folder>] [--json]

Checks an Obsidian vault for broken links, missing embeds and notes that cannot be built.
  --dir <folder>  the vault to check (default: NOTES_DIR, or content/notes)
  --json          print the problems as JSON instead of lines
  --help          show this help`;

export interface CheckOutcome {
  exitCode: 0 | 1 | 2;
  output: string;
}

/** The whole command as a function of its arguments and environment, so tests can call it. */
export function runNotesCheck(argv: string[], env: NodeJS.ProcessEnv, cwd: string): CheckOutcome {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { dir: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    }));
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
  try {
    // Questions are checked separately so that one run reports malformed questions *and* broken
    // links (a build with questions on stops at the first malformed one).
    const build = buildVault({ vaultDir: settings.vaultDir, strictLineBreaks: settings.strictLineBreaks, singleDollarMath: settings.singleDollarMath, questions: false });
    problems = [...build.errors, ...findQuestionProblems(build.parsed), ...build.warnings];
    noteCount = build.lessons.length;
  } catch (error) {
    if (!(error instanceof NoteBuildError)) throw error;
    problems = error.problems;
  }
  if (values.json) {
    return { exitCode: problems.length > 0 ? 1 : 0, output: JSON.stringify({ vault: settings.vaultDir, notes: noteCount, problems }, null, 2) };
  }
  const lines = formatProblems(problems);
  const summary = `${settings.vaultDir}: ${noteCount} notes, ${summarizeProblems(problems)}`;
  return { exitCode: problems.length > 0 ? 1 : 0, output: [...lines, lines.length > 0 ? '' : undefined, summary].filter((l) => l !== undefined).join('\n') };
}

// Run when invoked as a script (not when imported by a test).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  const outcome = runNotesCheck(process.argv.slice(2), process.env, process.cwd());
  (outcome.exitCode === 0 ? console.log : console.error)(outcome.output);
  process.exitCode = outcome.exitCode;
}
