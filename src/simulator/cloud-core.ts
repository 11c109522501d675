/**
 * The cloud: one world, the calls sent to it, its clock, its event log and its subscribers.
 *
 * Each call runs in a transaction. A failure (including a DryRun, and anything that throws) is
 * rolled back, so a failed call changes nothing; a success is committed and announced.
 *
 * The operations a cloud runs (the EC2 API rules and the lifecycle statecharts) are given to it,
 * either at once (`createCloud`, `restoreCloud`) or as a loader (`./deferred.ts`): a UI can then
 * draw the world before that code has loaded, and load it when the learner starts to act.
 */
import { type AccountInfo, ACCOUNTS } from './model/accounts.ts';
import { type Bill, computeBill } from './model/billing.ts';
import { DEFAULT_START } from './model/catalogue.ts';
import { type ApiResult, type AwsError, fail, INTERNAL_ERROR } from './model/errors.ts';
import type { RestoreProblem, RestoreResult } from './model/persistence.ts';
import { type RegionInfo, REGIONS } from './model/regions.ts';
import { serializeWorld } from './model/save-format.ts';
import { type StateChange, Transaction } from './model/world.ts';
import type { ResourceType, Timer, World } from './model/world-schema.ts';
import { indexOf } from './model/world-index.ts';
import type { CloudRequest } from './api/dispatch.ts';
import type { lifecycleMachines } from './machines/lifecycle.ts';

/** What a cloud runs calls and time with: the EC2 API rules and the lifecycle statecharts. */
export interface CloudOperations {
  /** Validates, checks and applies one call in the transaction. */
  readonly dispatch: (tx: Transaction, request: CloudRequest) => ApiResult;
  /** Sends a due timer's event to its resource. */
  readonly fireTimer: (tx: Transaction, resourceId: string, due: Timer) => void;
  readonly lifecycleMachines: typeof lifecycleMachines;
}

/** The operations themselves, or a loader for them (called once, on first need). */
export type CloudOperationsSource = CloudOperations | (() => Promise<CloudOperations>);

/** The answer to a call made before a cloud's operations have loaded: nothing changes. */
const NOT_READY = fail('ServiceUnavailable', 'The simulator is still loading the EC2 API; call again once cloud.ready() has resolved.');

/** An entry of the event log. */
export type CloudLogEntry =
  | {
      readonly kind: 'call';
      readonly seq: number;
      /** Simulated time of the call, epoch ms. */
      readonly at: number;
      readonly op: string;
      /** The boto3 client name the call was sent to (`ec2` when the request named none). */
      readonly service: string;
      readonly region: string;
      readonly account: string;
      readonly params: unknown;
      readonly result: ApiResult;
    }
  | ({
      readonly kind: 'state-change';
      readonly seq: number;
      /** The call that caused the change, or null when the clock did. */
      readonly causeSeq: number | null;
    } & StateChange)
  | { readonly kind: 'clock'; readonly seq: number; readonly at: number; readonly from: number; readonly to: number };

/** What subscribers are told after each committed call or clock move. */
export interface CloudUpdate {
  /** Increases by one with every update. */
  readonly revision: number;
  /** Log entries added by this update. */
  readonly entries: readonly CloudLogEntry[];
}

/** A stable value that changes identity on every update (for React's useSyncExternalStore). */
export interface CloudSnapshot {
  readonly revision: number;
  readonly now: Date;
}

/** Result of moving the clock. */
export type AdvanceResult = { readonly ok: true; readonly now: Date; readonly changes: readonly StateChange[] } | { readonly ok: false; readonly error: AwsError };

/** Where a resource is in its lifecycle, with the statechart that defines it. */
export interface ResourceLifecycle {
  readonly resourceType: ResourceType;
  /** AWS's state name, which is the statechart's state. */
  readonly state: string;
  readonly machine: (typeof lifecycleMachines)[ResourceType];
}

/** The simulated EC2 world. Create one with {@link createCloud} or {@link restoreCloud}. */
export class Cloud {
  #world: World;
  #log: CloudLogEntry[] = [];
  readonly #logLimit: number;
  readonly #listeners = new Set<(update: CloudUpdate) => void>();
  #seq = 0;
  #snapshot: CloudSnapshot;
  #operations: CloudOperations | undefined;
  #loading: Promise<void> | undefined;
  readonly #loadOperations: (() => Promise<CloudOperations>) | undefined;

  /** @internal Use {@link createCloud} or {@link restoreCloud} (or `./deferred.ts`). */
  constructor(world: World, logLimit: number, operations: CloudOperationsSource) {
    this.#world = world;
    this.#logLimit = logLimit;
    this.#snapshot = { revision: 0, now: new Date(world.now) };
    if (typeof operations === 'function') this.#loadOperations = operations;
    else this.#operations = operations;
  }

  /**
   * Resolves once the cloud can take calls and fire timers: at once for a cloud made by
   * `createCloud`/`restoreCloud`; after its operations have loaded for a deferred one (calling
   * this starts the load). Until then `send` answers `ServiceUnavailable` and changes nothing.
   */
  ready(): Promise<void> {
    if (this.#operations !== undefined) return Promise.resolve();
    this.#loading ??= (this.#loadOperations as () => Promise<CloudOperations>)().then(
      (operations) => {
        this.#operations = operations;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  /** Whether calls can be sent now (see {@link Cloud.ready}). */
  isReady(): boolean {
    return this.#operations !== undefined;
  }

  /**
   * Sends one call: EC2 unless `service` names another client (`ssm`, `account`, `autoscaling`).
   * Never throws: every problem is an AWS-style error, and a failed call
   * leaves the world exactly as it was.
   */
  send(request: CloudRequest): ApiResult {
    const tx = new Transaction(this.#world);
    const operations = this.#operations;
    let result: ApiResult;
    try {
      result = operations === undefined ? NOT_READY : operations.dispatch(tx, request);
    } catch {
      result = INTERNAL_ERROR;
    }
    if (!result.ok) tx.rollback();
    const fields: Partial<Record<keyof CloudRequest, unknown>> = request !== null && typeof request === 'object' ? request : {};
    const call: CloudLogEntry = {
      kind: 'call',
      seq: ++this.#seq,
      at: this.#world.now,
      op: String(fields.op ?? ''),
      service: String(fields.service ?? 'ec2'),
      region: String(fields.region ?? ''),
      account: String(fields.account ?? ''),
      params: fields.params,
      result,
    };
    const entries: CloudLogEntry[] = [call];
    for (const change of tx.changes) entries.push({ kind: 'state-change', seq: ++this.#seq, causeSeq: call.seq, ...change });
    this.#publish(entries);
    return result;
  }

  /**
   * Moves simulated time forward by `ms`, firing every lifecycle event that comes due, in time
   * order (an instance boots, a snapshot completes, an image becomes available …). A deferred
   * cloud whose operations have not loaded moves only while no timer comes due (see `ready`).
   */
  advance(ms: number): AdvanceResult {
    if (!Number.isFinite(ms) || ms < 0) {
      return fail('InvalidParameterValue', `Time can only move forward: ${String(ms)} is not a number of milliseconds >= 0.`);
    }
    const world = this.#world;
    const from = world.now;
    const target = from + Math.floor(ms);
    const tx = new Transaction(world);
    try {
      for (;;) {
        const next = indexOf(world).timers.peekDue(target);
        if (next === undefined) break;
        if (this.#operations === undefined) {
          tx.rollback();
          return NOT_READY;
        }
        tx.setNow(Math.max(world.now, next[1].at));
        this.#operations.fireTimer(tx, next[0], next[1]);
      }
      tx.setNow(target);
    } catch {
      tx.rollback();
      return INTERNAL_ERROR;
    }
    const entries: CloudLogEntry[] = [{ kind: 'clock', seq: ++this.#seq, at: target, from, to: target }];
    for (const change of tx.changes) entries.push({ kind: 'state-change', seq: ++this.#seq, causeSeq: null, ...change });
    this.#publish(entries);
    return { ok: true, now: new Date(target), changes: [...tx.changes] };
  }

  /** Current simulated time. */
  now(): Date {
    return new Date(this.#world.now);
  }

  /** The accounts of the world: the learner's first, then a partner and a stranger. */
  accounts(): readonly AccountInfo[] {
    return ACCOUNTS;
  }

  /** The Regions of the world with their Availability Zones. */
  regions(): readonly RegionInfo[] {
    return REGIONS;
  }

  /** The whole world as JSON, with a version stamp; `restoreCloud` reads it back exactly. */
  save(): string {
    return serializeWorld(this.#world);
  }

  /** What an account has been charged so far and what it pays per month now. */
  bill(accountId: string): Bill {
    return computeBill(this.#world, accountId);
  }

  /** The event log: every call with its result, every state change, every clock move. */
  log(): readonly CloudLogEntry[] {
    return this.#log;
  }

  /** Calls `listener` after every committed call and clock move; returns the unsubscribe function. */
  subscribe(listener: (update: CloudUpdate) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** A value whose identity changes on every update (pairs with `subscribe` in useSyncExternalStore). */
  getSnapshot(): CloudSnapshot {
    return this.#snapshot;
  }

  /**
   * The world itself, read-only: for the lab's views, goal checks and tests. Records are
   * immutable values; never change them, send calls instead.
   */
  world(): Readonly<World> {
    return this.#world;
  }

  /**
   * A resource's lifecycle state and statechart, for drawing the chart and highlighting the state.
   * Undefined when there is no such resource, or while a deferred cloud's operations load.
   */
  lifecycleOf(resourceId: string): ResourceLifecycle | undefined {
    const machines = this.#operations?.lifecycleMachines;
    if (machines === undefined) return undefined;
    const world = this.#world;
    const found: [ResourceType, { lifecycle: { value: string } } | undefined][] = [
      ['instance', world.instances[resourceId]],
      ['image', world.images[resourceId]],
      ['snapshot', world.snapshots[resourceId]],
      ['volume', world.volumes[resourceId]],
    ];
    for (const [resourceType, record] of found) {
      if (record !== undefined) return { resourceType, state: record.lifecycle.value, machine: machines[resourceType] };
    }
    return undefined;
  }

  /**
   * What is installed on an instance's root volume (lab-only: in AWS you would log in and look).
   * Undefined when the account has no such instance.
   */
  installedSoftware(accountId: string, instanceId: string): readonly string[] | undefined {
    const instance = this.#world.instances[instanceId];
    if (instance === undefined || instance.ownerId !== accountId) return undefined;
    const root = instance.blockDevices.find((device) => device.deviceName === instance.rootDeviceName);
    const volume = root === undefined ? undefined : this.#world.volumes[root.volumeId];
    return volume?.installed ?? [];
  }

  #publish(entries: CloudLogEntry[]): void {
    for (const entry of entries) this.#log.push(entry);
    if (this.#log.length > this.#logLimit * 1.25) this.#log = this.#log.slice(this.#log.length - this.#logLimit);
    this.#snapshot = { revision: this.#snapshot.revision + 1, now: new Date(this.#world.now) };
    const update: CloudUpdate = { revision: this.#snapshot.revision, entries };
    for (const listener of this.#listeners) {
      try {
        listener(update);
      } catch {
        // A broken subscriber must not break the simulation or the other subscribers.
      }
    }
  }
}

/** Why {@link createCloud} could not restore a save. Prefer {@link restoreCloud}, which returns it. */
export class WorldRestoreError extends Error {
  readonly path: readonly (string | number)[];

  constructor(problem: RestoreProblem) {
    super(problem.message);
    this.name = 'WorldRestoreError';
    this.path = problem.path;
  }
}

/** Default bound of the event log. */
export const DEFAULT_LOG_LIMIT = 10_000;

/** Start of simulated time as epoch ms; throws on a time that is not a valid date. */
export function toEpoch(now: Date | number | undefined): number {
  const value = now === undefined ? DEFAULT_START : now instanceof Date ? now.getTime() : now;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`createCloud: "now" must be a valid date, got ${String(now)}`);
  return Math.floor(value);
}

/** Result of {@link restoreCloud}. */
export type RestoreCloudResult = { readonly ok: true; readonly cloud: Cloud } | { readonly ok: false; readonly error: RestoreProblem };

/** Restores a save with a reader (the zod-validating `readSavedWorld`); never throws. */
export function restoreWith(readSavedWorld: (input: unknown) => RestoreResult, saved: unknown, logLimit: number, operations: CloudOperationsSource): RestoreCloudResult {
  let restored: RestoreResult;
  try {
    restored = readSavedWorld(saved);
  } catch (error) {
    // Last resort: whatever the input, restoring answers with a problem rather than an exception.
    return { ok: false, error: { message: `The saved world could not be read: ${error instanceof Error ? error.message : String(error)}`, path: [] } };
  }
  if (!restored.ok) return restored;
  return { ok: true, cloud: new Cloud(restored.world, logLimit, operations) };
}
