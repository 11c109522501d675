/**
 * The vault's own study settings: a small file at the vault root (`ami-lab.json`, `ami-lab.yaml`
 * or `.ami-lab.yaml`/`.ami-lab.json`) where a vault names its exam callouts and headings, the notes
 * that are not study material, and how its flashcards are written. Every key is optional; a vault
 * without the file gets the defaults, which already recognise the common conventions.
 *
 * When the vault also uses the obsidian-spaced-repetition plugin, its own settings
 * (`.obsidian/plugins/obsidian-spaced-repetition/data.json`: separators, flashcard tags, cloze
 * switches) are the defaults for `cards`, so cards read here exactly as they do in Obsidian; the
 * settings file still wins where it says something.
 *
 * Reading is the only I/O; a bad file stops the build with the file and the key path at fault,
 * never silently falls back (an author who wrote a setting expects it to act).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';

/** File names looked for at the vault root, in this order; the first that exists is read. */
export const STUDY_SETTINGS_FILES = ['ami-lab.json', 'ami-lab.yaml', 'ami-lab.yml', '.ami-lab.json', '.ami-lab.yaml', '.ami-lab.yml'] as const;

const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const cardSettingsSchema = z
  .object({
    /** Tags that put a note's cards in a deck (`#flashcards` matches `#flashcards/aws` too). Without one, a note's cards are not read, as in the plugin. */
    tags: z.array(nonEmpty).optional(),
    /** Read cards in every note, as the plugin's "convert folders to decks" does. Off by default: ARNs contain `::`. */
    everywhere: z.boolean().optional(),
    /** One-line card separator (plugin default `::`). */
    singleLine: nonEmpty.optional(),
    /** One-line card read both ways (plugin default `:::`). */
    singleLineReversed: nonEmpty.optional(),
    /** A line holding only this separates front and back of a multi-line card (plugin default `?`). */
    multiLine: nonEmpty.optional(),
    /** Multi-line card read both ways (plugin default `??`). */
    multiLineReversed: nonEmpty.optional(),
    /** A line that ends a multi-line card (empty: a blank line ends it, the plugin's default). */
    multiLineEnd: z.string().optional(),
    /** `==highlight==` is a cloze in a flashcard note (plugin default on). */
    highlightClozes: z.boolean().optional(),
    /** `**bold**` is a cloze in a flashcard note (plugin default off). */
    boldClozes: z.boolean().optional(),
    /** `{{curly}}` is a cloze in a flashcard note (plugin default off). */
    curlyClozes: z.boolean().optional(),
  })
  .strict();

export const questionSettingsSchema = z
  .object({
    /** Callout types or titles (case-insensitive) whose bullets are exam facts, besides the defaults. */
    examCallouts: z.array(nonEmpty).optional(),
    /** Words or phrases that make a heading's section exam facts, besides the defaults. */
    examHeadings: z.array(nonEmpty).optional(),
    /** Only these callouts/headings count (the defaults are dropped): for vaults whose `[!tip]` is not exam material. */
    replaceDefaults: z.boolean().optional(),
    /** Notes or folders (vault-relative, `*` wildcards allowed) that give no generated questions; they stay on the site. */
    exclude: z.array(nonEmpty).optional(),
    /** Guess which notes are not study material (templates, meta, writing rules) from tags, folders and titles. Default on. */
    detectNonStudyNotes: z.boolean().optional(),
  })
  .strict();

export const studySettingsFileSchema = z
  .object({
    questions: questionSettingsSchema.optional(),
    cards: cardSettingsSchema.optional(),
  })
  .strict();

/** Card syntax, resolved: every field has a value. */
export interface CardSyntax {
  tags: string[];
  everywhere: boolean;
  singleLine: string;
  singleLineReversed: string;
  multiLine: string;
  multiLineReversed: string;
  multiLineEnd: string;
  highlightClozes: boolean;
  boldClozes: boolean;
  curlyClozes: boolean;
}

/** Everything the question pipeline needs from the vault's settings, resolved. */
export interface StudySettings {
  /** Where the settings came from (for messages), or undefined when the defaults apply. */
  file: string | undefined;
  examCallouts: string[];
  examHeadings: string[];
  replaceDefaults: boolean;
  exclude: string[];
  detectNonStudyNotes: boolean;
  cards: CardSyntax;
}

/** The plugin's defaults (obsidian-spaced-repetition `src/data/settings.ts`, DEFAULT_SETTINGS). */
export const DEFAULT_CARD_SYNTAX: CardSyntax = {
  tags: ['flashcards'],
  everywhere: false,
  singleLine: '::',
  singleLineReversed: ':::',
  multiLine: '?',
  multiLineReversed: '??',
  multiLineEnd: '',
  highlightClozes: true,
  boldClozes: false,
  curlyClozes: false,
};

export const DEFAULT_STUDY_SETTINGS: StudySettings = {
  file: undefined,
  examCallouts: [],
  examHeadings: [],
  replaceDefaults: false,
  exclude: [],
  detectNonStudyNotes: true,
  cards: DEFAULT_CARD_SYNTAX,
};

/** A settings file that cannot be used: names the file and the key, like a compiler. */
export class StudySettingsError extends Error {
  readonly file: string;
  readonly path: string;

  // Plain fields rather than parameter properties, which plain Node cannot strip (see cli/early-lessons.ts).
  constructor(file: string, path: string, detail: string) {
    super(`${file}${path ? `: ${path}` : ''}: ${detail}`);
    this.name = 'StudySettingsError';
    this.file = file;
    this.path = path;
  }
}

/**
 * The plugin's own settings, read leniently: they are the plugin's file, not the author's, so an
 * unexpected shape means "plugin defaults", never a failed build. Only the keys that change how a
 * card is read are taken.
 */
const pluginDataSchema = z
  .object({
    flashcardTags: z.array(z.string()).optional(),
    convertFoldersToDecks: z.boolean().optional(),
    singleLineCardSeparator: z.string().optional(),
    singleLineReversedCardSeparator: z.string().optional(),
    multilineCardSeparator: z.string().optional(),
    multilineReversedCardSeparator: z.string().optional(),
    multilineCardEndMarker: z.string().optional(),
    convertHighlightsToClozes: z.boolean().optional(),
    convertBoldTextToClozes: z.boolean().optional(),
    convertCurlyBracketsToClozes: z.boolean().optional(),
    clozePatterns: z.array(z.string()).optional(),
  })
  .loose();

export function cardSyntaxFromPlugin(raw: unknown): Partial<CardSyntax> {
  const parsed = pluginDataSchema.safeParse(raw);
  if (!parsed.success) return {};
  const d = parsed.data;
  const out: Partial<CardSyntax> = {};
  if (d.flashcardTags?.length) out.tags = d.flashcardTags.map((t) => t.replace(/^#/, '')).filter(Boolean);
  if (d.convertFoldersToDecks !== undefined) out.everywhere = d.convertFoldersToDecks;
  if (d.singleLineCardSeparator) out.singleLine = d.singleLineCardSeparator;
  if (d.singleLineReversedCardSeparator) out.singleLineReversed = d.singleLineReversedCardSeparator;
  if (d.multilineCardSeparator) out.multiLine = d.multilineCardSeparator;
  if (d.multilineReversedCardSeparator) out.multiLineReversed = d.multilineReversedCardSeparator;
  if (d.multilineCardEndMarker !== undefined) out.multiLineEnd = d.multilineCardEndMarker;
  // Newer plugin versions keep cloze switches as patterns; the three built-in ones map back.
  if (d.clozePatterns) {
    out.highlightClozes = d.clozePatterns.some((p) => p.startsWith('=='));
    out.boldClozes = d.clozePatterns.some((p) => p.startsWith('**'));
    out.curlyClozes = d.clozePatterns.some((p) => p.startsWith('{{'));
  } else {
    if (d.convertHighlightsToClozes !== undefined) out.highlightClozes = d.convertHighlightsToClozes;
    if (d.convertBoldTextToClozes !== undefined) out.boldClozes = d.convertBoldTextToClozes;
    if (d.convertCurlyBracketsToClozes !== undefined) out.curlyClozes = d.convertCurlyBracketsToClozes;
  }
  return out;
}

/**
 * Validates the parsed content of a settings file. `file` is only for messages. Pure, so tests
 * and other tools can check a settings object without a vault on disk.
 */
export function resolveStudySettings(raw: unknown, file: string, plugin: Partial<CardSyntax> = {}): StudySettings {
  const parsed = studySettingsFileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    const detail =
      issue?.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (known: questions.examCallouts, questions.examHeadings, questions.replaceDefaults, questions.exclude, questions.detectNonStudyNotes, cards.*)`
        : (issue?.message ?? 'invalid value');
    throw new StudySettingsError(file, path, detail);
  }
  const q = parsed.data.questions ?? {};
  const cards = Object.fromEntries(Object.entries(parsed.data.cards ?? {}).filter(([, v]) => v !== undefined)) as Partial<CardSyntax>;
  return {
    file,
    examCallouts: q.examCallouts ?? [],
    examHeadings: q.examHeadings ?? [],
    replaceDefaults: q.replaceDefaults ?? false,
    exclude: q.exclude ?? [],
    detectNonStudyNotes: q.detectNonStudyNotes ?? true,
    cards: { ...DEFAULT_CARD_SYNTAX, ...plugin, ...cards, tags: (cards.tags ?? plugin.tags ?? DEFAULT_CARD_SYNTAX.tags).map((t) => t.replace(/^#/, '')) },
  };
}

function readPluginSettings(vaultDir: string): Partial<CardSyntax> {
  const path = join(vaultDir, '.obsidian', 'plugins', 'obsidian-spaced-repetition', 'data.json');
  if (!existsSync(path)) return {};
  try {
    return cardSyntaxFromPlugin(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return {}; // the plugin's file, half-written by Obsidian: its defaults are the right reading
  }
}

/** Reads the vault's settings file (if any) and the plugin's settings (if any). Throws StudySettingsError. */
export function readStudySettings(vaultDir: string): StudySettings {
  const plugin = readPluginSettings(vaultDir);
  const name = STUDY_SETTINGS_FILES.find((f) => existsSync(join(vaultDir, f)));
  if (!name) return { ...DEFAULT_STUDY_SETTINGS, cards: { ...DEFAULT_CARD_SYNTAX, ...plugin } };
  const text = readFileSync(join(vaultDir, name), 'utf8');
  let raw: unknown;
  if (name.endsWith('.json')) {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new StudySettingsError(name, '', `not valid JSON: ${(error as Error).message}`);
    }
  } else {
    const document = parseDocument(text, { prettyErrors: false });
    const yamlError = document.errors[0];
    if (yamlError) throw new StudySettingsError(name, `line ${yamlError.linePos?.[0]?.line ?? 1}`, `not valid YAML: ${yamlError.message.split('\n')[0]}`);
    raw = document.toJS();
  }
  return resolveStudySettings(raw, name, plugin);
}
