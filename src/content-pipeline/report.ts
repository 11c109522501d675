/**
 * Problems an author can fix: each names the file, the line, what is wrong and, where the vault
 * holds something close, what was probably meant. The build prints them; `npm run notes:check`
 * lists them and fails on them.
 */
import { closest, distance } from 'fastest-levenshtein';

export type ProblemKind =
  | 'unresolved-link'
  | 'missing-heading'
  | 'missing-block'
  | 'missing-embed'
  | 'embed-loop'
  | 'invalid-frontmatter'
  | 'malformed-question'
  /** An entry of the vault's corrections.yaml that is not valid. */
  | 'invalid-correction'
  /** A correction whose passage (or note) is no longer in the vault. */
  | 'stale-correction'
  /** A question file (in a `_questions` folder) whose note is not in the vault: it stops the build. */
  | 'unknown-question-target';

export interface AuthorProblem {
  kind: ProblemKind;
  /** Vault-relative path of the note that has the problem. */
  file: string;
  /** 1-based line in that file. */
  line: number;
  /** What the note asked for: the link target, embed, property or question id. */
  target: string;
  /** One sentence in plain words. */
  message: string;
  /** The nearest existing name, when one is close enough to be a likely typo. */
  suggestion?: string;
}

/** Problems that make a page wrong but still buildable; `errors` stop the build. */
export const WARNING_KINDS: ReadonlySet<ProblemKind> = new Set([
  'unresolved-link',
  'missing-heading',
  'missing-block',
  'missing-embed',
  'embed-loop',
  'invalid-correction',
  'stale-correction',
]);

/**
 * The closest candidate to `wanted`, compared case-insensitively, if it is near enough to be a
 * typo: at most a quarter of the wanted name's length in edits.
 */
export function suggestClosest(wanted: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || wanted.trim() === '') return undefined;
  const lowered = wanted.toLowerCase();
  const byLower = new Map<string, string>();
  for (const candidate of candidates) byLower.set(candidate.toLowerCase(), candidate);
  const best = closest(lowered, [...byLower.keys()]);
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(lowered.length / 4));
  return distance(lowered, best) <= limit ? byLower.get(best) : undefined;
}

/** `file:line  message (did you mean "x"?)`: one line per problem, sorted by file and line. */
export function formatProblems(problems: readonly AuthorProblem[]): string[] {
  return [...problems]
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
    .map((p) => {
      const hint = p.suggestion ? ` (did you mean "${p.suggestion}"?)` : '';
      return `${p.file}:${p.line}  ${p.kind}  ${p.message}${hint}`;
    });
}

/** A one-line count by kind, e.g. "3 unresolved links, 1 missing embed". */
export function summarizeProblems(problems: readonly AuthorProblem[]): string {
  if (problems.length === 0) return 'no problems';
  const counts = new Map<ProblemKind, number>();
  for (const p of problems) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  return [...counts.entries()].map(([kind, count]) => `${count} ${kind.replace(/-/g, ' ')}${count === 1 ? '' : 's'}`).join(', ');
}

/**
 * An error for the author, not the developer: the message names the note, file and line, and the
 * stack (which points into the pipeline, not at the note) is left out of what Astro prints.
 */
export function authorError(message: string): Error {
  const error = new Error(message);
  error.name = 'NotesError';
  error.stack = `${error.name}: ${message}`;
  return error;
}

/** What the author is told when notes cannot be built (`detail`: NoteBuildError's list of them). */
export function unbuildableNotes(vaultDir: string, detail: string): string {
  return `These notes cannot be built (in ${vaultDir}):\n${detail}\nFix them and build again; npm run notes:check lists every problem.`;
}
