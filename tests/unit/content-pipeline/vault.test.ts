import { describe, expect, test } from 'vitest';
import { buildVaultIndex, resolveAttachment, resolveNote, scanVault } from '../../../src/content-pipeline/vault';
import { FIXTURES } from './helpers';

const files = {
  notes: ['Home.md', 'Compute/AMI.md', 'Compute/EC2/Instances.md', 'Storage/Instances.md', 'Storage/Snapshots.md'],
  attachments: ['attachments/Pasted image 1.png', 'Compute/diagram.png', 'Storage/diagram.png'],
};
const index = buildVaultIndex(files, new Map([['Storage/Snapshots.md', ['Snapshot basics']]]));

describe('scanning a vault', () => {
  test('skips .obsidian, .trash and notes whose name starts with an underscore', () => {
    const scanned = scanVault(`${FIXTURES}good`);
    expect(scanned.notes).toEqual(['Compute/AMI.md', 'Compute/EC2/Instances.md', 'Home.md', 'Storage/Snapshots.md']);
    expect(scanned.notes.some((n) => n.includes('Template') || n.includes('Deleted'))).toBe(false);
  });

  test('keeps attachments wherever they are in the vault', () => {
    expect(scanVault(`${FIXTURES}good`).attachments).toEqual(['attachments/Pasted image 20240101120000.png', 'Compute/EC2/diagram.png']);
  });
});

describe("resolving links like Obsidian's shortest-path mode", () => {
  test('a bare name finds the note in any folder, case-insensitively', () => {
    expect(resolveNote(index, 'ami', 'Home.md')?.path).toBe('Compute/AMI.md');
  });

  test("an ambiguous name prefers the note in the linking note's folder", () => {
    expect(resolveNote(index, 'Instances', 'Storage/Snapshots.md')?.path).toBe('Storage/Instances.md');
    expect(resolveNote(index, 'Instances', 'Compute/EC2/Other.md')?.path).toBe('Compute/EC2/Instances.md');
  });

  test('an ambiguous name from elsewhere takes the shallowest path', () => {
    expect(resolveNote(index, 'Instances', 'Home.md')?.path).toBe('Storage/Instances.md');
  });

  test('a bare name that is also a root-level path means the root note, unless the vault links relatively', () => {
    const dupes = buildVaultIndex({ notes: ['Dup.md', 'Folder/Dup.md'], attachments: [] });
    expect(resolveNote(dupes, 'Dup', 'Folder/Other.md')?.path).toBe('Dup.md');
    expect(resolveNote(dupes, 'Dup', 'Folder/Other.md', 'relative')?.path).toBe('Folder/Dup.md');
  });

  test('folder-qualified, relative and absolute paths all resolve', () => {
    expect(resolveNote(index, 'Compute/EC2/Instances', 'Home.md')?.path).toBe('Compute/EC2/Instances.md');
    expect(resolveNote(index, 'EC2/Instances.md', 'Home.md')?.path).toBe('Compute/EC2/Instances.md');
    expect(resolveNote(index, '../Home', 'Storage/Snapshots.md')?.path).toBe('Home.md');
    expect(resolveNote(index, './Instances', 'Storage/Snapshots.md')?.path).toBe('Storage/Instances.md');
  });

  test('an alias from frontmatter resolves to its note', () => {
    expect(resolveNote(index, 'snapshot basics', 'Home.md')?.path).toBe('Storage/Snapshots.md');
  });

  test('a name that matches nothing resolves to nothing', () => {
    expect(resolveNote(index, 'Glacier', 'Home.md')).toBeUndefined();
    expect(resolveNote(index, '../../../etc/passwd', 'Home.md')).toBeUndefined();
  });

  test('attachments resolve by name from anywhere, nearest first', () => {
    expect(resolveAttachment(index, 'Pasted image 1.png', 'Compute/AMI.md')).toBe('attachments/Pasted image 1.png');
    expect(resolveAttachment(index, 'diagram.png', 'Storage/Snapshots.md')).toBe('Storage/diagram.png');
    expect(resolveAttachment(index, 'nope.png', 'Home.md')).toBeUndefined();
  });

  test('a name a Mac wrote decomposed (e + combining accent) is the name a link types composed', () => {
    const nfd = (s: string) => s.normalize('NFD');
    const accented = buildVaultIndex(
      { notes: [nfd('Réseau/Café Notes.md'), 'Home.md'], attachments: [nfd('Réseau/Résumé.png')] },
      new Map([[nfd('Réseau/Café Notes.md'), [nfd('Déjà vu')]]]),
    );
    const note = accented.notes[0];
    expect(resolveNote(accented, 'Café Notes'.normalize('NFC'), 'Home.md')).toBe(note);
    expect(resolveNote(accented, 'réseau/café notes'.normalize('NFC'), 'Home.md')).toBe(note);
    expect(resolveNote(accented, 'Déjà vu'.normalize('NFC'), 'Home.md')).toBe(note);
    expect(resolveAttachment(accented, 'Résumé.png'.normalize('NFC'), 'Home.md')).toBe(nfd('Réseau/Résumé.png'));
    expect(resolveAttachment(accented, 'Réseau/Résumé.png'.normalize('NFC'), 'Home.md')).toBe(nfd('Réseau/Résumé.png'));
  });
});
