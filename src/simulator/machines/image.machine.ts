/**
 * The AMI lifecycle (AWS: `ImageState`). Deprecation, deregistration protection and public/private
 * are flags on the image, not states, exactly as in AWS. Durations come from the simulated clock
 * (see instance.machine.ts for why `after` is not used).
 */
import { assign, setup } from 'xstate';
import type { ImageLifecycle, StateReason } from '../model/world-schema.ts';

/** Context of the image statechart. */
export type ImageContext = ImageLifecycle['context'];

/** Events the image statechart accepts. */
export type ImageEvent =
  | { type: 'image.ready' }
  | { type: 'image.fail'; reason: StateReason }
  | { type: 'image.disable' }
  | { type: 'image.enable' }
  | { type: 'image.deregister' };

/** The image statechart: pending → available ⇄ disabled, → failed, → deregistered. */
export const imageMachine = setup({
  types: {
    context: {} as ImageContext,
    events: {} as ImageEvent,
  },
  actions: {
    /** A failed image reports why in `StateReason`. */
    recordFailure: assign({
      stateReason: ({ event }) => (event.type === 'image.fail' ? event.reason : null),
    }),
  },
}).createMachine({
  id: 'image',
  initial: 'pending',
  context: { stateReason: null },
  states: {
    pending: {
      on: {
        'image.ready': { target: 'available' },
        'image.fail': { target: 'failed', actions: 'recordFailure' },
        // Deregistering a pending image (e.g. a copy in progress) cancels it.
        'image.deregister': { target: 'deregistered' },
      },
    },
    available: {
      on: {
        'image.disable': { target: 'disabled' },
        'image.deregister': { target: 'deregistered' },
      },
    },
    disabled: {
      on: {
        'image.enable': { target: 'available' },
        'image.deregister': { target: 'deregistered' },
      },
    },
    failed: {
      on: { 'image.deregister': { target: 'deregistered' } },
    },
    deregistered: { type: 'final' },
  },
});
