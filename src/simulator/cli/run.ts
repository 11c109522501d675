/**
 * Runs a console line: parses it, sends the call to the cloud as the chosen account and Region,
 * and prints what the AWS CLI would print. Pure apart from the `send` it is given.
 */
import type { CloudRequest } from '../api/dispatch.js';
import type { AccountInfo } from '../model/accounts.js';
import type { ApiResult } from '../model/errors.js';
import { PROFILES } from './commands.js';
import { parseLine } from './parse.js';
import { formatCliError, formatCliJson } from './print.js';

/** One line of console output. */
export interface ConsoleLine {
  readonly stream: 'stdout' | 'stderr';
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
}

/** The account a profile name stands for. */
export function accountForProfile(profile: string, accounts: readonly AccountInfo[]): AccountInfo | undefined {
  const role = PROFILES[profile];
  return role === undefined ? undefined : accounts.find((account) => account.role === role);
}

/** The profile name of an account. */
export function profileForAccount(accountId: string, accounts: readonly AccountInfo[]): string {
  const role = accounts.find((account) => account.accountId === accountId)?.role;
  return Object.entries(PROFILES).find(([, r]) => r === role)?.[0] ?? 'default';
}

const out = (text: string): ConsoleLine => ({ stream: 'stdout', text });
const err = (text: string): ConsoleLine => ({ stream: 'stderr', text });

function endpointError(region: string, service: string): ConsoleLine {
  return err(`Could not connect to the endpoint URL: "https://${service}.${region}.amazonaws.com/"\n(The lab simulates these Regions only.)`);
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
      return { output: [err(parsed.text)] };
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
      const region = parsed.region ?? env.region;
      const account = parsed.profile === undefined ? env.accounts.find((a) => a.accountId === env.accountId) : accountForProfile(parsed.profile, env.accounts);
      if (account === undefined) return { output: [err(`The config profile (${parsed.profile ?? ''}) could not be found`)] };
      if (!env.regions.includes(region)) return { output: [endpointError(region, parsed.command.service)] };
      const notes = parsed.note === undefined ? [] : [err(parsed.note)];
      if (parsed.command.op === 'GetCallerIdentity') {
        const identity = {
          UserId: `AIDA${account.accountId}LAB`,
          Account: account.accountId,
          Arn: `arn:aws:iam::${account.accountId}:user/lab-${account.role}`,
        };
        return { output: [...notes, out(formatCliJson(identity))] };
      }
      const request: CloudRequest = { op: parsed.command.op, region, account: account.accountId, params: parsed.params };
      const result = env.send(request);
      const printed = result.ok ? formatCliJson(result.data) : formatCliError(parsed.command.op, result.error);
      const lines = printed === '' ? notes : [...notes, result.ok ? out(printed) : err(printed)];
      return { output: lines, call: { request, result } };
    }
  }
}
