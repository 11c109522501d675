import { describe, expect, test } from 'vitest';
import { buildServicesView } from '../../../../src/islands/lab/services-view.js';
import { createCloud } from '../../../../src/simulator/index.js';

const ME = '111122223333';
const REGION = 'us-east-1';

function call(cloud: ReturnType<typeof createCloud>, service: string, op: string, params: Record<string, unknown>) {
  const result = cloud.send({ op, service, region: REGION, account: ME, params });
  if (!result.ok) throw new Error(`${op}: ${result.error.Code} ${result.error.Message}`);
  return result.data as Record<string, unknown>;
}

/** A parameter naming Amazon Linux, a template reading it, a group of two in two zones. */
function world() {
  const cloud = createCloud({ seed: 3, now: new Date('2025-01-06T09:00:00Z') });
  const ami = (call(cloud, 'ssm', 'GetParameter', { Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' })['Parameter'] as { Value: string }).Value;
  call(cloud, 'ssm', 'PutParameter', { Name: '/golden/ami', Value: ami, Type: 'String', DataType: 'aws:ec2:image' });
  const created = call(cloud, 'ec2', 'CreateLaunchTemplate', { LaunchTemplateName: 'web', LaunchTemplateData: { ImageId: 'resolve:ssm:/golden/ami', InstanceType: 't3.micro' } });
  const templateId = (created['LaunchTemplate'] as { LaunchTemplateId: string }).LaunchTemplateId;
  call(cloud, 'autoscaling', 'CreateAutoScalingGroup', {
    AutoScalingGroupName: 'web-asg',
    LaunchTemplate: { LaunchTemplateId: templateId, Version: '$Latest' },
    MinSize: 1,
    MaxSize: 4,
    DesiredCapacity: 2,
    AvailabilityZones: ['us-east-1a', 'us-east-1b'],
  });
  return { cloud, templateId, ami };
}

describe('the services of an account in a Region', () => {
  test('parameters show name, version, value and data type', () => {
    const { cloud, ami } = world();
    const view = buildServicesView(cloud.world(), ME, REGION);
    expect(view.parameters).toEqual([{ name: '/golden/ami', version: 1, value: ami, type: 'String', dataType: 'aws:ec2:image', labels: [] }]);
  });

  test('a template lists its versions with default and latest, and the resolve:ssm: name', () => {
    const { cloud, templateId } = world();
    call(cloud, 'ec2', 'CreateLaunchTemplateVersion', { LaunchTemplateId: templateId, SourceVersion: '1', LaunchTemplateData: { InstanceType: 't3.small' } });
    const [template] = buildServicesView(cloud.world(), ME, REGION).templates;
    expect(template?.versions.map((v) => [v.versionNumber, v.imageId, v.instanceType, v.isDefault, v.isLatest])).toEqual([
      [1, 'resolve:ssm:/golden/ami', 't3.micro', true, false],
      [2, 'resolve:ssm:/golden/ami', 't3.small', false, true],
    ]);
  });

  test('a group shows its sizes and one instance in each of its two zones', () => {
    const { cloud } = world();
    const [group] = buildServicesView(cloud.world(), ME, REGION).groups;
    expect(group).toMatchObject({ name: 'web-asg', templateName: 'web', templateVersion: '$Latest', minSize: 1, maxSize: 4, desiredCapacity: 2, refresh: null });
    expect(group?.zones.map((zone) => [zone.zone, zone.members.length])).toEqual([
      ['us-east-1a', 1],
      ['us-east-1b', 1],
    ]);
  });

  test('an instance refresh shows its status and percentage as it goes', () => {
    const { cloud } = world();
    cloud.advance(60_000);
    call(cloud, 'autoscaling', 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg', Preferences: { MinHealthyPercentage: 50, InstanceWarmup: 0 } });
    const first = buildServicesView(cloud.world(), ME, REGION).groups[0]?.refresh;
    expect(first).toMatchObject({ minHealthyPercentage: 50, instanceWarmupSeconds: 0 });
    expect(['Pending', 'InProgress']).toContain(first?.status);
    for (let i = 0; i < 40; i += 1) cloud.advance(15_000);
    const done = buildServicesView(cloud.world(), ME, REGION).groups[0]?.refresh;
    expect(done).toMatchObject({ status: 'Successful', percentage: 100, instancesToUpdate: 0 });
  });

  test('another account sees nothing of mine', () => {
    const { cloud } = world();
    expect(buildServicesView(cloud.world(), '444455556666', REGION)).toEqual({ templates: [], groups: [], parameters: [] });
  });
});
