import { describe, expect, test } from 'vitest';
import { type AutomationGroup, automationForms, dlmTag, resourceTags } from '../../../../src/islands/lab/AutomationForms.js';
import {
  arnName,
  buildBinView,
  buildBuilderView,
  buildPoliciesView,
  buildRulesView,
  buildSentence,
  pipelineSchedule,
  retainWords,
  scheduleWhen,
} from '../../../../src/islands/lab/automation-view.js';
import type { Values } from '../../../../src/islands/lab/ServiceForm.js';
import { createCloud } from '../../../../src/simulator/index.js';

const ME = '111122223333';
const REGION = 'us-east-1';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
type Cloud = ReturnType<typeof createCloud>;

function call(cloud: Cloud, service: string, op: string, params: Record<string, unknown>) {
  const result = cloud.send({ op, service, region: REGION, account: ME, params });
  if (!result.ok) throw new Error(`${op}: ${result.error.Code} ${result.error.Message}`);
  return result.data as Record<string, unknown>;
}

/** Submits a form as the lab would: initial values, the first choice of each select, then `typed`. */
function submit(cloud: Cloud, group: AutomationGroup, title: string, typed: Values = {}) {
  const spec = automationForms(group, cloud.world(), ME, REGION).find((form) => form.title === title);
  if (spec === undefined) throw new Error(`no form ${title}`);
  const values: Record<string, string> = {};
  for (const field of spec.fields) {
    const options = typeof field.options === 'function' ? field.options(values) : (field.options ?? []);
    values[field.name] = typed[field.name] ?? field.initial ?? (field.kind === 'select' ? (options[0]?.value ?? '') : '');
  }
  expect(spec.check?.(values) ?? null).toBeNull();
  const made = spec.call(values);
  const result = cloud.send({ op: made.op, service: made.service ?? 'ec2', region: made.region ?? REGION, account: ME, params: made.params });
  if (!result.ok) throw new Error(`${made.op}: ${result.error.Code} ${result.error.Message}`);
  return result.data as Record<string, unknown>;
}

function amazonLinux(cloud: Cloud): string {
  return (call(cloud, 'ssm', 'GetParameter', { Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' })['Parameter'] as { Value: string }).Value;
}

/** An instance, an AMI of it once it is available. */
function ownAmi(cloud: Cloud, tags: { Key: string; Value: string }[] = []): { instanceId: string; imageId: string } {
  const run = call(cloud, 'ec2', 'RunInstances', {
    ImageId: amazonLinux(cloud),
    InstanceType: 't3.micro',
    MinCount: 1,
    MaxCount: 1,
    ...(tags.length > 0 ? { TagSpecifications: [{ ResourceType: 'instance', Tags: tags }] } : {}),
  });
  const instanceId = (run['Instances'] as { InstanceId: string }[])[0]?.InstanceId ?? '';
  cloud.advance(5 * MINUTE);
  const imageId = call(cloud, 'ec2', 'CreateImage', { InstanceId: instanceId, Name: 'golden', NoReboot: true })['ImageId'] as string;
  cloud.advance(30 * MINUTE);
  return { instanceId, imageId };
}

describe('words for schedules and retention', () => {
  test('interval, daily time and cron', () => {
    expect(scheduleWhen({ Interval: 12, IntervalUnit: 'HOURS', Times: ['03:00'] })).toBe('every 12 hours from 03:00 UTC');
    expect(scheduleWhen({ Interval: 24, IntervalUnit: 'HOURS' })).toBe('daily at 09:00 UTC');
    expect(scheduleWhen({ CronExpression: 'cron(5 7 * * ? *)' })).toBe('daily at 07:05 UTC');
    expect(scheduleWhen(undefined)).toBe('no schedule');
    expect(pipelineSchedule(null)).toBe('manual only');
    expect(retainWords({ Count: 7 })).toBe('keep 7');
    expect(retainWords({ Interval: 14, IntervalUnit: 'DAYS' })).toBe('keep 14 days');
    expect(arnName('arn:aws:imagebuilder:us-east-1:111122223333:image-recipe/golden/1.0.0')).toBe('golden 1.0.0');
    expect(arnName('arn:aws:imagebuilder:us-east-1:aws:component/update-linux/1.0.2/1')).toBe('update-linux 1.0.2');
    expect(buildSentence('FAILED', 'No capacity.')).toBe('The build failed: No capacity.');
  });

  test('tags typed in a form', () => {
    expect(resourceTags('keep=true, team')).toEqual([{ ResourceTagKey: 'keep', ResourceTagValue: 'true' }, { ResourceTagKey: 'team' }]);
    expect(dlmTag(' Backup=daily ')).toEqual({ Key: 'Backup', Value: 'daily' });
  });
});

describe('the Recycle Bin', () => {
  test('a Region-level rule from the form is pending, then keeps a deregistered AMI until its retention ends; the restore form brings it back', () => {
    const cloud = createCloud({ seed: 5, now: new Date('2025-01-06T09:00:00Z') });
    const { imageId } = ownAmi(cloud);
    submit(cloud, 'recyclebin', 'Create a retention rule', { days: '10', tags: 'temp=yes' });
    let [rule] = buildRulesView(cloud.world(), ME, REGION);
    expect(rule).toMatchObject({ resourceType: 'EC2_IMAGE', retentionDays: 10, scope: 'Region-level', tags: ['temp=yes'], status: 'pending', lock: null });
    cloud.advance(31 * MINUTE);
    [rule] = buildRulesView(cloud.world(), ME, REGION);
    expect(rule?.status).toBe('available');

    call(cloud, 'ec2', 'DeregisterImage', { ImageId: imageId });
    const bin = buildBinView(cloud.world(), ME, REGION);
    expect(bin).toHaveLength(1);
    expect(bin[0]).toMatchObject({ id: imageId, kind: 'image', name: 'golden', ruleId: rule?.id });
    expect((bin[0]?.keptUntil ?? 0) - (bin[0]?.enteredAt ?? 0)).toBe(10 * DAY);
    expect(buildBinView(cloud.world(), ME, 'eu-west-1')).toEqual([]);

    submit(cloud, 'recyclebin', 'Restore an AMI from the Recycle Bin');
    expect(buildBinView(cloud.world(), ME, REGION)).toEqual([]);
    expect(cloud.world().images[imageId]?.lifecycle.value).toBe('available');
  });

  test('a tag-level rule, and lock then unlock of a Region-level one', () => {
    const cloud = createCloud({ seed: 6, now: new Date('2025-01-06T09:00:00Z') });
    submit(cloud, 'recyclebin', 'Create a retention rule', { type: 'EBS_SNAPSHOT', scope: 'tags', tags: 'keep=true' });
    submit(cloud, 'recyclebin', 'Create a retention rule', { days: '30' });
    const rules = buildRulesView(cloud.world(), ME, REGION);
    const regionLevel = rules.find((rule) => rule.scope === 'Region-level');
    expect(rules.find((rule) => rule.scope === 'tag-level')).toMatchObject({ resourceType: 'EBS_SNAPSHOT', tags: ['keep=true'] });
    submit(cloud, 'recyclebin', 'Lock a retention rule', { rule: regionLevel?.id ?? '', delay: '7' });
    expect(buildRulesView(cloud.world(), ME, REGION).find((rule) => rule.id === regionLevel?.id)).toMatchObject({ lock: 'locked', unlockDelayDays: 7, unlocksAt: null });
    submit(cloud, 'recyclebin', 'Unlock a retention rule', { rule: regionLevel?.id ?? '' });
    const unlocking = buildRulesView(cloud.world(), ME, REGION).find((rule) => rule.id === regionLevel?.id);
    expect(unlocking?.lock).toBe('pending_unlock');
    expect(unlocking?.unlocksAt).toBe(cloud.world().now + 7 * DAY);
  });
});

describe('Data Lifecycle Manager', () => {
  test('an AMI policy from the form shows its schedule, then the AMIs its runs made', () => {
    const cloud = createCloud({ seed: 7, now: new Date('2025-01-06T08:00:00Z') });
    ownAmi(cloud, [{ Key: 'Backup', Value: 'daily' }]);
    submit(cloud, 'dlm', 'Create a lifecycle policy', { description: 'Daily web AMIs', target: 'Backup=daily', count: '3', copyRegion: 'us-west-2', copyDays: '5' });
    let [policy] = buildPoliciesView(cloud.world(), ME, REGION);
    expect(policy).toMatchObject({ type: 'AMI', targets: 'instances', targetTags: ['Backup=daily'], noReboot: true, state: 'ENABLED', runs: [] });
    expect(policy?.schedules).toEqual([{ name: 'AMI schedule', when: 'daily at 09:00 UTC', retain: 'keep 3', copies: ['us-west-2, kept 5 days'] }]);
    expect(policy?.nextRun).toBe(Date.parse('2025-01-06T09:00:00Z'));
    cloud.advance(DAY);
    [policy] = buildPoliciesView(cloud.world(), ME, REGION);
    expect(policy?.runs.length).toBeGreaterThan(0);
    expect(policy?.runs[0]).toMatchObject({ kind: 'AMI', schedule: 'AMI schedule' });

    submit(cloud, 'dlm', 'Enable or disable a lifecycle policy', { state: 'DISABLED' });
    expect(buildPoliciesView(cloud.world(), ME, REGION)[0]?.state).toBe('DISABLED');
  });

  test('a snapshot policy for volumes', () => {
    const cloud = createCloud({ seed: 8, now: new Date('2025-01-06T08:00:00Z') });
    submit(cloud, 'dlm', 'Create a lifecycle policy', { type: 'VOLUME', description: 'Volumes', target: 'Backup=yes', every: '12', time: '01:30' });
    expect(buildPoliciesView(cloud.world(), ME, REGION)[0]).toMatchObject({ type: 'snapshot', targets: 'volumes', noReboot: null });
    expect(buildPoliciesView(cloud.world(), ME, REGION)[0]?.schedules[0]?.when).toBe('every 12 hours from 01:30 UTC');
  });
});

describe('EC2 Image Builder', () => {
  test('a component, recipe, configurations and pipeline from the forms; a build moves to AVAILABLE on the clock', () => {
    const cloud = createCloud({ seed: 9, now: new Date('2025-01-06T09:00:00Z') });
    submit(cloud, 'imagebuilder', 'Create a build component', { name: 'web', packages: 'nginx httpd' });
    submit(cloud, 'imagebuilder', 'Create an image recipe', { name: 'golden' });
    submit(cloud, 'imagebuilder', 'Create an infrastructure configuration', { name: 'builder' });
    submit(cloud, 'imagebuilder', 'Create a distribution configuration', { name: 'dist', regions: 'us-west-2' });
    const distribution = buildBuilderView(cloud.world(), ME, REGION).distributions[0]?.arn ?? '';
    submit(cloud, 'imagebuilder', 'Create an image pipeline', { name: 'golden-pipeline', distribution });
    let view = buildBuilderView(cloud.world(), ME, REGION);
    expect(view.components).toMatchObject([{ name: 'web', version: '1.0.0', packages: ['nginx', 'httpd'] }]);
    expect(view.recipes).toMatchObject([{ name: 'golden', version: '1.0.0', components: ['web 1.0.0'] }]);
    expect(view.distributions).toMatchObject([{ name: 'dist', regions: ['us-east-1', 'us-west-2'] }]);
    expect(view.pipelines).toMatchObject([{ name: 'golden-pipeline', recipe: 'golden 1.0.0', schedule: 'manual only', status: 'ENABLED' }]);

    submit(cloud, 'imagebuilder', 'Start a pipeline');
    view = buildBuilderView(cloud.world(), ME, REGION);
    expect(view.images).toMatchObject([{ status: 'PENDING', inProgress: true, pipeline: 'golden-pipeline', outputAmis: [] }]);
    const seen = new Set<string>();
    for (let minute = 0; minute < 240 && view.images[0]?.status !== 'AVAILABLE'; minute += 1) {
      cloud.advance(MINUTE);
      view = buildBuilderView(cloud.world(), ME, REGION);
      seen.add(view.images[0]?.status ?? '');
    }
    expect(view.images[0]).toMatchObject({ status: 'AVAILABLE', inProgress: false });
    expect(view.images[0]?.outputAmis).toHaveLength(2);
    expect([...seen]).toEqual(expect.arrayContaining(['CREATING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'AVAILABLE']));
  });

  test('nothing in another Region or account', () => {
    const cloud = createCloud({ seed: 10, now: new Date('2025-01-06T09:00:00Z') });
    submit(cloud, 'imagebuilder', 'Create an infrastructure configuration', { name: 'builder' });
    expect(buildBuilderView(cloud.world(), ME, 'eu-west-1').infrastructure).toEqual([]);
    expect(buildBuilderView(cloud.world(), '444455556666', REGION).infrastructure).toEqual([]);
    expect(buildBuilderView(cloud.world(), ME, REGION).infrastructure).toMatchObject([{ name: 'builder', instanceTypes: ['t3.micro'] }]);
  });
});
