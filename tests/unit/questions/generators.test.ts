import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { assembleVaultQuestionsWithReport, parseVaultAuthored, questionSchema, SKIP_REASONS, type Question } from '../../../src/content-pipeline/questions';
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

  test('side-by-side **Term**: value lines of one kind become "which term" questions whose options are the siblings, with the subject in the stem', () => {
    const oneZone = efs.find((q) => q.kind === 'choice' && q.stem.includes('“frequently accessed data kept in a single AZ”'));
    expect(oneZone).toMatchObject({
      stem: 'Amazon EFS performance › Storage classes: which term matches “frequently accessed data kept in a single AZ”?',
      context: 'Amazon EFS performance › Storage classes',
    });
    expect(oneZone?.kind === 'choice' && oneZone.options.find((o) => o.correct)?.text).toBe('EFS One Zone');
    for (const o of oneZone?.kind === 'choice' ? oneZone.options : []) expect(o.text).toMatch(/^EFS /);
  });

  test('labels that name no kind (Base, Burst, Read-heavy) are never asked as "which term"; only values that exclude each other are swapped', () => {
    const throughput = efs.filter((q) => q.context === 'Amazon EFS performance › Throughput');
    expect(throughput.length).toBeGreaterThan(0);
    expect(throughput.every((q) => q.kind === 'truefalse')).toBe(true);
    // "Read-heavy: reads are metered at one third …" is prose beside the two rates: it is never swapped in.
    expect(JSON.stringify(throughput)).not.toMatch(/(Base|Burst): reads are metered/);
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

describe('comparisons of siblings on one attribute (fixture comparisons)', () => {
  const build = buildVault({ vaultDir: `${QUESTION_FIXTURES}comparisons`, questions: false });
  const lessons = build.lessons.map((l) => ({ ...l, tree: build.parsed.get(l.path)?.tree ?? { type: 'root' as const, children: [] } }));
  const result = assembleVaultQuestionsWithReport(lessons, parseVaultAuthored([]));
  const s3 = result.byPath.get('S3 archive classes.md') ?? [];
  const aurora = result.byPath.get('Aurora capacity.md') ?? [];
  const skipsOf = (path: string) => result.reports.find((r) => r.path === path)?.skipped ?? [];
  const note = readFileSync(`${QUESTION_FIXTURES}comparisons/S3 archive classes.md`, 'utf8');

  test('sibling sections that state the same label give "which one has …" with only the siblings that state another value as options', () => {
    const ninety = s3.find((q) => q.kind === 'choice' && q.stem.includes('Minimum storage duration: 90 days'));
    expect(ninety).toMatchObject({ stem: 'S3 archive classes: which one has “Minimum storage duration: 90 days”?' });
    expect(ninety?.kind === 'choice' && ninety.options.map((o) => `${o.correct ? '*' : ''}${o.text}`).sort()).toEqual([
      '*S3 Glacier Instant Retrieval',
      'S3 Glacier Deep Archive',
      'S3 Standard-IA',
    ]);
  });

  test("a table's rows are the things and its columns their attributes; a value two rows share is never the key of a choice", () => {
    const latency = s3.find((q) => q.kind === 'choice' && q.stem.includes('First byte latency'));
    expect(latency?.stem).toBe('S3 archive classes › Retrieval at a glance: which storage class has “First byte latency: Within 12 hours”?');
    expect(s3.some((q) => q.kind === 'choice' && q.stem.includes('First byte latency: Milliseconds'))).toBe(false);
    // "N/A" states nothing: it is never a value, a statement or a distractor.
    expect(JSON.stringify(s3)).not.toContain('N/A');
  });

  test('every true/false names its subject and the thing, and a false one only gives the thing a value the note states for a sibling', () => {
    const statements = [...s3, ...aurora].filter((q) => q.kind === 'truefalse');
    expect(statements.length).toBeGreaterThan(4);
    for (const q of statements) {
      expect(q.stem).toMatch(/^(S3 archive classes|Aurora capacity)( › [^:]+)?: true or false\? .+ — .+: .+/);
      const value = q.stem.split(': ').pop()?.replace(/\.$/, '') ?? '';
      if (q.source.path === 'S3 archive classes.md') expect(note).toContain(value);
    }
    const serverlessPausing = aurora.find((q) => q.stem.includes('Aurora Serverless — Pausing'));
    if (serverlessPausing?.kind === 'truefalse' && serverlessPausing.options.find((o) => o.text === 'False')?.correct) {
      expect(serverlessPausing.stem).toContain('Not supported');
    }
  });

  test('in a "Feature | A | B" table the header cells are the things compared, never the feature names', () => {
    expect(aurora.length).toBeGreaterThan(0);
    for (const q of aurora) expect(q.stem).toMatch(/Aurora (Provisioned|Serverless) — (Capacity|Pausing|Billing):/);
  });

  test('values that could both be true (11 nines / 99.999999999%, prose costs) give no question, and the skip says why', () => {
    expect(JSON.stringify(s3)).not.toMatch(/Durability|cheaper storage|lowest storage price/);
    const reasons = skipsOf('S3 archive classes.md').map((s) => s.reason);
    expect(reasons).toContain('values-not-exclusive');
    expect(reasons).toContain('facets-of-one-subject');
  });

  test('aspect labels, labels that name no kind, a marker label, an aspect table, a one-row table and console clicks give nothing, each with its reason', () => {
    expect(result.byPath.get('Default VPC.md')).toEqual([]);
    expect(skipsOf('Default VPC.md').map((s) => s.reason)).toEqual([
      'not-one-kind',
      'facets-of-one-subject',
      'marker-label',
      'facets-of-one-subject',
      'table-shape',
      'console-walkthrough',
    ]);
  });

  test('every skip reason has a text for notes:check', () => {
    for (const r of result.reports) for (const s of r.skipped) expect(SKIP_REASONS[s.reason]).toBeTruthy();
  });
});

describe('questions read as the note reads in Obsidian (plain-text fixture)', () => {
  const questions = generated([...questionsOf('plain-text').values()].flat());
  const clozes = questions.filter((q) => q.kind === 'cloze');
  const report = (() => {
    const build = buildVault({ vaultDir: `${QUESTION_FIXTURES}plain-text`, questions: false });
    const lessons = build.lessons.map((l) => ({ ...l, tree: build.parsed.get(l.path)?.tree ?? { type: 'root' as const, children: [] }, source: build.parsed.get(l.path)?.source }));
    const notes = [...build.parsed.values()].map((p) => ({ path: p.note.path, slug: p.note.slug, title: p.frontmatter.title ?? p.note.name, tags: [], tree: p.tree }));
    return assembleVaultQuestionsWithReport(lessons, parseVaultAuthored(notes));
  })();
  const skipped = report.reports.flatMap((r) => r.skipped);

  test('inline math shows as the symbol it draws, not as LaTeX, and a <span> leaves only its words', () => {
    const text = JSON.stringify(questions);
    expect(text).not.toMatch(/\\\\(?:to|ge)\b|<span/);
    const keyword = clozes.find((q) => q.kind === 'cloze' && q.answers.includes('hardware isolation'));
    expect(keyword).toMatchObject({ before: 'Rack-level ', after: ' → choose Spread.' });
    const hardware = clozes.find((q) => q.kind === 'cloze' && q.answers.includes('distinct hardware'));
    expect(hardware?.kind === 'cloze' && hardware.before).toBe('Each instance in a spread group runs on ');
    expect(hardware?.kind === 'cloze' && hardware.after).toBe(' ≥ one rack apart.');
  });

  test('a blank whose answer the subject line already shows, too long to type back, or a quoted phrase, is skipped with its reason', () => {
    expect(clozes.some((q) => q.kind === 'cloze' && q.answers.some((a) => /cluster placement groups|do not work/i.test(a)))).toBe(false);
    const reasons = skipped.map((s) => s.reason);
    expect(reasons).toContain('answer-in-context');
    expect(reasons).toContain('answer-too-long');
    // A quoted trigger phrase is the author's wording, not a fact to type back.
    expect(clozes.some((q) => q.kind === 'cloze' && q.answers.some((a) => /topology/i.test(a)))).toBe(false);
    expect(reasons).toContain('quoted-phrase');
  });
});

describe('table values that teach nothing are not asked (plain-text fixture)', () => {
  const questions = generated([...questionsOf('plain-text').values()].flat());
  const text = JSON.stringify(questions);

  test('a bold statement ("DAX = DynamoDB-only"), question or negated clause is not a blank to fill', () => {
    expect(questions.some((q) => q.kind === 'cloze' && q.answers.some((a) => /DAX|Block specific|NOT replicated/.test(a)))).toBe(false);
  });

  test('a clue whose initials spell the answer ("Web application firewall" → WAF) is no multiple-choice clue', () => {
    expect(questions.some((q) => q.kind === 'choice' && /Web application firewall rules/.test(q.stem))).toBe(false);
    expect(questions.some((q) => q.kind === 'choice' && /Firewall Manager policy types/.test(q.stem))).toBe(true);
  });

  test('a "Bottom line" label is a marker, not a card front', () => {
    expect(questions.some((q) => q.kind === 'card' && /Bottom line/i.test(q.stem))).toBe(false);
  });

  test('a value the name spells out ("Canary10Percent5Minutes" — 5 minutes) and a cell that points elsewhere are never asked or swapped in', () => {
    const stems = questions.map((q) => q.stem).join('\n');
    expect(stems).not.toMatch(/Canary10Percent5Minutes — |Timeline: 5 minutes”|Traffic first shifted: 10%”/);
    expect(text).not.toMatch(/see Storage/);
    // The other rows still give questions: the table itself is sound.
    expect(text).toMatch(/Timeline|Optimized for/);
  });
});

describe('swaps a learner could reject without knowing the fact are not made (plain-text fixture)', () => {
  const questions = generated([...questionsOf('plain-text').values()].flat());
  const stems = questions.map((q) => q.stem).join('\n');

  test('a short value with no word of its own ("40 KB", "99.99%") is still asked: it restates nothing', () => {
    expect(stems).toMatch(/S3 Glacier Flexible Retrieval — Minimum billable size: |which class has “Minimum billable size: 40 KB”/);
  });

  test('numbers in different units are not swapped for each other ("40 per Region" is no "100 TB")', () => {
    expect(stems).not.toMatch(/RDS DB instances — Default limit: (?:100 TB|15)/);
    expect(stems).not.toMatch(/RDS total storage — Default limit: (?:40|15)/);
  });

  test('a hedge ("Depends on shipping time") is no value to ask or swap in', () => {
    expect(JSON.stringify(questions)).not.toMatch(/Depends on shipping/);
    expect(stems).toMatch(/DataSync|Direct Connect/);
  });

  test('a label whose text only restates it ("Batch: Run batch job") gives no true/false or card', () => {
    expect(stems).not.toMatch(/Batch: Run batch job|“Run batch job”/);
    expect(stems).toMatch(/Invoke a function|Publish a message|Start a container/);
  });
});

describe('scenario → answer lines (plain-text fixture)', () => {
  const questions = generated([...questionsOf('plain-text').values()].flat());

  test('each scenario asks "which one?" with the other scenarios\' answers as options, the verb dropped', () => {
    const cassandra = questions.find((q) => q.kind === 'choice' && q.stem.includes('“If the keyword is "topology aware" or "Cassandra"”'));
    expect(cassandra?.kind === 'choice' && cassandra.options.map((o) => `${o.correct ? '*' : ''}${o.text}`).sort()).toEqual(['*Partition', 'Cluster', 'Spread']);
    expect(cassandra?.context).toBe('Placement Groups › Choosing a placement group');
  });

  test('with fewer than three different answers, the answer is a blank after the scenario', () => {
    const gateway = questions.find((q) => q.kind === 'cloze' && q.answers.includes('Storage Gateway'));
    expect(gateway).toMatchObject({ before: 'Need low-latency on-prem access? → ', after: '' });
  });
});

describe('prose that may be true of several things is not swapped (plain-text fixture)', () => {
  const questions = generated([...questionsOf('plain-text').values()].flat());

  test('a table of descriptions outside a comparison gives "which one" questions but no false statement made of another row', () => {
    const hooks = questions.filter((q) => q.stem.includes('AppSpec hooks'));
    expect(hooks.some((q) => q.kind === 'truefalse')).toBe(false);
    expect(hooks.some((q) => q.kind === 'choice')).toBe(true);
  });

  test('"Step 1" and "Question" are no card fronts', () => {
    expect(questions.some((q) => q.kind === 'card' && /: (?:Step 1|Question)$/.test(q.stem))).toBe(false);
  });
});
