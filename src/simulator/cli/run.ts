/**
 * Runs a console line: parses it, sends the call to the cloud as the chosen account and Region,
 * and prints what the AWS CLI would print. Pure apart from the `send` it is given.
 */
import type { CloudRequest } from '../api/dispatch.ts';
import type { AccountInfo } from '../model/accounts.ts';
import type { ApiResult } from '../model/errors.ts';
import { accountForProfile } from './profiles.ts';
import { formatOutput, type OutputFormat } from './output.ts';
import { type ParsedLine, parseLine } from './parse.ts';
import { formatCliError } from './print.ts';
import { applyQuery } from './query.ts';
import { formatDuration, runWaiter, type WaitResult, waitedMessage } from './waiters.ts';

/** One line of console output: what the CLI prints (stdout, stderr), or the lab's own note. */
export interface ConsoleLine {
  readonly stream: 'stdout' | 'stderr' | 'note';
  readonly text: string;
}

/** What the console needs from the lab. */
export interface ConsoleEnvironment {
  /** Region used when `--region` is not given. */
  readonly region: string;
  /** Account used when `--profile` is not given. */
  readonly accountId: string;
  readonly accounts: readonly AccountInfo[];
  readonly regions: readonly string[];
  readonly send: (request: CloudRequest) => ApiResult;
  /**
   * Moves simulated time (the cloud's `advance`), for `aws ec2 wait`. Without it a waiter checks
   * once and says that the console cannot move time.
   */
  readonly advance?: (ms: number) => unknown;
}

/** The outcome of one console line. */
export interface ConsoleOutcome {
  readonly output: readonly ConsoleLine[];
  /** The call sent, if any, with its result (for the lab's request/response view). */
  readonly call?: { readonly request: CloudRequest; readonly result: ApiResult };
  /** Settings the line changed (`export AWS_PROFILE=…`). */
  readonly set?: { readonly accountId?: string; readonly region?: string };
  readonly clear?: boolean;
  readonly showHistory?: boolean;
  /** `aws ec2 wait`: what the waiter came to and how much simulated time it moved. */
  readonly wait?: WaitResult;
}

const out = (text: string): ConsoleLine => ({ stream: 'stdout', text });
const err = (text: string): ConsoleLine => ({ stream: 'stderr', text });
const note = (text: string): ConsoleLine => ({ stream: 'note', text });

/** A successful response printed with `--query` and `--output`, as the CLI prints it. */
function printResponse(data: unknown, operation: string, output: OutputFormat, query: string | undefined): ConsoleLine[] {
  let value = data;
  if (query !== undefined) {
    const queried = applyQuery(query, data);
    if (!queried.ok) return [err(queried.message)];
    value = queried.value;
  }
  const printed = formatOutput(output, operation, value);
  return printed === '' ? [] : [out(printed)];
}

function endpointError(region: string, service: string): ConsoleLine {
  return err(`Could not connect to the endpoint URL: "https://${service}.${region}.amazonaws.com/"\n(The lab simulates these Regions only.)`);
}

/** The account and the request a call or a waiter sends, or the error that stops it. */
function targetOf(
  parsed: Extract<ParsedLine, { kind: 'call' | 'wait' }>,
  env: ConsoleEnvironment,
): { readonly account: AccountInfo; readonly request: CloudRequest } | ConsoleOutcome {
  const region = parsed.region ?? env.region;
  const account = parsed.profile === undefined ? env.accounts.find((a) => a.accountId === env.accountId) : accountForProfile(parsed.profile, env.accounts);
  if (account === undefined) return { output: [err(`The config profile (${parsed.profile ?? ''}) could not be found`)] };
  const service = parsed.command.service;
  if (!env.regions.includes(region)) return { output: [endpointError(region, service)] };
  const request: CloudRequest =
    service === 'ec2'
      ? { op: parsed.command.op, region, account: account.accountId, params: parsed.params }
      : { op: parsed.command.op, region, account: account.accountId, params: parsed.params, service };
  return { account, request };
}

/** Runs one console line. */
export function runConsoleLine(line: string, env: ConsoleEnvironment): ConsoleOutcome {
  const parsed = parseLine(line);
  switch (parsed.kind) {
    case 'empty':
      return { output: [] };
    case 'help':
      return { output: [out(parsed.text)] };
    case 'clear':
      return { output: [], clear: true };
    case 'history':
      return { output: [], showHistory: true };
    case 'error':
      return { output: parsed.tip === undefined ? [err(parsed.text)] : [err(parsed.text), note(parsed.tip)] };
    case 'set': {
      if (parsed.setting === 'profile') {
        const account = accountForProfile(parsed.value, env.accounts);
        if (account === undefined) return { output: [err(`The config profile (${parsed.value}) could not be found\nProfiles in the lab: default, partner, stranger.`)] };
        return { output: [out(`Acting as ${account.name} (${account.accountId}).`)], set: { accountId: account.accountId } };
      }
      if (!env.regions.includes(parsed.value)) return { output: [endpointError(parsed.value, 'ec2')] };
      return { output: [out(`Region set to ${parsed.value}.`)], set: { region: parsed.value } };
    }
    case 'call': {
      const target = targetOf(parsed, env);
      if ('output' in target) return target;
      const { account, request } = target;
      const notes = parsed.note === undefined ? [] : [err(parsed.note)];
      if (parsed.command.op === 'GetCallerIdentity') {
        const identity = {
          UserId: `AIDA${account.accountId}LAB`,
          Account: account.accountId,
          Arn: `arn:aws:iam::${account.accountId}:user/lab-${account.role}`,
        };
        return { output: [...notes, ...printResponse(identity, parsed.command.op, parsed.output, parsed.query)] };
      }
      const result = env.send(request);
      const printed = result.ok ? printResponse(result.data, parsed.command.op, parsed.output, parsed.query) : [err(formatCliError(parsed.command.op, result.error))];
      return { output: [...notes, ...printed], call: { request, result } };
    }
    case 'wait': {
      const target = targetOf(parsed, env);
      if ('output' in target) return target;
      const { request } = target;
      if (env.advance === undefined) {
        const result = env.send(request);
        return { output: [note('This console cannot move simulated time; use Run / Skip ahead, then describe again.')], call: { request, result } };
      }
      const advance = env.advance;
      const wait = runWaiter(parsed.waiter, request, { send: env.send, advance });
      const moved = wait.waitedMs === 0 ? [] : [note(`Simulated time moved on ${formatDuration(wait.waitedMs)} while waiting (${wait.attempts} checks).`)];
      if (wait.ok) return { output: [note(waitedMessage(parsed.waiter, parsed.params, wait.waitedMs))], wait };
      return { output: [err(wait.message), ...moved], wait };
    }
  }
}
