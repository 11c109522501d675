/**
 * Lab scenarios from Markdown: frontmatter validated with zod (including every goal check name
 * and its parameters, and the starting world, which is built once to prove it works), the body and
 * the hints rendered to HTML. Wikilinks (`[[Note]]`, `[[Note|label]]`) become links to
 * `/notes/<slug>/`; a link to a note that does not exist is an error, as is a lesson slug that is
 * not a note. Problems are collected for every file and reported at once.
 *
 * Why not the vault pipeline (buildVault): lab instructions are not notes (no embeds, callouts,
 * backlinks or questions), and they link only to lessons; plain Markdown plus a small wikilink
 * step keeps them independent of the vault's settings and cheap to build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Link, Root, Text } from 'mdast';
import { findAndReplace } from 'mdast-util-find-and-replace';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { buildStartingWorld } from '../../simulator/scenarios/index.ts';
import { slugifySegment } from '../slug.ts';
import { labFrontmatterSchema, type LabScenario } from './schema.ts';

/** A problem in one scenario file, for the author. */
export interface LabProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Result of building every scenario. */
export type BuildLabsResult =
  | { readonly ok: true; readonly scenarios: readonly LabScenario[]; readonly warnings: readonly LabProblem[] }
  | { readonly ok: false; readonly problems: readonly LabProblem[] };

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
const WIKILINK = /\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]/g;

/** Renders Markdown to HTML; wikilinks become lesson links, unknown ones are reported. */
export function renderLabMarkdown(markdown: string, base: string, noteSlugs: ReadonlySet<string>, onMissing: (name: string) => void): string {
  const wikilinks = () => (tree: Root) => {
    findAndReplace(tree, [
      [
        WIKILINK,
        (_match: string, name: string, label: string | undefined): Link | Text => {
          const slug = slugifySegment(name.trim());
          if (!noteSlugs.has(slug)) {
            onMissing(name.trim());
            return { type: 'text', value: label ?? name };
          }
          return { type: 'link', url: `${base}notes/${slug}/`, children: [{ type: 'text', value: (label ?? name).trim() }] };
        },
      ],
    ]);
  };
  return String(unified().use(remarkParse).use(remarkGfm).use(wikilinks).use(remarkRehype).use(rehypeStringify).processSync(markdown));
}

/**
 * Builds every scenario of `labsDir`. With `lessonsMustExist` (the scenarios' own vault), a link
 * to a lesson that is not there is an error; with another vault (NOTES_DIR), the scenarios still
 * build and such links become plain text, reported as warnings: the lab works on any vault.
 */
export function buildLabs(options: { labsDir: string; base: string; noteSlugs: ReadonlySet<string>; lessonsMustExist?: boolean }): BuildLabsResult {
  const { labsDir, base, noteSlugs, lessonsMustExist = true } = options;
  const problems: LabProblem[] = [];
  const warnings: LabProblem[] = [];
  const scenarios: LabScenario[] = [];
  const files = readdirSync(labsDir)
    .filter((name) => name.endsWith('.md'))
    .sort();
  for (const name of files) {
    const file = join(labsDir, name);
    const text = readFileSync(file, 'utf8');
    const problem = (message: string, line = 1): void => {
      problems.push({ file, line, message });
    };
    const lessonProblem = (message: string, line = 1): void => {
      (lessonsMustExist ? problems : warnings).push({ file, line, message });
    };
    const match = FRONTMATTER.exec(text);
    if (match === null) {
      problem('A scenario starts with YAML frontmatter between --- lines (title, goals, start, …).');
      continue;
    }
    let raw: unknown;
    try {
      raw = parseYaml(match[1] ?? '');
    } catch (error) {
      problem(`The frontmatter is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const parsed = labFrontmatterSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problem(`frontmatter ${issue.path.join('.') || '(root)'}: ${issue.message}`, lineOf(match[1] ?? '', issue.path) + 1);
      continue;
    }
    const data = parsed.data;
    for (const lesson of data.lessons)
      if (!noteSlugs.has(lesson)) lessonProblem(`lessons: "${lesson}" is not a lesson slug (a note file name, slugified).`, lineOf(match[1] ?? '', ['lessons']) + 1);
    const ids = data.goals.map((goal) => goal.id);
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    if (duplicate !== undefined) problem(`goals: the id "${duplicate}" is used twice.`);
    const world = buildStartingWorld(data.start);
    if (!world.ok) problem(`start: the starting world cannot be built. ${world.message}`, lineOf(match[1] ?? '', ['start']) + 1);
    const missing = (note: string): void => lessonProblem(`[[${note}]] does not name a note in the notes folder.`);
    const body = text.slice(match[0].length);
    scenarios.push({
      slug: slugifySegment(basename(name, '.md')),
      path: name,
      title: data.title,
      order: data.order,
      description: data.description,
      lessons: data.lessons.filter((lesson) => noteSlugs.has(lesson)),
      region: data.region,
      start: data.start,
      goals: data.goals.map((goal) => ({ id: goal.id, text: goal.text, check: goal.check, params: goal.params })),
      hintsHtml: data.hints.map((hint) => renderLabMarkdown(hint, base, noteSlugs, missing)),
      successHtml: renderLabMarkdown(data.success, base, noteSlugs, missing),
      instructionsHtml: renderLabMarkdown(body, base, noteSlugs, missing),
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, scenarios: scenarios.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title)), warnings };
}

/** Line (0-based, within the frontmatter) of the top-level key of a zod path, for messages. */
function lineOf(yamlText: string, path: readonly PropertyKey[]): number {
  const key = path[0];
  if (typeof key !== 'string') return 0;
  const index = yamlText.split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`));
  return index < 0 ? 0 : index + 1;
}
