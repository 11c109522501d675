import { describe, expect, test } from 'vitest';
import { NoteBuildError } from '../../../src/content-pipeline/build-lessons';
import { findQuestionProblems } from '../../../src/content-pipeline/questions';
import { renderNote } from '../content-pipeline/helpers';
import { buildFixture } from './helpers';

describe('authored questions (good fixture)', () => {
  const build = buildFixture('good');
  const lesson = build.lessons.find((l) => l.name === 'Quiz');
  const byId = new Map(lesson?.questions.map((q) => [q.id, q]));

  test('each question callout with a ^q- id becomes one question keyed by that id', () => {
    expect(lesson?.questions.filter((q) => q.origin === 'authored').map((q) => q.id)).toEqual(['q-fixture-single', 'q-fixture-multi', 'q-fixture-tf', 'q-fixture-order']);
  });

  test('checked boxes are the correct options and their count is "choose N"; nested lines explain each option', () => {
    const single = byId.get('q-fixture-single');
    expect(single).toMatchObject({
      kind: 'choice',
      choose: 1,
      stem: 'Which Region can a new AMI launch in?',
      explanation: 'An AMI lives in one Region.',
      options: [
        { id: 'a', text: 'Only the Region it was created in', correct: true, explanation: 'AMIs are regional.' },
        { id: 'b', text: 'Every Region', correct: false, explanation: 'It must be copied first.' },
      ],
    });
    expect(byId.get('q-fixture-multi')).toMatchObject({ kind: 'choice', choose: 2, stem: 'Which are regional?' });
  });

  test('True/False options make a true/false question, a numbered list an ordering question', () => {
    expect(byId.get('q-fixture-tf')).toMatchObject({
      kind: 'truefalse',
      choose: 1,
      options: [
        { text: 'True', correct: false },
        { text: 'False', correct: true },
      ],
    });
    expect(byId.get('q-fixture-order')).toMatchObject({ kind: 'ordering', items: [{ text: 'Launch an instance' }, { text: 'Configure it' }, { text: 'Create an image' }] });
  });

  test("every question links back to its note, heading and line, and carries the note's tags", () => {
    expect(byId.get('q-fixture-single')?.source).toEqual({ path: 'Quiz.md', slug: 'quiz', title: 'Quiz', heading: 'Check yourself', anchor: '^q-fixture-single', line: 8 });
    expect(byId.get('q-fixture-single')?.tags).toEqual(['aws/ec2/ami']);
  });

  test('an FAQ callout without options or id stays in the lesson; quiz callouts leave it for the quiz', () => {
    expect(lesson?.html).toContain('Why are AMIs regional?');
    expect(lesson?.html).not.toContain('Which Region can a new AMI launch in?');
    expect(lesson?.html).toContain('href="#quiz"');
  });
});

describe('malformed questions (broken fixture)', () => {
  test('stop the build with file, line and what is wrong, all at once', () => {
    let error: unknown;
    try {
      buildFixture('broken');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NoteBuildError);
    const lines = (error as NoteBuildError).message.split('\n');
    expect(lines).toEqual([
      'Broken.md:3  no correct option: mark the right answer(s) with "- [x]"',
      'Broken.md:9  stem says "Choose 2" but 1 option is checked',
      'Broken.md:22  question has no block id: add a line "^q-some-id" after the callout, with a blank line before it',
      'Broken.md:28  option "B" is not a task-list item: start it with "- [ ]" or "- [x]"',
      'Broken.md:16  duplicate question id "^q-broken-none": already used at Broken.md:3; give this question its own id',
    ]);
  });

  test('are reported to notes:check as malformed-question problems from the parsed vault', () => {
    const build = buildFixture('broken', { questions: false });
    const problems = findQuestionProblems(build.parsed);
    expect(problems.map((p) => [p.kind, p.line, p.target])).toEqual([
      ['malformed-question', 3, '^q-broken-none'],
      ['malformed-question', 9, '^q-broken-count'],
      ['malformed-question', 22, 'I have options but no id'],
      ['malformed-question', 28, '^q-broken-bullets'],
      ['malformed-question', 16, '^q-broken-none'],
    ]);
  });
});

describe("Obsidian's other task markers ([?], [-]…) are not quiz options", () => {
  test('a question callout whose list holds only such tasks stays an ordinary callout in the lesson', () => {
    const { lesson } = renderNote('> [!question]- Which of these did I check?\n> - [?] Launch templates\n> - [-] Spot blocks\n');
    expect(lesson.questions.filter((q) => q.origin === 'authored')).toEqual([]);
    expect(lesson.html).toContain('data-task="?"');
  });

  test('one among [ ] and [x] options stops the build with what to write instead', () => {
    const note = '> [!question]- Which are regional?\n> - [x] AMIs\n> - [?] IAM roles\n> - [ ] Route 53 zones\n\n^q-marker\n';
    expect(() => renderNote(note)).toThrow(
      /^Note\.md:3 {2}option "IAM roles" is marked "\[\?\]", which Obsidian shows as done: mark right options "- \[x\]" and wrong ones "- \[ \]"$/,
    );
  });
});
