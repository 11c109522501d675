import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { PROJECT_ROOT } from './helpers';

const NAME = 'Amazon Machine Images (AMI)';
/** SHA-256 of the note as the user wrote it: it ships byte for byte and is never edited. */
const AS_WRITTEN = 'c1fc0655babb8da307f541fc190e58c7883c8001f5b7f9ce2ca3e703a1231106';

describe("the user's reference note", () => {
  test('ships verbatim in content/notes', () => {
    const shipped = readFileSync(`${PROJECT_ROOT}content/notes/${NAME}.md`);
    expect(createHash('sha256').update(shipped).digest('hex')).toBe(AS_WRITTEN);
  });

  const build = buildVault({ vaultDir: `${PROJECT_ROOT}content/notes` });
  const lesson = build.lessons.find((l) => l.name === NAME);

  test('its ">[!Warning]" with no space is an exam callout', () => {
    expect(lesson?.examCallouts).toBe(1);
    expect(lesson?.html).toMatch(/^<div class="callout callout-exam" data-callout="warning"/);
  });

  test('its tab-indented lists nest three levels deep', () => {
    expect(lesson?.html).toMatch(/<li>Private permissions\s*<ul>\s*<li>AMIs are private by default<\/li>/);
    expect(lesson?.html).toMatch(/<li>Block device mapping contains:\s*<ol>\s*<li>ID of snapshot<\/li>/);
  });

  test('its aliased link leads to the EBS snapshots lesson', () => {
    expect(lesson?.html).toContain('<a href="/notes/ebs-snapshots-restore-and-fast-snapshot-restore-fsr/" class="internal-link">EBS Snapshots</a>');
  });

  test('its missing pasted image shows a placeholder and is the only problem in the shipped notes', () => {
    expect(lesson?.html).toContain('Missing image: Pasted image 20230213161943.png');
    expect(build.warnings).toEqual([expect.objectContaining({ kind: 'missing-embed', file: `${NAME}.md`, line: 50 })]);
  });
});
