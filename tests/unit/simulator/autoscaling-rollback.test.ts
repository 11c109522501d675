/** Scaling activities, failed launches from a deregistered or disabled AMI, the desired configuration applied on success, rollback. */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../src/simulator/index.js';
import { bakeImage, call, catalogueImageId, expectError, expectOk, expectRejectedWithoutChange, launchRunning, MINUTE, newCloud } from './support.js';

const asg = { service: 'autoscaling' } as const;
type Activity = { ActivityId: string; Description: string; Cause: string; StatusCode: string; StatusMessage?: string; Progress: number; EndTime?: Date; Details: string };
type Group = { LaunchTemplate: { Version: string }; Instances: { InstanceId: string; LifecycleState: string; LaunchTemplate: { Version: string } }[]; Status?: string };
type Refresh = {
  InstanceRefreshId: string;
  Status: string;
  StatusReason?: string;
  Preferences: { AutoRollback: boolean };
  DesiredConfiguration?: { LaunchTemplate: { Version: string } };
  RollbackDetails?: { RollbackReason: string; PercentageCompleteOnRollback: number; InstancesToUpdateOnRollback: number };
};

function activities(cloud: Cloud, name = 'web-asg'): Activity[] {
  return expectOk<{ Activities: Activity[] }>(call(cloud, 'DescribeScalingActivities', { AutoScalingGroupName: name }, asg)).Activities;
}

function group(cloud: Cloud, name = 'web-asg'): Group {
  const found = expectOk<{ AutoScalingGroups: Group[] }>(call(cloud, 'DescribeAutoScalingGroups', { AutoScalingGroupNames: [name] }, asg)).AutoScalingGroups[0];
  if (found === undefined) throw new Error(`no group ${name}`);
  return found;
}

function lastRefresh(cloud: Cloud): Refresh {
  return expectOk<{ InstanceRefreshes: Refresh[] }>(call(cloud, 'DescribeInstanceRefreshes', { AutoScalingGroupName: 'web-asg' }, asg)).InstanceRefreshes[0] as Refresh;
}

function imageOf(cloud: Cloud, instanceId: string): string | undefined {
  return cloud.world().instances[instanceId]?.imageId;
}

/** Advances a minute at a time until the refresh is no longer in progress. */
function untilDone(cloud: Cloud): Refresh {
  for (let minute = 0; minute < 120 && ['Pending', 'InProgress', 'RollbackInProgress', 'Cancelling'].includes(lastRefresh(cloud).Status); minute += 1) cloud.advance(MINUTE);
  return lastRefresh(cloud);
}

/** Template `web` with v1 = golden v1 and v2 = golden v2 (two baked AMIs), and a group of 3 on v1 (a number). */
function goldenWorld(version = '1'): { cloud: Cloud; v1: string; v2: string } {
  const cloud = newCloud();
  const builder = launchRunning(cloud);
  const v1 = bakeImage(cloud, builder, 'golden-v1');
  const v2 = bakeImage(cloud, builder, 'golden-v2');
  expectOk(call(cloud, 'TerminateInstances', { InstanceIds: [builder] }));
  expectOk(call(cloud, 'CreateLaunchTemplate', { LaunchTemplateName: 'web', LaunchTemplateData: { ImageId: v1, InstanceType: 't3.micro' } }));
  expectOk(call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', SourceVersion: '1', LaunchTemplateData: { ImageId: v2 } }));
  expectOk(
    call(
      cloud,
      'CreateAutoScalingGroup',
      { AutoScalingGroupName: 'web-asg', LaunchTemplate: { LaunchTemplateName: 'web', Version: version }, MinSize: 1, MaxSize: 4, DesiredCapacity: 3 },
      asg,
    ),
  );
  cloud.advance(2 * MINUTE);
  return { cloud, v1, v2 };
}

describe('DescribeScalingActivities', () => {
  it('records every launch and termination with AWS’s Description, Cause and StatusCode', () => {
    const { cloud } = goldenWorld();
    const launches = activities(cloud);
    expect(launches).toHaveLength(3);
    for (const activity of launches) {
      expect(activity.Description).toMatch(/^Launching a new EC2 instance: i-[0-9a-f]{17}$/);
      expect(activity.Cause).toMatch(
        /^At \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ a user request created an AutoScalingGroup changing the desired capacity from 0 to 3\. {2}At \S+ an instance was started in response to a difference between desired and actual capacity, increasing the capacity from \d to 3\.$/,
      );
      expect(activity).toMatchObject({ StatusCode: 'Successful', Progress: 100 });
      expect(activity.ActivityId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(JSON.parse(activity.Details)).toHaveProperty(['Availability Zone']);
    }
    expectOk(call(cloud, 'SetDesiredCapacity', { AutoScalingGroupName: 'web-asg', DesiredCapacity: 1 }, asg));
    const scaledIn = activities(cloud).slice(0, 2);
    for (const activity of scaledIn) {
      expect(activity.Description).toMatch(/^Terminating EC2 instance: i-/);
      expect(activity.Cause).toMatch(
        /a user request explicitly set group desired capacity changing the desired capacity from 3 to 1\. {2}At \S+ an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from 3 to 1\.$/,
      );
      expect(activity.StatusCode).toBe('InProgress');
    }
    cloud.advance(MINUTE);
    expect(
      activities(cloud)
        .slice(0, 2)
        .every((activity) => activity.StatusCode === 'Successful' && activity.EndTime instanceof Date),
    ).toBe(true);
    // A member the learner terminates is taken out of service after a health check, and replaced.
    const [member] = group(cloud).Instances;
    expectOk(call(cloud, 'TerminateInstances', { InstanceIds: [member?.InstanceId] }));
    cloud.advance(1000);
    const health = activities(cloud).find((activity) => activity.Description === `Terminating EC2 instance: ${member?.InstanceId}`);
    expect(health?.Cause).toMatch(/^At \S+ an instance was taken out of service in response to a EC2 health check indicating it has been terminated or stopped\.$/);
    expect(activities(cloud)[0]?.Cause).toMatch(
      /^At \S+ an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 0 to 1\.$/,
    );
    expect(expectOk<{ Activities: Activity[] }>(call(cloud, 'DescribeScalingActivities', { MaxRecords: 2 }, asg)).Activities).toHaveLength(2);
    expect(expectOk<{ Activities: Activity[] }>(call(cloud, 'DescribeScalingActivities', { AutoScalingGroupName: 'nope' }, asg)).Activities).toEqual([]);
    expectError(call(cloud, 'DescribeScalingActivities', { MaxRecords: 0 }, asg), 'ValidationError');
  });

  it('a template whose AMI is deregistered fails its launches with “The image id … does not exist. Launching EC2 instance failed.”', () => {
    const { cloud, v1 } = goldenWorld();
    expectOk(call(cloud, 'DeregisterImage', { ImageId: v1 }));
    expectOk(call(cloud, 'SetDesiredCapacity', { AutoScalingGroupName: 'web-asg', DesiredCapacity: 4 }, asg));
    const [failed] = activities(cloud);
    const message = `The image id '[${v1}]' does not exist. Launching EC2 instance failed.`;
    expect(failed).toMatchObject({ StatusCode: 'Failed', StatusMessage: message, Description: `Launching a new EC2 instance.  Status Reason: ${message}`, Progress: 100 });
    expect(group(cloud).Status).toBe(`Launching a new EC2 instance.  Status Reason: ${message}`);
    expect(group(cloud).Instances).toHaveLength(3);
    // It keeps retrying; a new template version with a valid AMI fixes it.
    cloud.advance(MINUTE);
    expect(activities(cloud).filter((activity) => activity.StatusCode === 'Failed').length).toBeGreaterThan(1);
    expectOk(call(cloud, 'UpdateAutoScalingGroup', { AutoScalingGroupName: 'web-asg', LaunchTemplate: { LaunchTemplateName: 'web', Version: '2' } }, asg));
    expect(group(cloud).Instances).toHaveLength(4);
    expect(group(cloud).Status).toBeUndefined();
  });

  it('a disabled AMI fails launches with “AMI … is disabled, and cannot be run.”', () => {
    const { cloud, v1 } = goldenWorld();
    expectOk(call(cloud, 'DisableImage', { ImageId: v1 }));
    expectOk(call(cloud, 'SetDesiredCapacity', { AutoScalingGroupName: 'web-asg', DesiredCapacity: 4 }, asg));
    expect(activities(cloud)[0]?.StatusMessage).toBe(`AMI '${v1}' is disabled, and cannot be run. Launching EC2 instance failed.`);
  });
});

describe('instance refresh with a desired configuration', () => {
  it('applies the desired configuration to the group when the refresh succeeds, not when it starts', () => {
    const { cloud, v2 } = goldenWorld();
    expectOk(
      call(
        cloud,
        'StartInstanceRefresh',
        {
          AutoScalingGroupName: 'web-asg',
          DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'web', Version: '2' } },
          Preferences: { MinHealthyPercentage: 66, InstanceWarmup: 30 },
        },
        asg,
      ),
    );
    expect(group(cloud).LaunchTemplate.Version).toBe('1');
    expect(lastRefresh(cloud).DesiredConfiguration?.LaunchTemplate.Version).toBe('2');
    expect(untilDone(cloud).Status).toBe('Successful');
    expect(group(cloud).LaunchTemplate.Version).toBe('2');
    expect(group(cloud).Instances.every((instance) => instance.LaunchTemplate.Version === '2' && imageOf(cloud, instance.InstanceId) === v2)).toBe(true);
    const refreshCauses = activities(cloud).filter((activity) => /instance refresh/.test(activity.Cause));
    expect(refreshCauses.some((activity) => /an instance was taken out of service in response to an instance refresh\.$/.test(activity.Cause))).toBe(true);
  });

  it('CancelInstanceRefresh keeps the replaced instances and the group’s own template', () => {
    const { cloud } = goldenWorld();
    expectOk(
      call(
        cloud,
        'StartInstanceRefresh',
        { AutoScalingGroupName: 'web-asg', DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'web', Version: '2' } }, Preferences: { MinHealthyPercentage: 66 } },
        asg,
      ),
    );
    cloud.advance(MINUTE);
    expectOk(call(cloud, 'CancelInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg));
    expect(lastRefresh(cloud).Status).toBe('Cancelled');
    expect(group(cloud).LaunchTemplate.Version).toBe('1');
    expect(group(cloud).Instances.some((instance) => instance.LaunchTemplate.Version === '2')).toBe(true);
    expectError(call(cloud, 'CancelInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg), 'ActiveInstanceRefreshNotFound');
    expectError(call(cloud, 'RollbackInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg), 'ActiveInstanceRefreshNotFound');
  });
});

describe('RollbackInstanceRefresh', () => {
  it('replaces the instances launched so far with the group’s previous configuration', () => {
    const { cloud, v1 } = goldenWorld();
    expectOk(
      call(
        cloud,
        'StartInstanceRefresh',
        {
          AutoScalingGroupName: 'web-asg',
          DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'web', Version: '2' } },
          Preferences: { MinHealthyPercentage: 66, InstanceWarmup: 30 },
        },
        asg,
      ),
    );
    cloud.advance(2 * MINUTE);
    expect(group(cloud).Instances.some((instance) => instance.LaunchTemplate.Version === '2')).toBe(true);
    const { InstanceRefreshId } = expectOk<{ InstanceRefreshId: string }>(call(cloud, 'RollbackInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg));
    expect(lastRefresh(cloud)).toMatchObject({ InstanceRefreshId, Status: 'RollbackInProgress' });
    expect(lastRefresh(cloud).RollbackDetails?.RollbackReason).toMatch(/RollbackInstanceRefresh/);
    expect(untilDone(cloud).Status).toBe('RollbackSuccessful');
    expect(group(cloud).LaunchTemplate.Version).toBe('1');
    const instances = group(cloud).Instances;
    expect(instances).toHaveLength(3);
    expect(instances.every((instance) => instance.LaunchTemplate.Version === '1' && imageOf(cloud, instance.InstanceId) === v1)).toBe(true);
    expectError(
      call(cloud, 'RollbackInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg),
      'ActiveInstanceRefreshNotFound',
      /No in progress or pending Instance Refresh found for Auto Scaling group web-asg/,
    );
  });

  it('is refused without a desired configuration, with $Latest or $Default, and with an SSM-parameter AMI', () => {
    const { cloud } = goldenWorld();
    expectOk(call(cloud, 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg', Preferences: { MinHealthyPercentage: 66 } }, asg));
    expectRejectedWithoutChange(cloud, () => call(cloud, 'RollbackInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg), 'IrreversibleInstanceRefresh');
    expectOk(call(cloud, 'CancelInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg));

    const latest = goldenWorld('$Latest').cloud;
    expectOk(call(latest, 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg', DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'web', Version: '2' } } }, asg));
    expectError(call(latest, 'RollbackInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg), 'IrreversibleInstanceRefresh', /\$Latest/);
    expectOk(call(latest, 'CancelInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg));
    expectError(
      call(
        latest,
        'StartInstanceRefresh',
        { AutoScalingGroupName: 'web-asg', DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'web', Version: '2' } }, Preferences: { AutoRollback: true } },
        asg,
      ),
      'ValidationError',
      /AutoRollback/,
    );

    const ssm = newCloud();
    expectOk(
      call(ssm, 'CreateLaunchTemplate', {
        LaunchTemplateName: 'web',
        LaunchTemplateData: { ImageId: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', InstanceType: 't3.micro' },
      }),
    );
    expectOk(call(ssm, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', SourceVersion: '1', LaunchTemplateData: { ImageId: catalogueImageId(ssm) } }));
    expectOk(
      call(
        ssm,
        'CreateAutoScalingGroup',
        { AutoScalingGroupName: 'web-asg', LaunchTemplate: { LaunchTemplateName: 'web', Version: '1' }, MinSize: 1, MaxSize: 2, DesiredCapacity: 2 },
        asg,
      ),
    );
    ssm.advance(2 * MINUTE);
    expectOk(call(ssm, 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg', DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'web', Version: '2' } } }, asg));
    expectError(call(ssm, 'RollbackInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg), 'IrreversibleInstanceRefresh', /Systems Manager parameter/);
    expectError(call(ssm, 'RollbackInstanceRefresh', { AutoScalingGroupName: 'nope' }, asg), 'ValidationError', /not found/);
  });

  it('AutoRollback rolls a refresh back when its replacements cannot launch; without it the refresh fails', () => {
    for (const autoRollback of [true, false]) {
      const { cloud, v1 } = goldenWorld();
      const broken = bakeImage(cloud, launchRunning(cloud), 'golden-v3');
      expectOk(call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', SourceVersion: '1', LaunchTemplateData: { ImageId: broken } }));
      expectOk(call(cloud, 'DeregisterImage', { ImageId: broken }));
      cloud.advance(2 * MINUTE);
      expectOk(
        call(
          cloud,
          'StartInstanceRefresh',
          {
            AutoScalingGroupName: 'web-asg',
            DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'web', Version: '3' } },
            Preferences: { MinHealthyPercentage: 66, AutoRollback: autoRollback },
          },
          asg,
        ),
      );
      const done = untilDone(cloud);
      if (autoRollback) {
        expect(done.Status).toBe('RollbackSuccessful');
        expect(done.RollbackDetails?.RollbackReason).toMatch(/does not exist\. Launching EC2 instance failed\./);
        expect(done.Preferences.AutoRollback).toBe(true);
      } else {
        expect(done.Status).toBe('Failed');
        expect(done.StatusReason).toMatch(/does not exist\. Launching EC2 instance failed\./);
      }
      cloud.advance(2 * MINUTE);
      expect(group(cloud).LaunchTemplate.Version).toBe('1');
      const instances = group(cloud).Instances;
      expect(instances).toHaveLength(3);
      expect(instances.every((instance) => imageOf(cloud, instance.InstanceId) === v1 && instance.LifecycleState === 'InService')).toBe(true);
    }
  });

  it('a rollback whose own launches fail ends RollbackFailed', () => {
    const { cloud, v1 } = goldenWorld();
    expectOk(
      call(
        cloud,
        'StartInstanceRefresh',
        {
          AutoScalingGroupName: 'web-asg',
          DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'web', Version: '2' } },
          Preferences: { MinHealthyPercentage: 66, InstanceWarmup: 300 },
        },
        asg,
      ),
    );
    cloud.advance(MINUTE);
    expectOk(call(cloud, 'DeregisterImage', { ImageId: v1 }));
    expectOk(call(cloud, 'RollbackInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg));
    const done = untilDone(cloud);
    expect(done.Status).toBe('RollbackFailed');
    expect(done.StatusReason).toContain(`The image id '[${v1}]' does not exist. Launching EC2 instance failed.`);
    // The group keeps its own configuration, short of its capacity, and says why.
    expect(group(cloud).LaunchTemplate.Version).toBe('1');
    expect(group(cloud).Instances.length).toBeLessThan(3);
    expect(group(cloud).Status).toContain('does not exist. Launching EC2 instance failed.');
  });
});
