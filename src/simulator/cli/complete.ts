/**
 * Tab completion for the console: commands, subcommands, options not yet given, and values
 * (resource IDs, Regions, zones, profiles, choices) for the option being typed.
 */
import { commandNames, findCommand, GLOBAL_OPTIONS, optionFlags, SERVICES, type ValueHint } from './commands.ts';
import { OUTPUT_FORMATS } from './output.ts';
import { PROFILES } from './profiles.ts';
import { findWaiter, waitersOf } from './waiters.ts';
import { tokenize } from './tokenize.ts';

/** What completion can offer as values. */
export interface CompletionSources {
  readonly images: readonly string[];
  readonly instances: readonly string[];
  readonly snapshots: readonly string[];
  readonly volumes: readonly string[];
  readonly regions: readonly string[];
  readonly zones: readonly string[];
  readonly accounts: readonly string[];
}

/** Candidates for the word being typed, and the line with their common prefix filled in. */
export interface Completion {
  readonly candidates: readonly string[];
  /** The line completed as far as the candidates agree (with a space after a unique match). */
  readonly line: string;
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0] as string;
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

function valuesFor(hint: ValueHint | undefined, sources: CompletionSources): readonly string[] {
  switch (hint) {
    case 'image':
      return sources.images;
    case 'instance':
      return sources.instances;
    case 'snapshot':
      return sources.snapshots;
    case 'volume':
      return sources.volumes;
    case 'region':
      return sources.regions;
    case 'zone':
      return sources.zones;
    case 'account':
      return sources.accounts;
    case 'resource':
      return [...sources.images, ...sources.instances, ...sources.snapshots, ...sources.volumes];
    default:
      return [];
  }
}

/** Completes the last word of `line` (the cursor is at the end). */
export function completeLine(line: string, sources: CompletionSources): Completion {
  const split = tokenize(line);
  if (!split.ok) return { candidates: [], line };
  const words = [...split.words];
  const partial = split.trailingSpace || words.length === 0 ? '' : (words.pop() as string);
  const before = words;
  let pool: readonly string[];
  if (before.length === 0) pool = ['aws', 'help', 'history', 'clear', 'export'];
  else if (before[0] === 'export') pool = before.length === 1 ? ['AWS_PROFILE=', 'AWS_REGION='] : [];
  else if (before[0] !== 'aws') pool = [];
  else {
    const positionals = before.slice(1).filter((word, i, all) => !word.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));
    const service = positionals[0];
    const name = positionals[1];
    // `aws ec2 wait <waiter>` takes the options of the waiter's describe command.
    const waits = service !== undefined && name === 'wait' && waitersOf(service).length > 0;
    const waiterName = waits ? positionals[2] : undefined;
    const waiter = waiterName === undefined ? undefined : findWaiter(waiterName, service);
    const command = waiter !== undefined ? findCommand(waiter.service, waiter.command) : service !== undefined && name !== undefined ? findCommand(service, name) : undefined;
    const previous = before[before.length - 1] ?? '';
    if (previous === '--region' || previous === '--source-region' || previous === '--destination-region') pool = sources.regions;
    else if (previous === '--profile') pool = Object.keys(PROFILES);
    else if (previous === '--output') pool = OUTPUT_FORMATS;
    else if (service === undefined) pool = [...SERVICES, 'help'];
    else if (name === undefined) pool = [...commandNames(service), ...(waitersOf(service).length > 0 ? ['wait'] : []), 'help'];
    else if (waits && waiterName === undefined) pool = [...waitersOf(service).map((w) => w.name), 'help'];
    else if (command === undefined) pool = [];
    else {
      // The option whose value is being typed: the nearest option word before the cursor.
      const lastOption = [...before].reverse().find((word) => word.startsWith('--'));
      const spec = command.options.find((option) => option.flag === lastOption);
      const used = new Set(before.filter((word) => word.startsWith('--')));
      const flags = [...optionFlags(command), ...GLOBAL_OPTIONS].filter((flag) => !used.has(flag));
      if (partial.startsWith('-')) pool = flags;
      else if (spec !== undefined && spec.kind.type !== 'flag') {
        const values = spec.flag === '--placement' ? sources.zones.map((zone) => `AvailabilityZone=${zone}`) : [...valuesFor(spec.hint, sources), ...(spec.choices ?? [])];
        pool = values;
      } else pool = flags;
    }
  }
  const candidates = [...new Set(pool)].filter((word) => word.startsWith(partial));
  if (candidates.length === 0) return { candidates, line };
  const head = line.slice(0, line.length - partial.length);
  if (candidates.length === 1) {
    const only = candidates[0] as string;
    return { candidates, line: `${head}${only}${only.endsWith('=') ? '' : ' '}` };
  }
  return { candidates, line: `${head}${commonPrefix(candidates)}` };
}
