/**
 * The EBS snapshot lifecycle (AWS: `SnapshotState`). A deleted snapshot simply stops existing, as
 * in AWS, so there is no `deleted` state. Durations come from the simulated clock (see
 * instance.machine.ts for why `after` is not used).
 */
import { assign, setup } from 'xstate';
import type { SnapshotLifecycle } from '../model/world-schema.ts';

/** Context of the snapshot statechart. */
export type SnapshotContext = SnapshotLifecycle['context'];

/** Events the snapshot statechart accepts. */
export type SnapshotEvent = { type: 'snapshot.completed' } | { type: 'snapshot.fail'; message: string };

/** The snapshot statechart: pending → completed, or → error. */
export const snapshotMachine = setup({
  types: {
    context: {} as SnapshotContext,
    events: {} as SnapshotEvent,
  },
  actions: {
    /** AWS reports why a snapshot failed in `StateMessage`. */
    recordFailure: assign({
      stateMessage: ({ event }) => (event.type === 'snapshot.fail' ? event.message : null),
    }),
  },
}).createMachine({
  id: 'snapshot',
  initial: 'pending',
  context: { stateMessage: null },
  states: {
    pending: {
      on: {
        'snapshot.completed': { target: 'completed' },
        'snapshot.fail': { target: 'error', actions: 'recordFailure' },
      },
    },
    completed: {},
    error: {},
  },
});
