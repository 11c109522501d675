/**
 * The EC2 Image Builder image build (issue 14): AWS's `ImageStatus` values
 * (https://docs.aws.amazon.com/imagebuilder/latest/APIReference/API_ImageState.html: "A new image
 * moves through build, test, and distribution statuses during creation, and ends in the AVAILABLE,
 * FAILED, or CANCELLED state"), on the simulated clock like the other lifecycles: each step is a
 * timer, not an XState `after` delay. DEPRECATED, DISABLED and DELETED come from later management
 * actions the lab does not model.
 */
import { assign, setup } from 'xstate';
import type { BuilderImageLifecycle } from '../model/world-schema.ts';

/** Context of the build statechart: why it failed or was cancelled. */
export type BuilderImageContext = BuilderImageLifecycle['context'];

/** Events the build statechart accepts. */
export type BuilderImageEvent = { type: 'build.next' } | { type: 'build.fail'; reason: string } | { type: 'build.cancel' };

const active = {
  'build.fail': { target: 'FAILED', actions: 'recordReason' },
  'build.cancel': { target: 'CANCELLED', actions: 'recordCancel' },
} as const;

/** PENDING → CREATING → BUILDING → TESTING → DISTRIBUTING → INTEGRATING → AVAILABLE; FAILED or CANCELLED from any step. */
export const builderImageMachine = setup({
  types: { context: {} as BuilderImageContext, events: {} as BuilderImageEvent },
  actions: {
    recordReason: assign({ reason: ({ event }) => (event.type === 'build.fail' ? event.reason : null) }),
    recordCancel: assign({ reason: () => 'Image creation was cancelled.' }),
  },
}).createMachine({
  id: 'imagebuilder-image',
  initial: 'PENDING',
  context: { reason: null },
  states: {
    PENDING: { on: { 'build.next': { target: 'CREATING' }, ...active } },
    CREATING: { on: { 'build.next': { target: 'BUILDING' }, ...active } },
    BUILDING: { on: { 'build.next': { target: 'TESTING' }, ...active } },
    TESTING: { on: { 'build.next': { target: 'DISTRIBUTING' }, ...active } },
    DISTRIBUTING: { on: { 'build.next': { target: 'INTEGRATING' }, ...active } },
    INTEGRATING: { on: { 'build.next': { target: 'AVAILABLE' }, ...active } },
    AVAILABLE: { type: 'final' },
    FAILED: { type: 'final' },
    CANCELLED: { type: 'final' },
  },
});
