/**
 * Questions for the whole vault: authored ones (checked; malformed ones stop the build) and
 * generated ones. Called by buildVault in two steps, because authored questions must be known
 * before lessons render (their callouts move from the lesson body to the quiz) while generated
 * ones need every lesson's links and tags (for related-note distractors).
 */
import type { Paragraph, Root, RootContent } from 'mdast';
import type { NoteFrontmatter } from '../frontmatter';
import type { AuthorProblem } from '../report';
import { blockIdOf, parseAuthoredQuestions, type AuthoredResult, type QuestionNote } from './authored';
import { collectExamFacts, generateQuestions, type ExamFact } from './generators';
import type { Question } from './schema';

export * from './schema';
export { parseAuthoredQuestions, type QuestionNote } from './authored';
export { collectExamFacts, generateQuestions, negateFact, isStandaloneFact, type GeneratorNote } from './generators';

export interface AuthoredVault {
  byPath: Map<string, AuthoredResult>;
  /** Malformed questions and duplicate ids, for the build (errors) and `notes:check`. */
  problems: AuthorProblem[];
}

/** Parses every note's authored questions and checks that ids are unique across the vault. */
export function parseVaultAuthored(notes: Iterable<QuestionNote>): AuthoredVault {
  const byPath = new Map<string, AuthoredResult>();
  const problems: AuthorProblem[] = [];
  const firstSeen = new Map<string, { file: string; line: number }>();
  for (const note of notes) {
    const result = parseAuthoredQuestions(note);
    problems.push(...result.problems);
    // Broken questions count too: two callouts sharing an id are a problem even if one is malformed.
    const duplicates = new Set<string>();
    for (const { id, line } of result.ids) {
      const seen = firstSeen.get(id);
      if (seen) {
        duplicates.add(id);
        problems.push({
          kind: 'malformed-question', file: note.path, line, target: `^${id}`,
          message: `duplicate question id "^${id}": already used at ${seen.file}:${seen.line}; give this question its own id`,
        });
      } else {
        firstSeen.set(id, { file: note.path, line });
      }
    }
    result.questions = result.questions.filter((q) => !duplicates.has(q.id) || firstSeen.get(q.id)?.line === q.source.line && firstSeen.get(q.id)?.file === note.path);
    byPath.set(note.path, result);
  }
  return { byPath, problems };
}

/**
 * The malformed authored questions of a parsed vault, for `npm run notes:check`. Takes the pass-1
 * notes (anything with `note.path`, `note.slug`, `note.name`, `frontmatter`, `tree`).
 */
export function findQuestionProblems(
  parsed: ReadonlyMap<string, { note: { path: string; slug: string; name: string }; frontmatter: NoteFrontmatter; tree: Root }>,
): AuthorProblem[] {
  const notes = [...parsed.values()].map((p) => ({ path: p.note.path, slug: p.note.slug, title: p.frontmatter.title ?? p.note.name, tags: [], tree: p.tree }));
  return parseVaultAuthored(notes).problems;
}

/**
 * Takes the question callouts out of a lesson's (cloned) tree: the quiz at the end of the page
 * shows them, and a question shown twice on one page, once with its answer folded, is worse than
 * once. The first removed callout leaves a pointer to the quiz in its section.
 */
export function detachQuizCallouts(tree: Root, ids: ReadonlySet<string>): void {
  if (ids.size === 0) return;
  let pointed = false;
  tree.children = tree.children.flatMap((node): RootContent[] => {
    if (node.type !== 'blockquote') return [node];
    const id = blockIdOf(node);
    if (!id || !ids.has(id)) return [node];
    if (pointed) return [];
    pointed = true;
    const pointer: Paragraph = {
      type: 'paragraph',
      children: [
        { type: 'text', value: 'These questions are in the ' },
        { type: 'link', url: '#quiz', children: [{ type: 'text', value: 'lesson quiz' }] },
        { type: 'text', value: ' at the end of the page.' },
      ],
      data: { hProperties: { className: ['quiz-pointer'] } },
    };
    return [pointer];
  });
}

export interface QuestionLesson {
  path: string;
  slug: string;
  title: string;
  tags: string[];
  linksTo: string[];
  linkedFrom: string[];
  frontmatter: NoteFrontmatter;
  tree: Root;
}

/**
 * Every lesson's questions: authored first (in note order), then generated. Generated ids that
 * collide with an authored id are dropped (the author's question wins).
 */
export function assembleVaultQuestions(lessons: readonly QuestionLesson[], authored: AuthoredVault | undefined): Map<string, Question[]> {
  const pool = new Map<string, ExamFact[]>();
  const byTag = new Map<string, string[]>();
  for (const lesson of lessons) {
    pool.set(lesson.path, collectExamFacts({ ...lesson }));
    for (const tag of lesson.tags) {
      const key = tag.toLowerCase();
      const list = byTag.get(key) ?? [];
      list.push(lesson.path);
      byTag.set(key, list);
    }
  }
  const taken = new Set<string>();
  for (const result of authored?.byPath.values() ?? []) for (const q of result.questions) taken.add(q.id);
  const out = new Map<string, Question[]>();
  for (const lesson of lessons) {
    const related = new Set<string>([...lesson.linksTo, ...lesson.linkedFrom]);
    for (const tag of lesson.tags) {
      for (const path of byTag.get(tag.toLowerCase()) ?? []) {
        if (related.size >= 60) break;
        related.add(path);
      }
    }
    related.delete(lesson.path);
    const own = (authored?.byPath.get(lesson.path)?.questions ?? []).map((q) => ({ ...q, tags: lesson.tags }));
    const generated = generateQuestions(
      {
        ...lesson,
        related: [...related],
        clozeEverywhere: lesson.frontmatter.cloze === true,
        optOut: lesson.frontmatter['generate-questions'] === false,
      },
      pool,
    ).filter((q) => !taken.has(q.id) && (taken.add(q.id), true));
    out.set(lesson.path, [...own, ...generated]);
  }
  return out;
}

