import { describe, expect, test } from 'vitest';
import { OPERATION_NAMES } from '../../../src/simulator/index.js';
import { call, catalogueImageId, expectError, expectOk, ME, MINUTE, newCloud, PARTNER } from './support.js';

function running(cloud: ReturnType<typeof newCloud>): string {
  const id = expectOk<{ Instances: { InstanceId: string }[] }>(call(cloud, 'RunInstances', { ImageId: catalogueImageId(cloud), InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 })).Instances[0]?.InstanceId ?? '';
  cloud.advance(MINUTE);
  return id;
}

const script = (id: string, line: string) => ({ DocumentName: 'AWS-RunShellScript', InstanceIds: [id], Parameters: { commands: [line] } });

describe('SendCommand (the lab configuring a running instance)', () => {
  test('what the script installs lands on the root volume, and an image made afterwards carries it', () => {
    const cloud = newCloud();
    const id = running(cloud);
    expectOk(call(cloud, 'SendCommand', script(id, 'sudo dnf install -y nginx git')));
    expect(cloud.installedSoftware(ME, id)).toEqual(['amazon-linux-2023-base', 'nginx', 'git']);
    const image = expectOk<{ ImageId: string }>(call(cloud, 'CreateImage', { InstanceId: id, Name: 'web' })).ImageId;
    cloud.advance(10 * MINUTE);
    expect(cloud.world().images[image]?.installed).toContain('nginx');
  });

  test('refused for an instance that is not running, of another account, or unknown; nothing changes', () => {
    const cloud = newCloud();
    const id = running(cloud);
    expectError(call(cloud, 'SendCommand', script(id, 'dnf install -y nginx'), { account: PARTNER }), 'InvalidInstanceId');
    expectOk(call(cloud, 'StopInstances', { InstanceIds: [id] }));
    const before = cloud.save();
    expectError(call(cloud, 'SendCommand', script(id, 'dnf install -y nginx')), 'InvalidInstanceId', `Instances [[${id}]] not in a valid state for account ${ME}`);
    expect(cloud.save()).toBe(before);
    expectError(call(cloud, 'SendCommand', { ...script(id, 'x'), DocumentName: 'AWS-RunPowerShellScript' }), 'InvalidDocument');
  });

  test('is not listed among the EC2 operations', () => {
    expect(OPERATION_NAMES).not.toContain('SendCommand');
  });
});
