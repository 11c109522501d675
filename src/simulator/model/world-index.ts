/**
 * Indexes over the world, so that cost follows the work and not the size of the world (issue 13,
 * item 7): the clock finds due timers in a min-heap instead of walking every timer; AMI-name
 * uniqueness (CreateImage, CopyImage, RegisterImage) and the vCPU quota (RunInstances) read a map
 * instead of walking every image or instance.
 *
 * The world value stays the single source of truth (and the only thing saved): an index is
 * derived from it, built on first need and kept in sync by the {@link Transaction} on every
 * write, rollback included. Indexes live in a `WeakMap` keyed by the world, so they never ride
 * along in a save and a restored world simply builds its own.
 */
import type { ImageRecord, InstanceRecord, Timer, World } from './world-schema.ts';

/** One heap entry: the timer object itself, so a replaced or cancelled timer is recognised as stale. */
interface HeapEntry {
  readonly at: number;
  readonly id: string;
  readonly timer: Timer;
}

function before(a: HeapEntry, b: HeapEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

/**
 * A min-heap of timers keyed by (due time, resource ID) with lazy deletion: an entry whose timer is
 * no longer the one in `world.timers` is dropped when it reaches the top. Setting a timer pushes
 * an entry (O(log n)); cancelling costs nothing.
 */
export class TimerHeap {
  private entries: HeapEntry[] = [];
  /** Number of live timers (kept by {@link TimerHeap.count}), to know when stale entries dominate. */
  private live = 0;

  private readonly timers: Readonly<Record<string, Timer>>;

  constructor(timers: Readonly<Record<string, Timer>>) {
    this.timers = timers;
    for (const id in timers) this.entries.push({ at: (timers[id] as Timer).at, id, timer: timers[id] as Timer });
    this.live = this.entries.length;
    this.entries.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }

  /** Notes that a timer was added (+1) or removed (-1) from the world's map. */
  count(delta: number): void {
    this.live += delta;
  }

  /** Number of entries, stale ones included (for tests). */
  get size(): number {
    return this.entries.length;
  }

  push(id: string, timer: Timer): void {
    const entries = this.entries;
    entries.push({ at: timer.at, id, timer });
    let i = entries.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entries[i] as HeapEntry, entries[parent] as HeapEntry)) break;
      [entries[i], entries[parent]] = [entries[parent] as HeapEntry, entries[i] as HeapEntry];
      i = parent;
    }
    // Many replaced timers between two clock moves leave stale entries; rebuild when they dominate.
    if (entries.length > 64 && entries.length > 4 * this.live) this.rebuild();
  }

  private rebuild(): void {
    const fresh = new TimerHeap(this.timers);
    this.entries = fresh.entries;
    this.live = fresh.live;
  }

  private pop(): void {
    const entries = this.entries;
    const last = entries.pop() as HeapEntry;
    if (entries.length === 0) return;
    entries[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < entries.length && before(entries[left] as HeapEntry, entries[smallest] as HeapEntry)) smallest = left;
      if (right < entries.length && before(entries[right] as HeapEntry, entries[smallest] as HeapEntry)) smallest = right;
      if (smallest === i) return;
      [entries[i], entries[smallest]] = [entries[smallest] as HeapEntry, entries[i] as HeapEntry];
      i = smallest;
    }
  }

  /** The earliest live timer due at or before `target` (ties by resource ID), without removing it. */
  peekDue(target: number): [string, Timer] | undefined {
    for (;;) {
      const top = this.entries[0];
      if (top === undefined) return undefined;
      if (this.timers[top.id] !== top.timer) {
        this.pop();
        continue;
      }
      return top.at <= target ? [top.id, top.timer] : undefined;
    }
  }
}

/** The key of an account's resources in one Region. */
export function ownerRegionKey(ownerId: string, region: string): string {
  return `${ownerId}\u0000${region}`;
}

function imageNameKey(image: Pick<ImageRecord, 'ownerId' | 'region' | 'name'>): string {
  return `${image.ownerId}\u0000${image.region}\u0000${image.name}`;
}

/** Whether an instance counts against the running-instance vCPU quota. */
function holdsVcpus(instance: InstanceRecord | undefined): instance is InstanceRecord {
  if (instance === undefined) return false;
  const state = instance.lifecycle.value;
  return state === 'pending' || state === 'running' || state === 'stopping';
}

function holdsName(image: ImageRecord | undefined): image is ImageRecord {
  return image !== undefined && image.lifecycle.value !== 'deregistered';
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([id]));
  else set.add(id);
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (set === undefined) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}

/** The derived indexes of one world. */
export class WorldIndex {
  /** Images (not deregistered) by owner, Region and name. */
  readonly imagesByName = new Map<string, Set<string>>();
  /** Instances holding vCPUs (pending, running, stopping) by owner and Region. */
  readonly activeInstances = new Map<string, Set<string>>();
  readonly timers: TimerHeap;

  constructor(world: World) {
    this.timers = new TimerHeap(world.timers);
    for (const id in world.images) this.updateImage(id, undefined, world.images[id]);
    for (const id in world.instances) this.updateInstance(id, undefined, world.instances[id]);
  }

  /** Keeps the indexes in step with one write (or its undo): `previous` is replaced by `next`. */
  updateImage(id: string, previous: ImageRecord | undefined, next: ImageRecord | undefined): void {
    // Most writes change a state or a tag, not what the index keys on.
    if (
      previous !== undefined &&
      next !== undefined &&
      previous.name === next.name &&
      holdsName(previous) === holdsName(next) &&
      previous.ownerId === next.ownerId &&
      previous.region === next.region
    ) {
      return;
    }
    if (holdsName(previous)) removeFrom(this.imagesByName, imageNameKey(previous), id);
    if (holdsName(next)) addTo(this.imagesByName, imageNameKey(next), id);
  }

  updateInstance(id: string, previous: InstanceRecord | undefined, next: InstanceRecord | undefined): void {
    if (previous !== undefined && next !== undefined && holdsVcpus(previous) === holdsVcpus(next) && previous.ownerId === next.ownerId && previous.region === next.region) {
      return;
    }
    if (holdsVcpus(previous)) removeFrom(this.activeInstances, ownerRegionKey(previous.ownerId, previous.region), id);
    if (holdsVcpus(next)) addTo(this.activeInstances, ownerRegionKey(next.ownerId, next.region), id);
  }

  updateTimer(id: string, previous: Timer | undefined, next: Timer | undefined): void {
    if (previous === undefined && next !== undefined) this.timers.count(1);
    else if (previous !== undefined && next === undefined) this.timers.count(-1);
    if (next !== undefined) this.timers.push(id, next);
  }

  /** The ID of a live (not deregistered) image with this name, owner and Region, if any. */
  imageNamed(ownerId: string, region: string, name: string): string | undefined {
    const set = this.imagesByName.get(imageNameKey({ ownerId, region, name }));
    if (set === undefined) return undefined;
    for (const id of set) return id;
    return undefined;
  }

  /** IDs of an account's instances holding vCPUs in a Region. */
  activeInstanceIds(ownerId: string, region: string): ReadonlySet<string> {
    return this.activeInstances.get(ownerRegionKey(ownerId, region)) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

const INDEXES = new WeakMap<World, WorldIndex>();

/** The world's indexes, built on first need. */
export function indexOf(world: World): WorldIndex {
  let index = INDEXES.get(world);
  if (index === undefined) {
    index = new WorldIndex(world);
    INDEXES.set(world, index);
  }
  return index;
}

/** The world's indexes if they have been built (a write before then needs no bookkeeping). */
export function builtIndexOf(world: World): WorldIndex | undefined {
  return INDEXES.get(world);
}
