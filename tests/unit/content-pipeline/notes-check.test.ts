import { describe, expect, test } from 'vitest';
import { runNotesCheck } from '../../../src/content-pipeline/cli/notes-check';
import { FIXTURES, PROJECT_ROOT, writeVault } from './helpers';

describe('npm run notes:check', () => {
  test('lists each broken link and embed with file, line, target and a suggestion, and fails', () => {
    const outcome = runNotesCheck(['--dir', `${FIXTURES}good`], {}, PROJECT_ROOT);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.output).toContain('Home.md:17  unresolved-link  Link [[Missing Note]] points to no note in this vault');
    expect(outcome.output).toContain('Home.md:37  missing-embed');
    expect(outcome.output).toMatch(/4 notes, 1 embed loop, 1 unresolved link, 1 missing heading, 1 missing embed$/);
  });

  test('suggests the closest note name for a typo', () => {
    const vault = writeVault({ 'Regions and Availability Zones.md': 'x', 'A.md': '[[Regions and Availabilty Zones]]' });
    expect(runNotesCheck(['--dir', vault], {}, PROJECT_ROOT).output).toContain('(did you mean "Regions and Availability Zones"?)');
  });

  test('passes on a clean vault', () => {
    const vault = writeVault({ 'A.md': '[[B]]', 'B.md': '[[A]]' });
    expect(runNotesCheck(['--dir', vault], {}, PROJECT_ROOT)).toEqual({ exitCode: 0, output: `${vault}: 2 notes, no problems` });
  });

  test('reports an unbuildable note by file and line', () => {
    const outcome = runNotesCheck(['--dir', `${FIXTURES}broken`], {}, PROJECT_ROOT);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.output).toContain('Bad properties.md:2  invalid-frontmatter  Invalid YAML in properties');
  });

  test('reads NOTES_DIR when no --dir is given', () => {
    expect(runNotesCheck([], { NOTES_DIR: `${FIXTURES}good` }, PROJECT_ROOT).output).toContain('4 notes');
  });

  test('JSON output carries the same problems', () => {
    const parsed = JSON.parse(runNotesCheck(['--dir', `${FIXTURES}good`, '--json'], {}, PROJECT_ROOT).output) as { problems: unknown[] };
    expect(parsed.problems).toHaveLength(4);
  });

  test('a wrong flag or a missing folder is a usage error with a clear message', () => {
    const wrongFlag = runNotesCheck(['--folder', 'x'], {}, PROJECT_ROOT);
    expect(wrongFlag.exitCode).toBe(2);
    expect(wrongFlag.output).toMatch(/^notes:check: Unknown option '--folder'/);
    expect(wrongFlag.output).toContain('Usage: npm run notes:check');
    const missing = runNotesCheck(['--dir', '/no/such/vault'], {}, PROJECT_ROOT);
    expect(missing).toEqual({ exitCode: 2, output: 'notes:check: the vault folder /no/such/vault does not exist or is not a folder.' });
  });
});

describe('npm run notes:check on malformed questions', () => {
  test('reports malformed questions and broken links in the same run', () => {
    const vault = writeVault({
      'Quiz.md': ['See [[Nowhere]].', '', '> [!question]- Which two? (Choose 2)', '> - [x] Right', '> - [ ] Wrong', '> - [ ] Also wrong', '', '^q-bad-count', ''].join('\n'),
    });
    const outcome = runNotesCheck(['--dir', vault], {}, PROJECT_ROOT);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.output).toMatch(/Quiz\.md:1 {2}unresolved-link/);
    expect(outcome.output).toMatch(/Quiz\.md:\d+ {2}malformed-question .*Choose 2/);
  });
});

describe('the content check over the notes we ship (check:content)', () => {
  const knownFile = `${PROJECT_ROOT}content/known-problems.json`;

  test('passes on content/notes, listing the one accepted problem with its reason', () => {
    const outcome = runNotesCheck(['--known', knownFile], {}, PROJECT_ROOT);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.output).toContain("missing-embed  accepted: The learner's own note");
    expect(outcome.output).toMatch(/no problems \(1 accepted\)$/);
  });

  test('a problem not on the list still fails, and a listed problem that is gone fails too', () => {
    const vault = writeVault({ 'A.md': '[[Nowhere]]' });
    const list = writeVault({ 'known.json': JSON.stringify([{ file: 'A.md', kind: 'missing-embed', target: 'x.png', why: 'old' }]) });
    const outcome = runNotesCheck(['--dir', vault, '--known', `${list}/known.json`], {}, PROJECT_ROOT);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.output).toContain('A.md:1  unresolved-link');
    expect(outcome.output).toContain('"x.png" is listed as a known problem but no longer occurs');
  });

  test('a malformed list is a usage error that names the file and what is wrong', () => {
    const list = writeVault({ 'known.json': '[{"file": "A.md"}]' });
    const outcome = runNotesCheck(['--known', `${list}/known.json`], {}, PROJECT_ROOT);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.output).toMatch(/known\.json: entry 0\.kind: .*each entry needs file, kind, target and why/);
  });
});
