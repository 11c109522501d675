import { describe, expect, test } from 'vitest';
import { completeLine, formatCliError, formatCliJson, formatCliTimestamp } from '../../../src/simulator/cli/index.js';
import { amazonLinux, launched, ME, newConsole, PARTNER } from './support.js';

describe('printing as the AWS CLI prints', () => {
  test('JSON with four-space indents and timestamps with +00:00', () => {
    expect(formatCliJson({ LaunchTime: new Date(Date.UTC(2025, 0, 6, 9, 0, 0)), Tags: [] })).toBe('{\n    "LaunchTime": "2025-01-06T09:00:00+00:00",\n    "Tags": []\n}');
    expect(formatCliTimestamp(new Date(Date.UTC(2025, 0, 6, 9, 0, 0, 120)))).toBe('2025-01-06T09:00:00.120000+00:00');
  });

  test('an empty response prints nothing', () => {
    expect(formatCliJson({})).toBe('');
  });

  test('service errors in the CLI one-line form', () => {
    expect(formatCliError('RunInstances', { Code: 'InvalidAMIID.NotFound', Message: "The image id '[ami-0123456789abcdef0]' does not exist" })).toBe(
      "An error occurred (InvalidAMIID.NotFound) when calling the RunInstances operation: The image id '[ami-0123456789abcdef0]' does not exist",
    );
  });
});

describe('running console lines against the cloud', () => {
  test('bake and relaunch: run-instances, ssm send-command, create-image, run-instances from the AMI', () => {
    const c = newConsole();
    const builder = launched(c, { software: 'nginx', zone: 'us-east-1b' });
    const image = c.json<{ ImageId: string }>(`aws ec2 create-image --instance-id ${builder} --name web-v1`).ImageId;
    c.cloud.advance(10 * 60_000);
    const described = c.json<{ Images: { State: string; Name: string }[] }>(`aws ec2 describe-images --image-ids ${image}`);
    expect(described.Images[0]).toMatchObject({ State: 'available', Name: 'web-v1' });
    const relaunch = launched(c, { imageId: image });
    expect(c.cloud.installedSoftware(ME, relaunch)).toContain('nginx');
  });

  test('copy-image uses --region as the destination', () => {
    const c = newConsole();
    const builder = launched(c);
    const image = c.json<{ ImageId: string }>(`aws ec2 create-image --instance-id ${builder} --name web-v1`).ImageId;
    c.cloud.advance(10 * 60_000);
    const copy = c.json<{ ImageId: string }>(`aws ec2 copy-image --source-region us-east-1 --source-image-id ${image} --name web-v1 --region eu-west-1`).ImageId;
    expect(c.cloud.world().images[copy]?.region).toBe('eu-west-1');
  });

  test('--profile acts as another account; sharing from the other side', () => {
    const c = newConsole();
    const builder = launched(c);
    const image = c.json<{ ImageId: string }>(`aws ec2 create-image --instance-id ${builder} --name golden`).ImageId;
    c.cloud.advance(10 * 60_000);
    expect(c.error(`aws ec2 run-instances --image-id ${image} --profile partner`)).toBe(
      `An error occurred (AuthFailure) when calling the RunInstances operation: Not authorized for images: [${image}]`,
    );
    c.json(`aws ec2 modify-image-attribute --image-id ${image} --launch-permission "Add=[{UserId=${PARTNER}}]"`);
    const partnerRun = c.json<{ Instances: { InstanceId: string }[] }>(`aws ec2 run-instances --image-id ${image} --profile partner`);
    expect(c.cloud.world().instances[partnerRun.Instances[0]?.InstanceId ?? '']?.ownerId).toBe(PARTNER);
  });

  test('--dry-run answers DryRunOperation and changes nothing', () => {
    const c = newConsole();
    const image = amazonLinux(c);
    const before = c.cloud.save();
    expect(c.error(`aws ec2 run-instances --image-id ${image} --dry-run`)).toBe(
      'An error occurred (DryRunOperation) when calling the RunInstances operation: Request would have succeeded, but DryRun flag is set.',
    );
    expect(c.cloud.save()).toBe(before);
  });

  test('a service error is printed the CLI way and the call is reported', () => {
    const c = newConsole();
    const outcome = c.run('aws ec2 run-instances --image-id ami-0123456789abcdef0 --region eu-west-1');
    expect(outcome.output).toEqual([
      { stream: 'stderr', text: "An error occurred (InvalidAMIID.NotFound) when calling the RunInstances operation: The image id '[ami-0123456789abcdef0]' does not exist" },
    ]);
    expect(outcome.call?.request).toMatchObject({ op: 'RunInstances', region: 'eu-west-1', account: ME });
  });

  test('an unknown Region cannot be reached, as the CLI says', () => {
    const c = newConsole();
    expect(c.error('aws ec2 describe-images --region mars-1')).toContain('Could not connect to the endpoint URL: "https://ec2.mars-1.amazonaws.com/"');
  });

  test('export and sts get-caller-identity', () => {
    const c = newConsole();
    expect(c.run('export AWS_PROFILE=partner').set).toEqual({ accountId: PARTNER });
    expect(c.run('export AWS_REGION=ap-southeast-2').set).toEqual({ region: 'ap-southeast-2' });
    expect(c.json('aws sts get-caller-identity --profile stranger')).toMatchObject({ Account: '777788889999' });
  });

  test('describe calls with --filters and --owners print the listing', () => {
    const c = newConsole();
    const data = c.json<{ Images: unknown[] }>('aws ec2 describe-images --owners amazon --filters Name=platform,Values=windows');
    expect(data.Images.length).toBeGreaterThan(0);
    expect(c.json('aws ec2 describe-regions')).toHaveProperty('Regions');
    expect(c.json('aws ec2 describe-availability-zones --region eu-west-1')).toHaveProperty('AvailabilityZones');
  });

  test('clear, history and help are console commands', () => {
    const c = newConsole();
    expect(c.run('clear').clear).toBe(true);
    expect(c.run('history').showHistory).toBe(true);
    expect(c.run('help').output[0]?.text).toContain('AMI Lab console');
  });
});

describe('completion', () => {
  const sources = {
    images: ['ami-0aaaaaaaaaaaaaaaa', 'ami-0bbbbbbbbbbbbbbbb'],
    instances: ['i-0123456789abcdef0'],
    snapshots: [],
    volumes: [],
    regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
    zones: ['us-east-1a', 'us-east-1b'],
    accounts: [],
  };

  test('services, subcommands and options', () => {
    expect(completeLine('aws e', sources).line).toBe('aws ec2 ');
    expect(completeLine('aws ec2 copy-', sources).candidates).toEqual(['copy-image', 'copy-snapshot']);
    expect(completeLine('aws ec2 create-image --inst', sources).line).toBe('aws ec2 create-image --instance-id ');
  });

  test('options already given are not offered again', () => {
    expect(completeLine('aws ec2 create-image --name x --n', sources).candidates).not.toContain('--name');
  });

  test('resource IDs, Regions and zones for the option being typed', () => {
    expect(completeLine('aws ec2 run-instances --image-id ami-0a', sources).line).toBe('aws ec2 run-instances --image-id ami-0aaaaaaaaaaaaaaaa ');
    expect(completeLine('aws ec2 create-image --instance-id ', sources).candidates).toEqual(['i-0123456789abcdef0']);
    expect(completeLine('aws ec2 describe-images --region us-', sources).candidates).toEqual(['us-east-1', 'us-west-2']);
    expect(completeLine('aws ec2 run-instances --placement ', sources).candidates).toEqual(['AvailabilityZone=us-east-1a', 'AvailabilityZone=us-east-1b']);
    expect(completeLine('aws ec2 describe-images --profile p', sources).line).toBe('aws ec2 describe-images --profile partner ');
  });

  test('nothing to complete leaves the line alone', () => {
    expect(completeLine('aws ec2 zzz', sources)).toEqual({ candidates: [], line: 'aws ec2 zzz' });
  });
});
