import { describe, expect, test } from 'vitest';
import type { ChoiceQuestion, ClozeQuestion, OrderingQuestion } from '../../../../src/content-pipeline/questions/schema';
import { questionMarkup, sourceMarkup } from '../../../../src/islands/quiz/question-markup';
import { toHtml } from '../../../../src/islands/shared/markup';

const source = { path: 'AMI.md', slug: 'ami', title: 'AMI', heading: 'Sharing', anchor: '^q-share', line: 3 };
const choice: ChoiceQuestion = {
  id: 'q-share',
  origin: 'authored',
  kind: 'choice',
  stem: 'Who can launch a shared AMI?',
  explanation: '',
  source,
  tags: [],
  choose: 2,
  options: [
    { id: 'a', text: 'The account it is shared with', correct: true, explanation: 'Launch permission.' },
    { id: 'b', text: '<b>Anyone</b>', correct: false, explanation: '' },
  ],
};
const cloze: ClozeQuestion = {
  id: 'c-1',
  origin: 'generated',
  kind: 'cloze',
  stem: 'Fill in the blank.',
  before: 'An AMI is ',
  after: '.',
  answers: ['regional'],
  explanation: '',
  source,
  tags: [],
};
const ordering: OrderingQuestion = {
  id: 'o-1',
  origin: 'authored',
  kind: 'ordering',
  stem: 'Order',
  items: [
    { id: 'x', text: 'Stop' },
    { id: 'y', text: 'Image' },
  ],
  explanation: '',
  source,
  tags: [],
};

describe('the markup of a quiz question (server and browser print the same tree)', () => {
  test('a choice question: numbered legend, "Choose N", checkboxes named by the question, hidden per-option explanations', () => {
    const html = toHtml(questionMarkup(choice, 'Question 1', { orderControls: false }));
    expect(html).toBe(
      '<fieldset class="quiz-question"><legend><span class="quiz-number">Question 1</span><span class="quiz-stem">Who can launch a shared AMI?</span><span class="quiz-choose">(Choose 2)</span></legend>' +
        '<ul class="quiz-options"><li data-option="a"><label><input type="checkbox" name="answer-q-share" value="a"> <span>The account it is shared with</span></label><p class="quiz-why" data-why hidden>Launch permission.</p></li>' +
        '<li data-option="b"><label><input type="checkbox" name="answer-q-share" value="b"> <span>&lt;b&gt;Anyone&lt;/b&gt;</span></label></li></ul></fieldset>',
    );
  });

  test('a cloze has a labelled text box between the text either side; a generated question says so', () => {
    const html = toHtml(questionMarkup(cloze, '2', { orderControls: false }));
    expect(html).toContain('<span class="quiz-badge">Generated</span>');
    expect(html).toContain(
      '<p class="quiz-cloze"><span>An AMI is </span><label class="visually-hidden" for="cloze-c-1">Missing term</label><input type="text" id="cloze-c-1" autocomplete="off" spellcheck="false"><span>.</span></p>',
    );
  });

  test('ordering items come shuffled, with move buttons only where the page runs script', () => {
    const without = toHtml(questionMarkup(ordering, '3', { orderControls: false }));
    const withButtons = toHtml(questionMarkup(ordering, '3', { orderControls: true }));
    expect(without).not.toContain('quiz-move');
    expect(withButtons).toContain('<button type="button" class="quiz-move" data-move="up" aria-label="Move “Stop” up">↑</button>');
    expect(without.indexOf('data-item="y"')).toBeLessThan(without.indexOf('data-item="x"'));
  });

  test('the source link goes to the block in the note, and out of an embed into a new tab', () => {
    expect(toHtml(sourceMarkup(choice))).toBe('<p class="quiz-source">From <a href="/notes/ami/#^q-share">AMI › Sharing</a></p>');
    expect(toHtml(sourceMarkup(choice, { linkBase: 'https://example.org' }))).toBe(
      '<p class="quiz-source">From <a href="https://example.org/notes/ami/#^q-share" target="_blank" rel="noopener">AMI › Sharing</a></p>',
    );
  });
});
