/** EC2 Image Builder (issue 14): components, recipes, configurations, pipelines and builds on the clock, with errors. */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../src/simulator/index.js';
import { builderImageMachine } from '../../../src/simulator/index.js';
import { call, catalogueImageId, EU_WEST_1, expectError, expectOk, ME, MINUTE, newCloud, PARTNER, US_WEST_2 } from './support.js';

const ib = { service: 'imagebuilder' } as const;
const AL2023 = 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

function send<T = Record<string, unknown>>(cloud: Cloud, op: string, params: Record<string, unknown>): T {
  return expectOk<T>(call(cloud, op, params, ib));
}

/** A component installing nginx, a recipe on AL2023 with update-linux, infrastructure, distribution to two Regions and the partner, and a pipeline. */
function goldenPipeline(cloud: Cloud, schedule?: Record<string, unknown>): { pipeline: string; recipe: string } {
  const { componentBuildVersionArn } = send<{ componentBuildVersionArn: string }>(cloud, 'CreateComponent', {
    name: 'install-web',
    semanticVersion: '1.0.0',
    platform: 'Linux',
    data: 'name: install-web\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: install\n        action: ExecuteBash\n        inputs:\n          commands:\n            - sudo dnf install -y nginx\n',
  });
  const { imageRecipeArn } = send<{ imageRecipeArn: string }>(cloud, 'CreateImageRecipe', {
    name: 'golden-web',
    semanticVersion: '1.0.0',
    parentImage: AL2023,
    components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }, { componentArn: componentBuildVersionArn }],
  });
  const { infrastructureConfigurationArn } = send<{ infrastructureConfigurationArn: string }>(cloud, 'CreateInfrastructureConfiguration', {
    name: 'builders',
    instanceProfileName: 'EC2InstanceProfileForImageBuilder',
    instanceTypes: ['t3.micro'],
  });
  const permission = { launchPermission: { userIds: [PARTNER] } };
  const { distributionConfigurationArn } = send<{ distributionConfigurationArn: string }>(cloud, 'CreateDistributionConfiguration', {
    name: 'golden-regions',
    distributions: [
      { region: 'us-east-1', amiDistributionConfiguration: { name: 'golden-web-{{imagebuilder:buildDate}}', ...permission } },
      { region: US_WEST_2, amiDistributionConfiguration: { name: 'golden-web-{{imagebuilder:buildDate}}', ...permission } },
      { region: EU_WEST_1, amiDistributionConfiguration: { name: 'golden-web-{{imagebuilder:buildDate}}', ...permission } },
    ],
  });
  const { imagePipelineArn } = send<{ imagePipelineArn: string }>(cloud, 'CreateImagePipeline', {
    name: 'golden',
    imageRecipeArn,
    infrastructureConfigurationArn,
    distributionConfigurationArn,
    ...(schedule === undefined ? {} : { schedule }),
  });
  return { pipeline: imagePipelineArn, recipe: imageRecipeArn };
}

function status(cloud: Cloud, arn: string): { status: string; amis: { region: string; image: string; name: string }[] } {
  const { image } = send<{ image: { state: { status: string }; outputResources: { amis: { region: string; image: string; name: string }[] } } }>(cloud, 'GetImage', {
    imageBuildVersionArn: arn,
  });
  return { status: image.state.status, amis: image.outputResources.amis };
}

describe('EC2 Image Builder', () => {
  it('a pipeline run goes PENDING → … → AVAILABLE on the clock and distributes to three Regions, shared with the partner', () => {
    const cloud = newCloud();
    const { pipeline } = goldenPipeline(cloud);
    const { imageBuildVersionArn } = send<{ imageBuildVersionArn: string }>(cloud, 'StartImagePipelineExecution', { imagePipelineArn: pipeline });
    expect(imageBuildVersionArn).toBe(`arn:aws:imagebuilder:us-east-1:${ME}:image/golden-web/1.0.0/1`);
    const seen: string[] = [];
    for (let i = 0; i < 200 && !['AVAILABLE', 'FAILED'].includes(status(cloud, imageBuildVersionArn).status); i += 1) {
      const now = status(cloud, imageBuildVersionArn).status;
      if (seen[seen.length - 1] !== now) seen.push(now);
      cloud.advance(MINUTE);
    }
    seen.push(status(cloud, imageBuildVersionArn).status);
    expect(seen).toEqual(['PENDING', 'CREATING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'INTEGRATING', 'AVAILABLE']);
    const { amis } = status(cloud, imageBuildVersionArn);
    expect(amis.map((ami) => ami.region).sort()).toEqual([EU_WEST_1, 'us-east-1', US_WEST_2]);
    for (const ami of amis) {
      expect(ami.name).toMatch(/^golden-web-2025-01-06T\d\d-\d\d-\d\dZ$/);
      const record = cloud.world().images[ami.image];
      expect(record?.lifecycle.value).toBe('available');
      expect(record?.installed).toEqual(expect.arrayContaining(['nginx', 'security-updates']));
      // The partner can launch it in each Region.
      expectOk(call(cloud, 'DescribeImages', { ImageIds: [ami.image] }, { region: ami.region, account: PARTNER }));
    }
    // The build instance is gone.
    const builders = Object.values(cloud.world().instances).filter((instance) => (instance.tags[ME] ?? []).some((tag) => tag.Value.startsWith('Build instance for')));
    expect(builders.every((instance) => instance.lifecycle.value === 'terminated')).toBe(true);
    expect(send<{ imageSummaryList: unknown[] }>(cloud, 'ListImagePipelineImages', { imagePipelineArn: pipeline }).imageSummaryList).toHaveLength(1);
  });

  it('the statechart has AWS statuses', () => {
    expect(Object.keys(builderImageMachine.config.states ?? {})).toEqual([
      'PENDING',
      'CREATING',
      'BUILDING',
      'TESTING',
      'DISTRIBUTING',
      'INTEGRATING',
      'AVAILABLE',
      'FAILED',
      'CANCELLED',
    ]);
  });

  it('errors: versions, missing and duplicate resources, dependencies, builds in use, cancellation', () => {
    const cloud = newCloud();
    const { pipeline, recipe } = goldenPipeline(cloud);
    expectError(
      call(
        cloud,
        'CreateImageRecipe',
        { name: 'golden-web', semanticVersion: '1.0', parentImage: AL2023, components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }] },
        ib,
      ),
      'InvalidVersionNumberException',
    );
    expectError(
      call(
        cloud,
        'CreateImageRecipe',
        { name: 'golden-web', semanticVersion: '1.0.0', parentImage: AL2023, components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }] },
        ib,
      ),
      'ResourceAlreadyExistsException',
    );
    expectError(
      call(
        cloud,
        'CreateImageRecipe',
        {
          name: 'other',
          semanticVersion: '1.0.0',
          parentImage: 'ami-0123456789abcdef0',
          components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }],
        },
        ib,
      ),
      'InvalidParameterValueException',
    );
    expectError(call(cloud, 'GetImageRecipe', { imageRecipeArn: `${recipe}x` }, ib), 'ResourceNotFoundException');
    expectError(call(cloud, 'DeleteImageRecipe', { imageRecipeArn: recipe }, ib), 'ResourceDependencyException', /has other resources depended on it/);
    const { imageBuildVersionArn } = send<{ imageBuildVersionArn: string }>(cloud, 'StartImagePipelineExecution', { imagePipelineArn: pipeline });
    expectError(call(cloud, 'DeleteImagePipeline', { imagePipelineArn: pipeline }, ib), 'ResourceInUseException');
    send(cloud, 'CancelImageCreation', { imageBuildVersionArn });
    expect(status(cloud, imageBuildVersionArn).status).toBe('CANCELLED');
    expectError(call(cloud, 'CancelImageCreation', { imageBuildVersionArn }, ib), 'ResourceInUseException');
    send(cloud, 'DeleteImagePipeline', { imagePipelineArn: pipeline });
    send(cloud, 'DeleteImageRecipe', { imageRecipeArn: recipe });
    expect(send<{ componentVersionList: { name: string }[] }>(cloud, 'ListComponents', { owner: 'Amazon' }).componentVersionList.map((c) => c.name)).toContain('update-linux');
  });

  it('a scheduled pipeline builds daily only when the parent image changed (default start condition)', () => {
    const cloud = newCloud();
    const { pipeline } = goldenPipeline(cloud, { scheduleExpression: 'cron(0 10 * * ? *)' });
    cloud.advance(26 * 60 * MINUTE);
    // The first scheduled run builds (no earlier build); the next day's does not (same parent AMI).
    cloud.advance(24 * 60 * MINUTE);
    const images = send<{ imageSummaryList: { state: { status: string } }[] }>(cloud, 'ListImagePipelineImages', { imagePipelineArn: pipeline }).imageSummaryList;
    expect(images).toHaveLength(1);
    expect(images[0]?.state.status).toBe('AVAILABLE');
    expect(catalogueImageId(cloud)).toBeDefined();
  });

  it('saves and restores mid-build and finishes after the restore', async () => {
    const { restoreCloud } = await import('../../../src/simulator/index.js');
    const cloud = newCloud();
    const { pipeline } = goldenPipeline(cloud);
    const { imageBuildVersionArn } = send<{ imageBuildVersionArn: string }>(cloud, 'StartImagePipelineExecution', { imagePipelineArn: pipeline });
    cloud.advance(5 * MINUTE);
    const result = restoreCloud(cloud.save());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.cloud.save()).toBe(cloud.save());
    result.cloud.advance(120 * MINUTE);
    expect(status(result.cloud, imageBuildVersionArn).status).toBe('AVAILABLE');
  });
});
