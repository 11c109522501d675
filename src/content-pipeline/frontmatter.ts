/**
 * Note properties (YAML frontmatter). Obsidian accepts a list or a single string for `tags` and
 * `aliases`, and `tag`/`alias` as older spellings; the schema normalises them all to lists so the
 * rest of the pipeline sees one shape. Unknown keys are kept as they are: they are the author's.
 */
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { parseDocument } from 'yaml';
import { z } from 'zod';

/**
 * A list property that Obsidian also accepts as one string: tags split on commas and spaces
 * (`tags: aws ec2`), aliases only on commas (an alias may contain spaces).
 */
const stringList = (separator: RegExp) =>
  z
    .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]).nullable())])
    .nullish()
    .transform((value): string[] => {
      if (value === null || value === undefined) return [];
      const items = Array.isArray(value) ? value : `${value}`.split(separator);
      return items.filter((item) => item !== null && `${item}`.trim() !== '').map((item) => `${item}`.trim());
    });
/**
 * Obsidian's tag characters: letters, digits, `_`, `-` and `/`. A property tag is cut where any
 * other character starts (`tag<script>` is the tag `tag`, as `#tag<script>` in the text is), so
 * a tag is always plain text in a URL, a page title or a filter; a tag left with no letter is dropped.
 */
const TAG_CHARACTERS = /^[\p{L}\p{N}_\-/]+/u;
const tagList = stringList(/[,\s]+/).transform((tags) =>
  tags.map((tag) => TAG_CHARACTERS.exec(tag.replace(/^#/, ''))?.[0]?.replace(/\/+$/, '') ?? '').filter((tag) => /[^\d/]/.test(tag)),
);
const aliasList = stringList(/,/);

/** The properties AMI Lab reads; every other key passes through untouched. */
export const noteFrontmatterSchema = z
  .object({
    /** Page title; defaults to the file name, as in Obsidian. */
    title: z.string().trim().min(1).optional(),
    /** Other names the note can be linked by. */
    aliases: aliasList,
    alias: aliasList,
    /** Tags without the leading `#`; nested with `/`. */
    tags: tagList,
    tag: tagList,
    /** Short summary shown in lists and search results. */
    description: z.string().optional(),
    /** Obsidian Publish's switch: `publish: false` keeps a note out of the site. */
    publish: z
      .union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])])
      .optional()
      .transform((value) => (typeof value === 'string' ? value.toLowerCase() === 'true' : value)),
    /** Study order within its folder (lower first); notes without one come first, by name. */
    order: z.number().optional(),
    /** Opt a note in to cloze questions from every `==highlight==`, not only those in exam callouts. */
    cloze: z.boolean().optional(),
  })
  .loose();

export type NoteFrontmatter = z.infer<typeof noteFrontmatterSchema>;

export type FrontmatterResult = { ok: true; data: NoteFrontmatter } | { ok: false; line: number; message: string };

/**
 * The value of YAML frontmatter text, or what is wrong with it and on which line of the note
 * (`firstLine` is the line of the YAML's first line).
 *
 * Why two libraries: every note of a vault has properties, and reading them with `yaml` (which
 * builds a document of nodes first) took 0.2–0.45 s of a 2,000-note build's lessons run, on the
 * path the whole build waits for; js-yaml reads the same values about nine times faster, so it reads
 * them first. But js-yaml names the line where it noticed a mistake, often the line after it (the
 * end of the properties, for a `[` left open), where `yaml` names the line the mistake is on, with
 * plainer words; so text js-yaml rejects is read again with `yaml`, which tells the author what is
 * wrong (or reads it, where js-yaml is the stricter). Both read YAML 1.2 with its core schema:
 * `yes` and `2024-01-01` stay text, a key written twice is an error.
 */
function readYaml(yamlText: string, firstLine: number): { ok: true; value: unknown } | { ok: false; line: number; message: string } {
  try {
    return { ok: true, value: load(yamlText, { schema: CORE_SCHEMA }) };
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
  }
  const document = parseDocument(yamlText, { prettyErrors: false });
  const yamlError = document.errors[0];
  if (!yamlError) return { ok: true, value: document.toJS() };
  const line = firstLine + (yamlError.linePos?.[0]?.line ?? 1) - 1;
  return { ok: false, line, message: `Invalid YAML in properties: ${yamlError.message.split('\n')[0]}` };
}

/**
 * Parses YAML frontmatter text. `firstLine` is the line of the YAML's first line in the note, so
 * errors point at the right place in the file.
 */
export function parseFrontmatter(yamlText: string, firstLine: number): FrontmatterResult {
  const read = readYaml(yamlText, firstLine);
  if (!read.ok) return read;
  const raw: unknown = read.value ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, line: firstLine, message: 'Properties must be a YAML mapping of keys to values' };
  }
  const parsed = noteFrontmatterSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') || 'properties';
    return { ok: false, line: firstLine, message: `Property "${key}": ${issue?.message ?? 'invalid value'}` };
  }
  return { ok: true, data: parsed.data };
}

/** Tags as Obsidian compares them: without `#`, lower-cased. */
export function normalizeTag(tag: string): string {
  return tag.replace(/^#/, '').trim().toLowerCase();
}
