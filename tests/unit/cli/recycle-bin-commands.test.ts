import { describe, expect, test } from 'vitest';
import { completeLine } from '../../../src/simulator/cli/index.js';
import { amazonLinux, newConsole } from './support.js';

describe('aws rbin and the Recycle Bin from the console', () => {
  test('create-rule, get-rule, list-rules with shorthand and JSON values', () => {
    const c = newConsole();
    const rule = c.json<{ Identifier: string; Status: string; LockState: string }>(
      `aws rbin create-rule --resource-type EC2_IMAGE --retention-period RetentionPeriodValue=7,RetentionPeriodUnit=DAYS --description "keep AMIs" --lock-configuration '{"UnlockDelay":{"UnlockDelayValue":7,"UnlockDelayUnit":"DAYS"}}'`,
    );
    expect(rule).toMatchObject({ Status: 'pending', LockState: 'locked' });
    expect(c.json<{ Rules: unknown[] }>('aws rbin list-rules --resource-type EC2_IMAGE').Rules).toHaveLength(1);
    expect(c.json<{ Description: string }>(`aws rbin get-rule --identifier ${rule.Identifier}`).Description).toBe('keep AMIs');
    const error = c.error(`aws rbin delete-rule --identifier ${rule.Identifier}`);
    expect(error).toContain('ConflictException');
    expect(error).toContain('is locked');
  });

  test('a deregistered AMI is listed in the bin and restored with the ec2 commands', () => {
    const c = newConsole();
    c.json('aws rbin create-rule --resource-type EC2_IMAGE --retention-period RetentionPeriodValue=7,RetentionPeriodUnit=DAYS');
    c.cloud.advance(30 * 60_000);
    const { Instances } = c.json<{ Instances: { InstanceId: string }[] }>(`aws ec2 run-instances --image-id ${amazonLinux(c)} --instance-type t3.micro`);
    c.cloud.advance(5 * 60_000);
    const { ImageId } = c.json<{ ImageId: string }>(`aws ec2 create-image --instance-id ${Instances[0]?.InstanceId} --name web --no-reboot`);
    c.cloud.advance(30 * 60_000);
    c.json(`aws ec2 deregister-image --image-id ${ImageId}`);
    const listed = c.json<{ Images: { ImageId: string }[] }>('aws ec2 list-images-in-recycle-bin');
    expect(listed.Images.map((image) => image.ImageId)).toEqual([ImageId]);
    expect(c.json<{ Return: boolean }>(`aws ec2 restore-image-from-recycle-bin --image-id ${ImageId}`).Return).toBe(true);
    expect(c.error(`aws ec2 restore-image-from-recycle-bin --image-id ${ImageId}`)).toContain('InvalidAMIID.NotFound');
  });

  test('rbin is a service with help and Tab completion', () => {
    const c = newConsole();
    const help = c
      .run('aws rbin help')
      .output.map((line) => line.text)
      .join('\n');
    expect(help).toContain('create-rule');
    expect(help).toContain('lock-rule');
    const sources = { images: [], instances: [], snapshots: ['snap-0123456789abcdef0'], volumes: [], regions: ['us-east-1'], zones: [], accounts: [] };
    expect(completeLine('aws rb', sources).line).toBe('aws rbin ');
    expect(completeLine('aws rbin lock', sources).line).toBe('aws rbin lock-rule ');
    expect(completeLine('aws rbin create-rule --resource-type ', sources).candidates).toEqual(['EBS_SNAPSHOT', 'EC2_IMAGE']);
    expect(completeLine('aws ec2 restore-snapshot-from-recycle-bin --snapshot-id ', sources).candidates).toEqual(['snap-0123456789abcdef0']);
  });
});

describe('aws dlm and aws imagebuilder from the console', () => {
  test('create-lifecycle-policy with JSON policy details, then get and list', () => {
    const c = newConsole();
    const details = JSON.stringify({
      PolicyType: 'IMAGE_MANAGEMENT',
      ResourceTypes: ['INSTANCE'],
      TargetTags: [{ Key: 'backup', Value: 'daily' }],
      Schedules: [{ Name: 'Daily', CreateRule: { Interval: 24, IntervalUnit: 'HOURS', Times: ['09:30'] }, RetainRule: { Count: 7 } }],
    });
    const { PolicyId } = c.json<{ PolicyId: string }>(
      `aws dlm create-lifecycle-policy --execution-role-arn arn:aws:iam::111122223333:role/dlm --description "Daily AMIs" --state ENABLED --policy-details '${details}'`,
    );
    expect(c.json<{ Policy: { State: string } }>(`aws dlm get-lifecycle-policy --policy-id ${PolicyId}`).Policy.State).toBe('ENABLED');
    expect(c.json<{ Policies: unknown[] }>('aws dlm get-lifecycle-policies --target-tags backup=daily').Policies).toHaveLength(1);
    expect(c.error('aws dlm get-lifecycle-policy --policy-id policy-00000000000000000')).toContain('ResourceNotFoundException');
  });

  test('an Image Builder pipeline from the console builds to AVAILABLE', () => {
    const c = newConsole();
    const component = c.json<{ componentBuildVersionArn: string }>(
      `aws imagebuilder create-component --name web --semantic-version 1.0.0 --platform Linux --data "commands: [sudo dnf install -y nginx]"`,
    ).componentBuildVersionArn;
    const recipe = c.json<{ imageRecipeArn: string }>(
      `aws imagebuilder create-image-recipe --name golden --semantic-version 1.0.0 --parent-image ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 --components componentArn=${component}`,
    ).imageRecipeArn;
    const infrastructure = c.json<{ infrastructureConfigurationArn: string }>(
      'aws imagebuilder create-infrastructure-configuration --name builders --instance-profile-name ib',
    ).infrastructureConfigurationArn;
    const pipeline = c.json<{ imagePipelineArn: string }>(
      `aws imagebuilder create-image-pipeline --name golden --image-recipe-arn ${recipe} --infrastructure-configuration-arn ${infrastructure}`,
    ).imagePipelineArn;
    const build = c.json<{ imageBuildVersionArn: string }>(`aws imagebuilder start-image-pipeline-execution --image-pipeline-arn ${pipeline}`).imageBuildVersionArn;
    c.cloud.advance(60 * 60_000);
    expect(c.json<{ image: { state: { status: string } } }>(`aws imagebuilder get-image --image-build-version-arn ${build}`).image.state.status).toBe('AVAILABLE');
    expect(
      c.error(`aws imagebuilder create-image-recipe --name golden --semantic-version 1.0 --parent-image ami-0123456789abcdef0 --components componentArn=${component}`),
    ).toContain('InvalidVersionNumberException');
  });
});
