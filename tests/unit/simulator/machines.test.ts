import { describe, expect, it } from 'vitest';
import { type AnyStateMachine, transition } from 'xstate';
import { lifecycleMachines } from '../../../src/simulator/index.js';
import { stepImage, stepInstance, stepSnapshot, stepVolume } from '../../../src/simulator/machines/lifecycle.js';
import { instanceWithImage, newCloud } from './support.js';

const stateNames = (machine: AnyStateMachine): string[] => Object.keys(machine.root.states);
const eventNames = (machine: AnyStateMachine): string[] => [...new Set(Object.values(machine.root.states).flatMap((state) => Object.keys(state.on)))].sort();

describe('lifecycle statecharts', () => {
  it('use AWS state names', () => {
    expect(stateNames(lifecycleMachines.instance)).toEqual(['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated']);
    expect(stateNames(lifecycleMachines.image)).toEqual(['pending', 'available', 'disabled', 'failed', 'deregistered']);
    expect(stateNames(lifecycleMachines.snapshot)).toEqual(['pending', 'completed', 'error']);
    expect(stateNames(lifecycleMachines.volume)).toEqual(['creating', 'available', 'in-use', 'deleted']);
  });

  it('use dot-namespaced events', () => {
    for (const [type, machine] of Object.entries(lifecycleMachines)) {
      for (const event of eventNames(machine)) expect(event.startsWith(`${type}.`)).toBe(true);
    }
  });

  it('refuse to stop an instance-store instance (guard isEbsBacked)', () => {
    const lifecycle = { value: 'running', context: { rootDeviceType: 'instance-store', stateReasonCode: null } } as const;
    expect(stepInstance(lifecycle, { type: 'instance.stop' })).toBeNull();
    expect(stepInstance({ ...lifecycle, context: { ...lifecycle.context, rootDeviceType: 'ebs' } }, { type: 'instance.stop' })?.value).toBe('stopping');
  });

  it('give, through the memo, exactly what XState’s transition gives for every state and event', () => {
    const cases: [AnyStateMachine, (lifecycle: never, event: never) => { value: string; context: object } | null, object[], { type: string }[]][] = [
      [
        lifecycleMachines.instance,
        stepInstance as never,
        [
          { rootDeviceType: 'ebs', stateReasonCode: null },
          { rootDeviceType: 'ebs', stateReasonCode: 'Client.UserInitiatedShutdown' },
        ],
        ['ready', 'stop', 'stopped', 'start', 'reboot', 'image-reboot', 'restart', 'terminate', 'terminated'].map((name) => ({ type: `instance.${name}` })),
      ],
      [
        lifecycleMachines.image,
        stepImage as never,
        [{ stateReason: null }],
        [
          { type: 'image.ready' },
          { type: 'image.fail', reason: { Code: 'x', Message: 'y' } },
          { type: 'image.disable' },
          { type: 'image.enable' },
          { type: 'image.deregister' },
        ] as { type: string }[],
      ],
      [
        lifecycleMachines.snapshot,
        stepSnapshot as never,
        [{ stateMessage: null }],
        [{ type: 'snapshot.completed' }, { type: 'snapshot.fail', message: 'gone' }] as { type: string }[],
      ],
      [
        lifecycleMachines.volume,
        stepVolume as never,
        [{}],
        [
          { type: 'volume.created', attached: true },
          { type: 'volume.created', attached: false },
          { type: 'volume.attach' },
          { type: 'volume.detach' },
          { type: 'volume.delete' },
        ] as { type: string }[],
      ],
    ];
    for (const [machine, step, contexts, events] of cases) {
      for (const value of stateNames(machine)) {
        for (const context of contexts) {
          for (const event of events) {
            const snapshot = machine.resolveState({ value, context });
            const expected = snapshot.can(event) ? transition(machine, snapshot, event)[0] : null;
            const actual = step({ value, context } as never, event as never);
            expect(actual === null ? null : { value: actual.value, context: actual.context }).toEqual(
              expected === null ? null : { value: expected.value, context: expected.context },
            );
          }
        }
      }
    }
  });

  it('let the lab find a resource’s statechart and current state', () => {
    const cloud = newCloud();
    const { imageId, instanceId } = instanceWithImage(cloud);
    expect(cloud.lifecycleOf(imageId)).toMatchObject({ resourceType: 'image', state: 'available', machine: lifecycleMachines.image });
    expect(cloud.lifecycleOf(instanceId)?.state).toBe('running');
    expect(cloud.lifecycleOf('ami-0000000000000000f')).toBeUndefined();
  });
});

describe('the instance statechart: the reboot of CreateImage (issue 12)', () => {
  it('running → stopping on instance.image-reboot, stopping → pending on instance.restart, only from there', () => {
    const running = { value: 'running', context: { rootDeviceType: 'ebs', stateReasonCode: null } } as const;
    const stopping = stepInstance(running, { type: 'instance.image-reboot' });
    expect(stopping).toEqual({ value: 'stopping', context: { rootDeviceType: 'ebs', stateReasonCode: null } });
    expect(stepInstance(stopping ?? running, { type: 'instance.restart' })?.value).toBe('pending');
    expect(stepInstance(running, { type: 'instance.restart' })).toBeNull();
    expect(stepInstance({ ...running, value: 'stopped' }, { type: 'instance.image-reboot' })).toBeNull();
  });
});
