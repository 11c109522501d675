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
