import { describe, expect, test } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { findSrBlocks, type Question } from '../../../src/content-pipeline/questions';
import { DEFAULT_CARD_SYNTAX } from '../../../src/content-pipeline/study-settings';
import { QUESTION_FIXTURES } from './helpers';

/** The plugin's parser cases (st3v3nmw/obsidian-spaced-repetition tests/unit/parser.test.ts), as block kinds and lines. */
const blocks = (text: string, syntax = DEFAULT_CARD_SYNTAX) => findSrBlocks({ source: text, propertyTags: ['flashcards'] }, syntax).map((b) => [b.kind, b.text, b.line]);

describe('card blocks, delimited as obsidian-spaced-repetition does', () => {
  test('one-line cards: "::" basic, ":::" both ways (the longer separator wins), a scheduling comment belongs to the card', () => {
    expect(blocks('Question::Answer')).toEqual([['single', 'Question::Answer', 1]]);
    expect(blocks('Question:::Answer')).toEqual([['single-reversed', 'Question:::Answer', 1]]);
    expect(blocks('Question::Answer\n<!--SR:!2021-08-11,4,270-->')).toEqual([['single', 'Question::Answer\n<!--SR:!2021-08-11,4,270-->', 1]]);
    expect(blocks('#Title\n\nQ1::A1\nQ2:: A2')).toEqual([
      ['single', 'Q1::A1', 3],
      ['single', 'Q2:: A2', 4],
    ]);
  });

  test('a separator inside inline code is not a card (ARNs hold "::" and ":::")', () => {
    expect(blocks('Bucket ARN: `arn:aws:s3:::my-bucket`')).toEqual([]);
  });

  test('multi-line cards: front and back touch a "?" or "??" line; a blank line ends the card unless an end marker is set', () => {
    expect(blocks('Question\n?\nAnswer')).toEqual([['multi', 'Question\n?\nAnswer', 1]]);
    expect(blocks('#Title\n\nLine0\nQ1\n?\nA1\nAnswerExtra\n\nQ2\n?\nA2')).toEqual([
      ['multi', 'Line0\nQ1\n?\nA1\nAnswerExtra', 3],
      ['multi', 'Q2\n?\nA2', 9],
    ]);
    expect(blocks('Question\n??\nAnswer')).toEqual([['multi-reversed', 'Question\n??\nAnswer', 1]]);
    expect(blocks('Q\n?\n\nA1\nA2\n---\nnext', { ...DEFAULT_CARD_SYNTAX, multiLineEnd: '---' })).toEqual([['multi', 'Q\n?\n\nA1\nA2', 1]]);
  });

  test('cloze blocks: highlights by default; bold and curly only when switched on; an unclosed "==" is not one', () => {
    expect(blocks('cloze ==deletion== test')).toEqual([['cloze', 'cloze ==deletion== test', 1]]);
    expect(blocks('lorem ipsum ==dolor won=')).toEqual([]);
    expect(blocks('cloze **deletion** test')).toEqual([]);
    expect(blocks('cloze **deletion** test', { ...DEFAULT_CARD_SYNTAX, boldClozes: true })).toEqual([['cloze', 'cloze **deletion** test', 1]]);
    expect(blocks('cloze {{deletion}} test', { ...DEFAULT_CARD_SYNTAX, curlyClozes: true })).toEqual([['cloze', 'cloze {{deletion}} test', 1]]);
  });

  test('a code block never starts a card, and HTML comments are skipped', () => {
    expect(blocks('```\nQ::A\n```')).toEqual([]);
    expect(blocks('<!--\nQ::A\n-->')).toEqual([]);
  });

  test('without a deck tag in the properties, only cards after a #flashcards tag in the text count', () => {
    expect(findSrBlocks({ source: 'Q0::A0\n\n#flashcards/aws\nQ1::A1', propertyTags: [] }, DEFAULT_CARD_SYNTAX).map((b) => b.text)).toEqual(['Q1::A1']);
  });
});

describe('cards in a vault (fixture sr-cards)', () => {
  const build = buildVault({ vaultDir: `${QUESTION_FIXTURES}sr-cards` });
  const of = (name: string): Question[] => build.lessons.find((l) => l.name === name)?.questions ?? [];
  const cards = of('EC2 cards');

  test('one-line, reversed and multi-line cards become review cards with their note and heading as context', () => {
    const fronts = cards.filter((q) => q.kind === 'card').map((q) => (q.kind === 'card' ? [q.stem, q.back] : []));
    expect(fronts).toEqual([
      ['What does an AMI contain', 'Launch permissions, a block device mapping and the root volume template'],
      ['Instance store', 'Temporary block storage on the host'],
      ['Temporary block storage on the host', 'Instance store'],
      ['Which two things must match\nto attach an EBS volume?', 'The Availability Zone\nand the account'],
      ['EBS-optimized instance', 'An instance with dedicated bandwidth to EBS'],
      ['An instance with dedicated bandwidth to EBS', 'EBS-optimized instance'],
    ]);
    expect(cards.find((q) => q.stem === 'EBS-optimized instance')).toMatchObject({
      origin: 'authored',
      context: 'EC2 cards › Multi-line',
      source: { heading: 'Multi-line', line: 22 },
    });
  });

  test('each highlight of a cloze block is one blank with the others shown, and a ^[hint] is shown with it', () => {
    const clozes = cards.filter((q) => q.kind === 'cloze');
    expect(clozes.map((q) => q.kind === 'cloze' && [q.before, q.answers[0], q.after])).toEqual([
      ['Snapshots are stored in ', 'Amazon S3', ' and are incremental.'],
      ['Snapshots are stored in Amazon S3 and are ', 'incremental', '.'],
      ['An AMI is ', 'regional', ' and must be copied to use it elsewhere.'],
    ]);
    expect(clozes[2]?.stem).toBe('Fill in the blank (hint: scope).');
  });

  test('the card before the deck tag, the ARN in backticks, the card inside %%comments%% and grouped clozes give nothing', () => {
    const text = JSON.stringify(cards);
    for (const absent of ['it has no deck', 'my-bucket', 'Hidden card', 'Grouped']) expect(text).not.toContain(absent);
  });

  test("a note without a flashcard tag has no cards; the plugin's own settings switch bold clozes on", () => {
    expect(of('Not a deck')).toEqual([]);
    expect(of('Bold clozes')).toMatchObject([{ kind: 'cloze', answers: ['deleted'] }]);
  });
});
