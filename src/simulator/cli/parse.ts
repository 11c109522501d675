/**
 * Parses an `aws …` command line into the API call it stands for, with the AWS CLI's own
 * argument errors (invalid choice, unknown options, missing required arguments, bad values).
 */
import { type CommandSpec, COMMANDS, commandNames, findCommand, GLOBAL_OPTIONS, type OptionSpec, optionFlags, SERVICES } from './commands.ts';
import { PROFILES } from './profiles.ts';
import { OUTPUT_FORMATS, type OutputFormat } from './output.ts';
import { formatUnknownOptions, formatUsageError } from './print.ts';
import { checkQuery } from './query.ts';
import { findWaiter, type WaiterSpec, waitersOf } from './waiters.ts';
import { readStructured } from './shorthand.ts';
import { tokenize } from './tokenize.ts';
import { encodeBase64 } from './base64.ts';

export { encodeBase64 };

/** What a console line asks for. */
export type ParsedLine =
  | { readonly kind: 'empty' }
  /** Help text to print (lab help, `aws help`, `aws ec2 help`, `aws ec2 <cmd> help`). */
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'clear' }
  | { readonly kind: 'history' }
  /** `export AWS_PROFILE=partner` / `export AWS_REGION=eu-west-1`. */
  | { readonly kind: 'set'; readonly setting: 'profile' | 'region'; readonly value: string }
  | {
      readonly kind: 'call';
      readonly command: CommandSpec;
      readonly params: Readonly<Record<string, unknown>>;
      /** `--region`, when given. */
      readonly region: string | undefined;
      /** `--profile`, when given. */
      readonly profile: string | undefined;
      /** A note for stderr (kept for callers; the console prints every `--output` now). */
      readonly note: string | undefined;
      /** `--output` (json when not given). */
      readonly output: OutputFormat;
      /** `--query`, when given (already checked to compile). */
      readonly query: string | undefined;
    }
  /** `aws ec2 wait <waiter> …`: the waiter and the describe call it polls. */
  | {
      readonly kind: 'wait';
      readonly waiter: WaiterSpec;
      readonly command: CommandSpec;
      readonly params: Readonly<Record<string, unknown>>;
      readonly region: string | undefined;
      readonly profile: string | undefined;
    }
  /** The line is wrong; `text` is what a shell or the CLI would print, `tip` the lab's hint. */
  | { readonly kind: 'error'; readonly text: string; readonly tip?: string };

/** Edit distance, for "Maybe you meant". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const saved = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length] as number;
}

/** Close matches of `word` among `choices`, nearest first. */
export function suggest(word: string, choices: readonly string[]): string[] {
  return choices
    .map((choice) => ({ choice, d: editDistance(word, choice) }))
    .filter(({ choice, d }) => d <= Math.max(2, Math.floor(word.length / 3)) || (word.length >= 4 && choice.startsWith(word)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ choice }) => choice);
}

const GLOBAL_WITH_VALUE = new Set(['--region', '--profile', '--output', '--query', '--endpoint-url', '--color', '--cli-read-timeout']);
const GLOBAL_FLAGS = new Set(['--no-cli-pager', '--debug', '--no-paginate', '--no-verify-ssl', '--no-sign-request']);

/** The lab's own console help. */
export const CONSOLE_HELP = [
  'AMI Lab console: type AWS CLI commands; they run against the simulated cloud.',
  '',
  '  aws ec2 describe-images --owners amazon',
  '  aws ec2 run-instances --image-id ami-… --instance-type t3.micro --placement AvailabilityZone=us-east-1b',
  '  aws ssm send-command --document-name AWS-RunShellScript --instance-ids i-… --parameters commands="dnf install -y nginx"',
  '  aws ec2 create-image --instance-id i-… --name web-v1',
  '  aws ec2 copy-image --source-region us-east-1 --source-image-id ami-… --name web-v1 --region eu-west-1',
  '  aws ec2 modify-image-attribute --image-id ami-… --launch-permission "Add=[{UserId=444455556666}]"',
  '',
  'Options every command takes: --region <code>, --profile default|partner|stranger, --dry-run,',
  '  --output json|text|table|yaml, --query <JMESPath> (e.g. --query "Images[].ImageId").',
  'Wait on the simulated clock: aws ec2 wait image-available --image-ids ami-… (aws ec2 wait help lists the waiters).',
  'Switch for the whole session: export AWS_PROFILE=partner, export AWS_REGION=eu-west-1.',
  'Other commands: aws help, aws ec2 help, aws ec2 <command> help, history, clear.',
  'Keys: Tab completes commands, options and resource IDs; Up and Down walk through history.',
].join('\n');

function helpForService(service: string): string {
  const commands = COMMANDS.filter((c) => c.service === service);
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  o ${c.name.padEnd(width)}  ${c.summary}`);
  if (waitersOf(service).length > 0) lines.push(`  o ${'wait'.padEnd(width)}  Wait on the simulated clock until a condition holds (aws ${service} wait help).`);
  return [`${service}`, '', 'AVAILABLE COMMANDS', '', ...lines].join('\n');
}

function helpForCommand(command: CommandSpec): string {
  const lines = [`NAME`, `       ${command.name} -`, '', 'DESCRIPTION', `       ${command.summary}`, '', 'SYNOPSIS', `            ${command.name}`];
  for (const option of command.options) {
    const value = option.kind.type === 'flag' ? '' : ' <value>';
    const body = option.kind.type === 'flag' && !option.flag.startsWith('--no-') ? `${option.flag} | --no-${option.flag.slice(2)}` : `${option.flag}${value}`;
    lines.push(option.required === true ? `          ${body}` : `          [${body}]`);
  }
  if (command.dryRun) lines.push('          [--dry-run | --no-dry-run]');
  lines.push('          [--region <value>] [--profile <value>]');
  return lines.join('\n');
}

function helpForWait(service: string): string {
  const waiters = waitersOf(service);
  const width = Math.max(...waiters.map((w) => w.name.length));
  return [
    'wait',
    '',
    'DESCRIPTION',
    '       Wait until a condition holds, polling the describe call as the AWS CLI does; the lab',
    '       moves simulated time between the calls instead of sleeping.',
    '',
    'AVAILABLE WAITERS',
    '',
    ...waiters.map((w) => `  o ${w.name.padEnd(width)}  ${w.summary}`),
  ].join('\n');
}

const AWS_HELP = [
  'aws',
  '',
  'DESCRIPTION',
  '       The AWS Command Line Interface, as far as the AMI Lab simulates it.',
  '',
  'AVAILABLE SERVICES',
  '       o ec2   Amazon EC2: instances, AMIs, volumes, snapshots',
  '       o ssm   AWS Systems Manager: send-command runs a shell script on an instance',
  '       o sts   AWS STS: get-caller-identity shows the account you act as',
].join('\n');

function isOption(word: string): boolean {
  return word.startsWith('--');
}

/** Parses one console line. */
export function parseLine(line: string): ParsedLine {
  const split = tokenize(line);
  if (!split.ok) return { kind: 'error', text: `bash: ${split.message}` };
  const words = split.words;
  const [first, ...rest] = words;
  if (first === undefined) return { kind: 'empty' };
  if (first === 'help') return { kind: 'help', text: CONSOLE_HELP };
  if (first === 'clear') return { kind: 'clear' };
  if (first === 'history') return { kind: 'history' };
  if (first === 'export') return parseExport(rest);
  if (first !== 'aws') return { kind: 'error', text: `bash: ${first}: command not found\n${missingAwsHint(words)}` };
  return parseAws(rest);
}

/** The hint after "command not found": the same line with `aws` (and the service) in front. */
function missingAwsHint(words: readonly string[]): string {
  const [first = '', ...rest] = words;
  const line = (parts: readonly string[]) => parts.map((w) => (/[\s"'\\$`]/.test(w) ? `'${w.replace(/'/g, `'\\''`)}'` : w)).join(' ');
  if ((SERVICES as readonly string[]).includes(first)) return `Commands start with "aws", e.g. aws ${line(words)}`;
  const service = SERVICES.find((candidate) => findCommand(candidate, first) !== undefined) ?? (first === 'wait' ? 'ec2' : undefined);
  if (service !== undefined) return `Commands start with "aws" and the service, e.g. aws ${service} ${line([first, ...rest])}`;
  return 'Type help to see what the console understands.';
}

function parseExport(words: readonly string[]): ParsedLine {
  const assignment = words[0] ?? '';
  const match = /^(AWS_PROFILE|AWS_REGION|AWS_DEFAULT_REGION)=(.*)$/.exec(assignment);
  if (match === null) {
    return { kind: 'error', text: 'The console understands export AWS_PROFILE=<default|partner|stranger> and export AWS_REGION=<region>.' };
  }
  const value = match[2] ?? '';
  return { kind: 'set', setting: match[1] === 'AWS_PROFILE' ? 'profile' : 'region', value };
}

function parseAws(words: readonly string[]): ParsedLine {
  const positionals: string[] = [];
  const options: { flag: string; values: string[] }[] = [];
  let region: string | undefined;
  let profile: string | undefined;
  let output: string | undefined;
  let query: string | undefined;
  const unknown: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    if (!isOption(word)) {
      const open = options[options.length - 1];
      if (open !== undefined) open.values.push(word);
      else positionals.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const flagName = eq > 0 ? word.slice(0, eq) : word;
    const inlineValue = eq > 0 ? word.slice(eq + 1) : undefined;
    if (GLOBAL_WITH_VALUE.has(flagName)) {
      const value = inlineValue ?? words[i + 1];
      if (value === undefined || (inlineValue === undefined && isOption(value))) {
        return { kind: 'error', text: formatUsageError(`argument ${flagName}: expected one argument`) };
      }
      if (inlineValue === undefined) i += 1;
      if (flagName === '--region') region = value;
      else if (flagName === '--profile') profile = value;
      else if (flagName === '--output') output = value;
      else if (flagName === '--query') query = value;
      // A closed option: words after it are positional or belong to the next option.
      options.push({ flag: '', values: [] });
      continue;
    }
    if (GLOBAL_FLAGS.has(flagName)) {
      options.push({ flag: '', values: [] });
      continue;
    }
    options.push({ flag: flagName, values: inlineValue === undefined ? [] : [inlineValue] });
  }
  // Words following a global option's value belong nowhere: the CLI reports them as unknown.
  for (const option of options) if (option.flag === '' && option.values.length > 0) unknown.push(...option.values);
  const commandOptions = options.filter((option) => option.flag !== '');

  // The CLI checks --output's choices while reading the global options, before the command.
  if (output !== undefined && !(OUTPUT_FORMATS as readonly string[]).includes(output)) {
    return { kind: 'error', text: formatUsageError(`argument --output: ${invalidChoices(OUTPUT_FORMATS)}`) };
  }
  const [service, commandName, ...extra] = positionals;
  if (service === undefined) {
    if (commandOptions.length === 0 && unknown.length === 0) return { kind: 'error', text: formatUsageError('the following arguments are required: command') };
    return { kind: 'error', text: formatUsageError('the following arguments are required: command') };
  }
  if (service === 'help') return { kind: 'help', text: AWS_HELP };
  if (!(SERVICES as readonly string[]).includes(service)) {
    return { kind: 'error', text: formatUsageError(`argument command: Found invalid choice '${service}'`, suggest(service, SERVICES)) };
  }
  if (commandName === undefined) return { kind: 'error', text: formatUsageError('the following arguments are required: operation') };
  if (commandName === 'help') return { kind: 'help', text: helpForService(service) };
  if (query !== undefined) {
    const bad = checkQuery(query);
    if (bad !== null) return { kind: 'error', text: bad };
  }
  if (profile !== undefined && !Object.hasOwn(PROFILES, profile)) {
    return { kind: 'error', text: `The config profile (${profile}) could not be found\nProfiles in the lab: ${Object.keys(PROFILES).join(', ')}.` };
  }
  if ((service === 'ec2' || service === 'ssm') && commandName === 'wait') return parseWait(service, extra, commandOptions, unknown, region, profile);
  const command = findCommand(service, commandName);
  if (command === undefined) {
    const choices = waitersOf(service).length > 0 ? [...commandNames(service), 'wait'] : commandNames(service);
    return { kind: 'error', text: formatUsageError(`argument operation: Found invalid choice '${commandName}'`, suggest(commandName, choices)) };
  }
  if (extra[0] === 'help') return { kind: 'help', text: helpForCommand(command) };
  unknown.push(...extra);
  const read = readCommandOptions(command, commandOptions, unknown);
  if (!read.ok) return read.error;
  const params = read.params;
  if (command.op === 'RunInstances' && params['MinCount'] === undefined) {
    params['MinCount'] = 1;
    params['MaxCount'] = 1;
  }
  return { kind: 'call', command, params, region, profile, note: undefined, output: (output ?? 'json') as OutputFormat, query };
}

/** The CLI's invalid-choice text for `--output`: two choices a line, each padded to 40. */
function invalidChoices(choices: readonly string[]): string {
  const lines = ['Invalid choice, valid choices are:', ''];
  for (let i = 0; i < choices.length; i += 2)
    lines.push(
      choices
        .slice(i, i + 2)
        .map((choice) => choice.padEnd(40))
        .join(' | '),
    );
  return lines.join('\n');
}

/** `aws ec2 wait <waiter> [options of its describe command]` (and `aws ssm wait command-executed`). */
function parseWait(
  service: 'ec2' | 'ssm',
  extra: readonly string[],
  commandOptions: readonly { flag: string; values: string[] }[],
  unknown: string[],
  region: string | undefined,
  profile: string | undefined,
): ParsedLine {
  const [name, ...more] = extra;
  if (name === undefined) return { kind: 'error', text: formatUsageError('the following arguments are required: subcommand') };
  if (name === 'help') return { kind: 'help', text: helpForWait(service) };
  const waiter = findWaiter(name, service);
  if (waiter === undefined) {
    return {
      kind: 'error',
      text: formatUsageError(
        `argument subcommand: Found invalid choice '${name}'`,
        suggest(
          name,
          waitersOf(service).map((w) => w.name),
        ),
      ),
    };
  }
  const command = findCommand(service, waiter.command) as CommandSpec;
  if (more[0] === 'help') return { kind: 'help', text: helpForCommand({ ...command, name: `wait ${waiter.name}`, summary: waiter.summary }) };
  unknown.push(...more);
  const read = readCommandOptions(command, commandOptions, unknown);
  if (!read.ok) return read.error;
  return { kind: 'wait', waiter, command, params: read.params, region, profile };
}

/** Reads a command's options; the CLI's error (unknown options first, then missing ones) or the params. */
function readCommandOptions(
  command: CommandSpec,
  commandOptions: readonly { flag: string; values: string[] }[],
  unknown: string[],
): { ok: true; params: Record<string, unknown> } | { ok: false; error: ParsedLine } {
  const params: Record<string, unknown> = {};
  const given = new Set<string>();
  for (const { flag: flagName, values } of commandOptions) {
    const read = readOption(command, flagName, values, params, unknown);
    if (read !== null) return { ok: false, error: { kind: 'error', text: read } };
    given.add(flagName.replace(/^--no-/, '--'));
    if (flagName === '--reboot') given.add('--no-reboot');
  }
  if (unknown.length > 0) {
    const flags = [...optionFlags(command), ...GLOBAL_OPTIONS];
    const tips = unknown
      .filter((word) => isOption(word))
      .map(
        (word) =>
          [
            word,
            suggest(
              word.replace(/=.*$/, ''),
              flags.filter((flag) => !given.has(flag)),
            )[0],
          ] as const,
      )
      .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
      .map(([word, flag]) => `${word} → ${flag}`);
    const tip =
      tips.length === 0
        ? undefined
        : `Did you mean ${tips.length === 1 ? (tips[0] as string).replace(/^.* → /, '') : tips.join(', ')}? aws ${command.service} ${command.name} help lists its options.`;
    const error: ParsedLine = tip === undefined ? { kind: 'error', text: formatUnknownOptions(unknown) } : { kind: 'error', text: formatUnknownOptions(unknown), tip };
    return { ok: false, error };
  }
  const missing = command.options.filter((option) => option.required === true && !given.has(option.flag)).map((option) => option.flag);
  if (missing.length > 0) return { ok: false, error: { kind: 'error', text: formatUsageError(`the following arguments are required: ${missing.join(', ')}`) } };
  return { ok: true, params };
}

/** Reads one option into `params`; returns the CLI's error text, or null. */
function readOption(command: CommandSpec, flagName: string, values: string[], params: Record<string, unknown>, unknown: string[]): string | null {
  if (command.dryRun && (flagName === '--dry-run' || flagName === '--no-dry-run')) {
    params['DryRun'] = flagName === '--dry-run';
    unknown.push(...values);
    return null;
  }
  const direct = command.options.find((option) => option.flag === flagName);
  const negated =
    direct === undefined && flagName.startsWith('--no-') ? command.options.find((option) => option.kind.type === 'flag' && option.flag === `--${flagName.slice(5)}`) : undefined;
  const rebootPair = flagName === '--reboot' ? command.options.find((option) => option.flag === '--no-reboot') : undefined;
  const option: OptionSpec | undefined = direct ?? negated ?? rebootPair;
  if (option === undefined) {
    unknown.push(flagName, ...values);
    return null;
  }
  const kind = option.kind;
  if (kind.type === 'flag') {
    params[option.param] = rebootPair !== undefined ? false : negated === undefined;
    unknown.push(...values);
    return null;
  }
  if (values.length === 0) return formatUsageError(`argument ${flagName}: expected one argument`);
  if (kind.type === 'scalar' || kind.type === 'timestamp') {
    const [value, ...more] = values as [string, ...string[]];
    unknown.push(...more);
    if (option.param === '$count') return readCount(value, params);
    if (option.param === '$userData') {
      if (value.startsWith('file://') || value.startsWith('fileb://')) {
        return 'The lab has no file system: pass the script itself, e.g. --user-data "dnf install -y nginx".';
      }
      params['UserData'] = encodeBase64(value);
      return null;
    }
    if (kind.type === 'timestamp' || kind.shape === 'string') {
      params[option.param] = value;
      return null;
    }
    if (!/^-?\d+$/.test(value)) {
      return `Parameter validation failed:\nInvalid type for parameter ${option.param}, value: ${value}, type: <class 'str'>, valid types: <class 'int'>`;
    }
    params[option.param] = Number(value);
    return null;
  }
  const isList = typeof kind.shape === 'object' && 'list' in kind.shape;
  const used = isList ? values : values.slice(0, 1);
  if (!isList) unknown.push(...values.slice(1));
  const read = readStructured(kind.shape, used, flagName.slice(2));
  if (!read.ok) return read.message;
  params[option.param] = read.value;
  return null;
}

function readCount(value: string, params: Record<string, unknown>): string | null {
  const match = /^(\d+)(?::(\d+))?$/.exec(value);
  if (match === null) return `count must be an integer or a range such as 1:3, got: ${value}`;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  params['MinCount'] = min;
  params['MaxCount'] = max;
  return null;
}
