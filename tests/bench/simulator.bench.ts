/**
 * Benchmark of the AMI lab engine (run with `npm run bench:sim`; a script, not a test).
 *
 * 1. A fixed mixed workload — launch, create image, share, describe, copy, deregister, delete
 *    snapshot, terminate — timed as EC2 calls per second at 1,000 and 4,000 rounds (clock moves
 *    are not counted as calls).
 * 2. A workload that never deletes, ending with 10,000+ resources.
 * 3. Save + restore of a world holding at least 1,000 resources.
 *
 * Recycle Bin retention rules (issue 14) are active in the mixed workload and the large world: every
 * deregistered AMI and deleted snapshot goes to the bin and leaves it on the clock a day later, and
 * each round lists the bin. A Data Lifecycle Manager AMI policy runs every hour on a tagged instance
 * in both, copying each AMI to another Region (the large world has one per account). An Image
 * Builder pipeline builds and distributes a golden AMI every simulated day in the mixed workload,
 * where a new Amazon Linux build is also published every seven simulated days.
 *
 * Targets on the 2-core CI machine: ≥ 50,000 calls/s, save + restore < 20 ms.
 */
import { performance } from 'node:perf_hooks';
import { type ApiResult, type Cloud, createCloud, restoreCloud } from '../../src/simulator/index.js';

const REGION = 'us-east-1';
const COPY_REGION = 'us-west-2';

function data<T>(result: ApiResult, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.Code} ${result.error.Message}`);
  return result.data as T;
}

function amazonLinuxImageId(cloud: Cloud, account: string, region = REGION): string {
  const found = data<{ Images: { ImageId: string; Name: string }[] }>(
    cloud.send({ op: 'DescribeImages', region, account, params: { Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.6*-x86_64'] }] } }),
    'DescribeImages',
  );
  const image = found.Images[0];
  if (image === undefined) throw new Error('no Amazon Linux image in the catalogue');
  return image.ImageId;
}

/** Region-level Recycle Bin rules for AMIs and snapshots (one day), active once the first rule's 30 minutes pass. */
function createRetentionRules(cloud: Cloud, account: string, regions: readonly string[]): void {
  for (const region of regions) {
    for (const ResourceType of ['EC2_IMAGE', 'EBS_SNAPSHOT']) {
      data(
        cloud.send({ op: 'CreateRule', service: 'rbin', region, account, params: { ResourceType, RetentionPeriod: { RetentionPeriodValue: 1, RetentionPeriodUnit: 'DAYS' } } }),
        'CreateRule',
      );
    }
  }
  cloud.advance(30 * 60_000);
}

/** An hourly AMI policy on instances tagged backup=bench, keeping three, copied to `copyRegion` for a day. */
function createBackupPolicy(cloud: Cloud, account: string, region: string, copyRegion: string): void {
  data(
    cloud.send({
      op: 'CreateLifecyclePolicy',
      service: 'dlm',
      region,
      account,
      params: {
        ExecutionRoleArn: `arn:aws:iam::${account}:role/dlm`,
        Description: 'bench backups',
        State: 'ENABLED',
        PolicyDetails: {
          PolicyType: 'IMAGE_MANAGEMENT',
          ResourceTypes: ['INSTANCE'],
          TargetTags: [{ Key: 'backup', Value: 'bench' }],
          Schedules: [
            {
              Name: 'Hourly',
              CreateRule: { Interval: 1, IntervalUnit: 'HOURS' },
              RetainRule: { Count: 3 },
              CrossRegionCopyRules: [{ TargetRegion: copyRegion, Encrypted: false, RetainRule: { Interval: 1, IntervalUnit: 'DAYS' } }],
            },
          ],
        },
      },
    }),
    'CreateLifecyclePolicy',
  );
  data(
    cloud.send({
      op: 'RunInstances',
      region,
      account,
      params: {
        ImageId: amazonLinuxImageId(cloud, account, region),
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'backup', Value: 'bench' }] }],
      },
    }),
    'RunInstances (backed up)',
  );
}

/** A daily Image Builder pipeline (a build every day), distributing to `copyRegion` too, started once now. */
function createGoldenPipeline(cloud: Cloud, account: string, region: string, copyRegion: string): void {
  const ib = <T>(op: string, params: Record<string, unknown>): T => data<T>(cloud.send({ op, service: 'imagebuilder', region, account, params }), op);
  const { componentBuildVersionArn } = ib<{ componentBuildVersionArn: string }>('CreateComponent', {
    name: 'bench-web',
    semanticVersion: '1.0.0',
    platform: 'Linux',
    data: 'phases:\n  - name: build\n    steps:\n      - name: web\n        action: ExecuteBash\n        inputs:\n          commands:\n            - dnf install -y nginx\n',
  });
  const { imageRecipeArn } = ib<{ imageRecipeArn: string }>('CreateImageRecipe', {
    name: 'bench-golden',
    semanticVersion: '1.0.0',
    parentImage: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    components: [{ componentArn: componentBuildVersionArn }],
  });
  const { infrastructureConfigurationArn } = ib<{ infrastructureConfigurationArn: string }>('CreateInfrastructureConfiguration', {
    name: 'bench-builders',
    instanceProfileName: 'bench',
  });
  const { distributionConfigurationArn } = ib<{ distributionConfigurationArn: string }>('CreateDistributionConfiguration', {
    name: 'bench-dist',
    distributions: [region, copyRegion].map((name) => ({ region: name, amiDistributionConfiguration: { name: 'bench-golden-{{imagebuilder:buildDate}}' } })),
  });
  const { imagePipelineArn } = ib<{ imagePipelineArn: string }>('CreateImagePipeline', {
    name: 'bench-pipeline',
    imageRecipeArn,
    infrastructureConfigurationArn,
    distributionConfigurationArn,
    schedule: { scheduleExpression: 'cron(0 3 * * ? *)', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' },
  });
  ib('StartImagePipelineExecution', { imagePipelineArn });
}

/** One round of the mixed workload; returns the number of EC2 calls it made. */
function workloadRound(cloud: Cloud, me: string, partner: string, baseImage: string, round: number): number {
  let calls = 0;
  const send = (op: string, params: unknown, region = REGION, account = me): ApiResult => {
    calls += 1;
    return cloud.send({ op, region, account, params });
  };
  const launched = data<{ Instances: { InstanceId: string }[] }>(send('RunInstances', { ImageId: baseImage, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }), 'RunInstances');
  const instanceId = launched.Instances[0]?.InstanceId ?? '';
  send('DescribeInstances', { InstanceIds: [instanceId] });
  cloud.advance(60_000);
  const { ImageId } = data<{ ImageId: string }>(send('CreateImage', { InstanceId: instanceId, Name: `bench-${round}`, NoReboot: true }), 'CreateImage');
  send('DescribeImages', { ImageIds: [ImageId] });
  cloud.advance(5 * 60_000);
  data(send('ModifyImageAttribute', { ImageId, LaunchPermission: { Add: [{ UserId: partner }] } }), 'ModifyImageAttribute');
  send('DescribeImages', { ImageIds: [ImageId] }, REGION, partner);
  const copy = data<{ ImageId: string }>(send('CopyImage', { SourceRegion: REGION, SourceImageId: ImageId, Name: `bench-copy-${round}` }, COPY_REGION), 'CopyImage');
  send('DescribeImages', { ImageIds: [copy.ImageId] }, COPY_REGION);
  const image = data<{ Images: { BlockDeviceMappings: { Ebs?: { SnapshotId?: string } }[] }[] }>(send('DescribeImages', { ImageIds: [ImageId] }), 'DescribeImages');
  const snapshotId = image.Images[0]?.BlockDeviceMappings[0]?.Ebs?.SnapshotId ?? '';
  // Refused while the AMI is registered (InvalidSnapshot.InUse) — part of the workload on purpose.
  send('DeleteSnapshot', { SnapshotId: snapshotId });
  data(send('DeregisterImage', { ImageId }), 'DeregisterImage');
  data(send('DeleteSnapshot', { SnapshotId: snapshotId }), 'DeleteSnapshot');
  data(send('DeregisterImage', { ImageId: copy.ImageId, DeleteAssociatedSnapshots: true }, COPY_REGION), 'DeregisterImage (copy)');
  data(send('TerminateInstances', { InstanceIds: [instanceId] }), 'TerminateInstances');
  send('DescribeInstances', { InstanceIds: [instanceId] });
  send(round % 2 === 0 ? 'ListImagesInRecycleBin' : 'ListSnapshotsInRecycleBin', round % 2 === 0 ? { ImageIds: [ImageId] } : { SnapshotIds: [snapshotId] });
  return calls;
}

/**
 * The mixed workload for `rounds` measured rounds, after 300 warm-up rounds. Calls per second
 * should not fall as rounds grow: cost follows the work, not the size of the world.
 */
/** CPU time of this process in ms (user + system): steadier than wall time on a shared machine. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function benchWorkload(rounds: number): { calls: number; ms: number; cpu: number } {
  const cloud = createCloud({ seed: 2024, logLimit: 2_000, catalogueReleaseEveryDays: 7 });
  const [me, partner] = cloud.accounts().map((account) => account.accountId);
  if (me === undefined || partner === undefined) throw new Error('accounts missing');
  const baseImage = amazonLinuxImageId(cloud, me);
  createRetentionRules(cloud, me, [REGION, COPY_REGION]);
  createBackupPolicy(cloud, me, REGION, COPY_REGION);
  createGoldenPipeline(cloud, me, REGION, COPY_REGION);
  for (let round = 0; round < 300; round += 1) workloadRound(cloud, me, partner, baseImage, round);
  let calls = 0;
  const start = performance.now();
  const cpuStart = cpuMs();
  for (let round = 300; round < 300 + rounds; round += 1) calls += workloadRound(cloud, me, partner, baseImage, round);
  return { calls, ms: performance.now() - start, cpu: cpuMs() - cpuStart };
}

/**
 * A workload that never deletes: each round launches, images and copies, and keeps everything
 * (instances are stopped, not terminated, so the vCPU quota holds), so the world grows past 10,000
 * resources. Spread over the learner, partner and stranger accounts and four Regions.
 */
function benchGrowingWorld(rounds: number): { calls: number; ms: number; cpu: number; resources: number } {
  const cloud = createCloud({ seed: 7, logLimit: 2_000 });
  const accounts = cloud.accounts().map((account) => account.accountId);
  const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
  const bases = new Map<string, string>();
  for (const region of regions) {
    const found = data<{ Images: { ImageId: string }[] }>(
      cloud.send({ op: 'DescribeImages', region, account: accounts[0] ?? '', params: { Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.6*-x86_64'] }] } }),
      'DescribeImages',
    );
    bases.set(region, found.Images[0]?.ImageId ?? '');
  }
  let calls = 0;
  const start = performance.now();
  const cpuStart = cpuMs();
  for (let round = 0; round < rounds; round += 1) {
    const account = accounts[round % accounts.length] ?? '';
    const region = regions[Math.floor(round / accounts.length) % regions.length] ?? REGION;
    const target = regions[(Math.floor(round / accounts.length) + 1) % regions.length] ?? COPY_REGION;
    const send = (op: string, params: unknown, at = region): ApiResult => {
      calls += 1;
      return cloud.send({ op, region: at, account, params });
    };
    const run = data<{ Instances: { InstanceId: string }[] }>(
      send('RunInstances', { ImageId: bases.get(region), InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }),
      'RunInstances',
    );
    const instanceId = run.Instances[0]?.InstanceId ?? '';
    send('DescribeInstances', { InstanceIds: [instanceId] });
    cloud.advance(60_000);
    const { ImageId } = data<{ ImageId: string }>(send('CreateImage', { InstanceId: instanceId, Name: `grow-${round}`, NoReboot: true }), 'CreateImage');
    send('DescribeImages', { ImageIds: [ImageId] });
    data(send('StopInstances', { InstanceIds: [instanceId] }), 'StopInstances');
    cloud.advance(5 * 60_000);
    const copy = data<{ ImageId: string }>(send('CopyImage', { SourceRegion: region, SourceImageId: ImageId, Name: `grow-copy-${round}` }, target), 'CopyImage');
    send('DescribeImages', { ImageIds: [copy.ImageId] }, target);
    send('DescribeInstances', { InstanceIds: [instanceId] });
  }
  const ms = performance.now() - start;
  const cpu = cpuMs() - cpuStart;
  const world = cloud.world();
  const resources = Object.keys(world.instances).length + Object.keys(world.volumes).length + Object.keys(world.snapshots).length + Object.keys(world.images).length;
  return { calls, ms, cpu, resources };
}

/** Builds a world with at least `target` live resources (instances, volumes, snapshots, images). */
function buildLargeWorld(target: number): Cloud {
  const cloud = createCloud({ seed: 99 });
  const accounts = cloud.accounts().map((account) => account.accountId);
  const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
  for (const account of accounts) {
    createRetentionRules(cloud, account, regions);
    createBackupPolicy(cloud, account, 'eu-west-1', 'ap-southeast-2');
  }
  const count = (): number => {
    const world = cloud.world();
    return Object.keys(world.instances).length + Object.keys(world.volumes).length + Object.keys(world.snapshots).length + Object.keys(world.images).length;
  };
  let round = 0;
  while (count() < target) {
    for (const account of accounts) {
      for (const region of regions) {
        const base = data<{ Images: { ImageId: string }[] }>(
          cloud.send({ op: 'DescribeImages', region, account, params: { Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.6*-x86_64'] }] } }),
          'DescribeImages',
        ).Images[0]?.ImageId;
        const run = cloud.send({ op: 'RunInstances', region, account, params: { ImageId: base, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 } });
        if (!run.ok) continue;
        const instanceId = (run.data as { Instances: { InstanceId: string }[] }).Instances[0]?.InstanceId;
        cloud.advance(60_000);
        const image = cloud.send({ op: 'CreateImage', region, account, params: { InstanceId: instanceId, Name: `big-${round}`, NoReboot: true } });
        // Every fourth AMI of an earlier round is deregistered into the Recycle Bin, with its snapshot.
        const old = Object.values(cloud.world().images).find(
          (candidate) => candidate.ownerId === account && candidate.region === region && candidate.lifecycle.value === 'available',
        );
        if (image.ok && round % 4 === 1 && old !== undefined) cloud.send({ op: 'DeregisterImage', region, account, params: { ImageId: old.id, DeleteAssociatedSnapshots: true } });
        cloud.send({ op: 'CreateVolume', region, account, params: { AvailabilityZone: `${region}a`, Size: 20, VolumeType: 'gp3' } });
        cloud.send({ op: 'StopInstances', region, account, params: { InstanceIds: [instanceId] } });
      }
    }
    round += 1;
    // Leave copies and snapshots pending in the last round, as a real save mid-work would.
    cloud.advance(round % 3 === 0 ? 30 * 60_000 : 60_000);
  }
  return cloud;
}

function benchSaveRestore(): { resources: number; saveMs: number; restoreMs: number; cpuMs: number; bytes: number } {
  const cloud = buildLargeWorld(1_000);
  const world = cloud.world();
  const resources =
    Object.keys(world.instances).length +
    Object.keys(world.volumes).length +
    Object.keys(world.snapshots).length +
    Object.keys(world.images).length +
    Object.keys(world.recycleBin ?? {}).length;
  // Warm up, then take the median of several runs.
  const saves: number[] = [];
  const restores: number[] = [];
  const cpus: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 25; i += 1) {
    const c0 = cpuMs();
    const t0 = performance.now();
    const json = cloud.save();
    const t1 = performance.now();
    const restored = restoreCloud(json);
    const t2 = performance.now();
    const c2 = cpuMs();
    if (!restored.ok) throw new Error(`restore failed: ${restored.error.message}`);
    bytes = json.length;
    if (i >= 5) {
      saves.push(t1 - t0);
      restores.push(t2 - t1);
      cpus.push(c2 - c0);
    }
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  return { resources, saveMs: median(saves), restoreMs: median(restores), cpuMs: median(cpus), bytes };
}

const rate = (calls: number, ms: number): string => Math.round((calls / ms) * 1000).toLocaleString('en-US');
for (const rounds of [1_000, 4_000]) {
  const workload = benchWorkload(rounds);
  console.log(
    `Mixed workload, ${rounds.toLocaleString('en-US')} rounds: ${workload.calls.toLocaleString('en-US')} calls in ${workload.ms.toFixed(0)} ms → ${rate(workload.calls, workload.ms)} calls/s (target ≥ 50,000); ${rate(workload.calls, workload.cpu)} calls per CPU-second`,
  );
}
const growing = benchGrowingWorld(2_000);
console.log(
  `Growing world (never deletes), ${growing.resources.toLocaleString('en-US')} resources at the end: ${growing.calls.toLocaleString('en-US')} calls in ${growing.ms.toFixed(0)} ms → ${rate(growing.calls, growing.ms)} calls/s (target ≥ 50,000); ${rate(growing.calls, growing.cpu)} calls per CPU-second`,
);
const persistence = benchSaveRestore();
console.log(
  `Save + restore of ${persistence.resources.toLocaleString('en-US')} resources (${(persistence.bytes / 1024).toFixed(0)} KiB): ` +
    `save ${persistence.saveMs.toFixed(2)} ms + restore ${persistence.restoreMs.toFixed(2)} ms = ${(persistence.saveMs + persistence.restoreMs).toFixed(2)} ms (target < 20 ms); ${persistence.cpuMs.toFixed(2)} ms of CPU`,
);
