/**
 * The world value and the transaction every call runs in.
 *
 * Records are immutable; the top-level maps are not. Every write goes through a {@link Transaction},
 * which keeps an undo log (target, key, previous value). A failed call, or one that throws, is
 * rolled back by replaying that log backwards, so no call ever pays for a copy of the whole world.
 */
import { ID_PREFIX, type IdKind } from './errors.ts';
import { drawIdSuffix } from './ids.ts';
import { MS_PER_MONTH } from './pricing.ts';
import { builtIndexOf } from './world-index.ts';
import type {
  BlockPublicAccess,
  CommandRecord,
  ImageRecord,
  AutoScalingGroupRecord,
  InstanceRecord,
  LaunchTemplateRecord,
  LifecyclePolicyRecord,
  ImageBuilderWorld,
  Meter,
  ParameterRecord,
  RecycleBinEntry,
  RecycleBinRule,
  RegionOptIn,
  ResourceType,
  SnapshotRecord,
  Timer,
  VolumeRecord,
  World,
} from './world-schema.ts';

/** Record type by resource type. */
export interface RecordByType {
  instance: InstanceRecord;
  image: ImageRecord;
  snapshot: SnapshotRecord;
  volume: VolumeRecord;
}

const COLLECTION = {
  instance: 'instances',
  image: 'images',
  snapshot: 'snapshots',
  volume: 'volumes',
} as const satisfies Record<ResourceType, keyof World>;

/** A lifecycle change of one resource, as the event log records it. */
export interface StateChange {
  readonly resourceType: ResourceType;
  readonly resourceId: string;
  readonly region: string;
  readonly ownerId: string;
  /** Previous state, or null for a new resource. */
  readonly from: string | null;
  /** New state, or null for a resource that no longer exists. */
  readonly to: string | null;
  /** The statechart event (e.g. `image.ready`), or `create` / `delete`. */
  readonly event: string;
  /** Simulated time of the change, epoch ms. */
  readonly at: number;
}

type UndoEntry = readonly [target: Record<string, unknown>, key: string, hadKey: boolean, previous: unknown];

/** An open set of changes to the world that can be rolled back until it is committed. */
export class Transaction {
  /** Lifecycle changes made in this transaction, in order. */
  readonly changes: StateChange[] = [];
  private readonly undoLog: UndoEntry[] = [];
  /**
   * Key order of each map, taken before its first deletion in this transaction. Re-adding a
   * deleted key would put it last; rollback uses this to put every key back where it was, so a
   * failed call leaves even the order of listings (and the saved JSON) unchanged.
   */
  private readonly keyOrderBeforeDelete = new Map<Record<string, unknown>, string[]>();

  readonly world: World;

  constructor(world: World) {
    this.world = world;
  }

  /** Simulated time. */
  get now(): number {
    return this.world.now;
  }

  private write(target: Record<string, unknown>, key: string, value: unknown): void {
    const hadKey = Object.hasOwn(target, key);
    // Timers and the Recycle Bin are saved in key order (save-format.ts), so their in-memory order
    // is not part of a save and need not be restored: a map of thousands of timers is not copied
    // by every call that cancels one.
    if (value === undefined && hadKey && !this.keyOrderBeforeDelete.has(target) && target !== this.world.timers && target !== this.world.recycleBin) {
      this.keyOrderBeforeDelete.set(target, Object.keys(target));
    }
    const previous = target[key];
    this.undoLog.push([target, key, hadKey, previous]);
    if (value === undefined) delete target[key];
    else target[key] = value;
    this.reindex(target, key, previous, value);
  }

  /** Keeps the world's derived indexes (see world-index.ts) in step with a write or its undo. */
  private reindex(target: Record<string, unknown>, key: string, previous: unknown, next: unknown): void {
    const index = builtIndexOf(this.world);
    if (index === undefined) return;
    const world = this.world;
    if (target === world.images) index.updateImage(key, previous as ImageRecord | undefined, next as ImageRecord | undefined);
    else if (target === world.instances) index.updateInstance(key, previous as InstanceRecord | undefined, next as InstanceRecord | undefined);
    else if (target === world.timers) index.updateTimer(key, previous as Timer | undefined, next as Timer | undefined);
  }

  /** Reads a resource. */
  get<T extends ResourceType>(type: T, id: string): RecordByType[T] | undefined {
    return (this.world[COLLECTION[type]] as Record<string, RecordByType[T]>)[id];
  }

  /**
   * Stores a resource record (new or replacing). A change of lifecycle state, or an explicit
   * `event`, is recorded for the event log.
   */
  put<T extends ResourceType>(type: T, record: RecordByType[T], event?: string): void {
    const collection = this.world[COLLECTION[type]] as Record<string, unknown>;
    const previous = collection[record.id] as RecordByType[T] | undefined;
    this.write(collection, record.id, record);
    const from = previous === undefined ? null : previous.lifecycle.value;
    if (from !== record.lifecycle.value || event !== undefined) {
      this.changes.push({
        resourceType: type,
        resourceId: record.id,
        region: record.region,
        ownerId: record.ownerId,
        from,
        to: record.lifecycle.value,
        event: event ?? (previous === undefined ? 'create' : 'update'),
        at: this.world.now,
      });
    }
  }

  /**
   * Stores a record that was always there in AWS (a Region's public catalogue, added on the
   * Region's first use): undoable like any write, but not a lifecycle change, so not logged.
   */
  putExisting<T extends ResourceType>(type: T, record: RecordByType[T]): void {
    this.write(this.world[COLLECTION[type]] as Record<string, unknown>, record.id, record);
  }

  /** Removes a resource (a deleted snapshot or volume). */
  remove(type: ResourceType, id: string): void {
    const collection = this.world[COLLECTION[type]] as Record<string, unknown>;
    const previous = collection[id] as RecordByType[ResourceType] | undefined;
    if (previous === undefined) return;
    this.write(collection, id, undefined);
    this.changes.push({
      resourceType: type,
      resourceId: id,
      region: previous.region,
      ownerId: previous.ownerId,
      from: previous.lifecycle.value,
      to: null,
      event: 'delete',
      at: this.world.now,
    });
  }

  /** Schedules (or, with undefined, cancels) the next lifecycle event of a resource. */
  setTimer(resourceId: string, timer: Timer | undefined): void {
    if (timer === undefined && !(resourceId in this.world.timers)) return;
    this.write(this.world.timers, resourceId, timer);
  }

  /** Moves simulated time. */
  setNow(now: number): void {
    this.write(this.world as unknown as Record<string, unknown>, 'now', now);
  }

  /** Issues a new ID from the seeded generator, never one already in use. */
  issueId(kind: IdKind): string {
    let state = this.world.idState;
    for (;;) {
      const draw = drawIdSuffix(state);
      state = draw.state;
      const id = `${ID_PREFIX[kind]}-${draw.suffix}`;
      if (!this.isIdTaken(id)) {
        this.write(this.world as unknown as Record<string, unknown>, 'idState', state);
        return id;
      }
    }
  }

  private isIdTaken(id: string): boolean {
    const w = this.world;
    return id in w.instances || id in w.images || id in w.snapshots || id in w.volumes || id in w.meters || (w.recycleBin !== undefined && id in w.recycleBin);
  }

  /** Stores (or, with undefined, deletes) a Recycle Bin retention rule (the map is made on the first one). */
  setRecycleBinRule(identifier: string, rule: RecycleBinRule | undefined): void {
    if (this.world.recycleBinRules === undefined) {
      if (rule === undefined) return;
      this.write(this.world as unknown as Record<string, unknown>, 'recycleBinRules', {});
    }
    const rules = this.world.recycleBinRules as Record<string, unknown>;
    if (rule === undefined && !(identifier in rules)) return;
    this.write(rules, identifier, rule);
  }

  /** Stores (or, with undefined, deletes) a Data Lifecycle Manager policy (the map is made on the first one). */
  setLifecyclePolicy(policyId: string, policy: LifecyclePolicyRecord | undefined): void {
    if (this.world.lifecyclePolicies === undefined) {
      if (policy === undefined) return;
      this.write(this.world as unknown as Record<string, unknown>, 'lifecyclePolicies', {});
    }
    const policies = this.world.lifecyclePolicies as Record<string, unknown>;
    if (policy === undefined && !(policyId in policies)) return;
    this.write(policies, policyId, policy);
  }

  /** Issues a lifecycle policy ID (`policy-` + 17 hex digits) from the seeded generator. */
  issueLifecyclePolicyId(): string {
    let state = this.world.idState;
    for (;;) {
      const draw = drawIdSuffix(state);
      state = draw.state;
      const id = `policy-${draw.suffix}`;
      if (this.world.lifecyclePolicies === undefined || !(id in this.world.lifecyclePolicies)) {
        this.write(this.world as unknown as Record<string, unknown>, 'idState', state);
        return id;
      }
    }
  }

  /** Stores (or, with undefined, deletes) an Image Builder resource of one kind, by ARN (issue 14). */
  setImageBuilder<K extends keyof ImageBuilderWorld>(kind: K, arn: string, value: ImageBuilderWorld[K][string] | undefined): void {
    if (this.world.imageBuilder === undefined) {
      if (value === undefined) return;
      const empty: ImageBuilderWorld = { components: {}, recipes: {}, infrastructure: {}, distributions: {}, pipelines: {}, images: {} };
      this.write(this.world as unknown as Record<string, unknown>, 'imageBuilder', empty);
    }
    const map = (this.world.imageBuilder as ImageBuilderWorld)[kind] as Record<string, unknown>;
    if (value === undefined && !(arn in map)) return;
    this.write(map, arn, value);
  }

  /** Records the catalogue's release schedule (issue 14). */
  setCatalogueReleases(value: NonNullable<World['catalogueReleases']>): void {
    this.write(this.world as unknown as Record<string, unknown>, 'catalogueReleases', value);
  }

  /** Puts an AMI or snapshot into the Recycle Bin, or (with undefined) takes it out. */
  setRecycleBinEntry(id: string, entry: RecycleBinEntry | undefined): void {
    if (this.world.recycleBin === undefined) {
      if (entry === undefined) return;
      this.write(this.world as unknown as Record<string, unknown>, 'recycleBin', {});
    }
    const bin = this.world.recycleBin as Record<string, unknown>;
    if (entry === undefined && !(id in bin)) return;
    this.write(bin, id, entry);
  }

  /**
   * Issues a Recycle Bin rule identifier: 11 characters of [0-9a-zA-Z] (rbin `RuleIdentifier`),
   * from the seeded generator.
   */
  issueRecycleBinRuleId(): string {
    const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let state = this.world.idState;
    for (;;) {
      const draw = drawIdSuffix(state);
      state = draw.state;
      let value = BigInt(`0x${draw.suffix}`);
      let id = '';
      for (let i = 0; i < 11; i += 1) {
        id += alphabet.charAt(Number(value % 62n));
        value /= 62n;
      }
      if (this.world.recycleBinRules === undefined || !(id in this.world.recycleBinRules)) {
        this.write(this.world as unknown as Record<string, unknown>, 'idState', state);
        return id;
      }
    }
  }

  /** Starts billing a resource at a monthly rate from now. */
  startMeter(resourceId: string, meter: Omit<Meter, 'since' | 'accruedUsd' | 'endedDescription'>): void {
    this.write(this.world.meters, resourceId, {
      ...meter,
      since: this.world.now,
      accruedUsd: 0,
      endedDescription: null,
    } satisfies Meter);
  }

  /** Changes a resource's rate from now on, settling what accrued at the old rate. */
  setMeterRate(resourceId: string, ratePerMonthUsd: number): void {
    const meter = this.world.meters[resourceId];
    if (meter === undefined || meter.ratePerMonthUsd === ratePerMonthUsd) return;
    this.write(this.world.meters, resourceId, {
      ...settle(meter, this.world.now),
      ratePerMonthUsd,
    } satisfies Meter);
  }

  /** Stops billing a resource that no longer exists, keeping what it cost and what it was. */
  endMeter(resourceId: string, description: string): void {
    const meter = this.world.meters[resourceId];
    if (meter === undefined) return;
    this.write(this.world.meters, resourceId, {
      ...settle(meter, this.world.now),
      ratePerMonthUsd: 0,
      endedDescription: description,
    } satisfies Meter);
  }

  /** Sets image block public access for an account in a Region. */
  setBlockPublicAccess(key: string, value: BlockPublicAccess): void {
    this.write(this.world.imageBlockPublicAccess, key, value);
  }

  /** Records an account's opt-in to (or out of) an opt-in Region; the key is `<accountId>/<region>`. */
  setRegionOptIn(key: string, value: RegionOptIn): void {
    this.write(this.world.regionOptIns, key, value);
  }

  /** Stores (or, with undefined, deletes) a Parameter Store parameter; the key is `<accountId>/<region>/<name>`. */
  setParameter(key: string, value: ParameterRecord | undefined): void {
    if (value === undefined && !(key in this.world.parameters)) return;
    this.write(this.world.parameters, key, value);
  }

  /** Stores (or, with undefined, deletes) a launch template. */
  setLaunchTemplate(id: string, value: LaunchTemplateRecord | undefined): void {
    if (value === undefined && !(id in this.world.launchTemplates)) return;
    this.write(this.world.launchTemplates, id, value);
  }

  /** Stores a Run Command command (the world's `commands` map is made on the first one). */
  setCommand(record: CommandRecord): void {
    if (this.world.commands === undefined) this.write(this.world as unknown as Record<string, unknown>, 'commands', {});
    this.write(this.world.commands as Record<string, unknown>, record.commandId, record);
  }

  /** Issues a new launch template ID (`lt-` + 17 hex digits) from the seeded generator. */
  issueLaunchTemplateId(): string {
    let state = this.world.idState;
    for (;;) {
      const draw = drawIdSuffix(state);
      state = draw.state;
      const id = `lt-${draw.suffix}`;
      if (!(id in this.world.launchTemplates)) {
        this.write(this.world as unknown as Record<string, unknown>, 'idState', state);
        return id;
      }
    }
  }

  /** Stores (or, with undefined, deletes) an Auto Scaling group; the key is `<accountId>/<region>/<name>`. */
  setAutoScalingGroup(key: string, value: AutoScalingGroupRecord | undefined): void {
    if (value === undefined && !(key in this.world.autoScalingGroups)) return;
    this.write(this.world.autoScalingGroups, key, value);
  }

  /** A point this transaction can be rolled back to (see {@link Transaction.rollbackTo}). */
  savepoint(): { readonly undo: number; readonly changes: number } {
    return { undo: this.undoLog.length, changes: this.changes.length };
  }

  /**
   * Undoes the writes made since a savepoint (an operation run inside another, such as a launch by
   * an Auto Scaling group, that failed). Key order of maps is not restored here, only contents.
   */
  rollbackTo(mark: { readonly undo: number; readonly changes: number }): void {
    for (let i = this.undoLog.length - 1; i >= mark.undo; i -= 1) {
      const [target, key, hadKey, previous] = this.undoLog[i] as UndoEntry;
      const current = target[key];
      if (hadKey) target[key] = previous;
      else delete target[key];
      this.reindex(target, key, current, hadKey ? previous : undefined);
    }
    this.undoLog.length = mark.undo;
    this.changes.length = mark.changes;
  }

  /** Undoes every write of this transaction, newest first. */
  rollback(): void {
    for (let i = this.undoLog.length - 1; i >= 0; i -= 1) {
      const [target, key, hadKey, previous] = this.undoLog[i] as UndoEntry;
      const current = target[key];
      if (hadKey) target[key] = previous;
      else delete target[key];
      this.reindex(target, key, current, hadKey ? previous : undefined);
    }
    for (const [target, keys] of this.keyOrderBeforeDelete) {
      const entries = keys.map((key) => [key, target[key]] as const);
      for (const key of Object.keys(target)) delete target[key];
      for (const [key, value] of entries) target[key] = value;
    }
    this.keyOrderBeforeDelete.clear();
    this.undoLog.length = 0;
    this.changes.length = 0;
  }
}

/** A meter with everything accrued up to `now` folded into `accruedUsd`. */
export function settle(meter: Meter, now: number): Meter {
  if (now <= meter.since) return meter;
  return {
    ...meter,
    accruedUsd: meter.accruedUsd + (meter.ratePerMonthUsd * (now - meter.since)) / MS_PER_MONTH,
    since: now,
  };
}

/** Cost accrued by a meter up to `now`, without changing it. */
export function accruedAt(meter: Meter, now: number): number {
  return now <= meter.since ? meter.accruedUsd : meter.accruedUsd + (meter.ratePerMonthUsd * (now - meter.since)) / MS_PER_MONTH;
}

/** Key of an account's image block public access setting in a Region. */
export function blockPublicAccessKey(accountId: string, region: string): string {
  return `${accountId}/${region}`;
}
