import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import { NoteBuildError } from '../../../src/content-pipeline/build-lessons';
import { runNotesCheck } from '../../../src/content-pipeline/cli/notes-check';
import { extractBlockIds } from '../../../src/content-pipeline/obsidian/block-ids';
import { parseVaultAuthored } from '../../../src/content-pipeline/questions';
import { isQuestionFile } from '../../../src/content-pipeline/questions/question-files';
import { buildFixture, PROJECT_ROOT, QUESTION_FIXTURES } from './helpers';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

function note(path: string, markdown: string) {
  const tree = parser.parse(markdown) as Root;
  extractBlockIds(tree);
  return {
    path,
    slug: path
      .replace(/\.md$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9/]+/g, '-'),
    title: path.replace(/^.*\//, '').replace(/\.md$/, ''),
    tags: [],
    tree,
  };
}

const QUESTION = [
  '> [!question]- Which one? (Choose 1)',
  '> - [x] This one',
  '> 	- Right.',
  '> - [ ] That one',
  '> 	- Wrong.',
  '>',
  '> Explanation: This one.',
  '',
  '^q-file-01',
  '',
].join('\n');

describe('question files beside the notes (a _questions folder)', () => {
  test('a file in a _questions folder is a question file; a note or a folder merely named so is not', () => {
    expect(isQuestionFile('_questions/Note.md')).toBe(true);
    expect(isQuestionFile('Compute/_Questions/EC2.md')).toBe(true);
    expect(isQuestionFile('_questions.md')).toBe(false);
    expect(isQuestionFile('Compute/_questionsX/EC2.md')).toBe(false);
  });

  const build = buildFixture('question-files/good');
  const lesson = (path: string) => build.lessons.find((l) => l.path === path);

  test('is never a lesson', () => {
    expect(build.lessons.map((l) => l.path)).toEqual(['Folder/Nested.md', 'Note.md']);
  });

  test("its questions join its note's lesson quiz after the note's own, with the note's source, slug, title and tags", () => {
    const note = lesson('Note.md');
    expect(note?.questions.filter((q) => q.origin === 'authored').map((q) => q.id)).toEqual(['q-own-01', 'q-side-01']);
    expect(note?.questions.find((q) => q.id === 'q-side-01')).toMatchObject({
      origin: 'authored',
      explanation: 'Written in a question file.',
      domain: 'resilient',
      sourceUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html',
      tags: ['ami'],
      context: 'Note › Regions',
      // The quiz item carries the block id, so the link back lands on the question in the lesson.
      source: { path: 'Note.md', slug: note?.slug, title: 'Note', heading: 'Regions', anchor: '^q-side-01', line: 5 },
    });
  });

  test('the questions-for property names the note (a wikilink with a path and shown text), whatever the file is called', () => {
    const nested = lesson('Folder/Nested.md');
    expect(nested?.questions.find((q) => q.id === 'q-side-02')).toMatchObject({ kind: 'truefalse', source: { path: 'Folder/Nested.md', slug: nested?.slug, title: 'Nested' } });
  });

  test('the note keeps its own question callout in place of a pointer; nothing from a question file is shown in a lesson body', () => {
    expect(lesson('Note.md')?.html).toContain('lesson quiz');
    expect(build.lessons.map((l) => l.html).join('')).not.toMatch(/Which option is right for the note|belongs to the nested note/);
  });

  test('problems stop the build and name the question file and its line: an unknown note (with a did-you-mean) and a malformed question', () => {
    let problems: unknown[] = [];
    try {
      buildFixture('question-files/broken');
    } catch (error) {
      if (error instanceof NoteBuildError) problems = error.problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'unknown-question-target', file: '_questions/Nte.md', line: 1, target: 'Nte', suggestion: 'Note' }),
        // "X questions" is suggested X although it is too far from X to count as a typo.
        expect.objectContaining({ kind: 'unknown-question-target', file: '_questions/Note questions.md', line: 1, target: 'Note questions', suggestion: 'Note' }),
        expect.objectContaining({ kind: 'malformed-question', file: '_questions/Extra.md', line: 6, target: '^q-extra-01' }),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  test('npm run notes:check lists them with file, line and did-you-mean, and fails', () => {
    const outcome = runNotesCheck(['--dir', `${QUESTION_FIXTURES}question-files/broken`], {}, PROJECT_ROOT);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.output).toContain('_questions/Nte.md:1  unknown-question-target  there is no published note "Nte" for the questions in this file');
    expect(outcome.output).toContain('(did you mean "Note"?)');
    expect(outcome.output).toContain('_questions/Extra.md:6  malformed-question  no correct option');
    expect(outcome.output).toMatch(/1 notes?, 1 malformed question, 2 unknown question targets$/);
  });

  test('a questions-for property that names no single note is reported at its line', () => {
    const result = parseVaultAuthored([note('A.md', 'A note.'), note('_questions/Q.md', `---\ntitle: Q\nquestions-for: [A, B]\n---\n${QUESTION}`)]);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'unknown-question-target', file: '_questions/Q.md', line: 3, message: expect.stringContaining('must name one note') }),
    ]);
    const empty = parseVaultAuthored([note('A.md', 'A note.'), note('_questions/Q.md', `---\nquestions-for: "[[#Heading]]"\n---\n${QUESTION}`)]);
    expect(empty.problems).toEqual([expect.objectContaining({ kind: 'unknown-question-target', line: 2, message: expect.stringContaining('names no note') })]);
  });

  test('a note name is found from the folder that holds _questions first, then anywhere (the shallowest)', () => {
    const notes = [note('EC2.md', 'Root.'), note('Compute/EC2.md', 'In Compute.'), note('Other/Deep/EC2.md', 'Deep.')];
    const inCompute = parseVaultAuthored([...notes, note('Compute/_questions/EC2.md', QUESTION)]);
    expect(inCompute.byPath.get('Compute/EC2.md')?.questions.map((q) => q.id)).toEqual(['q-file-01']);
    const atRoot = parseVaultAuthored([...notes, note('_questions/x.md', `---\nquestions-for: EC2\n---\n${QUESTION}`)]);
    expect(atRoot.byPath.get('EC2.md')?.questions.map((q) => q.id)).toEqual(['q-file-01']);
  });

  test('a question id used in a note and in a question file is a duplicate, reported in the question file', () => {
    const result = parseVaultAuthored([note('A.md', QUESTION), note('_questions/A.md', QUESTION)]);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'malformed-question', file: '_questions/A.md', message: expect.stringContaining('already used at A.md:1') })]);
    expect(result.byPath.get('A.md')?.questions.map((q) => q.id)).toEqual(['q-file-01']);
  });
});
