import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { runNotesCheck } from '../../../src/content-pipeline/cli/notes-check';
import { nonStudyReason } from '../../../src/content-pipeline/questions';
import { DEFAULT_STUDY_SETTINGS, readStudySettings, resolveStudySettings, StudySettingsError } from '../../../src/content-pipeline/study-settings';
import { PROJECT_ROOT, QUESTION_FIXTURES } from './helpers';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function vaultWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ami-lab-settings-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('the vault settings file', () => {
  test('a vault without one gets the defaults, which follow the spaced-repetition plugin', () => {
    const settings = readStudySettings(vaultWith({ 'A.md': '# A' }));
    expect(settings).toMatchObject({
      file: undefined,
      exclude: [],
      detectNonStudyNotes: true,
      cards: { tags: ['flashcards'], singleLine: '::', highlightClozes: true, boldClozes: false },
    });
  });

  test('YAML works as well as JSON, and "#" in a card tag is optional', () => {
    const settings = readStudySettings(vaultWith({ '.ami-lab.yaml': 'questions:\n  examHeadings: [Cheat sheet]\ncards:\n  tags: ["#srs"]\n' }));
    expect(settings).toMatchObject({ file: '.ami-lab.yaml', examHeadings: ['Cheat sheet'], cards: { tags: ['srs'] } });
  });

  test('a wrong value or an unknown key stops with the file and the key path', () => {
    expect(() => resolveStudySettings({ questions: { exclude: 'Meta' } }, 'ami-lab.json')).toThrow(
      'ami-lab.json: questions.exclude: Invalid input: expected array, received string',
    );
    expect(() => resolveStudySettings({ question: {} }, 'ami-lab.json')).toThrow(/^ami-lab\.json: unknown key "question"/);
    expect(() => readStudySettings(vaultWith({ 'ami-lab.json': '{ "questions": ' }))).toThrow(StudySettingsError);
    expect(() => readStudySettings(vaultWith({ 'ami-lab.yaml': 'questions: [\n' }))).toThrow(/^ami-lab\.yaml: line \d+: not valid YAML/);
  });

  test('the build and notes:check both stop on a bad settings file, naming it', () => {
    expect(() => buildVault({ vaultDir: `${QUESTION_FIXTURES}settings-broken` })).toThrow(/^ami-lab\.json: questions\./);
    const outcome = runNotesCheck(['--dir', `${QUESTION_FIXTURES}settings-broken`, '--questions'], {}, PROJECT_ROOT);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.output).toMatch(/^notes:check: ami-lab\.json: questions\./);
  });
});

describe('which notes are study material', () => {
  const reason = (path: string, exclude: string[] = [], tags: string[] = []) =>
    nonStudyReason({ path, title: path.replace(/^.*\//, '').replace(/\.md$/, ''), tags }, { ...DEFAULT_STUDY_SETTINGS, exclude, file: 'ami-lab.json' });

  test('exclude entries match a folder, a note name or a wildcard path', () => {
    expect(reason('Meta/Vault map.md', ['Meta/'])).toBe('excluded by "Meta/" in ami-lab.json');
    expect(reason('Compute/Writing guide draft.md', ['Writing guide draft'])).toMatch(/^excluded by/);
    expect(reason('Daily/2026-11-30.md', ['Daily/*'])).toMatch(/^excluded by/);
    expect(reason('Compute/EC2.md', ['Meta/', 'Daily/*'])).toBeUndefined();
  });

  test('templates, meta tags and notes about the vault are detected; AWS launch templates are study material', () => {
    expect(reason('Templates/Service.md')).toBe('in the folder "Templates"');
    expect(reason('EC2.md', [], ['meta'])).toBe('tagged #meta');
    expect(reason('README.md')).toMatch(/^its title "README"/);
    expect(reason('Compute/EC2 Launch Template.md')).toBeUndefined();
    expect(reason('Launch templates and instance refresh.md')).toBeUndefined();
  });
});

describe('notes:check --questions', () => {
  test('lists per note the questions made by kind and each skipped candidate with its line and reason', () => {
    const outcome = runNotesCheck(['--dir', `${QUESTION_FIXTURES}ordering`, '--questions'], {}, PROJECT_ROOT);
    expect(outcome.output).toContain('AMI procedures.md  2 questions (2 ordering); skipped 3: 1 unordered-list, 1 link-list, 1 steps-may-swap');
    expect(outcome.output).toContain(
      'AMI procedures.md:5  skipped: a numbered list under a heading that does not name a process: “Custom AMIs; AWS-provided AMIs; AWS Marketplace AMIs; Community AMIs”',
    );
    expect(outcome.output).toContain('Questions: 2 made; 3 candidates skipped');
  });

  test('says why a note that is not study material gave nothing, and gives the same report as JSON', () => {
    const outcome = runNotesCheck(['--dir', `${QUESTION_FIXTURES}exam-sources`, '--questions', '--json'], {}, PROJECT_ROOT);
    const report = JSON.parse(outcome.output) as { questions: Array<{ path: string; skipped: Array<{ reason: string; text: string }> }> };
    expect(report.questions.find((r) => r.path === 'Writing rules.md')?.skipped).toEqual([
      { reason: 'not-study-material', line: 1, text: 'its title "Writing rules" reads like a note about the vault, not about the exam' },
    ]);
  });

  test('without --questions the report is unchanged', () => {
    expect(runNotesCheck(['--dir', `${QUESTION_FIXTURES}exam-sources`], {}, PROJECT_ROOT).output).not.toContain('Questions per note');
  });
});
