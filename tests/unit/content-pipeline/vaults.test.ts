import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { FIXTURES, PROJECT_ROOT } from './helpers';

describe('the obsidian-aws vault (155 real notes)', () => {
  const build = buildVault({ vaultDir: `${FIXTURES}obsidian-aws` });

  test('every note becomes a page', () => {
    expect(build.lessons).toHaveLength(155);
    expect(build.lessons.every((l) => l.html.length > 0)).toBe(true);
  });

  test('the link report names exactly the links that are broken there', () => {
    const reported = build.warnings.map((w) => `${w.file.split('/').pop()}:${w.line} ${w.target}`).sort();
    expect(reported).toEqual(
      [
        'Security Hub.md:17 Health',
        'Security Hub.md:20 IoT Device Defender',
        'Security Hub.md:26 Chatbot',
        'Security Hub.md:28 Security Lake',
        'Security Hub.md:29 OpsCenter',
        'Systems Manager.md:25 Edge Devices',
        'Systems Manager.md:32 Edge Devices',
        'Direct Connect.md:4 Virtual Private Gateway',
        'Global Accelerator.md:3 Global Network',
        'VPC.md:12 VPC Endpoint && AWS PrivateLink',
        'S3.md:5 S3TA',
        'S3.md:45 Glacier',
        'S3.md:56 Global Network',
      ].sort(),
    );
    expect(build.warnings.every((w) => w.kind === 'unresolved-link')).toBe(true);
  });

  test('about 2% of its links are broken, and every image embed resolves', () => {
    const links = build.lessons.reduce((n, l) => n + (l.html.match(/class="internal-link"/g)?.length ?? 0), 0);
    expect(build.warnings.length / (links + build.warnings.length)).toBeLessThan(0.03);
    expect(build.lessons.some((l) => l.html.includes('missing-embed'))).toBe(false);
    expect(build.attachments.length).toBeGreaterThan(100);
  });

  test('aliased links escaped inside tables keep their alias text', () => {
    const security = build.lessons.find((l) => l.name === 'Security');
    expect(security?.html).toMatch(/<td>[^<]*<a href="\/notes\/[^"]+" class="internal-link">/);
    expect(security?.html).not.toContain('\\|');
  });
});

describe('the obsidian-syntax fixture vaults', () => {
  const root = `${FIXTURES}obsidian-syntax`;
  const vaults = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

  test.each(vaults)('%s builds with every note and no broken links', (name) => {
    const build = buildVault({ vaultDir: `${root}/${name}` });
    expect(build.lessons.length).toBeGreaterThan(0);
    expect(build.warnings).toEqual([]);
  });

  test('shortest, relative and absolute link formats reach the same duplicate-named notes', () => {
    for (const mode of ['links-wikilink-shortest', 'links-wikilink-relative', 'links-wikilink-absolute']) {
      const build = buildVault({ vaultDir: `${root}/${mode}` });
      const nested = build.lessons.find((l) => l.path === 'folder/nested folder/file in nested folder 1.md');
      expect(nested?.linksTo, mode).toEqual(expect.arrayContaining(['duplicate file name.md', 'folder/duplicate file name.md', 'folder/nested folder/duplicate file name.md']));
    }
  });

  test('the trash and the config folder are ignored', () => {
    const trash = buildVault({ vaultDir: `${root}/with-obsidian-trash` });
    expect(trash.lessons.map((l) => l.path)).not.toEqual(expect.arrayContaining([expect.stringContaining('.trash')]));
  });
});

describe('a vault saved with Windows line endings (CRLF)', () => {
  test.each([
    ['the shipped notes', join(PROJECT_ROOT, 'content', 'notes')],
    ['the obsidian-aws vault', `${FIXTURES}obsidian-aws`],
  ])('%s build exactly as with Unix ones: lessons, questions and problems', (_name, vault) => {
    const copy = mkdtempSync(join(tmpdir(), 'ami-lab-crlf-'));
    try {
      cpSync(vault, copy, { recursive: true });
      for (const entry of readdirSync(copy, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
        const file = join(entry.parentPath, entry.name);
        writeFileSync(file, readFileSync(file, 'utf8').replace(/\r?\n/g, '\r\n'));
      }
      const unix = buildVault({ vaultDir: vault });
      const windows = buildVault({ vaultDir: copy });
      expect(windows.lessons).toEqual(unix.lessons);
      expect(windows.warnings).toEqual(unix.warnings);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
