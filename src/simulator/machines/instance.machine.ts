/**
 * The EC2 instance lifecycle (AWS: "Instance lifecycle"). State names are AWS's instance states.
 *
 * Time is not modelled with `after` delays: how long a state lasts is computed from the simulated
 * clock by the world (a timer per resource), because the world must stay plain JSON and be advanced
 * with XState's pure `transition`; an `after` delay needs a running actor and a scheduler, whose
 * pending timers would live outside the saved world.
 */
import { assign, setup } from 'xstate';
import type { InstanceLifecycle } from '../model/world-schema.ts';

/** Context of the instance statechart. */
export type InstanceContext = InstanceLifecycle['context'];

/** Events the instance statechart accepts. */
export type InstanceEvent =
  | { type: 'instance.ready' }
  | { type: 'instance.stop' }
  | { type: 'instance.stopped' }
  | { type: 'instance.start' }
  | { type: 'instance.reboot' }
  /** CreateImage without NoReboot: EC2 shuts the instance down for the image, then starts it again. */
  | { type: 'instance.image-reboot' }
  /** The shutdown for CreateImage is over: the instance boots again (pending, then running). */
  | { type: 'instance.restart' }
  | { type: 'instance.terminate' }
  | { type: 'instance.terminated' };

/** The instance statechart: pending → running → stopping → stopped → … → terminated. */
export const instanceMachine = setup({
  types: {
    context: {} as InstanceContext,
    events: {} as InstanceEvent,
    input: {} as { rootDeviceType: InstanceContext['rootDeviceType'] },
  },
  guards: {
    /** Only EBS-backed instances can be stopped; instance-store ones run until terminated. */
    isEbsBacked: ({ context }) => context.rootDeviceType === 'ebs',
  },
  actions: {
    /** AWS reports `Client.UserInitiatedShutdown` as the StateReason of a stopped/terminated instance. */
    recordUserInitiatedShutdown: assign({ stateReasonCode: 'Client.UserInitiatedShutdown' }),
    clearStateReason: assign({ stateReasonCode: null }),
  },
}).createMachine({
  id: 'instance',
  initial: 'pending',
  context: ({ input }) => ({ rootDeviceType: input.rootDeviceType, stateReasonCode: null }),
  states: {
    pending: {
      on: {
        'instance.ready': { target: 'running' },
        'instance.terminate': { target: 'shutting-down', actions: 'recordUserInitiatedShutdown' },
      },
    },
    running: {
      on: {
        'instance.stop': { target: 'stopping', guard: 'isEbsBacked', actions: 'recordUserInitiatedShutdown' },
        'instance.reboot': { target: 'running', reenter: true },
        // AWS, CreateImage (API reference): "By default, when Amazon EC2 creates the new AMI, it
        // reboots the instance so that it can take snapshots of the attached volumes while data is
        // at rest"; NoReboot prevents "Amazon EC2 from shutting down and rebooting the instance".
        // AWS documents no instance states for it; the lab shows the shutdown and restart as a
        // pass through stopping and pending (reboot events of their own, so RebootInstances and
        // StopInstances keep their meaning).
        'instance.image-reboot': { target: 'stopping' },
        'instance.terminate': { target: 'shutting-down', actions: 'recordUserInitiatedShutdown' },
      },
    },
    stopping: {
      on: {
        'instance.stopped': { target: 'stopped' },
        'instance.restart': { target: 'pending' },
        'instance.terminate': { target: 'shutting-down', actions: 'recordUserInitiatedShutdown' },
      },
    },
    stopped: {
      on: {
        'instance.start': { target: 'pending', actions: 'clearStateReason' },
        'instance.terminate': { target: 'shutting-down', actions: 'recordUserInitiatedShutdown' },
      },
    },
    'shutting-down': {
      on: { 'instance.terminated': { target: 'terminated' } },
    },
    terminated: { type: 'final' },
  },
});
