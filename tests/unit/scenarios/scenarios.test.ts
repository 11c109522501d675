import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildLabs } from '../../../src/content-pipeline/labs/build-labs.js';
import { noteSlugsIn } from '../../../src/content-pipeline/labs/note-slugs.js';
import type { LabScenario } from '../../../src/content-pipeline/labs/schema.js';
import type { ApiResult, Cloud } from '../../../src/simulator/index.js';
import { buildStartingWorld, isGoalMet, settle, startSchema } from '../../../src/simulator/scenarios/index.js';

const ME = '111122223333';
const PARTNER = '444455556666';
const STRANGER = '777788889999';
const LABS = fileURLToPath(new URL('../../../content/labs/', import.meta.url));
const NOTES = fileURLToPath(new URL('../../../content/notes/', import.meta.url));

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

/** A scenario's starting world and a way to ask whether each goal is met. */
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
  return { cloud, met, scenario };
}

function send(cloud: Cloud, op: string, params: Record<string, unknown>, options: { region?: string; account?: string } = {}) {
  return cloud.send({ op, region: options.region ?? 'us-east-1', account: options.account ?? ME, params });
}

function amazonLinux(cloud: Cloud, region = 'us-east-1'): string {
  return (
    ok<{ Images: { ImageId: string }[] }>(send(cloud, 'DescribeImages', { Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.6*-x86_64'] }] }, { region }))
      .Images[0]?.ImageId ?? ''
  );
}

function launch(cloud: Cloud, imageId: string, options: { region?: string; account?: string; zone?: string; name?: string } = {}): string {
  const params: Record<string, unknown> = { ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 };
  if (options.zone !== undefined) params['Placement'] = { AvailabilityZone: options.zone };
  if (options.name !== undefined) params['TagSpecifications'] = [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: options.name }] }];
  const id = ok<{ Instances: { InstanceId: string }[] }>(send(cloud, 'RunInstances', params, options)).Instances[0]?.InstanceId ?? '';
  settle(cloud);
  return id;
}

function install(cloud: Cloud, instanceId: string, packages: string, region = 'us-east-1') {
  ok(send(cloud, 'SendCommand', { DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: { commands: [`dnf install -y ${packages}`] } }, { region }));
  // Run Command takes simulated time: the packages are on the disk once the command succeeds.
  settle(cloud);
}

function bake(cloud: Cloud, instanceId: string, name: string, region = 'us-east-1'): string {
  const id = ok<{ ImageId: string }>(send(cloud, 'CreateImage', { InstanceId: instanceId, Name: name }, { region })).ImageId;
  settle(cloud);
  return id;
}

function imageNamed(cloud: Cloud, name: string): string {
  const image = Object.values(cloud.world().images).find((i) => i.name === name && i.ownerId === ME);
  if (image === undefined) throw new Error(`no image ${name}`);
  return image.id;
}

describe('every scenario', () => {
  test('builds from its Markdown, with a starting world in which no goal is met yet', () => {
    expect(scenarios.size).toBeGreaterThanOrEqual(7);
    for (const slug of scenarios.keys()) {
      const { scenario, met } = open(slug);
      for (const goal of scenario.goals) expect(met(goal.id), `${slug}/${goal.id}`).toBe(false);
    }
  });

  test('renders wikilinks as lesson links', () => {
    expect(scenarios.get('bake-an-ami')?.successHtml).toContain('<a href="/notes/amazon-machine-images-ami/">Amazon Machine Images (AMI)</a>');
  });
});

describe('1. Bake an AMI', () => {
  test('configured → baked → relaunched, each met only once done', () => {
    const { cloud, met } = open('bake-an-ami');
    const builder = launch(cloud, amazonLinux(cloud));
    expect(met('configured')).toBe(false);
    install(cloud, builder, 'git');
    expect(met('configured')).toBe(false);
    install(cloud, builder, 'nginx');
    expect(met('configured')).toBe(true);
    const id = ok<{ ImageId: string }>(send(cloud, 'CreateImage', { InstanceId: builder, Name: 'web-v1' })).ImageId;
    expect(met('baked')).toBe(false);
    settle(cloud);
    expect(met('baked')).toBe(true);
    expect(met('relaunched')).toBe(false);
    launch(cloud, id);
    expect(met('relaunched')).toBe(true);
  });

  test('an instance of the catalogue image does not count as launched from your AMI', () => {
    const { cloud, met } = open('bake-an-ami');
    const builder = launch(cloud, amazonLinux(cloud));
    install(cloud, builder, 'nginx');
    bake(cloud, builder, 'web-v1');
    expect(met('relaunched')).toBe(false);
  });
});

describe('2. Move an instance to another Availability Zone', () => {
  test('imaged → moved → retired', () => {
    const { cloud, met } = open('move-an-instance-to-another-availability-zone');
    const web1 = Object.values(cloud.world().instances).find((i) => i.tags[ME]?.some((t) => t.Value === 'web-1'));
    if (web1 === undefined) throw new Error('no web-1');
    const image = bake(cloud, web1.id, 'web-1-image');
    expect(met('imaged')).toBe(true);
    launch(cloud, image, { zone: 'us-east-1a' });
    expect(met('moved')).toBe(false);
    launch(cloud, image, { zone: 'us-east-1c' });
    expect(met('moved')).toBe(true);
    expect(met('retired')).toBe(false);
    ok(send(cloud, 'TerminateInstances', { InstanceIds: [web1.id] }));
    expect(met('retired')).toBe(true);
  });
});

describe('3. Disaster recovery', () => {
  test('copied → launched in the other Region', () => {
    const { cloud, met } = open('disaster-recovery-in-another-region');
    const golden = imageNamed(cloud, 'web-golden');
    const copy = ok<{ ImageId: string }>(send(cloud, 'CopyImage', { SourceRegion: 'us-east-1', SourceImageId: golden, Name: 'web-golden' }, { region: 'eu-west-1' })).ImageId;
    expect(met('copied')).toBe(false);
    settle(cloud);
    expect(met('copied')).toBe(true);
    launch(cloud, golden);
    expect(met('launched')).toBe(false);
    launch(cloud, copy, { region: 'eu-west-1' });
    expect(met('launched')).toBe(true);
  });
});

describe('4. Share a golden AMI', () => {
  test('shared → partner launched → revoked; a stranger does not count', () => {
    const { cloud, met } = open('share-a-golden-ami-with-a-partner');
    const golden = imageNamed(cloud, 'golden-base');
    ok(send(cloud, 'ModifyImageAttribute', { ImageId: golden, LaunchPermission: { Add: [{ UserId: STRANGER }] } }));
    expect(met('shared')).toBe(false);
    ok(send(cloud, 'ModifyImageAttribute', { ImageId: golden, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    expect(met('shared')).toBe(true);
    launch(cloud, golden, { account: STRANGER });
    expect(met('partner-launched')).toBe(false);
    launch(cloud, golden, { account: PARTNER });
    expect(met('partner-launched')).toBe(true);
    expect(met('revoked')).toBe(false);
    ok(send(cloud, 'ModifyImageAttribute', { ImageId: golden, LaunchPermission: { Remove: [{ UserId: PARTNER }] } }));
    expect(met('revoked')).toBe(true);
  });

  test('sharing with the organization reaches the partner', () => {
    const { cloud, met } = open('share-a-golden-ami-with-a-partner');
    const arn = 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5';
    ok(send(cloud, 'ModifyImageAttribute', { ImageId: imageNamed(cloud, 'golden-base'), LaunchPermission: { Add: [{ OrganizationArn: arn }] } }));
    expect(met('shared')).toBe(true);
  });
});

describe('5. Why am I still paying?', () => {
  test('deregistering alone leaves snapshots and the volume billed; cleaning up meets every goal', () => {
    const { cloud, met } = open('why-am-i-still-paying');
    const oldApp = imageNamed(cloud, 'old-app');
    ok(send(cloud, 'DeregisterImage', { ImageId: oldApp }));
    expect(met('deregistered')).toBe(true);
    expect(met('snapshots')).toBe(false);
    for (const snapshot of Object.values(cloud.world().snapshots).filter((s) => s.ownerId === ME)) ok(send(cloud, 'DeleteSnapshot', { SnapshotId: snapshot.id }));
    expect(met('snapshots')).toBe(true);
    expect(met('volumes')).toBe(false);
    expect(met('zero')).toBe(false);
    for (const volume of Object.values(cloud.world().volumes).filter((v) => v.ownerId === ME && v.attachment === null && v.lifecycle.value === 'available')) {
      ok(send(cloud, 'DeleteVolume', { VolumeId: volume.id }));
    }
    expect(met('volumes')).toBe(true);
    expect(met('zero')).toBe(true);
  });

  test('deregistering with its snapshots in one call', () => {
    const { cloud, met } = open('why-am-i-still-paying');
    ok(send(cloud, 'DeregisterImage', { ImageId: imageNamed(cloud, 'old-app'), DeleteAssociatedSnapshots: true }));
    expect(met('snapshots')).toBe(true);
  });
});

describe('6. Update an AMI the immutable way', () => {
  test('baked v2 → running v2 → v1 deprecated (deregistering v1 does not count)', () => {
    const { cloud, met } = open('update-an-ami-the-immutable-way');
    const v1 = imageNamed(cloud, 'web-v1');
    const builder = launch(cloud, v1);
    install(cloud, builder, 'webapp-2.0');
    expect(met('baked-v2')).toBe(false);
    const v2 = bake(cloud, builder, 'web-v2');
    expect(met('baked-v2')).toBe(true);
    expect(met('running-v2')).toBe(false);
    launch(cloud, v2);
    expect(met('running-v2')).toBe(true);
    expect(met('deprecated-v1')).toBe(false);
    ok(send(cloud, 'EnableImageDeprecation', { ImageId: v1, DeprecateAt: new Date(cloud.now().getTime() + 3_600_000) }));
    expect(met('deprecated-v1')).toBe(true);
    ok(send(cloud, 'DeregisterImage', { ImageId: v1 }));
    expect(met('deprecated-v1')).toBe(false);
  });
});

describe('7. Public and private AMIs', () => {
  test('public → stranger launched → block public access → private; block prevents going public again', () => {
    const { cloud, met } = open('public-and-private-amis');
    const demo = imageNamed(cloud, 'demo-public');
    ok(send(cloud, 'ModifyImageAttribute', { ImageId: demo, LaunchPermission: { Add: [{ Group: 'all' }] } }));
    expect(met('public')).toBe(true);
    expect(met('stranger')).toBe(false);
    launch(cloud, demo, { account: STRANGER });
    expect(met('stranger')).toBe(true);
    ok(send(cloud, 'EnableImageBlockPublicAccess', { ImageBlockPublicAccessState: 'block-new-sharing' }));
    expect(met('blocked')).toBe(false);
    cloud.advance(11 * 60_000);
    expect(met('blocked')).toBe(true);
    expect(met('private')).toBe(false);
    ok(send(cloud, 'ModifyImageAttribute', { ImageId: demo, LaunchPermission: { Remove: [{ Group: 'all' }] } }));
    expect(met('private')).toBe(true);
    const again = send(cloud, 'ModifyImageAttribute', { ImageId: demo, LaunchPermission: { Add: [{ Group: 'all' }] } });
    expect(again.ok === false && again.error.Code).toBe('OperationNotPermitted');
  });
});

describe('goal checks', () => {
  test('an unknown check or bad parameters count as not met', () => {
    const { cloud } = open('bake-an-ami');
    expect(isGoalMet(cloud.world(), { check: 'no-such-check', params: {} })).toBe(false);
    expect(isGoalMet(cloud.world(), { check: 'image-public', params: { image: 3 } })).toBe(false);
  });
});
