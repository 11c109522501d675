/**
 * The EBS volume lifecycle (AWS: `VolumeState`). Volumes created by RunInstances are born attached
 * and go straight to `in-use`; the transient `deleting` state is folded into `deleted`.
 * Durations come from the simulated clock (see instance.machine.ts for why `after` is not used).
 */
import { setup } from 'xstate';
import type { VolumeLifecycle } from '../model/world-schema.ts';

/** Context of the volume statechart (nothing beyond the state). */
export type VolumeContext = VolumeLifecycle['context'];

/** Events the volume statechart accepts. */
export type VolumeEvent = { type: 'volume.created'; attached: boolean } | { type: 'volume.attach' } | { type: 'volume.detach' } | { type: 'volume.delete' };

/** The volume statechart: creating → available ⇄ in-use, available → deleted. */
export const volumeMachine = setup({
  types: {
    context: {} as VolumeContext,
    events: {} as VolumeEvent,
  },
  guards: {
    /** A volume made for a launching instance is attached as soon as it exists. */
    isAttachedAtCreation: ({ event }) => event.type === 'volume.created' && event.attached,
  },
}).createMachine({
  id: 'volume',
  initial: 'creating',
  context: {},
  states: {
    creating: {
      on: {
        'volume.created': [{ target: 'in-use', guard: 'isAttachedAtCreation' }, { target: 'available' }],
      },
    },
    available: {
      on: {
        'volume.attach': { target: 'in-use' },
        'volume.delete': { target: 'deleted' },
      },
    },
    'in-use': {
      on: { 'volume.detach': { target: 'available' } },
    },
    deleted: { type: 'final' },
  },
});
