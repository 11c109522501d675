/**
 * Questions for the whole vault: authored ones (checked; malformed ones stop the build) and
 * generated ones. Called by buildVault in two steps, because authored questions must be known
 * before lessons render (their callouts move from the lesson body to the quiz) while generated
 * ones need every lesson's links and tags (for related-note distractors).
 */
import type { Paragraph, Root, RootContent } from 'mdast';
import type { NoteFrontmatter } from '../frontmatter.ts';
import { passagePattern, type CorrectionEntry, type Corrections } from '../obsidian/corrections.ts';
import type { AuthorProblem } from '../report.ts';
import { blockIdOf, parseAuthoredQuestions, type AuthoredResult, type QuestionNote } from './authored.ts';
import { isQuestionFile, resolveQuestionFile } from './question-files.ts';
import { DEFAULT_STUDY_SETTINGS, type StudySettings } from '../study-settings.ts';
import { nonStudyReason, subjectOf } from './exam-material.ts';
import { generateNoteQuestions, keyTrueFalse, vaultLabelSpread, type SkippedCandidate, type VaultContext } from './generators.ts';
import { readNote, type NoteReadings } from './generator-kit.ts';
import { parseSrCards } from './sr-cards.ts';
import type { Question } from './schema.ts';

export * from './schema.ts';
export { parseAuthoredQuestions, type AuthoredResult, type QuestionNote } from './authored.ts';
export { readNote, type NoteReadings } from './generator-kit.ts';
export { isQuestionFile } from './question-files.ts';
export { SKIP_REASONS, type SkippedCandidate } from './generators.ts';
export { nonStudyReason } from './exam-material.ts';
export { findSrBlocks } from './sr-cards.ts';

export interface AuthoredVault {
  byPath: Map<string, AuthoredResult>;
  /** Malformed questions and duplicate ids, for the build (errors) and `notes:check`. */
  problems: AuthorProblem[];
}

/**
 * Parses every note's authored questions and checks that ids are unique across the vault.
 * Question files (see question-files.ts) are parsed as their note's: their questions are added
 * to that note's, after its own, while their problems keep the question file's path and line.
 */
export function parseVaultAuthored(notes: Iterable<QuestionNote>, parse: (note: QuestionNote) => AuthoredResult = parseAuthoredQuestions): AuthoredVault {
  const byPath = new Map<string, AuthoredResult>();
  const problems: AuthorProblem[] = [];
  const firstSeen = new Map<string, { file: string; line: number }>();
  const all = [...notes];
  const lessons = all.filter((n) => !isQuestionFile(n.path));
  // Notes first, so that a question file's note already has its entry when the file adds to it.
  for (const note of [...lessons, ...all.filter((n) => isQuestionFile(n.path))]) {
    let parseAs = note;
    let targetPath: string | undefined;
    if (isQuestionFile(note.path)) {
      const target = resolveQuestionFile(note, lessons);
      if (!target.ok) {
        problems.push(target.problem);
        continue;
      }
      parseAs = { ...note, slug: target.note.slug, title: target.note.title, tags: target.note.tags };
      targetPath = target.note.path;
    }
    const result = parse(parseAs);
    problems.push(...result.problems);
    // Broken questions count too: two callouts sharing an id are a problem even if one is malformed.
    const duplicates = new Set<string>();
    for (const { id, line } of result.ids) {
      const seen = firstSeen.get(id);
      if (seen) {
        duplicates.add(id);
        problems.push({
          kind: 'malformed-question',
          file: note.path,
          line,
          target: `^${id}`,
          message: `duplicate question id "^${id}": already used at ${seen.file}:${seen.line}; give this question its own id`,
        });
      } else {
        firstSeen.set(id, { file: note.path, line });
      }
    }
    result.questions = result.questions.filter((q) => !duplicates.has(q.id) || (firstSeen.get(q.id)?.line === q.source.line && firstSeen.get(q.id)?.file === note.path));
    if (targetPath === undefined) {
      byPath.set(note.path, result);
      continue;
    }
    const path = targetPath;
    const own = byPath.get(path) ?? { questions: [], problems: [], ids: [] };
    own.questions.push(...result.questions.map((q) => ({ ...q, source: { ...q.source, path } })));
    own.problems.push(...result.problems);
    byPath.set(path, own);
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

/**
 * A lesson as question assembly takes it: with its tree, or with what the generators read of it
 * (readNote, for the same study settings), which the pipeline keeps between builds.
 */
export type QuestionLesson = QuestionLessonFacts & ({ tree: Root } | { readings: NoteReadings });

interface QuestionLessonFacts {
  path: string;
  slug: string;
  title: string;
  tags: string[];
  linksTo: string[];
  linkedFrom: string[];
  frontmatter: NoteFrontmatter;
  /** The note's Markdown as written, for obsidian-spaced-repetition cards (line-based syntax). */
  source?: string;
}

/** What one note gave, for `notes:check --questions`. */
export interface NoteQuestionReport {
  path: string;
  /** Questions by kind, authored and generated together. */
  byKind: Partial<Record<Question['kind'], number>>;
  skipped: SkippedCandidate[];
}

export interface VaultQuestions {
  byPath: Map<string, Question[]>;
  reports: NoteQuestionReport[];
}

/** A key that is the same for two questions a learner would see as the same question. */
function sameQuestionKey(q: Question): string {
  const body = q.kind === 'cloze' ? `${q.before}|${q.answers[0]}|${q.after}` : q.kind === 'card' ? `${q.stem}|${q.back}` : q.stem;
  return `${q.kind}|${body}`
    .toLowerCase()
    .replace(/[^\p{L}\p{N}|]+/gu, ' ')
    .trim();
}

/**
 * Every lesson's questions, with a per-note report of what was made and what was skipped.
 * Authored callouts first (in note order), then the note's spaced-repetition cards, then generated
 * ones. Generated ids that collide with an authored id are dropped (the author's question wins),
 * and so is a generated question that repeats one the author wrote.
 */
export function assembleVaultQuestionsWithReport(
  lessons: readonly QuestionLesson[],
  authored: AuthoredVault | undefined,
  corrections?: Corrections,
  settings: StudySettings = DEFAULT_STUDY_SETTINGS,
): VaultQuestions {
  const taken = new Set<string>();
  for (const result of authored?.byPath.values() ?? []) for (const q of result.questions) taken.add(q.id);
  const read = lessons.map((lesson) => ({ lesson, path: lesson.path, readings: 'readings' in lesson ? lesson.readings : readNote(lesson.tree, settings) }));
  const studied = read.filter(({ lesson }) => lesson.frontmatter['generate-questions'] !== false && !nonStudyReason(lesson, settings));
  const vault: VaultContext = { use: new Map(), labelSpread: vaultLabelSpread(studied) };
  const perNote = read.map(({ lesson, readings }) => {
    const contextOf = (q: Question) => subjectOf(lesson.title, q.source.heading ? [{ text: q.source.heading, id: '', depth: 2 }] : [], settings);
    const own = (authored?.byPath.get(lesson.path)?.questions ?? []).map((q) => ({ ...q, tags: lesson.tags, context: q.context ?? contextOf(q) }));
    const cards = lesson.source
      ? parseSrCards(
          {
            path: lesson.path,
            slug: lesson.slug,
            title: lesson.title,
            tags: lesson.tags,
            propertyTags: [...lesson.frontmatter.tags, ...lesson.frontmatter.tag],
            source: lesson.source,
          },
          settings,
        )
      : { questions: [], skipped: [] };
    const generation = generateNoteQuestions(
      {
        path: lesson.path,
        slug: lesson.slug,
        title: lesson.title,
        tags: lesson.tags,
        readings,
        clozeEverywhere: lesson.frontmatter.cloze === true,
        optOut: lesson.frontmatter['generate-questions'] === false,
      },
      settings,
      vault,
    );
    const fixes = corrections ? corrections.entries.filter((e) => e.note.replace(/\.md$/i, '').toLowerCase() === lesson.path.replace(/\.md$/i, '').toLowerCase()) : [];
    generation.questions = generation.questions.flatMap((q) => correctQuestion(q, fixes));
    generation.drafts = generation.drafts.flatMap((d) => {
      const probe = d.make(true);
      if (correctQuestion(probe, fixes).length === 0) return [];
      return [{ ...d, make: (truth: boolean) => correctQuestion(d.make(truth), fixes)[0] ?? d.make(truth) }];
    });
    return { lesson, own, cards, generation };
  });
  // True/false keys are chosen over the whole vault, so that about half are True.
  const keyed = keyTrueFalse(perNote.flatMap((n) => n.generation.drafts));
  const byPath = new Map<string, Question[]>();
  const reports: NoteQuestionReport[] = [];
  for (const { lesson, own, cards, generation } of perNote) {
    const seen = new Set<string>();
    const out: Question[] = [];
    for (const q of [...own, ...cards.questions, ...generation.questions, ...generation.drafts.map((d) => keyed.get(d))]) {
      if (!q) continue;
      const key = sameQuestionKey(q);
      if (seen.has(key)) continue;
      if (q.origin === 'generated' || q.id.startsWith('s-') || q.id.startsWith('c-')) {
        if (taken.has(q.id)) continue;
        taken.add(q.id);
      }
      seen.add(key);
      out.push(q);
    }
    byPath.set(lesson.path, out);
    const byKind: NoteQuestionReport['byKind'] = {};
    for (const q of out) byKind[q.kind] = (byKind[q.kind] ?? 0) + 1;
    reports.push({ path: lesson.path, byKind, skipped: [...cards.skipped, ...generation.skipped] });
  }
  return { byPath, reports };
}

/** Every lesson's questions (see assembleVaultQuestionsWithReport). */
export function assembleVaultQuestions(
  lessons: readonly QuestionLesson[],
  authored: AuthoredVault | undefined,
  corrections?: Corrections,
  settings: StudySettings = DEFAULT_STUDY_SETTINGS,
): Map<string, Question[]> {
  return assembleVaultQuestionsWithReport(lessons, authored, corrections, settings).byPath;
}

/**
 * A generated question made from a corrected passage (see obsidian/corrections.ts): with a
 * replacement, the passage is replaced everywhere in the question and the correction is added to
 * the explanation; without one, the question is dropped (it would teach the wrong fact).
 */
function correctQuestion(q: Question, fixes: readonly CorrectionEntry[]): Question[] {
  let out = q;
  for (const fix of fixes) {
    const pattern = passagePattern(fix.passage);
    if (!pattern.test(JSON.stringify(out).replace(/\\"/g, '"'))) continue;
    if (!fix.replacement) return [];
    const global = new RegExp(pattern.source, 'g');
    const replaced = JSON.parse(JSON.stringify(out), (_key, value: unknown) => (typeof value === 'string' ? value.replace(global, fix.replacement ?? '') : value)) as Question;
    out = { ...replaced, explanation: `${replaced.explanation} Corrected: ${fix.correction}` };
  }
  return [out];
}
