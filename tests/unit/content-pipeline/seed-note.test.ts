import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { PROJECT_ROOT, SHARED_VAULTS } from './helpers';

const NAME = 'Amazon Machine Images (AMI)';

describe("the user's reference note", () => {
  test('ships verbatim in content/notes', () => {
    expect(readFileSync(`${PROJECT_ROOT}content/notes/${NAME}.md`, 'utf8')).toBe(readFileSync(`${SHARED_VAULTS}../seed/${NAME}.md`, 'utf8'));
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
