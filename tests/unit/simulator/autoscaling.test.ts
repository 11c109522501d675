/** Auto Scaling groups from launch templates, replacement of stopped or terminated members, and instance refresh. */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../src/simulator/index.js';
import { call, catalogueImageId, expectError, expectOk, expectRejectedWithoutChange, MINUTE, newCloud, PARTNER } from './support.js';

const asg = { service: 'autoscaling' } as const;
type Group = {
  AutoScalingGroupName: string;
  DesiredCapacity: number;
  Instances: { InstanceId: string; LifecycleState: string; AvailabilityZone: string; LaunchTemplate: { Version: string } }[];
  Status?: string;
};
type Refresh = { InstanceRefreshId: string; Status: string; PercentageComplete: number; InstancesToUpdate: number };

function withTemplate(cloud: Cloud): string {
  return expectOk<{ LaunchTemplate: { LaunchTemplateId: string } }>(
    call(cloud, 'CreateLaunchTemplate', { LaunchTemplateName: 'web', LaunchTemplateData: { ImageId: catalogueImageId(cloud), InstanceType: 't3.micro' } }),
  ).LaunchTemplate.LaunchTemplateId;
}

function group(cloud: Cloud, name = 'web-asg'): Group {
  const found = expectOk<{ AutoScalingGroups: Group[] }>(call(cloud, 'DescribeAutoScalingGroups', { AutoScalingGroupNames: [name] }, asg)).AutoScalingGroups[0];
  if (found === undefined) throw new Error(`no group ${name}`);
  return found;
}

function instanceState(cloud: Cloud, id: string): string | undefined {
  return cloud.world().instances[id]?.lifecycle.value;
}

function createGroup(cloud: Cloud, extra: Record<string, unknown> = {}): void {
  withTemplate(cloud);
  expectOk(
    call(
      cloud,
      'CreateAutoScalingGroup',
      { AutoScalingGroupName: 'web-asg', LaunchTemplate: { LaunchTemplateName: 'web', Version: '$Latest' }, MinSize: 1, MaxSize: 4, DesiredCapacity: 2, ...extra },
      asg,
    ),
  );
}

describe('Auto Scaling groups', () => {
  it('launch the desired capacity from the launch template, spread over the zones, and become InService', () => {
    const cloud = newCloud();
    createGroup(cloud, { AvailabilityZones: ['us-east-1a', 'us-east-1b'] });
    const created = group(cloud);
    expect(created.Instances).toHaveLength(2);
    expect(new Set(created.Instances.map((instance) => instance.AvailabilityZone))).toEqual(new Set(['us-east-1a', 'us-east-1b']));
    expect(created.Instances.every((instance) => instance.LifecycleState === 'Pending')).toBe(true);
    cloud.advance(2 * MINUTE);
    expect(group(cloud).Instances.every((instance) => instance.LifecycleState === 'InService')).toBe(true);
    // Idle, the group keeps no timer.
    cloud.advance(MINUTE);
    expect(Object.values(cloud.world().timers).some((timer) => timer.resourceType === 'auto-scaling-group')).toBe(false);
  });

  it('scale out and in with SetDesiredCapacity, within min and max', () => {
    const cloud = newCloud();
    createGroup(cloud);
    cloud.advance(2 * MINUTE);
    expectOk(call(cloud, 'SetDesiredCapacity', { AutoScalingGroupName: 'web-asg', DesiredCapacity: 4 }, asg));
    expect(group(cloud).Instances).toHaveLength(4);
    const before = group(cloud).Instances.map((instance) => instance.InstanceId);
    expectOk(call(cloud, 'SetDesiredCapacity', { AutoScalingGroupName: 'web-asg', DesiredCapacity: 1 }, asg));
    const after = group(cloud).Instances.map((instance) => instance.InstanceId);
    expect(after).toHaveLength(1);
    for (const id of before.filter((candidate) => !after.includes(candidate))) expect(instanceState(cloud, id)).toBe('shutting-down');
    expectRejectedWithoutChange(cloud, () => call(cloud, 'SetDesiredCapacity', { AutoScalingGroupName: 'web-asg', DesiredCapacity: 5 }, asg), 'ValidationError');
  });

  it('replace a member the learner terminates or stops', () => {
    const cloud = newCloud();
    createGroup(cloud);
    cloud.advance(2 * MINUTE);
    const [first, second] = group(cloud).Instances.map((instance) => instance.InstanceId);
    expectOk(call(cloud, 'TerminateInstances', { InstanceIds: [first] }));
    expectOk(call(cloud, 'StopInstances', { InstanceIds: [second] }));
    cloud.advance(1000);
    const members = group(cloud).Instances.map((instance) => instance.InstanceId);
    expect(members).toHaveLength(2);
    expect(members).not.toContain(first);
    expect(members).not.toContain(second);
    expect(instanceState(cloud, second ?? '')).toBe('shutting-down');
  });

  it('refuse bad sizes, a missing template, duplicate names, and unknown groups', () => {
    const cloud = newCloud();
    withTemplate(cloud);
    const create = (params: Record<string, unknown>) =>
      call(cloud, 'CreateAutoScalingGroup', { AutoScalingGroupName: 'g', LaunchTemplate: { LaunchTemplateName: 'web' }, MinSize: 1, MaxSize: 2, ...params }, asg);
    expectError(create({ MinSize: 3 }), 'ValidationError', /Max bound, 2, must be greater than or equal to min bound, 3/);
    expectError(create({ DesiredCapacity: 5 }), 'ValidationError', /Desired capacity:5 must be between/);
    expectError(create({ LaunchTemplate: { LaunchTemplateName: 'nope' } }), 'ValidationError', /launch template/);
    expectError(create({ LaunchTemplate: undefined }), 'ValidationError');
    expectError(create({ AvailabilityZones: ['eu-west-1a'] }), 'ValidationError');
    expectOk(create({}));
    expectError(create({}), 'AlreadyExists');
    expectError(call(cloud, 'UpdateAutoScalingGroup', { AutoScalingGroupName: 'nope', MaxSize: 3 }, asg), 'ValidationError', /not found/);
    expect(expectOk<{ AutoScalingGroups: Group[] }>(call(cloud, 'DescribeAutoScalingGroups', {}, { ...asg, account: PARTNER })).AutoScalingGroups).toEqual([]);
  });

  it('DeleteAutoScalingGroup is refused while it has instances unless ForceDelete, which terminates them', () => {
    const cloud = newCloud();
    createGroup(cloud);
    const ids = group(cloud).Instances.map((instance) => instance.InstanceId);
    expectError(call(cloud, 'DeleteAutoScalingGroup', { AutoScalingGroupName: 'web-asg' }, asg), 'ResourceInUse');
    expectOk(call(cloud, 'DeleteAutoScalingGroup', { AutoScalingGroupName: 'web-asg', ForceDelete: true }, asg));
    for (const id of ids) expect(instanceState(cloud, id)).toBe('shutting-down');
    expect(expectOk<{ AutoScalingGroups: Group[] }>(call(cloud, 'DescribeAutoScalingGroups', {}, asg)).AutoScalingGroups).toEqual([]);
  });

  it('record a failed launch and retry it', () => {
    const cloud = newCloud();
    withTemplate(cloud);
    expectOk(call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', LaunchTemplateData: { ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.micro' } }));
    expectOk(call(cloud, 'CreateAutoScalingGroup', { AutoScalingGroupName: 'broken', LaunchTemplate: { LaunchTemplateName: 'web', Version: '2' }, MinSize: 1, MaxSize: 1 }, asg));
    expect(group(cloud, 'broken').Instances).toEqual([]);
    expect(group(cloud, 'broken').Status).toMatch(/InvalidAMIID|does not exist/);
    expectOk(call(cloud, 'UpdateAutoScalingGroup', { AutoScalingGroupName: 'broken', LaunchTemplate: { LaunchTemplateName: 'web', Version: '1' } }, asg));
    expect(group(cloud, 'broken').Instances).toHaveLength(1);
  });
});

describe('instance refresh', () => {
  it('replaces every instance with the new template version in rolling batches, then succeeds', () => {
    const cloud = newCloud();
    createGroup(cloud, { DesiredCapacity: 3, MinSize: 1 });
    cloud.advance(2 * MINUTE);
    const original = group(cloud).Instances.map((instance) => instance.InstanceId);
    expectOk(call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', SourceVersion: '1', LaunchTemplateData: { InstanceType: 't3.small' } }));
    const { InstanceRefreshId } = expectOk<{ InstanceRefreshId: string }>(
      call(cloud, 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg', Preferences: { MinHealthyPercentage: 66, InstanceWarmup: 60 } }, asg),
    );
    expect(InstanceRefreshId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expectError(call(cloud, 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg), 'InstanceRefreshInProgress');
    const refresh = (): Refresh =>
      expectOk<{ InstanceRefreshes: Refresh[] }>(call(cloud, 'DescribeInstanceRefreshes', { AutoScalingGroupName: 'web-asg' }, asg)).InstanceRefreshes[0] as Refresh;
    expect(refresh().Status).toBe('InProgress');
    // One batch at a time: with 3 desired and 66% healthy, one instance is replaced per batch.
    expect(original.filter((id) => instanceState(cloud, id) === 'shutting-down')).toHaveLength(1);
    let minutes = 0;
    while (refresh().Status === 'InProgress' && minutes < 60) {
      cloud.advance(MINUTE);
      minutes += 1;
    }
    expect(refresh()).toMatchObject({ Status: 'Successful', PercentageComplete: 100, InstancesToUpdate: 0 });
    const now = group(cloud).Instances;
    expect(now).toHaveLength(3);
    expect(now.every((instance) => instance.LaunchTemplate.Version === '2' && !original.includes(instance.InstanceId))).toBe(true);
    expect(original.every((id) => ['shutting-down', 'terminated', undefined].includes(instanceState(cloud, id)))).toBe(true);
  });

  it('SkipMatching leaves instances already on the target version; CancelInstanceRefresh stops a refresh', () => {
    const cloud = newCloud();
    createGroup(cloud);
    cloud.advance(2 * MINUTE);
    const { InstanceRefreshId } = expectOk<{ InstanceRefreshId: string }>(
      call(cloud, 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg', Preferences: { SkipMatching: true } }, asg),
    );
    const refreshes = (): Refresh[] =>
      expectOk<{ InstanceRefreshes: Refresh[] }>(call(cloud, 'DescribeInstanceRefreshes', { AutoScalingGroupName: 'web-asg' }, asg)).InstanceRefreshes;
    expect(refreshes()[0]).toMatchObject({ InstanceRefreshId, Status: 'Successful' });
    expectError(call(cloud, 'CancelInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg), 'ActiveInstanceRefreshNotFound');
    expectOk(call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', SourceVersion: '1', LaunchTemplateData: { InstanceType: 't3.small' } }));
    expectOk(call(cloud, 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg));
    expectOk(call(cloud, 'CancelInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg));
    expect(refreshes()[0]?.Status).toBe('Cancelled');
  });
});
