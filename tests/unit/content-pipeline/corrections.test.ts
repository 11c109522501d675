import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { runNotesCheck } from '../../../src/content-pipeline/cli/notes-check';
import { parseCorrections } from '../../../src/content-pipeline/obsidian/corrections';
import { PROJECT_ROOT, renderNote, writeVault } from './helpers';

const NOTE = [
  '> [!warning] On the Exam',
  '> - AMIs are regional',
  '> - **Copying an AMI is the only way to move an instance to another AZ**',
  '> - Snapshots are billed for provisioned capacity',
  '',
  '## Lifecycle',
  '',
  '1. Launch',
  '2. Create AMI from the configured AMI',
  '3. Launch again',
  '',
].join('\n');

const CORRECTIONS = [
  '- note: Note.md',
  '  passage: Copying an AMI is the only way to move an instance to another AZ',
  '  correction: Inside one Region you image the instance and launch it in the other AZ; no copy is needed.',
  '  source: https://repost.aws/knowledge-center/move-ec2-instance',
  '- note: Note',
  '  passage: Snapshots are billed for provisioned capacity',
  '  correction: Snapshots are billed for the data stored.',
  '  source: https://repost.aws/knowledge-center/ebs-snapshot-billing',
  '- note: Note.md',
  '  passage: Create AMI from the configured AMI',
  '  correction: An AMI is created from the configured instance.',
  '  source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/creating-an-ami-ebs.html',
  '  replacement: Create AMI from the configured instance',
  '',
].join('\n');

describe("corrections beside the learner's words", () => {
  const { lesson, build } = renderNote(NOTE, { 'corrections.yaml': CORRECTIONS });

  test('the passage is marked where it stands (inside its bold), and the correction follows it in an aside with its source', () => {
    expect(lesson.html).toContain('<strong><mark class="correction-passage">Copying an AMI is the only way to move an instance to another AZ</mark></strong>');
    expect(lesson.html).toMatch(
      /<\/strong>\s*<aside class="correction" role="note"><p><strong class="correction-label">Correction:<\/strong> Inside one Region you image the instance and launch it in the other AZ; no copy is needed\. <a href="https:\/\/repost\.aws\/knowledge-center\/move-ec2-instance" class="correction-source">Source: AWS re:Post Knowledge Center<\/a><\/p><\/aside>/,
    );
    expect(lesson.html.match(/class="correction-passage"/g)).toHaveLength(3);
    expect(build.warnings).toEqual([]);
  });

  test('a "which is true" or true/false question is not generated from a corrected passage without a replacement', () => {
    const text = JSON.stringify(lesson.questions);
    expect(text).not.toContain('provisioned capacity');
    expect(text).not.toContain('only way');
  });

  test('a generated question that quotes a corrected passage with a replacement uses the corrected fact', () => {
    const ordering = lesson.questions.find((q) => q.kind === 'ordering');
    expect(ordering?.kind === 'ordering' && ordering.items.map((i) => i.text)).toEqual(['Launch', 'Create AMI from the configured instance', 'Launch again']);
    expect(ordering?.explanation).toContain('Corrected: An AMI is created from the configured instance.');
    expect(JSON.stringify(ordering)).not.toContain('configured AMI');
  });

  test('without a corrections file the same note renders unmarked and its questions quote it as written', () => {
    const plain = renderNote(NOTE).lesson;
    expect(plain.html).not.toContain('correction');
    expect(JSON.stringify(plain.questions.find((q) => q.kind === 'ordering'))).toContain('Create AMI from the configured AMI');
  });
});

describe('notes:check and the corrections file', () => {
  test('a correction whose passage is no longer in its note is reported with the corrections file, its line and the passage', () => {
    const vault = writeVault({
      'Note.md': 'AMIs are regional.\n',
      'corrections.yaml':
        '- note: Note.md\n  passage: AMIs are regional.\n  correction: Right.\n  source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIs.html\n- note: Note.md\n  passage: AMIs are global\n  correction: They are regional.\n  source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIs.html\n- note: Gone.md\n  passage: anything\n  correction: x\n  source: https://docs.aws.amazon.com/\n',
    });
    const outcome = runNotesCheck(['--dir', vault], {}, PROJECT_ROOT);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.output).toContain('corrections.yaml:5  stale-correction  the passage "AMIs are global" is no longer in "Note.md"');
    expect(outcome.output).toContain('corrections.yaml:9  stale-correction  there is no note "Gone.md" in the vault');
    expect(outcome.output).not.toContain('corrections.yaml:1 ');
  });

  test('an entry without an https source or with an unknown key is reported by line', () => {
    const parsed = parseCorrections(
      '- note: A.md\n  passage: abc def\n  correction: x\n  source: http://example.com/\n- note: A.md\n  passage: abc def\n  correction: x\n  source: https://docs.aws.amazon.com/\n  sauce: typo\n',
    );
    expect(parsed.entries).toEqual([]);
    expect(parsed.problems.map((p) => [p.line, p.kind, p.target])).toEqual([
      [1, 'invalid-correction', 'source'],
      [5, 'invalid-correction', 'entry'],
    ]);
  });

  test('a corrections file that is not a list is one problem at line 1', () => {
    expect(parseCorrections('note: A.md\n').problems).toEqual([expect.objectContaining({ kind: 'invalid-correction', line: 1 })]);
  });
});

describe('the corrections we ship for the reference note', () => {
  const NAME = 'Amazon Machine Images (AMI)';
  const path = `${PROJECT_ROOT}content/notes/${NAME}.md`;

  test('the reference note itself is unchanged, byte for byte (sha256 pinned)', () => {
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe('c1fc0655babb8da307f541fc190e58c7883c8001f5b7f9ce2ca3e703a1231106');
  });

  const build = buildVault({ vaultDir: `${PROJECT_ROOT}content/notes` });
  const lesson = build.lessons.find((l) => l.name === NAME);

  test('every shipped correction is found in its note and shown in the lesson', () => {
    const shipped = parseCorrections(readFileSync(`${PROJECT_ROOT}content/notes/corrections.yaml`, 'utf8'));
    expect(shipped.problems).toEqual([]);
    expect(shipped.entries.length).toBeGreaterThanOrEqual(7);
    expect(build.warnings.filter((w) => w.kind === 'stale-correction' || w.kind === 'invalid-correction')).toEqual([]);
    expect(lesson?.html.match(/<aside class="correction" role="note">/g)).toHaveLength(shipped.entries.filter((e) => e.note.startsWith(NAME)).length);
    for (const passage of [
      'This is the only way to migrate an EC2 instance into another AZ',
      'Create AMI from configured (customized) AMI',
      'Do not contain any real data',
      'Billed for capacity of EBS snapshots in an AMI',
      'BOOT /dev/xvdf',
      'Individual AWS account access',
    ]) {
      expect(lesson?.html).toContain(`<mark class="correction-passage">${passage}</mark>`);
    }
  });

  test('its generated ordering question says the AMI is created from the instance', () => {
    const ordering = lesson?.questions.find((q) => q.kind === 'ordering');
    expect(JSON.stringify(ordering)).toContain('Create AMI from the configured (customized) instance');
    expect(JSON.stringify(lesson?.questions)).not.toMatch(/customized\) AMI|Billed for capacity/);
  });
});
