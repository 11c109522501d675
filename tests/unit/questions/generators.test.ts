import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { questionSchema, type Question } from '../../../src/content-pipeline/questions';
import { buildFixture, PROJECT_ROOT, QUESTION_FIXTURES } from './helpers';

function countKinds(questions: Question[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const q of questions) counts[q.kind] = (counts[q.kind] ?? 0) + 1;
  return counts;
}

/** Builds one of the question fixture vaults in place (the build only reads it). */
function questionsOf(vault: string): Map<string, Question[]> {
  const build = buildVault({ vaultDir: `${QUESTION_FIXTURES}${vault}` });
  return new Map(build.lessons.map((l) => [l.path, l.questions]));
}

const generated = (questions: Question[]) => questions.filter((q) => q.id.startsWith('c-') || q.origin === 'generated');

describe('generators on the reference note', () => {
  const build = buildVault({ vaultDir: `${PROJECT_ROOT}content/notes` });
  const lesson = build.lessons.find((l) => l.name === 'Amazon Machine Images (AMI)');
  const questions = lesson?.questions.filter((q) => q.origin === 'generated') ?? [];

  test('plain exam bullets with nothing marked give no question: no negated true/false, no "which statement is true"', () => {
    // Updated for issue 10: the old generator negated these bullets ("AMIs are not regional"),
    // which a learner wins by spotting the "not". Only the definition and the lifecycle remain.
    expect(countKinds(questions)).toEqual({ card: 1, ordering: 1 });
    expect(JSON.stringify(questions)).not.toMatch(/ not regional|can be edited|only way|They only work|Private permissions/);
  });

  test('none is malformed, and every one names its subject and links back to the note', () => {
    for (const q of questions) {
      expect(questionSchema.safeParse(q).success).toBe(true);
      expect(q.context?.startsWith('Amazon Machine Images (AMI)')).toBe(true);
      expect(q.source).toMatchObject({ path: 'Amazon Machine Images (AMI).md', slug: 'amazon-machine-images-ami' });
    }
  });

  test('the lifecycle list becomes an ordering question whose repeated "Launch" steps are told apart', () => {
    const ordering = questions.find((q) => q.kind === 'ordering');
    expect(ordering).toMatchObject({
      stem: 'Amazon Machine Images (AMI): put the steps of “AMI Lifecycle” in order.',
      source: { heading: 'AMI Lifecycle', anchor: 'ami-lifecycle' },
    });
    expect(ordering?.kind === 'ordering' && ordering.items.map((i) => i.text.split(':')[0])).toEqual(['Launch', 'Configure', 'Create Image', 'Launch']);
  });

  test('**AMI Baking** becomes a card whose front names the note, not the bare term', () => {
    expect(questions.find((q) => q.kind === 'card')).toMatchObject({ stem: 'Amazon Machine Images (AMI): AMI Baking', back: 'creating an AMI from a configured instance + app' });
  });

  test('authored questions carry their subject too, for the page to show before the question', () => {
    const authored = build.lessons.flatMap((l) => l.questions).filter((q) => q.origin === 'authored' && q.id.startsWith('q-'));
    expect(authored.length).toBeGreaterThan(0);
    for (const q of authored) expect(q.context).toBeTruthy();
  });

  test('ids are deterministic across builds', () => {
    const again = buildVault({ vaultDir: `${PROJECT_ROOT}content/notes` }).lessons.find((l) => l.name === lesson?.name);
    expect(again?.questions.map((q) => q.id)).toEqual(lesson?.questions.map((q) => q.id));
  });
});

describe('across the notes we ship', () => {
  const all = buildVault({ vaultDir: `${PROJECT_ROOT}content/notes` }).lessons.flatMap((l) => generated(l.questions));

  test('true/false keys are between 40% and 60% True', () => {
    const tf = all.filter((q) => q.kind === 'truefalse');
    const trues = tf.filter((q) => q.kind === 'truefalse' && q.options.find((o) => o.text === 'True')?.correct).length;
    expect(tf.length).toBeGreaterThan(5);
    expect(trues / tf.length).toBeGreaterThanOrEqual(0.4);
    expect(trues / tf.length).toBeLessThanOrEqual(0.6);
  });

  test('no wrong option text appears in more than two questions', () => {
    const uses = new Map<string, number>();
    for (const q of all) {
      if (q.kind !== 'choice') continue;
      for (const o of q.options.filter((x) => !x.correct)) uses.set(o.text, (uses.get(o.text) ?? 0) + 1);
    }
    expect(Math.max(0, ...uses.values())).toBeLessThanOrEqual(2);
  });

  test('at least 30% of generated questions are multiple choice or true/false, and every stem names its subject', () => {
    const scored = all.filter((q) => q.kind === 'choice' || q.kind === 'truefalse').length;
    expect(scored / all.length).toBeGreaterThanOrEqual(0.3);
    for (const q of all) {
      expect(q.context).toBeTruthy();
      if (q.kind !== 'ordering') expect(q.stem.startsWith(`${q.context}:`)).toBe(true);
    }
  });
});

describe('exam facts wherever a vault keeps them (fixture exam-sources)', () => {
  const byPath = questionsOf('exam-sources');
  const efs = byPath.get('Amazon EFS.md') ?? [];
  const answers = efs.flatMap((q) => (q.kind === 'cloze' ? q.answers : []));

  test('important and tip callouts, "⚠️ Key Exam Nuggets", "Exam PowerUP" and the settings file\'s own callout and heading all count', () => {
    expect(answers).toEqual(expect.arrayContaining(['multiple AZs', '30 days', 'NFSv4', '47%', '35,000']));
    expect(efs.every((q) => q.kind === 'cloze' && q.stem === 'Amazon EFS: fill in the blank.')).toBe(true);
  });

  test('a note callout, an "Examples" heading and an info callout are not exam material', () => {
    expect(answers).not.toContain('bold term');
    expect(byPath.get('Amazon FSx.md')).toEqual([]);
  });

  test('writing rules, templates and folders excluded in ami-lab.json give no questions but stay on the site', () => {
    expect(byPath.get('Writing rules.md')).toEqual([]);
    expect(byPath.get('Templates/Service template.md')).toEqual([]);
    expect(byPath.get('Drafts/Unfinished.md')).toEqual([]);
  });

  test('the one API name in backticks is a blank; a resource ID in backticks is not', () => {
    expect(answers).toContain('CreateMountTarget');
    expect(JSON.stringify(efs)).not.toContain('fs-0123456789abcdef0');
  });

  test('a quantity cloze accepts the number without its unit', () => {
    expect(efs.find((q) => q.kind === 'cloze' && q.answers[0] === '47%')).toMatchObject({
      answers: ['47%', '47'],
      before: 'One Zone storage classes keep data in a single AZ, so they cost about ',
    });
  });
});

describe("questions from the note's structure (fixture structure)", () => {
  const byPath = questionsOf('structure');
  const efs = byPath.get('Amazon EFS performance.md') ?? [];

  test('side-by-side **Term**: value lines become "which term" questions whose options are the siblings, with the subject in the stem', () => {
    const base = efs.find((q) => q.kind === 'choice' && q.stem.includes('“50 MiB/s per TiB”'));
    expect(base).toMatchObject({ stem: 'Amazon EFS performance › Throughput: which term matches “50 MiB/s per TiB”?', context: 'Amazon EFS performance › Throughput' });
    expect(base?.kind === 'choice' && base.options.map((o) => o.text).sort()).toEqual(['Base', 'Burst', 'Read-heavy']);
    expect(base?.kind === 'choice' && base.options.find((o) => o.correct)?.text).toBe('Base');
  });

  test("a false statement only puts a sibling's definition in place of the right one: every statement is written in the note", () => {
    const note = readFileSync(`${QUESTION_FIXTURES}structure/Amazon EFS performance.md`, 'utf8');
    const statements = efs.filter((q) => q.kind === 'truefalse');
    expect(statements.length).toBeGreaterThan(2);
    for (const q of statements) {
      const statement = q.stem.split('true or false? ')[1] ?? '';
      const definition = statement.slice(statement.indexOf(': ') + 2).replace(/\.$/, '');
      expect(note).toContain(definition);
      if (q.kind === 'truefalse' && q.options.find((o) => o.text === 'False')?.correct) expect(q.explanation).toMatch(/^False\. That is what the note says of .+; /);
    }
  });

  test('a definition that ends at a colon keeps the list that follows it, or is skipped', () => {
    expect(efs.find((q) => q.kind === 'card' && q.stem.endsWith('Supported protocols'))).toMatchObject({ back: 'NFSv4.0; NFSv4.1' });
    expect(JSON.stringify(efs)).not.toContain('Security groups');
    for (const q of efs) if (q.kind === 'card') expect(q.back).not.toMatch(/:$/);
  });

  test('sibling headings of one kind become "which one" questions; aspect headings (Pricing, Performance, Security) do not', () => {
    const s3 = byPath.get('S3 storage classes.md') ?? [];
    expect(s3).toHaveLength(4);
    expect(s3[0]).toMatchObject({
      kind: 'choice',
      stem: 'S3 storage classes: which one does the note describe as “Millisecond access for frequently read objects, no retrieval fee”?',
    });
    expect(byPath.get('Services overview.md')).toEqual([]);
  });

  test('misconceptions the author named as such become true/false questions keyed False; a "❌" limitation (true) does not', () => {
    const traps = byPath.get('Misconceptions.md') ?? [];
    expect(traps.map((q) => q.kind === 'truefalse' && q.options.find((o) => o.correct)?.text)).toEqual(['False', 'False']);
    expect(traps[0]?.stem).toBe('Misconceptions › EBS snapshots: true or false? Snapshots are stored in a bucket you can list in the S3 console.');
    expect(traps[0]?.explanation).toBe(
      'False. The note lists “Snapshots are stored in a bucket you can list in the S3 console” as a misconception: they live in S3, but in no bucket of yours.',
    );
    expect(JSON.stringify(traps)).not.toContain('another AZ');
  });

  test('no distractor is used in more than two questions', () => {
    const uses = new Map<string, number>();
    for (const q of [...byPath.values()].flat()) {
      if (q.kind === 'choice') for (const o of q.options.filter((x) => !x.correct)) uses.set(o.text, (uses.get(o.text) ?? 0) + 1);
    }
    expect(Math.max(...uses.values())).toBeLessThanOrEqual(2);
  });
});

describe('ordering only where order is real (fixture ordering)', () => {
  const questions = questionsOf('ordering').get('AMI procedures.md') ?? [];
  const stems = questions.map((q) => q.stem);

  test('steps under a heading that names a process, and a sequence written with arrows, are ordering questions', () => {
    expect(stems).toEqual(['AMI procedures › Image states: put these in order.', 'AMI procedures: put the steps of “Steps to create an EBS-backed AMI” in order.']);
  });

  test('a numbered list of categories, a list of links and steps that may swap are not', () => {
    const text = JSON.stringify(questions);
    expect(text).not.toContain('Marketplace');
    expect(text).not.toContain('Copy an AMI');
    expect(text).not.toContain('Optionally');
  });
});

describe('generators on the good fixture', () => {
  const build = buildFixture('good');
  const facts = build.lessons.find((l) => l.name === 'Facts')?.questions ?? [];

  test('a highlight in an exam callout is a cloze, a lone definition a card, steps an ordering; a plain fact is skipped', () => {
    expect(countKinds(facts)).toEqual({ cloze: 1, card: 1, ordering: 1 });
    expect(facts.find((q) => q.kind === 'cloze')).toMatchObject({ before: 'An ', after: ' is a template for launching instances', answers: ['AMI'], origin: 'authored' });
  });

  test('ids of generated questions are unique in the vault', () => {
    const ids = build.lessons.flatMap((l) => l.questions.map((q) => q.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
