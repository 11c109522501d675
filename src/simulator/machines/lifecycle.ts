/**
 * Advancing a resource's lifecycle with XState's pure `transition`.
 *
 * A resource keeps its statechart state as plain JSON (`{ value, context }`) in the world. To move
 * it, the snapshot is resolved from that JSON and handed to `transition`, and the next value and
 * context are stored back. `transition` is pure and these machines are small and finite, so the
 * answer for a given (state, context, event) never changes; it is memoised, which keeps a call in
 * the microseconds (a bare `transition` costs ~15 µs, too much for 50,000 calls a second).
 */
import { type AnyStateMachine, initialTransition, transition } from 'xstate';
import type { BuilderImageLifecycle, ImageLifecycle, InstanceLifecycle, ResourceType, SnapshotLifecycle, VolumeLifecycle } from '../model/world-schema.ts';
import { type ImageEvent, imageMachine } from './image.machine.ts';
import { type BuilderImageEvent, builderImageMachine } from './imagebuilder-image.machine.ts';
import { type InstanceEvent, instanceMachine } from './instance.machine.ts';
import { type SnapshotEvent, snapshotMachine } from './snapshot.machine.ts';
import { type VolumeEvent, volumeMachine } from './volume.machine.ts';

/** The four lifecycle statecharts, by resource type, for drawing and highlighting. */
export const lifecycleMachines = {
  instance: instanceMachine,
  image: imageMachine,
  snapshot: snapshotMachine,
  volume: volumeMachine,
} as const satisfies Record<ResourceType, AnyStateMachine>;

interface LifecycleJson {
  readonly value: string;
  readonly context: object;
}

// The memo is bounded only as a safeguard: the reachable (state, context, event) space is tiny.
const MEMO_LIMIT = 10_000;

function createStepper<L extends LifecycleJson, E extends { type: string }>(machine: AnyStateMachine): (lifecycle: L, event: E) => L | null {
  const memo = new Map<string, L | null>();
  return (lifecycle, event) => {
    const key = `${lifecycle.value}\u0000${JSON.stringify(lifecycle.context)}\u0000${JSON.stringify(event)}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    const snapshot = machine.resolveState({ value: lifecycle.value, context: lifecycle.context });
    // `can` tells refusal apart from an accepted self-transition (a reboot), which `transition`
    // may answer with the very same snapshot.
    let result: L | null = null;
    if (snapshot.can(event)) {
      const [next] = transition(machine, snapshot, event);
      result = Object.freeze({ value: next.value as string, context: Object.freeze({ ...next.context }) }) as unknown as L;
    }
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, result);
    return result;
  };
}

function createInitial<L extends LifecycleJson>(machine: AnyStateMachine, input?: unknown): L {
  const [snapshot] = initialTransition(machine, input);
  return Object.freeze({
    value: snapshot.value as string,
    context: Object.freeze({ ...snapshot.context }),
  }) as unknown as L;
}

/** Next instance lifecycle for an event, or null when the statechart does not accept it. */
export const stepInstance = createStepper<InstanceLifecycle, InstanceEvent>(instanceMachine);
/** Next image lifecycle for an event, or null when the statechart does not accept it. */
export const stepImage = createStepper<ImageLifecycle, ImageEvent>(imageMachine);
/** Next snapshot lifecycle for an event, or null when the statechart does not accept it. */
export const stepSnapshot = createStepper<SnapshotLifecycle, SnapshotEvent>(snapshotMachine);
/** Next volume lifecycle for an event, or null when the statechart does not accept it. */
export const stepVolume = createStepper<VolumeLifecycle, VolumeEvent>(volumeMachine);

/** Initial lifecycle of a new EBS-backed instance (`pending`). */
export const INITIAL_INSTANCE_LIFECYCLE = createInitial<InstanceLifecycle>(instanceMachine, { rootDeviceType: 'ebs' });
/** Initial lifecycle of a new image (`pending`). */
export const INITIAL_IMAGE_LIFECYCLE = createInitial<ImageLifecycle>(imageMachine);
/** Initial lifecycle of a new snapshot (`pending`). */
export const INITIAL_SNAPSHOT_LIFECYCLE = createInitial<SnapshotLifecycle>(snapshotMachine);
/** Initial lifecycle of a new volume (`creating`). */
export const INITIAL_VOLUME_LIFECYCLE = createInitial<VolumeLifecycle>(volumeMachine);
/** Next Image Builder build lifecycle for an event, or null when the statechart does not accept it (issue 14). */
export const stepBuilderImage = createStepper<BuilderImageLifecycle, BuilderImageEvent>(builderImageMachine);
/** Initial lifecycle of an Image Builder build (`PENDING`). */
export const INITIAL_BUILDER_IMAGE_LIFECYCLE = createInitial<BuilderImageLifecycle>(builderImageMachine);
