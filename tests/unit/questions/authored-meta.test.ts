import { readdirSync, readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import { extractBlockIds } from '../../../src/content-pipeline/obsidian/block-ids';
import { parseVaultAuthored } from '../../../src/content-pipeline/questions';
import { parseAuthoredQuestions } from '../../../src/content-pipeline/questions/authored';
import { isQuestionFile } from '../../../src/content-pipeline/questions/question-files';
import { EXAM_DOMAINS, type Question } from '../../../src/content-pipeline/questions/schema';
import { PROJECT_ROOT } from './helpers';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

function noteOf(path: string, markdown: string) {
  const tree = parser.parse(markdown) as Root;
  extractBlockIds(tree);
  return { path, slug: 'note', title: path.replace(/^.*\//, '').replace(/\.md$/, ''), tags: [], tree };
}

function parse(path: string, markdown: string) {
  return parseAuthoredQuestions({ ...noteOf(path, markdown), title: 'Note' });
}

const question = (meta: string) =>
  [
    '> [!question]- A team must keep a copy of its AMI in a second Region. What should it do? (Choose 1)',
    '> - [x] Copy the AMI to the second Region',
    '> 	- AMIs are regional.',
    '> - [ ] Share the AMI with the second Region',
    '> 	- Sharing is with accounts, not Regions.',
    '>',
    '> Explanation: Copy it.',
    meta,
    '',
    '^q-meta-01',
    '',
  ].join('\n');

describe('Domain and Source lines of an authored question', () => {
  test('are read into domain and sourceUrl and kept out of the explanation', () => {
    const result = parse('A.md', question('> Domain: resilient\n> Source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html'));
    expect(result.problems).toEqual([]);
    expect(result.questions[0]).toMatchObject({
      explanation: 'Copy it.',
      domain: 'resilient',
      sourceUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html',
    });
  });

  test('are optional', () => {
    const result = parse('A.md', question(''));
    expect(result.problems).toEqual([]);
    expect(result.questions[0]).not.toHaveProperty('domain');
    expect(result.questions[0]).not.toHaveProperty('sourceUrl');
  });

  test('an unknown domain and a non-https source are author problems with file and line', () => {
    const result = parse('A.md', question('> Domain: security\n> Source: http://docs.aws.amazon.com/x.html'));
    expect(result.questions).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'malformed-question', file: 'A.md', line: 8, message: `unknown Domain "security": use one of ${EXAM_DOMAINS.join(', ')}` }),
      expect.objectContaining({ kind: 'malformed-question', file: 'A.md', line: 9, message: expect.stringContaining('is not an https:// link') }),
    ]);
  });
});

// Notes written before the exam-style format: each carries at least 6 authored questions. The
// reference note (the learner's own, never edited) has none of its own: its questions are in its
// question file, content/notes/_questions/ (see questions/question-files.ts).
const REFERENCE = 'Amazon Machine Images (AMI).md';
const EXISTING_NOTES = [
  'AMI deprecation, deregistration and the Recycle Bin.md',
  'Block device mappings.md',
  'Copying AMIs and snapshots across Regions.md',
  'EBS Snapshots, Restore, and Fast Snapshot Restore (FSR).md',
  'EBS encryption and AMIs.md',
  'EC2 instance lifecycle.md',
  'Instance store-backed vs EBS-backed AMIs.md',
  'Regions and Availability Zones.md',
  'Sharing AMIs and launch permissions.md',
];

describe('the authored questions we ship in content/notes', () => {
  const dir = `${PROJECT_ROOT}content/notes/`;
  const notes = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== REFERENCE);
  const parsed = new Map(notes.map((file) => [file, parse(file, readFileSync(dir + file, 'utf8'))]));

  test('parse without problems', () => {
    expect([...parsed.values()].flatMap((r) => r.problems)).toEqual([]);
  });

  test('every choice and true/false question explains every option and has a Domain and an https Source', () => {
    expect([...parsed].flatMap(([file, result]) => missingMeta(file, result.questions))).toEqual([]);
  });

  test.each(EXISTING_NOTES)('%s has at least 6 authored questions', (file) => {
    expect(parsed.get(file)?.questions.length ?? 0).toBeGreaterThanOrEqual(6);
  });
});

describe('the reference note, through its question file', () => {
  // The pipeline's own step: notes and question files together, as buildVault hands them over
  // (question files are never lessons; tests/unit/questions/question-files.test.ts builds them).
  const dir = `${PROJECT_ROOT}content/notes/`;
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
  const vault = parseVaultAuthored(files.map((file) => noteOf(file, readFileSync(dir + file, 'utf8'))));
  const authored = vault.byPath.get(REFERENCE)?.questions ?? [];

  test('its question files parse without problems', () => {
    expect(files.filter(isQuestionFile).length).toBeGreaterThan(0);
    expect(vault.problems).toEqual([]);
  });

  test('its lesson quiz has at least 6 authored questions, none of them written in the note itself', () => {
    expect(authored.length).toBeGreaterThanOrEqual(6);
    expect(parse(REFERENCE, readFileSync(dir + REFERENCE, 'utf8')).questions).toEqual([]);
    expect(authored.every((q) => q.source.path === REFERENCE && q.source.title === 'Amazon Machine Images (AMI)')).toBe(true);
  });

  test('every one explains every option and has a Domain and an https Source', () => {
    expect(missingMeta(REFERENCE, authored)).toEqual([]);
  });
});

/** What a choice or true/false question lacks of the exam-style format, one line per gap. */
function missingMeta(file: string, questions: readonly Question[]): string[] {
  const missing: string[] = [];
  for (const q of questions) {
    if (q.kind !== 'choice' && q.kind !== 'truefalse') continue;
    for (const option of q.options) if (!option.explanation.trim()) missing.push(`${file} ^${q.id}: option "${option.text}" has no explanation`);
    if (!q.explanation.trim()) missing.push(`${file} ^${q.id}: no Explanation line`);
    if (!q.domain) missing.push(`${file} ^${q.id}: no Domain line`);
    if (!q.sourceUrl?.startsWith('https://')) missing.push(`${file} ^${q.id}: no https Source line`);
  }
  return missing;
}
