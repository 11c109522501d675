/**
 * The scenarios of issue 13 (SSM parameters in launch templates, instance refresh and rollback, a
 * group whose AMI was deregistered, an opt-in Region): each solved with API calls and the clock,
 * every goal met at the end, and wrong solutions leave them unmet.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildLabs } from '../../../src/content-pipeline/labs/build-labs.js';
import { noteSlugsIn } from '../../../src/content-pipeline/labs/note-slugs.js';
import type { LabScenario } from '../../../src/content-pipeline/labs/schema.js';
import type { ApiResult, Cloud } from '../../../src/simulator/index.js';
import { buildStartingWorld, isGoalMet, settle, startSchema } from '../../../src/simulator/scenarios/index.js';

const ME = '111122223333';
const MINUTE = 60_000;
const LABS = fileURLToPath(new URL('../../../content/labs/', import.meta.url));
const NOTES = fileURLToPath(new URL('../../../content/notes/', import.meta.url));
const AL2023_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

let scenarios: Map<string, LabScenario>;

beforeAll(() => {
  const built = buildLabs({ labsDir: LABS, base: '/', noteSlugs: noteSlugsIn(NOTES) });
  if (!built.ok) throw new Error(built.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('\n'));
  scenarios = new Map(built.scenarios.map((s) => [s.slug, s]));
});

function ok<T = Record<string, unknown>>(result: ApiResult): T {
  if (!result.ok) throw new Error(`${result.error.Code}: ${result.error.Message}`);
  return result.data as T;
}

function open(slug: string): { cloud: Cloud; met: (id: string) => boolean; scenario: LabScenario } {
  const scenario = scenarios.get(slug);
  if (scenario === undefined) throw new Error(`no scenario ${slug}`);
  const built = buildStartingWorld(startSchema.parse(scenario.start));
  if (!built.ok) throw new Error(built.message);
  const cloud = built.cloud;
  const met = (id: string) => {
    const goal = scenario.goals.find((g) => g.id === id);
    if (goal === undefined) throw new Error(`no goal ${id}`);
    return isGoalMet(cloud.world(), goal);
  };
  for (const goal of scenario.goals) expect(met(goal.id), `${slug}/${goal.id} at the start`).toBe(false);
  return { cloud, met, scenario };
}

function send(cloud: Cloud, op: string, params: Record<string, unknown>, options: { region?: string; service?: string } = {}): ApiResult {
  return cloud.send({ op, region: options.region ?? 'us-east-1', account: ME, params, ...(options.service === undefined ? {} : { service: options.service }) });
}

const asg = { service: 'autoscaling' };

function imageNamed(cloud: Cloud, name: string, region = 'us-east-1'): string {
  const image = Object.values(cloud.world().images).find((i) => i.name === name && i.ownerId === ME && i.region === region && i.lifecycle.value !== 'deregistered');
  if (image === undefined) throw new Error(`no image ${name}`);
  return image.id;
}

function runInstance(cloud: Cloud, params: Record<string, unknown>, region = 'us-east-1'): string {
  const id =
    ok<{ Instances: { InstanceId: string }[] }>(send(cloud, 'RunInstances', { InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, ...params }, { region })).Instances[0]
      ?.InstanceId ?? '';
  cloud.advance(2 * MINUTE);
  return id;
}

function refreshStatus(cloud: Cloud, group: string): string | undefined {
  return ok<{ InstanceRefreshes: { Status: string }[] }>(send(cloud, 'DescribeInstanceRefreshes', { AutoScalingGroupName: group }, asg)).InstanceRefreshes[0]?.Status;
}

/** Advances a minute at a time while the group's last refresh is in progress. */
function untilRefreshDone(cloud: Cloud, group: string): string | undefined {
  for (let minute = 0; minute < 120 && ['Pending', 'InProgress', 'RollbackInProgress'].includes(refreshStatus(cloud, group) ?? ''); minute += 1) cloud.advance(MINUTE);
  return refreshStatus(cloud, group);
}

describe('8. Always launch the latest Amazon Linux', () => {
  test('a template resolving the public parameter, and an instance launched from it', () => {
    const { cloud, met } = open('always-launch-the-latest-amazon-linux');
    ok(send(cloud, 'CreateLaunchTemplate', { LaunchTemplateName: 'al2023', LaunchTemplateData: { ImageId: `resolve:ssm:${AL2023_PARAMETER}`, InstanceType: 't3.micro' } }));
    expect(met('ssm-template')).toBe(true);
    expect(met('latest-running')).toBe(false);
    const id = runInstance(cloud, { LaunchTemplate: { LaunchTemplateName: 'al2023' } });
    expect(met('latest-running')).toBe(true);
    const expected = ok<{ Parameter: { Value: string } }>(send(cloud, 'GetParameter', { Name: AL2023_PARAMETER }, { service: 'ssm' })).Parameter.Value;
    expect(cloud.world().instances[id]?.imageId).toBe(expected);
  });

  test('a template with an AMI ID, or the deprecated build, does not count', () => {
    const { cloud, met } = open('always-launch-the-latest-amazon-linux');
    const latest = ok<{ Parameter: { Value: string } }>(send(cloud, 'GetParameter', { Name: AL2023_PARAMETER }, { service: 'ssm' })).Parameter.Value;
    ok(send(cloud, 'CreateLaunchTemplate', { LaunchTemplateName: 'pinned', LaunchTemplateData: { ImageId: latest, InstanceType: 't3.micro' } }));
    runInstance(cloud, { LaunchTemplate: { LaunchTemplateName: 'pinned' } });
    expect(met('ssm-template')).toBe(false);
    expect(met('latest-running')).toBe(false);
    // With a parameter template in place, an instance of the older, deprecated build still does not count.
    ok(send(cloud, 'CreateLaunchTemplate', { LaunchTemplateName: 'al2023', LaunchTemplateData: { ImageId: `resolve:ssm:${AL2023_PARAMETER}` } }));
    const old = ok<{ Images: { ImageId: string }[] }>(
      send(cloud, 'DescribeImages', { Owners: ['amazon'], IncludeDeprecated: true, Filters: [{ Name: 'name', Values: ['al2023-ami-2023.4*'] }] }),
    ).Images[0]?.ImageId;
    expect(old).toBeDefined();
    send(cloud, 'TerminateInstances', { InstanceIds: Object.keys(cloud.world().instances) });
    cloud.advance(MINUTE);
    runInstance(cloud, { ImageId: old });
    expect(met('ssm-template')).toBe(true);
    expect(met('latest-running')).toBe(false);
  });
});

/** Launches golden-v1, installs webapp-2.0, bakes golden-v2 and creates template version 2 with it. */
function bakeGoldenV2(cloud: Cloud): void {
  const builder = runInstance(cloud, { ImageId: imageNamed(cloud, 'golden-v1') });
  ok(send(cloud, 'SendCommand', { DocumentName: 'AWS-RunShellScript', InstanceIds: [builder], Parameters: { commands: ['dnf install -y webapp-2.0'] } }));
  settle(cloud);
  ok(send(cloud, 'CreateImage', { InstanceId: builder, Name: 'golden-v2' }));
  settle(cloud);
  ok(send(cloud, 'TerminateInstances', { InstanceIds: [builder] }));
  ok(send(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', SourceVersion: '1', LaunchTemplateData: { ImageId: imageNamed(cloud, 'golden-v2') } }));
}

describe('9. Roll out a golden AMI with instance refresh', () => {
  const slug = 'roll-out-a-golden-ami-with-instance-refresh';
  const desired = (version: string) => ({ DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'web', Version: version } } });

  test('refresh to v2, then roll back the v3 refresh', () => {
    const { cloud, met } = open(slug);
    bakeGoldenV2(cloud);
    ok(send(cloud, 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg', ...desired('2'), Preferences: { MinHealthyPercentage: 66 } }, asg));
    expect(met('refreshed')).toBe(false);
    expect(untilRefreshDone(cloud, 'web-asg')).toBe('Successful');
    expect(met('refreshed')).toBe(true);
    expect(met('rolled-back')).toBe(false);
    ok(send(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', SourceVersion: '2', LaunchTemplateData: { ImageId: imageNamed(cloud, 'golden-v3') } }));
    ok(send(cloud, 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg', ...desired('3'), Preferences: { MinHealthyPercentage: 66, InstanceWarmup: 300 } }, asg));
    cloud.advance(2 * MINUTE);
    expect(met('refreshed')).toBe(false); // one instance runs golden-v3 now
    ok(send(cloud, 'RollbackInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg));
    expect(untilRefreshDone(cloud, 'web-asg')).toBe('RollbackSuccessful');
    cloud.advance(5 * MINUTE);
    expect(met('rolled-back')).toBe(true);
    expect(met('refreshed')).toBe(true);
  });

  test('letting v3 finish and refreshing back to v2 is not a rollback; a $Latest group cannot roll back', () => {
    const { cloud, met } = open(slug);
    bakeGoldenV2(cloud);
    ok(send(cloud, 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg', ...desired('2') }, asg));
    untilRefreshDone(cloud, 'web-asg');
    ok(send(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', SourceVersion: '2', LaunchTemplateData: { ImageId: imageNamed(cloud, 'golden-v3') } }));
    ok(send(cloud, 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg', ...desired('3') }, asg));
    expect(untilRefreshDone(cloud, 'web-asg')).toBe('Successful');
    expect(met('refreshed')).toBe(false); // golden-v3 has no webapp-2.0
    ok(send(cloud, 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg', ...desired('2') }, asg));
    untilRefreshDone(cloud, 'web-asg');
    expect(met('refreshed')).toBe(true);
    expect(met('rolled-back')).toBe(false);
    // On $Latest, AWS refuses the rollback.
    ok(send(cloud, 'UpdateAutoScalingGroup', { AutoScalingGroupName: 'web-asg', LaunchTemplate: { LaunchTemplateName: 'web', Version: '$Latest' } }, asg));
    ok(send(cloud, 'StartInstanceRefresh', { AutoScalingGroupName: 'web-asg', ...desired('3'), Preferences: { InstanceWarmup: 300 } }, asg));
    const refused = send(cloud, 'RollbackInstanceRefresh', { AutoScalingGroupName: 'web-asg' }, asg);
    expect(refused.ok ? '' : refused.error.Code).toBe('IrreversibleInstanceRefresh');
    expect(met('rolled-back')).toBe(false);
  });

  test('updating the group and replacing instances by hand is no refresh', () => {
    const { cloud, met } = open(slug);
    bakeGoldenV2(cloud);
    ok(send(cloud, 'UpdateAutoScalingGroup', { AutoScalingGroupName: 'web-asg', LaunchTemplate: { LaunchTemplateName: 'web', Version: '2' } }, asg));
    const members = Object.values(cloud.world().autoScalingGroups)[0]?.members.map((member) => member.instanceId) ?? [];
    ok(send(cloud, 'TerminateInstances', { InstanceIds: members }));
    cloud.advance(5 * MINUTE);
    expect(met('refreshed')).toBe(false);
  });
});

describe('10. Recover a group whose AMI was deregistered', () => {
  const slug = 'recover-a-group-whose-ami-was-deregistered';

  test('the activities name the missing AMI; a new template version and an updated group recover it', () => {
    const { cloud, met } = open(slug);
    const activities = ok<{ Activities: { StatusCode: string; StatusMessage?: string }[] }>(
      send(cloud, 'DescribeScalingActivities', { AutoScalingGroupName: 'app-asg' }, asg),
    ).Activities;
    expect(activities[0]?.StatusCode).toBe('Failed');
    expect(activities[0]?.StatusMessage).toMatch(/^The image id '\[ami-[0-9a-f]{17}\]' does not exist\. Launching EC2 instance failed\.$/);
    ok(send(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'app', SourceVersion: '1', LaunchTemplateData: { ImageId: imageNamed(cloud, 'app-2025-01') } }));
    cloud.advance(MINUTE);
    expect(met('recovered')).toBe(false); // the group still uses version 1
    ok(send(cloud, 'UpdateAutoScalingGroup', { AutoScalingGroupName: 'app-asg', LaunchTemplate: { LaunchTemplateName: 'app', Version: '2' } }, asg));
    expect(met('recovered')).toBe(false); // pending
    settle(cloud);
    expect(met('recovered')).toBe(true);
  });

  test('an AMI without webapp does not count, nor does a group that is short of its capacity', () => {
    const { cloud, met } = open(slug);
    const catalogue = ok<{ Images: { ImageId: string }[] }>(
      send(cloud, 'DescribeImages', { Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.6*-x86_64'] }] }),
    ).Images[0]?.ImageId;
    ok(send(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'app', SourceVersion: '1', LaunchTemplateData: { ImageId: catalogue } }));
    ok(send(cloud, 'UpdateAutoScalingGroup', { AutoScalingGroupName: 'app-asg', LaunchTemplate: { LaunchTemplateName: 'app', Version: '2' } }, asg));
    settle(cloud);
    expect(met('recovered')).toBe(false);
    ok(send(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'app', SourceVersion: '1', LaunchTemplateData: { ImageId: imageNamed(cloud, 'app-2025-01') } }));
    ok(send(cloud, 'UpdateAutoScalingGroup', { AutoScalingGroupName: 'app-asg', LaunchTemplate: { LaunchTemplateName: 'app', Version: '3' }, DesiredCapacity: 3 }, asg));
    // The instances of the catalogue AMI stay until replaced (e.g. with an instance refresh).
    settle(cloud);
    expect(met('recovered')).toBe(false);
    ok(send(cloud, 'StartInstanceRefresh', { AutoScalingGroupName: 'app-asg', Preferences: { SkipMatching: true } }, asg));
    untilRefreshDone(cloud, 'app-asg');
    settle(cloud);
    expect(met('recovered')).toBe(true);
  });
});

describe('11. Take a golden AMI to an opt-in Region', () => {
  const slug = 'take-a-golden-ami-to-an-opt-in-region';
  const region = 'ap-southeast-7';

  test('enable the Region, copy, launch', () => {
    const { cloud, met } = open(slug);
    const source = imageNamed(cloud, 'web-golden');
    const copy = () => send(cloud, 'CopyImage', { SourceRegion: 'us-east-1', SourceImageId: source, Name: 'web-golden' }, { region });
    const refused = copy();
    expect(refused.ok ? '' : refused.error.Code).toBe('AuthFailure');
    ok(send(cloud, 'EnableRegion', { RegionName: region }, { service: 'account' }));
    expect(met('enabled')).toBe(false); // ENABLING
    settle(cloud);
    expect(met('enabled')).toBe(true);
    const { ImageId } = ok<{ ImageId: string }>(copy());
    expect(met('copied')).toBe(false);
    settle(cloud);
    expect(met('copied')).toBe(true);
    runInstance(cloud, { ImageId }, region);
    expect(met('launched')).toBe(true);
  });

  test('a copy to another Region does not count', () => {
    const { cloud, met } = open(slug);
    ok(send(cloud, 'CopyImage', { SourceRegion: 'us-east-1', SourceImageId: imageNamed(cloud, 'web-golden'), Name: 'web-golden' }, { region: 'eu-west-1' }));
    settle(cloud);
    expect(met('copied')).toBe(false);
    expect(met('enabled')).toBe(false);
  });
});

describe('starting-world steps for Auto Scaling', () => {
  test('template, group and deregister steps report what is missing', () => {
    const run = (steps: unknown[]) => buildStartingWorld(startSchema.parse({ steps }));
    const noImage = run([{ template: { name: 'web', image: 'nope' } }]);
    expect(noImage.ok === false && noImage.message).toBe('Step 1 (template): no image named nope in us-east-1');
    const noTemplate = run([{ group: { name: 'g', template: 'nope' } }]);
    expect(noTemplate.ok === false && noTemplate.message).toMatch(/^Step 1 \(group\): ValidationError: You must use a valid fully-formed launch template/);
    const noDeregister = run([{ deregister: 'nope' }]);
    expect(noDeregister.ok === false && noDeregister.message).toBe('Step 1 (deregister): no image named nope');
  });

  test('the new scenarios link to their lessons', () => {
    for (const slug of [
      'always-launch-the-latest-amazon-linux',
      'roll-out-a-golden-ami-with-instance-refresh',
      'recover-a-group-whose-ami-was-deregistered',
      'take-a-golden-ami-to-an-opt-in-region',
    ]) {
      const scenario = scenarios.get(slug);
      expect(scenario?.lessons.length, slug).toBeGreaterThan(0);
      expect(scenario?.successHtml, slug).toMatch(/<a href="\/notes\/[a-z0-9-]+\/">/);
    }
  });
});
