import { describe, expect, it } from 'vitest';
import { durations } from '../../../src/simulator/index.js';
import { call, describeInstance, expectError, expectOk, expectRejectedWithoutChange, launch, launchRunning, MINUTE, newCloud, HOUR } from './support.js';

const stateOf = (cloud: ReturnType<typeof newCloud>, id: string): unknown => describeInstance(cloud, id)['State'];

describe('instance lifecycle over simulated time', () => {
  it('goes pending → running (16) after the Linux boot time, not before', () => {
    const cloud = newCloud();
    const id = launch(cloud);
    cloud.advance(durations.LINUX_BOOT_MS - 1);
    expect(stateOf(cloud, id)).toEqual({ Code: 0, Name: 'pending' });
    cloud.advance(1);
    expect(stateOf(cloud, id)).toEqual({ Code: 16, Name: 'running' });
  });

  it('boots Windows instances more slowly than Linux ones', () => {
    const cloud = newCloud();
    const windows = expectOk<{ Images: { ImageId: string }[] }>(call(cloud, 'DescribeImages', { Owners: ['amazon'], Filters: [{ Name: 'platform', Values: ['windows'] }] }))
      .Images[0]?.ImageId;
    const id = launch(cloud, { imageId: windows });
    cloud.advance(durations.LINUX_BOOT_MS);
    expect(stateOf(cloud, id)).toEqual({ Code: 0, Name: 'pending' });
    cloud.advance(durations.WINDOWS_BOOT_MS);
    expect(stateOf(cloud, id)).toEqual({ Code: 16, Name: 'running' });
    expect(describeInstance(cloud, id)['Platform']).toBe('windows');
  });

  it('StopInstances answers stopping (64), then the instance is stopped (80) with a user-initiated reason', () => {
    const cloud = newCloud();
    const id = launchRunning(cloud);
    const answer = expectOk<{ StoppingInstances: unknown[] }>(call(cloud, 'StopInstances', { InstanceIds: [id] }));
    expect(answer.StoppingInstances).toEqual([{ InstanceId: id, CurrentState: { Code: 64, Name: 'stopping' }, PreviousState: { Code: 16, Name: 'running' } }]);
    cloud.advance(durations.STOP_MS);
    const instance = describeInstance(cloud, id);
    expect(instance['State']).toEqual({ Code: 80, Name: 'stopped' });
    expect(instance['StateReason']).toEqual({ Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' });
  });

  it('StopInstances on a pending instance answers IncorrectInstanceState', () => {
    const cloud = newCloud();
    const id = launch(cloud);
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'StopInstances', { InstanceIds: [id] }),
      'IncorrectInstanceState',
      `Instance '${id}' cannot be stopped as it has never reached the 'running' state.`,
    );
  });

  it('StopInstances on a stopped instance changes nothing and succeeds', () => {
    const cloud = newCloud();
    const id = launchRunning(cloud);
    call(cloud, 'StopInstances', { InstanceIds: [id] });
    cloud.advance(MINUTE);
    const answer = expectOk<{ StoppingInstances: { CurrentState: unknown }[] }>(call(cloud, 'StopInstances', { InstanceIds: [id] }));
    expect(answer.StoppingInstances[0]?.CurrentState).toEqual({ Code: 80, Name: 'stopped' });
  });

  it('StartInstances takes a stopped instance through pending back to running', () => {
    const cloud = newCloud();
    const id = launchRunning(cloud);
    call(cloud, 'StopInstances', { InstanceIds: [id] });
    cloud.advance(MINUTE);
    const answer = expectOk<{ StartingInstances: { CurrentState: unknown }[] }>(call(cloud, 'StartInstances', { InstanceIds: [id] }));
    expect(answer.StartingInstances[0]?.CurrentState).toEqual({ Code: 0, Name: 'pending' });
    cloud.advance(MINUTE);
    expect(stateOf(cloud, id)).toEqual({ Code: 16, Name: 'running' });
  });

  it('StartInstances on a stopping instance answers IncorrectInstanceState', () => {
    const cloud = newCloud();
    const id = launchRunning(cloud);
    call(cloud, 'StopInstances', { InstanceIds: [id] });
    expectError(call(cloud, 'StartInstances', { InstanceIds: [id] }), 'IncorrectInstanceState');
  });

  it('RebootInstances keeps a running instance running and records the reboot in the log', () => {
    const cloud = newCloud();
    const id = launchRunning(cloud);
    expectOk(call(cloud, 'RebootInstances', { InstanceIds: [id] }));
    expect(stateOf(cloud, id)).toEqual({ Code: 16, Name: 'running' });
    const reboot = cloud.log().find((entry) => entry.kind === 'state-change' && entry.event === 'instance.reboot');
    expect(reboot).toMatchObject({ resourceId: id, from: 'running', to: 'running' });
  });

  it('RebootInstances on a stopped instance answers IncorrectInstanceState', () => {
    const cloud = newCloud();
    const id = launchRunning(cloud);
    call(cloud, 'StopInstances', { InstanceIds: [id] });
    cloud.advance(MINUTE);
    expectError(call(cloud, 'RebootInstances', { InstanceIds: [id] }), 'IncorrectInstanceState');
  });

  it('TerminateInstances goes shutting-down (32) → terminated (48), deletes the root volume and keeps data volumes', () => {
    const cloud = newCloud();
    const id = launchRunning(cloud, { extra: { BlockDeviceMappings: [{ DeviceName: '/dev/xvdf', Ebs: { VolumeSize: 10 } }] } });
    const volumeIds = (describeInstance(cloud, id)['BlockDeviceMappings'] as { Ebs: { VolumeId: string } }[]).map((m) => m.Ebs.VolumeId);
    const answer = expectOk<{ TerminatingInstances: { CurrentState: unknown }[] }>(call(cloud, 'TerminateInstances', { InstanceIds: [id] }));
    expect(answer.TerminatingInstances[0]?.CurrentState).toEqual({ Code: 32, Name: 'shutting-down' });
    cloud.advance(durations.SHUTDOWN_MS);
    expect(stateOf(cloud, id)).toEqual({ Code: 48, Name: 'terminated' });
    expectError(call(cloud, 'DescribeVolumes', { VolumeIds: [volumeIds[0]] }), 'InvalidVolume.NotFound');
    const kept = expectOk<{ Volumes: { State: string; Attachments: unknown[] }[] }>(call(cloud, 'DescribeVolumes', { VolumeIds: [volumeIds[1]] }));
    expect(kept.Volumes[0]).toMatchObject({ State: 'available', Attachments: [] });
  });

  it('forgets a terminated instance after about an hour (InvalidInstanceID.NotFound)', () => {
    const cloud = newCloud();
    const id = launchRunning(cloud);
    call(cloud, 'TerminateInstances', { InstanceIds: [id] });
    cloud.advance(MINUTE);
    expect(stateOf(cloud, id)).toEqual({ Code: 48, Name: 'terminated' });
    cloud.advance(HOUR);
    expectError(call(cloud, 'DescribeInstances', { InstanceIds: [id] }), 'InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
  });

  it('TerminateInstances with no IDs answers InvalidParameterCombination', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'TerminateInstances', { InstanceIds: [] }), 'InvalidParameterCombination', 'No instances specified');
  });

  it('StartInstances on a terminated instance answers IncorrectInstanceState', () => {
    const cloud = newCloud();
    const id = launchRunning(cloud);
    call(cloud, 'TerminateInstances', { InstanceIds: [id] });
    cloud.advance(MINUTE);
    expectError(call(cloud, 'StartInstances', { InstanceIds: [id] }), 'IncorrectInstanceState');
  });

  it('DescribeInstances answers InvalidInstanceID.Malformed and .NotFound naming every missing ID', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'DescribeInstances', { InstanceIds: ['i-xyz'] }), 'InvalidInstanceID.Malformed', 'Invalid id: "i-xyz" (expecting "i-...")');
    expectError(
      call(cloud, 'DescribeInstances', { InstanceIds: ['i-0123456789abcdef0', 'i-0123456789abcdef1'] }),
      'InvalidInstanceID.NotFound',
      "The instance IDs 'i-0123456789abcdef0, i-0123456789abcdef1' do not exist",
    );
  });

  it("DescribeInstances does not show another account's instances", () => {
    const cloud = newCloud();
    const id = launch(cloud);
    expectError(call(cloud, 'DescribeInstances', { InstanceIds: [id] }, { account: '444455556666' }), 'InvalidInstanceID.NotFound');
    const listed = expectOk<{ Reservations: unknown[] }>(call(cloud, 'DescribeInstances', {}, { account: '444455556666' }));
    expect(listed.Reservations).toEqual([]);
  });

  it('DescribeInstances filters by state and tag with wildcards', () => {
    const cloud = newCloud();
    const web = launchRunning(cloud, { extra: { TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web-1' }] }] } });
    launch(cloud, { extra: { TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'db-1' }] }] } });
    const found = expectOk<{ Reservations: { Instances: { InstanceId: string }[] }[] }>(
      call(cloud, 'DescribeInstances', {
        Filters: [
          { Name: 'tag:Name', Values: ['web-?'] },
          { Name: 'instance-state-name', Values: ['running'] },
        ],
      }),
    );
    expect(found.Reservations.flatMap((reservation) => reservation.Instances.map((instance) => instance.InstanceId))).toEqual([web]);
  });
});
