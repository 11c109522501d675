import { describe, expect, test } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { isStandaloneFact, negateFact, questionSchema, type Question } from '../../../src/content-pipeline/questions';
import { buildFixture, PROJECT_ROOT } from './helpers';

function countKinds(questions: Question[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const q of questions) counts[q.kind] = (counts[q.kind] ?? 0) + 1;
  return counts;
}

describe('generators on the reference note', () => {
  const build = buildVault({ vaultDir: `${PROJECT_ROOT}content/notes` });
  const lesson = build.lessons.find((l) => l.name === 'Amazon Machine Images (AMI)');
  const questions = lesson?.questions ?? [];

  test('its exam callout and lifecycle list give 3 true/false, 3 "which is true", 1 card and 1 ordering question, all generated', () => {
    expect(countKinds(questions)).toEqual({ truefalse: 3, choice: 3, card: 1, ordering: 1 });
    expect(questions.every((q) => q.origin === 'generated')).toBe(true);
  });

  test('none is malformed, and every one shows its source sentence and links back to the note', () => {
    for (const q of questions) {
      expect(questionSchema.safeParse(q).success).toBe(true);
      expect(q.sourceText).toBeTruthy();
      expect(q.source).toMatchObject({ path: 'Amazon Machine Images (AMI).md', slug: 'amazon-machine-images-ami' });
    }
  });

  test('the wrong "only way to migrate into another AZ" bullet yields no question, and neither do fragments', () => {
    const text = JSON.stringify(questions);
    expect(text).not.toMatch(/only way/i);
    expect(text).not.toMatch(/They only work/);
    expect(text).not.toMatch(/Private permissions/);
  });

  test('the lifecycle list becomes an ordering question whose repeated "Launch" steps are told apart', () => {
    const ordering = questions.find((q) => q.kind === 'ordering');
    expect(ordering).toMatchObject({ stem: 'Put the steps of “AMI Lifecycle” in order.', source: { heading: 'AMI Lifecycle', anchor: 'ami-lifecycle' } });
    expect(ordering?.kind === 'ordering' && ordering.items.map((i) => i.text.split(':')[0])).toEqual(['Launch', 'Configure', 'Create Image', 'Launch']);
  });

  test('**AMI Baking** becomes a term/definition card', () => {
    expect(questions.find((q) => q.kind === 'card')).toMatchObject({ stem: 'AMI Baking', back: 'creating an AMI from a configured instance + app' });
  });

  test('"which statement is true" takes its distractors from negated exam facts of related notes', () => {
    for (const q of questions.filter((x) => x.kind === 'choice')) {
      if (q.kind !== 'choice') continue;
      expect(q.options.filter((o) => o.correct)).toHaveLength(1);
      for (const wrong of q.options.filter((o) => !o.correct)) expect(wrong.explanation).toMatch(/^False: the note “.+” says “.+”$/);
    }
  });

  test('ids are deterministic across builds', () => {
    const again = buildVault({ vaultDir: `${PROJECT_ROOT}content/notes` }).lessons.find((l) => l.name === lesson?.name);
    expect(again?.questions.map((q) => q.id)).toEqual(questions.map((q) => q.id));
  });
});

describe('generators on the good fixture', () => {
  const build = buildFixture('good');
  const facts = build.lessons.find((l) => l.name === 'Facts')?.questions ?? [];

  test('a highlight in an exam callout is a cloze, a short fact a true/false, a definition a card, a numbered list an ordering', () => {
    expect(countKinds(facts)).toEqual({ cloze: 1, truefalse: 1, card: 1, ordering: 1 });
    expect(facts.find((q) => q.kind === 'cloze')).toMatchObject({ before: 'An ', after: ' is a template for launching instances', answers: ['AMI'], origin: 'authored' });
  });

  test('ids of generated questions are unique in the vault', () => {
    const ids = build.lessons.flatMap((l) => l.questions.map((q) => q.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the statement rules', () => {
  test('negate a single main auxiliary, and refuse subordinate clauses, second clauses and "only"', () => {
    expect(negateFact('AMIs are regional')).toBe('AMIs are not regional');
    expect(negateFact("AMI can't be edited")).toBe('AMI can be edited');
    expect(negateFact('A new instance moves to running when it is ready')).toBeUndefined();
    expect(negateFact('Default permissions are only for your account')).toBeUndefined();
    expect(negateFact('It cannot be copied; launch an instance instead')).toBeUndefined();
  });

  test('a standalone fact has its own subject and no unverifiable "only way" claim', () => {
    expect(isStandaloneFact('AMIs are private by default')).toBe(true);
    expect(isStandaloneFact('They only work in the region in which they are created')).toBe(false);
    expect(isStandaloneFact('An AMI copy is the only way to move an instance')).toBe(false);
    expect(isStandaloneFact('Private permissions')).toBe(false);
  });
});
