/** Launch templates: versions, the default version, deletion, and RunInstances with LaunchTemplate. */
import { describe, expect, it } from 'vitest';
import { call, catalogueImageId, describeInstance, expectError, expectOk, expectRejectedWithoutChange, MINUTE, newCloud, PARTNER } from './support.js';

type Template = { LaunchTemplateId: string; LaunchTemplateName: string; DefaultVersionNumber: number; LatestVersionNumber: number };
type Version = { VersionNumber: number; DefaultVersion: boolean; LaunchTemplateData: Record<string, unknown>; VersionDescription?: string };

function createTemplate(cloud: ReturnType<typeof newCloud>, name = 'web', data: Record<string, unknown> = {}): Template {
  return expectOk<{ LaunchTemplate: Template }>(
    call(cloud, 'CreateLaunchTemplate', { LaunchTemplateName: name, LaunchTemplateData: { ImageId: catalogueImageId(cloud), InstanceType: 't3.micro', ...data } }),
  ).LaunchTemplate;
}

describe('CreateLaunchTemplate and versions', () => {
  it('creates version 1 as the default; names are unique per account and Region', () => {
    const cloud = newCloud();
    const template = createTemplate(cloud);
    expect(template).toMatchObject({ LaunchTemplateName: 'web', DefaultVersionNumber: 1, LatestVersionNumber: 1 });
    expect(template.LaunchTemplateId).toMatch(/^lt-0[0-9a-f]{16}$/);
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'CreateLaunchTemplate', { LaunchTemplateName: 'web', LaunchTemplateData: {} }),
      'InvalidLaunchTemplateName.AlreadyExistsException',
    );
    expectOk(call(cloud, 'CreateLaunchTemplate', { LaunchTemplateName: 'web', LaunchTemplateData: {} }, { account: PARTNER }));
    expectOk(call(cloud, 'CreateLaunchTemplate', { LaunchTemplateName: 'web', LaunchTemplateData: {} }, { region: 'us-west-2' }));
    expectError(call(cloud, 'CreateLaunchTemplate', { LaunchTemplateName: 'x', LaunchTemplateData: {} }), 'InvalidLaunchTemplateName.MalformedException');
    expectError(call(cloud, 'CreateLaunchTemplate', { LaunchTemplateName: 'ok-name', LaunchTemplateData: { ImageId: 'nope' } }), 'InvalidAMIID.Malformed');
    expectError(call(cloud, 'CreateLaunchTemplate', { LaunchTemplateName: 'ok-name', LaunchTemplateData: { Colour: 'red' } }), 'UnknownParameter');
  });

  it('CreateLaunchTemplateVersion with SourceVersion starts from that version; the default stays', () => {
    const cloud = newCloud();
    const template = createTemplate(cloud, 'web', { KeyName: 'lab' });
    const v2 = expectOk<{ LaunchTemplateVersion: Version }>(
      call(cloud, 'CreateLaunchTemplateVersion', {
        LaunchTemplateId: template.LaunchTemplateId,
        SourceVersion: '1',
        VersionDescription: 'bigger',
        LaunchTemplateData: { InstanceType: 't3.small' },
      }),
    ).LaunchTemplateVersion;
    expect(v2).toMatchObject({ VersionNumber: 2, DefaultVersion: false, VersionDescription: 'bigger' });
    expect(v2.LaunchTemplateData).toMatchObject({ InstanceType: 't3.small', KeyName: 'lab', ImageId: catalogueImageId(cloud) });
    const v3 = expectOk<{ LaunchTemplateVersion: Version }>(
      call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', LaunchTemplateData: { InstanceType: 't3.medium' } }),
    ).LaunchTemplateVersion;
    expect(v3.LaunchTemplateData).toEqual({ InstanceType: 't3.medium' });
    expectError(call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', SourceVersion: '9', LaunchTemplateData: {} }), 'InvalidLaunchTemplateId.VersionNotFound');
    expectError(call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'nope', LaunchTemplateData: {} }), 'InvalidLaunchTemplateName.NotFoundException');
    expectError(call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateId: 'lt-0123456789abcdef0', LaunchTemplateData: {} }), 'InvalidLaunchTemplateId.NotFound');
    expectError(call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateId: 'lt-bad', LaunchTemplateData: {} }), 'InvalidLaunchTemplateId.Malformed');
    expectError(call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateData: {} }), 'MissingParameter');
    expectError(
      call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateId: template.LaunchTemplateId, LaunchTemplateName: 'web', LaunchTemplateData: {} }),
      'InvalidParameterCombination',
    );
    const described = expectOk<{ LaunchTemplates: Template[] }>(call(cloud, 'DescribeLaunchTemplates', { LaunchTemplateNames: ['web'] })).LaunchTemplates;
    expect(described).toMatchObject([{ DefaultVersionNumber: 1, LatestVersionNumber: 3 }]);
  });

  it('ModifyLaunchTemplate sets the default version; DescribeLaunchTemplateVersions resolves $Latest and $Default', () => {
    const cloud = newCloud();
    const template = createTemplate(cloud);
    expectOk(call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', SourceVersion: '$Latest', LaunchTemplateData: { InstanceType: 't3.small' } }));
    expect(
      expectOk<{ LaunchTemplate: Template }>(call(cloud, 'ModifyLaunchTemplate', { LaunchTemplateId: template.LaunchTemplateId, DefaultVersion: '2' })).LaunchTemplate
        .DefaultVersionNumber,
    ).toBe(2);
    expectError(call(cloud, 'ModifyLaunchTemplate', { LaunchTemplateId: template.LaunchTemplateId, DefaultVersion: '7' }), 'InvalidLaunchTemplateId.VersionNotFound');
    const versions = (names: string[]): number[] =>
      expectOk<{ LaunchTemplateVersions: Version[] }>(call(cloud, 'DescribeLaunchTemplateVersions', { LaunchTemplateName: 'web', Versions: names })).LaunchTemplateVersions.map(
        (version) => version.VersionNumber,
      );
    expect(versions(['$Default'])).toEqual([2]);
    expect(versions(['$Latest', '1'])).toEqual([2, 1]);
    const all = expectOk<{ LaunchTemplateVersions: Version[] }>(
      call(cloud, 'DescribeLaunchTemplateVersions', { LaunchTemplateId: template.LaunchTemplateId }),
    ).LaunchTemplateVersions;
    expect(all.map((version) => [version.VersionNumber, version.DefaultVersion])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('DeleteLaunchTemplateVersions keeps the default and reports missing versions; DeleteLaunchTemplate removes all', () => {
    const cloud = newCloud();
    const template = createTemplate(cloud);
    expectOk(call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', LaunchTemplateData: {} }));
    const result = expectOk<{
      SuccessfullyDeletedLaunchTemplateVersions: { VersionNumber: number }[];
      UnsuccessfullyDeletedLaunchTemplateVersions: { VersionNumber: number; ResponseError: { Code: string } }[];
    }>(call(cloud, 'DeleteLaunchTemplateVersions', { LaunchTemplateName: 'web', Versions: ['1', '2', '5'] }));
    expect(result.SuccessfullyDeletedLaunchTemplateVersions.map((item) => item.VersionNumber)).toEqual([2]);
    expect(result.UnsuccessfullyDeletedLaunchTemplateVersions.map((item) => [item.VersionNumber, item.ResponseError.Code])).toEqual([
      [1, 'unexpectedError'],
      [5, 'launchTemplateVersionDoesNotExist'],
    ]);
    // A deleted version's number is not reused.
    expect(
      expectOk<{ LaunchTemplateVersion: Version }>(call(cloud, 'CreateLaunchTemplateVersion', { LaunchTemplateName: 'web', LaunchTemplateData: {} })).LaunchTemplateVersion
        .VersionNumber,
    ).toBe(3);
    expectOk(call(cloud, 'DeleteLaunchTemplate', { LaunchTemplateId: template.LaunchTemplateId }));
    expectError(call(cloud, 'DescribeLaunchTemplates', { LaunchTemplateIds: [template.LaunchTemplateId] }), 'InvalidLaunchTemplateId.NotFound');
    expect(expectOk<{ LaunchTemplates: Template[] }>(call(cloud, 'DescribeLaunchTemplates')).LaunchTemplates).toEqual([]);
  });
});

describe('RunInstances with a launch template', () => {
  it('launches $Default unless told, the call’s own parameters override the template, and resolve:ssm: works inside', () => {
    const cloud = newCloud();
    createTemplate(cloud, 'web', { TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'from-template' }] }] });
    expectOk(
      call(cloud, 'CreateLaunchTemplateVersion', {
        LaunchTemplateName: 'web',
        LaunchTemplateData: { ImageId: 'resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id', InstanceType: 't3.small' },
      }),
    );
    type Run = { Instances: { InstanceId: string; ImageId: string; InstanceType: string }[] };
    const run = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Run['Instances'][number] | undefined =>
      expectOk<Run>(call(cloud, 'RunInstances', { LaunchTemplate: spec, MinCount: 1, MaxCount: 1, ...extra })).Instances[0];
    const byDefault = run({ LaunchTemplateName: 'web' });
    expect(byDefault).toMatchObject({ ImageId: catalogueImageId(cloud), InstanceType: 't3.micro' });
    cloud.advance(5 * MINUTE);
    expect(describeInstance(cloud, byDefault?.InstanceId ?? '')['Tags']).toEqual([{ Key: 'Name', Value: 'from-template' }]);
    expect(run({ LaunchTemplateName: 'web', Version: '$Latest' })).toMatchObject({
      ImageId: catalogueImageId(cloud, 'us-east-1', 'ubuntu/images/*'),
      InstanceType: 't3.small',
    });
    expect(run({ LaunchTemplateName: 'web', Version: '1' }, { InstanceType: 't3.medium' })?.InstanceType).toBe('t3.medium');
    expectError(call(cloud, 'RunInstances', { LaunchTemplate: { LaunchTemplateName: 'web', Version: '4' }, MinCount: 1, MaxCount: 1 }), 'InvalidLaunchTemplateId.VersionNotFound');
    expectError(call(cloud, 'RunInstances', { LaunchTemplate: { LaunchTemplateName: 'gone' }, MinCount: 1, MaxCount: 1 }), 'InvalidLaunchTemplateName.NotFoundException');
    expectError(
      call(cloud, 'RunInstances', { LaunchTemplate: { LaunchTemplateName: 'web' }, MinCount: 1, MaxCount: 1 }, { account: PARTNER }),
      'InvalidLaunchTemplateName.NotFoundException',
    );
  });
});
