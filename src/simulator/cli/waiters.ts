/**
 * `aws ec2 wait …` on the simulated clock. The waiters are botocore's (`botocore/data/ec2/
 * 2016-11-15/waiters-2.json`: operation, delay, max attempts and acceptors) for what the simulator
 * models; the loop is botocore's `Waiter.wait`: call, match the acceptors in order, stop on success
 * or failure, fail on an error no acceptor expects, fail after the last attempt, otherwise sleep
 * `delay` seconds — here, move simulated time.
 *
 * `runWaiter` is a pure function of the cloud it is given (`send` and `advance`): the console only
 * prints its result.
 */
import { type JSONValue, search } from '@jmespath-community/jmespath';
import type { CloudRequest } from '../api/dispatch.ts';
import type { ApiResult } from '../model/errors.ts';
import { toPrintable } from './print.ts';

/** One acceptor of a waiter, as in botocore's waiter model. */
export interface Acceptor {
  readonly state: 'success' | 'failure' | 'retry';
  readonly matcher: 'path' | 'pathAll' | 'pathAny' | 'error';
  /** JMESPath over the response (not for `error`). */
  readonly argument?: string;
  readonly expected: string | boolean;
}

/** A waiter: its CLI name, botocore's name and model, and how the lab says what it waited for. */
export interface WaiterSpec {
  /** `image-available` */
  readonly name: string;
  /** `ImageAvailable` */
  readonly waiterName: string;
  /** The CLI service whose `wait` command has it. */
  readonly service: 'ec2' | 'ssm';
  /** The CLI command whose options it takes (`describe-images`). */
  readonly command: string;
  /** Seconds between attempts. */
  readonly delay: number;
  readonly maxAttempts: number;
  readonly acceptors: readonly Acceptor[];
  /** The parameter holding the IDs waited for, and what the wait is for ("to be available"). */
  readonly idsParam: string;
  readonly what: string;
  readonly summary: string;
}

const pathAll = (argument: string, expected: string, state: Acceptor['state'] = 'success'): Acceptor => ({ state, matcher: 'pathAll', argument, expected });
const pathAny = (argument: string, expected: string, state: Acceptor['state'] = 'failure'): Acceptor => ({ state, matcher: 'pathAny', argument, expected });
const error = (expected: string, state: Acceptor['state'] = 'retry'): Acceptor => ({ state, matcher: 'error', expected });
const INSTANCE_STATE = 'Reservations[].Instances[].State.Name';

/** botocore's EC2 waiters for what the lab models (no bundle, conversion, VPC, spot … waiters). */
export const WAITERS: readonly WaiterSpec[] = [
  {
    name: 'image-available',
    service: 'ec2',
    waiterName: 'ImageAvailable',
    command: 'describe-images',
    delay: 15,
    maxAttempts: 40,
    // botocore's model stops on `failed`; the lab also stops on `deregistered`, from which an AMI
    // never becomes available (botocore would poll it until "Max attempts exceeded").
    acceptors: [pathAll('Images[].State', 'available'), pathAny('Images[].State', 'failed'), pathAny('Images[].State', 'deregistered')],
    idsParam: 'ImageIds',
    what: 'to be available',
    summary: 'Wait until the AMIs are available (DescribeImages every 15 s, 40 times at most).',
  },
  {
    name: 'image-exists',
    service: 'ec2',
    waiterName: 'ImageExists',
    command: 'describe-images',
    delay: 15,
    maxAttempts: 40,
    acceptors: [{ state: 'success', matcher: 'path', argument: 'length(Images[]) > `0`', expected: true }, error('InvalidAMIID.NotFound')],
    idsParam: 'ImageIds',
    what: 'to exist',
    summary: 'Wait until DescribeImages finds the AMIs (every 15 s, 40 times at most).',
  },
  {
    name: 'instance-exists',
    service: 'ec2',
    waiterName: 'InstanceExists',
    command: 'describe-instances',
    delay: 5,
    maxAttempts: 40,
    acceptors: [{ state: 'success', matcher: 'path', argument: 'length(Reservations[]) > `0`', expected: true }, error('InvalidInstanceID.NotFound')],
    idsParam: 'InstanceIds',
    what: 'to exist',
    summary: 'Wait until DescribeInstances finds the instances (every 5 s, 40 times at most).',
  },
  {
    name: 'instance-running',
    service: 'ec2',
    waiterName: 'InstanceRunning',
    command: 'describe-instances',
    delay: 15,
    maxAttempts: 40,
    acceptors: [
      pathAll(INSTANCE_STATE, 'running'),
      pathAny(INSTANCE_STATE, 'shutting-down'),
      pathAny(INSTANCE_STATE, 'terminated'),
      pathAny(INSTANCE_STATE, 'stopping'),
      error('InvalidInstanceID.NotFound'),
    ],
    idsParam: 'InstanceIds',
    what: 'to be running',
    summary: 'Wait until the instances are running (every 15 s, 40 times at most).',
  },
  {
    name: 'instance-stopped',
    service: 'ec2',
    waiterName: 'InstanceStopped',
    command: 'describe-instances',
    delay: 15,
    maxAttempts: 40,
    acceptors: [pathAll(INSTANCE_STATE, 'stopped'), pathAny(INSTANCE_STATE, 'pending'), pathAny(INSTANCE_STATE, 'terminated')],
    idsParam: 'InstanceIds',
    what: 'to be stopped',
    summary: 'Wait until the instances are stopped (every 15 s, 40 times at most).',
  },
  {
    name: 'instance-terminated',
    service: 'ec2',
    waiterName: 'InstanceTerminated',
    command: 'describe-instances',
    delay: 15,
    maxAttempts: 40,
    acceptors: [pathAll(INSTANCE_STATE, 'terminated'), pathAny(INSTANCE_STATE, 'pending'), pathAny(INSTANCE_STATE, 'stopping')],
    idsParam: 'InstanceIds',
    what: 'to be terminated',
    summary: 'Wait until the instances are terminated (every 15 s, 40 times at most).',
  },
  {
    name: 'snapshot-completed',
    service: 'ec2',
    waiterName: 'SnapshotCompleted',
    command: 'describe-snapshots',
    delay: 15,
    maxAttempts: 40,
    acceptors: [pathAll('Snapshots[].State', 'completed'), pathAny('Snapshots[].State', 'error')],
    idsParam: 'SnapshotIds',
    what: 'to be completed',
    summary: 'Wait until the snapshots are completed (every 15 s, 40 times at most).',
  },
  {
    name: 'volume-available',
    service: 'ec2',
    waiterName: 'VolumeAvailable',
    command: 'describe-volumes',
    delay: 15,
    maxAttempts: 40,
    acceptors: [pathAll('Volumes[].State', 'available'), pathAny('Volumes[].State', 'deleted')],
    idsParam: 'VolumeIds',
    what: 'to be available',
    summary: 'Wait until the volumes are available (every 15 s, 40 times at most).',
  },
  {
    name: 'volume-deleted',
    service: 'ec2',
    waiterName: 'VolumeDeleted',
    command: 'describe-volumes',
    delay: 15,
    maxAttempts: 40,
    acceptors: [pathAll('Volumes[].State', 'deleted'), error('InvalidVolume.NotFound', 'success')],
    idsParam: 'VolumeIds',
    what: 'to be deleted',
    summary: 'Wait until the volumes are deleted (every 15 s, 40 times at most).',
  },
  {
    name: 'volume-in-use',
    service: 'ec2',
    waiterName: 'VolumeInUse',
    command: 'describe-volumes',
    delay: 15,
    maxAttempts: 40,
    acceptors: [pathAll('Volumes[].State', 'in-use'), pathAny('Volumes[].State', 'deleted')],
    idsParam: 'VolumeIds',
    what: 'to be in use',
    summary: 'Wait until the volumes are attached (every 15 s, 40 times at most).',
  },
  {
    name: 'command-executed',
    service: 'ssm',
    waiterName: 'CommandExecuted',
    command: 'get-command-invocation',
    // botocore/data/ssm/2014-11-06/waiters-2.json
    delay: 5,
    maxAttempts: 20,
    acceptors: [
      ...['Pending', 'InProgress', 'Delayed'].map((expected): Acceptor => ({ state: 'retry', matcher: 'path', argument: 'Status', expected })),
      { state: 'success', matcher: 'path', argument: 'Status', expected: 'Success' },
      ...['Cancelled', 'TimedOut', 'Failed', 'Cancelling'].map((expected): Acceptor => ({ state: 'failure', matcher: 'path', argument: 'Status', expected })),
      error('InvocationDoesNotExist'),
    ],
    idsParam: 'CommandId',
    what: 'to finish',
    summary: 'Wait until a Run Command invocation has run (GetCommandInvocation every 5 s, 20 times at most).',
  },
];

/** A waiter by its service and CLI name. */
export function findWaiter(name: string, service = 'ec2'): WaiterSpec | undefined {
  return WAITERS.find((waiter) => waiter.name === name && waiter.service === service);
}

/** The waiters of a service (`aws ec2 wait`, `aws ssm wait`). */
export function waitersOf(service: string): WaiterSpec[] {
  return WAITERS.filter((waiter) => waiter.service === service);
}

/** botocore's `explanation` of an acceptor (its "excepted" typo included, as the CLI prints it). */
export function explainAcceptor(acceptor: Acceptor): string {
  switch (acceptor.matcher) {
    case 'path':
      return `For expression "${acceptor.argument}" we matched expected path: "${String(acceptor.expected)}"`;
    case 'pathAll':
      return `For expression "${acceptor.argument}" all members matched excepted path: "${String(acceptor.expected)}"`;
    case 'pathAny':
      return `For expression "${acceptor.argument}" we matched expected path: "${String(acceptor.expected)}" at least once`;
    case 'error':
      return `Matched expected service error code: ${String(acceptor.expected)}`;
  }
}

function matches(acceptor: Acceptor, result: ApiResult): boolean {
  if (acceptor.matcher === 'error') return !result.ok && result.error.Code === acceptor.expected;
  if (!result.ok) return false;
  let found: unknown;
  try {
    found = search((toPrintable(result.data) ?? null) as JSONValue, acceptor.argument ?? '@');
  } catch {
    return false;
  }
  if (acceptor.matcher === 'path') return found === acceptor.expected;
  // pathAll and pathAny need a non-empty list.
  if (!Array.isArray(found) || found.length === 0) return false;
  return acceptor.matcher === 'pathAll' ? found.every((item) => item === acceptor.expected) : found.some((item) => item === acceptor.expected);
}

/** What a wait came to. */
export type WaitResult =
  | { readonly ok: true; readonly waitedMs: number; readonly attempts: number }
  | { readonly ok: false; readonly waitedMs: number; readonly attempts: number; readonly message: string; readonly lastResult: ApiResult };

/** The cloud a waiter polls: it sends the describe call and moves simulated time. */
export interface WaiterCloud {
  readonly send: (request: CloudRequest) => ApiResult;
  readonly advance: (ms: number) => unknown;
}

/**
 * Runs a waiter: the describe call, then `delay` seconds of simulated time, until an acceptor
 * decides or the attempts run out (botocore's loop). The first call is made at once.
 */
export function runWaiter(waiter: WaiterSpec, request: CloudRequest, cloud: WaiterCloud): WaitResult {
  let waitedMs = 0;
  let lastMatched: Acceptor | undefined;
  for (let attempt = 1; ; attempt += 1) {
    const result = cloud.send(request);
    const acceptor = waiter.acceptors.find((candidate) => matches(candidate, result));
    if (acceptor !== undefined) lastMatched = acceptor;
    const fail = (reason: string): WaitResult => ({ ok: false, waitedMs, attempts: attempt, message: `Waiter ${waiter.waiterName} failed: ${reason}`, lastResult: result });
    if (acceptor?.state === 'success') return { ok: true, waitedMs, attempts: attempt };
    if (acceptor?.state === 'failure') return fail(`Waiter encountered a terminal failure state: ${explainAcceptor(acceptor)}`);
    if (acceptor === undefined && !result.ok) return fail(`An error occurred (${result.error.Code}): ${result.error.Message}`);
    if (attempt >= waiter.maxAttempts) {
      return fail(lastMatched === undefined ? 'Max attempts exceeded' : `Max attempts exceeded. Previously accepted state: ${explainAcceptor(lastMatched)}`);
    }
    cloud.advance(waiter.delay * 1000);
    waitedMs += waiter.delay * 1000;
  }
}

/** `2 min 15 s`, `45 s`, `1 h 5 min`: how long a wait took in simulated time. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h > 0 ? `${h} h` : '', min > 0 ? `${min} min` : '', s > 0 || total === 0 ? `${s} s` : ''];
  return parts.filter((part) => part !== '').join(' ');
}

/** What the wait was for: `ami-0123… to be available`, or `the images matching your filters …`. */
export function waitSubject(waiter: WaiterSpec, params: Readonly<Record<string, unknown>>): string {
  const ids = params[waiter.idsParam];
  if (waiter.idsParam === 'CommandId') return `command ${String(ids)} on ${String(params['InstanceId'])} ${waiter.what}`;
  if (Array.isArray(ids) && ids.length > 0) return `${ids.join(', ')} ${waiter.what}`;
  const noun = { ImageIds: 'AMIs', InstanceIds: 'instances', SnapshotIds: 'snapshots', VolumeIds: 'volumes' }[waiter.idsParam] ?? 'resources';
  return `the ${noun} you described ${waiter.what}`;
}

/** The lab's line after a wait that succeeded. */
export function waitedMessage(waiter: WaiterSpec, params: Readonly<Record<string, unknown>>, waitedMs: number): string {
  if (waitedMs === 0) return `No simulated time passed: the first check already found ${waitSubject(waiter, params)}.`;
  return `Waited ${formatDuration(waitedMs)} of simulated time for ${waitSubject(waiter, params)}.`;
}
