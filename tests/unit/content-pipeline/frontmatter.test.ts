/**
 * Note properties are read with js-yaml, and text it rejects again with `yaml` for the author's
 * message (src/content-pipeline/frontmatter.ts). A vault must read as it did when `yaml` read
 * everything: the same values, and the same words and line for a mistake.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { noteFrontmatterSchema, parseFrontmatter } from '../../../src/content-pipeline/frontmatter';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** What `parseFrontmatter` gave when `yaml` read every note: its value, through the same schema. */
function readWithYaml(text: string) {
  const document = parseDocument(text, { prettyErrors: false });
  const error = document.errors[0];
  if (error) return { ok: false, line: 2 + (error.linePos?.[0]?.line ?? 1) - 1, message: `Invalid YAML in properties: ${error.message.split('\n')[0]}` };
  const parsed = noteFrontmatterSchema.safeParse(document.toJS() ?? {});
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false };
}

/** The properties of every note the repository holds: the shipped notes and the test vaults. */
function propertiesInRepository(): string[] {
  const found: string[] = [];
  for (const folder of ['content/notes', 'tests/fixtures/vaults']) {
    for (const entry of readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
      const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(entry.parentPath, entry.name), 'utf8'));
      if (match?.[1] !== undefined) found.push(match[1]);
    }
  }
  return found;
}

/** Shapes of properties that vaults hold, and the places where YAML readers tend to differ. */
const WRITTEN_BY_HAND = [
  'tags: [aws/ec2, "exam tips"]\naliases:\n  - AMI\n  - Machine image\npublish: true\norder: 3\ncloze: false',
  'tags: aws ec2\nalias: One, Two',
  'tag:\n  - "#study"\n  - 2024',
  'yes: no\non: off\ntrue_word: True\nnumbers: [012, 0x1F, 0o17, 1e3, -.inf, .nan, +12, 1_000]',
  'created: 2024-01-01\nupdated: 2024-01-01T10:20:30Z',
  'empty:\nnothing: ~\nnull_word: null',
  "quoted: 'it''s'\nescaped: \"tab\\there \\u00e9\"",
  'description: |\n  Line one\n  line two\nfolded: >-\n  one\n  two\nkept: |+\n  end\n',
  'plain: a long\n  plain scalar\n  over lines',
  'base: &base [a, b]\ntags: *base',
  'map: {a: 1, b: [x, y]}\nnested:\n  deeper:\n    - {k: v}',
  'title: Ünïcode ✓ 🚀\n"key with spaces": value',
  'title: value # a comment\n# a whole-line comment\ntags: [x] # another',
  'cssclasses: wide\nsource: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIs.html"',
  '',
  '# only a comment',
  // Rejected, or not a mapping: the same words and line as before.
  'title: [unclosed\ntags: a',
  'a: 1\na: 2',
  'tags:\n\t- tabbed',
  'key: value: other',
  'title: "open',
  'tags: [a, b]\n  bad indent: x',
  'a: b\n---\nc: d',
  '- a list\n- not a mapping',
  'just text',
  'title: ""',
  'order: "first"',
];

describe('note properties', () => {
  it('read as `yaml` read them, for every note in the repository and the shapes written by hand', () => {
    const texts = [...propertiesInRepository(), ...WRITTEN_BY_HAND];
    expect(texts.length).toBeGreaterThan(60);
    for (const text of texts) {
      const ours = parseFrontmatter(text, 2);
      const before = readWithYaml(text);
      if (before.ok) expect(ours, text).toEqual(before);
      else if ('line' in before) expect(ours, text).toEqual(before);
      else expect(ours.ok, text).toBe(false);
    }
  });

  it('a mistake is reported on the line it is on, in the words of `yaml`', () => {
    // js-yaml alone named line 3 (where the properties end) for the `[` left open on line 2.
    expect(parseFrontmatter('title: [unclosed\ntags: a', 2)).toEqual({
      ok: false,
      line: 2,
      message: 'Invalid YAML in properties: Flow sequence in block collection must be sufficiently indented and end with a ]',
    });
  });
});
