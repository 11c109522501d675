/**
 * Question files: authored questions for a note, written beside it instead of inside it, so the
 * note stays exactly as its author wrote it (a learner's note, a class vault an instructor
 * annotates, the reference note whose bytes a test pins).
 *
 *     _questions/Amazon Machine Images (AMI) questions.md
 *     ---
 *     questions-for: "[[Amazon Machine Images (AMI)]]"
 *     ---
 *     > [!question]- … (the same callouts as in a note, see authored.ts)
 *
 *     ^q-ami-ref-01
 *
 * Every Markdown file inside a folder named `_questions` (at any depth) is a question file and
 * never a lesson. Its note is named by the `questions-for` property (a wikilink, a name or a
 * vault-relative path), or else by the file's own name (see findTarget). Its questions join that note's lesson
 * quiz (after the note's own), with the note's slug, title and tags, so they also reach the tag
 * quizzes, the exam and review, and link back to the lesson. Problems in it (a malformed
 * question, a note that does not exist) name the question file and its line.
 */
import type { Yaml } from 'mdast';
import { parseFrontmatter } from '../frontmatter.ts';
import { type AuthorProblem, suggestClosest } from '../report.ts';
import type { QuestionNote } from './authored.ts';

/** The folder name that marks question files. */
const QUESTION_FOLDER = '_questions';
/** The property naming the note a question file belongs to. */
const QUESTIONS_FOR = 'questions-for';

/** Whether a vault-relative path is a question file (inside a `_questions` folder), not a note. */
export function isQuestionFile(path: string): boolean {
  return path
    .split('/')
    .slice(0, -1)
    .some((folder) => folder.toLowerCase() === QUESTION_FOLDER);
}

const withoutMd = (path: string) => path.replace(/\.md$/i, '');
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The property's value, or the file's name; with the line to report it at. */
function wantedTarget(file: QuestionNote): { wanted: string; line: number; byFileName: boolean } | { problem: string; line: number } {
  const yaml = file.tree.children.find((c): c is Yaml => c.type === 'yaml');
  const byName = { wanted: withoutMd(baseName(file.path)), line: 1, byFileName: true };
  if (!yaml) return byName;
  const first = (yaml.position?.start.line ?? 1) + 1;
  const parsed = parseFrontmatter(yaml.value, first);
  if (!parsed.ok) return byName; // pass 1 has already stopped the build on bad properties
  const value: unknown = parsed.data[QUESTIONS_FOR];
  if (value === undefined || value === null) return byName;
  const index = yaml.value.split('\n').findIndex((l) => l.trimStart().startsWith(`${QUESTIONS_FOR}:`));
  const line = index === -1 ? first : first + index;
  const one = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (typeof one !== 'string' || one.trim() === '') {
    return { problem: `"${QUESTIONS_FOR}" must name one note, e.g. ${QUESTIONS_FOR}: "[[Note name]]"`, line };
  }
  // A wikilink as Obsidian writes it in a property: "[[Folder/Note#Heading|shown text]]".
  const wanted = withoutMd(
    one
      .trim()
      .replace(/^\[\[|\]\]$/g, '')
      .split('|')[0]
      ?.split('#')[0]
      ?.trim() ?? '',
  );
  if (!wanted) return { problem: `"${QUESTIONS_FOR}" names no note: give the note's name, e.g. ${QUESTIONS_FOR}: "[[Note name]]"`, line };
  return { wanted, line, byFileName: false };
}

/**
 * The note a question file belongs to. The property is a link, found as Obsidian finds one: a
 * vault-relative path, else a file name anywhere (several notes of that name: the shallowest).
 * A file's own name is first looked for beside the `_questions` folder that holds it, so
 * `Compute/_questions/EC2.md` is for `Compute/EC2.md`.
 */
function findTarget(wanted: string, byFileName: boolean, file: QuestionNote, notes: readonly QuestionNote[]): QuestionNote | undefined {
  const key = wanted.toLowerCase();
  const parts = file.path.split('/');
  const home = parts.slice(0, Math.max(0, parts.map((p) => p.toLowerCase()).lastIndexOf(QUESTION_FOLDER))).join('/');
  const pathKey = (n: QuestionNote) => withoutMd(n.path).toLowerCase();
  const beside = byFileName ? notes.find((n) => pathKey(n) === (home ? `${home}/${key}` : key).toLowerCase()) : undefined;
  const byPath = beside ?? notes.find((n) => pathKey(n) === key);
  if (byPath) return byPath;
  const named = notes.filter((n) => withoutMd(baseName(n.path)).toLowerCase() === key);
  return [...named].sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path))[0];
}

type QuestionFileTarget = { ok: true; note: QuestionNote } | { ok: false; problem: AuthorProblem };

/** Resolves a question file's note among the vault's notes; an unknown one is a problem with a did-you-mean. */
export function resolveQuestionFile(file: QuestionNote, notes: readonly QuestionNote[]): QuestionFileTarget {
  const wanted = wantedTarget(file);
  const problem = (line: number, target: string, message: string, suggestion?: string): QuestionFileTarget => ({
    ok: false,
    problem: { kind: 'unknown-question-target', file: file.path, line, target, message, ...(suggestion ? { suggestion } : {}) },
  });
  if ('problem' in wanted) return problem(wanted.line, QUESTIONS_FOR, wanted.problem);
  const target = findTarget(wanted.wanted, wanted.byFileName, file, notes);
  if (target) return { ok: true, note: target };
  const names = notes.map((n) => withoutMd(baseName(n.path)));
  // "X questions" is a likely name for the questions of X: suggest X even when the edit distance is large.
  const prefix = names.filter((n) => wanted.wanted.toLowerCase().startsWith(n.toLowerCase())).sort((a, b) => b.length - a.length)[0];
  return problem(
    wanted.line,
    wanted.wanted,
    `there is no published note "${wanted.wanted}" for the questions in this file: name it with a property ${QUESTIONS_FOR}: "[[Note name]]" or name the file after the note`,
    suggestClosest(wanted.wanted, names) ?? prefix,
  );
}
