/**
 * The pipeline's per-note cache (build-lessons.ts, `cache` option): a build that reuses the last
 * build's parses and renderings gives exactly the lessons, problems and attachments of a build
 * without the cache, after an edit of any kind. The obsidian-syntax fixture's basics are copied:
 * "Embeds.md" is embedded whole by "Note embeds.md", so an edit of it must reach that lesson too.
 * The questions are kept per note too (authored ones, and what the generators read of the tree):
 * a vault of the question fixtures, with a question file and a study settings file, checks them.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildVault, type VaultBuild } from '../../../src/content-pipeline/build-lessons';

const ROOT = new URL('../../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'ami-lab-pipeline-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What the site is made from: every lesson (HTML, links, backlinks, questions), problems, attachments. */
function output(build: VaultBuild): string {
  return JSON.stringify({ lessons: build.lessons, warnings: build.warnings, attachments: build.attachments });
}

describe('the per-note pipeline cache', () => {
  const vault = join(work, 'vault');
  cpSync(join(ROOT, 'tests/fixtures/vaults/obsidian-syntax/basics'), vault, { recursive: true });
  const cache = { file: join(work, 'cache', 'pipeline.bin'), version: 'test' };
  const cold = () => output(buildVault({ vaultDir: vault }));
  const cached = () => output(buildVault({ vaultDir: vault, cache }));

  test('a build that fills the cache and one that reads it equal a build without it', () => {
    expect(cached()).toBe(cold());
    expect(cached()).toBe(cold());
  });

  test('after an edit of an embedded note, its embedding note shows the edit', () => {
    cached();
    appendFileSync(join(vault, 'Embeds.md'), '\nA sentence added later.\n');
    const after = buildVault({ vaultDir: vault, cache });
    expect(after.lessons.find((l) => l.path === 'Note embeds.md')?.html).toContain('A sentence added later.');
    expect(output(after)).toBe(cold());
  });

  test('after a new heading, a new alias or a new link, the cached build equals a cold one', () => {
    cached();
    appendFileSync(join(vault, 'Callouts.md'), '\n## A heading added later\n\nText under it.\n');
    expect(cached()).toBe(cold());
    appendFileSync(join(vault, 'Random.md'), '\nSee [[Callouts#A heading added later]] and [[Later alias]].\n');
    expect(cached()).toBe(cold());
    const tags = join(vault, 'Tags.md');
    writeFileSync(tags, readFileSync(tags, 'utf8').replace(/^---\n/, '---\naliases: [Later alias]\n'));
    expect(cached()).toBe(cold());
  });

  test('with writeLater, the cache is written only when the caller asks, and only when the run changed it', () => {
    const later = { file: join(work, 'cache', 'later.bin'), version: 'test', writeLater: true };
    const first = buildVault({ vaultDir: vault, cache: later });
    // Every note of the vault, those kept off the site (`publish: false`) too.
    expect(first.notesParsed).toBe(readdirSync(vault, { recursive: true }).filter((f) => String(f).endsWith('.md')).length);
    expect(existsSync(later.file)).toBe(false);
    expect(first.writeCache).toBeTypeOf('function');
    first.writeCache?.();
    expect(existsSync(later.file)).toBe(true);
    // Read back: nothing changed, nothing to write; the lessons are the same as a cold build's.
    const second = buildVault({ vaultDir: vault, cache: later });
    expect(second.writeCache).toBeUndefined();
    expect(second.notesParsed).toBe(0);
    expect(output(second)).toBe(cold());
    appendFileSync(join(vault, 'Random.md'), '\nA line added later.\n');
    const third = buildVault({ vaultDir: vault, cache: later });
    expect(third.notesParsed).toBe(1);
    expect(third.writeCache).toBeTypeOf('function');
  });

  test('a cache of another pipeline version is not used', () => {
    cached();
    appendFileSync(join(vault, 'Math.md'), '\nMore math: $x^2$.\n');
    expect(output(buildVault({ vaultDir: vault, cache: { ...cache, version: 'other' } }))).toBe(cold());
  });
});

describe('the questions kept per note', () => {
  const vault = join(work, 'questions');
  for (const fixture of ['good', 'comparisons', 'exam-sources', 'question-files/good']) cpSync(join(ROOT, 'tests/fixtures/questions', fixture), vault, { recursive: true });
  const cache = { file: join(work, 'cache', 'questions.bin'), version: 'test' };
  const cold = () => output(buildVault({ vaultDir: vault }));
  const cached = () => output(buildVault({ vaultDir: vault, cache }));
  const questionsOf = (path: string) => buildVault({ vaultDir: vault, cache }).lessons.find((l) => l.path === path)?.questions ?? [];

  test('a build that reads them equals a build without the cache, and makes questions of every kind', () => {
    expect(cached()).toBe(cold());
    expect(cached()).toBe(cold());
    const kinds = new Set(buildVault({ vaultDir: vault, cache }).lessons.flatMap((l) => l.questions.map((q) => `${q.origin} ${q.kind}`)));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['authored choice', 'authored ordering', 'authored truefalse', 'generated choice', 'generated truefalse']));
  });

  test('a new title reaches the authored questions of the note and of its question file', () => {
    cached();
    const note = join(vault, 'Note.md');
    writeFileSync(note, readFileSync(note, 'utf8').replace(/^---\n/, '---\ntitle: A later title\n'));
    const titles = new Set(questionsOf('Note.md').map((q) => q.source.title));
    expect(titles).toEqual(new Set(['A later title']));
    expect(questionsOf('Note.md').filter((q) => q.origin === 'authored').length).toBeGreaterThan(1);
    expect(cached()).toBe(cold());
  });

  test('a change to the study settings reads every kept note again', () => {
    cached();
    const before = questionsOf('Amazon EFS.md').length;
    const settings = join(vault, 'ami-lab.json');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace('"examCallouts": ["aws-exam"]', '"examCallouts": []'));
    expect(questionsOf('Amazon EFS.md').length).not.toBe(before);
    expect(cached()).toBe(cold());
  });

  test('an edited question, and a note that takes one over from another, give a cold build', () => {
    cached();
    const quiz = join(vault, 'Quiz.md');
    writeFileSync(quiz, readFileSync(quiz, 'utf8').replace('Which Region can a new AMI launch in?', 'Where can a new AMI launch?'));
    expect(cached()).toBe(cold());
    expect(questionsOf('Quiz.md').some((q) => q.kind === 'choice' && q.stem.startsWith('Where can a new AMI launch?'))).toBe(true);
    appendFileSync(join(vault, 'Facts.md'), `\n${readFileSync(quiz, 'utf8').split('\n## Check yourself\n')[1]?.split('^q-fixture-single')[0]}^q-fixture-single\n`);
    expect(() => buildVault({ vaultDir: vault, cache })).toThrow(/duplicate question id "\^q-fixture-single"/);
  });
});
