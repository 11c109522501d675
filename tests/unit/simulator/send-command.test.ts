import { describe, expect, test } from 'vitest';
import { COMMAND_DELIVERY_MS, COMMAND_RUN_BASE_MS, COMMAND_RUN_MS_PER_PACKAGE } from '../../../src/simulator/api/run-command.js';
import { OPERATION_NAMES, restoreCloud } from '../../../src/simulator/index.js';
import { call, catalogueImageId, expectError, expectOk, ME, MINUTE, newCloud, PARTNER } from './support.js';

function running(cloud: ReturnType<typeof newCloud>): string {
  const id =
    expectOk<{ Instances: { InstanceId: string }[] }>(call(cloud, 'RunInstances', { ImageId: catalogueImageId(cloud), InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }))
      .Instances[0]?.InstanceId ?? '';
  cloud.advance(MINUTE);
  return id;
}

const script = (id: string, line: string) => ({ DocumentName: 'AWS-RunShellScript', InstanceIds: [id], Parameters: { commands: [line] } });

describe('SendCommand (the lab configuring a running instance)', () => {
  test('what the script installs lands on the root volume when the command succeeds, and an image made afterwards carries it', () => {
    const cloud = newCloud();
    const id = running(cloud);
    expectOk(call(cloud, 'SendCommand', script(id, 'sudo dnf install -y nginx git')));
    expect(cloud.installedSoftware(ME, id)).toEqual(['amazon-linux-2023-base']);
    cloud.advance(MINUTE);
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

  test('Pending → InProgress → Success on the simulated clock, per invocation and for the command', () => {
    const cloud = newCloud();
    const id = running(cloud);
    const sent = expectOk<{ Command: { CommandId: string; Status: string; CompletedCount: number } }>(
      call(cloud, 'SendCommand', script(id, 'dnf install -y nginx'), { service: 'ssm' }),
    ).Command;
    expect(sent).toMatchObject({ Status: 'Pending', CompletedCount: 0 });
    const invocation = () =>
      expectOk<{ Status: string; StatusDetails: string; ResponseCode: number; StandardOutputContent: string; ExecutionElapsedTime: string }>(
        call(cloud, 'GetCommandInvocation', { CommandId: sent.CommandId, InstanceId: id }, { service: 'ssm' }),
      );
    const listed = () =>
      expectOk<{ Commands: { Status: string; CompletedCount: number }[] }>(call(cloud, 'ListCommands', { CommandId: sent.CommandId }, { service: 'ssm' })).Commands[0];
    expect(invocation()).toMatchObject({ Status: 'Pending', StatusDetails: 'Pending', ResponseCode: -1 });
    cloud.advance(COMMAND_DELIVERY_MS);
    expect(invocation()).toMatchObject({ Status: 'InProgress', StatusDetails: 'InProgress', ResponseCode: -1 });
    expect(listed()).toMatchObject({ Status: 'InProgress', CompletedCount: 0 });
    expect(cloud.installedSoftware(ME, id)).not.toContain('nginx');
    cloud.advance(COMMAND_RUN_BASE_MS + COMMAND_RUN_MS_PER_PACKAGE - 1);
    expect(invocation().Status).toBe('InProgress');
    cloud.advance(1);
    expect(invocation()).toMatchObject({ Status: 'Success', StatusDetails: 'Success', ResponseCode: 0, ExecutionElapsedTime: 'PT20S' });
    expect(invocation().StandardOutputContent).toContain('nginx');
    expect(listed()).toMatchObject({ Status: 'Success', CompletedCount: 1 });
    expect(cloud.installedSoftware(ME, id)).toContain('nginx');
    const rows = expectOk<{ CommandInvocations: { Status: string; CommandPlugins: { Name: string; Status: string }[] }[] }>(
      call(cloud, 'ListCommandInvocations', { InstanceId: id, Details: true }, { service: 'ssm' }),
    ).CommandInvocations;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Status: 'Success', CommandPlugins: [{ Name: 'aws:runShellScript', Status: 'Success' }] });
  });

  test('an instance that stops before the script ends: Failed, and nothing is installed', () => {
    const cloud = newCloud();
    const id = running(cloud);
    const { CommandId } = expectOk<{ Command: { CommandId: string } }>(call(cloud, 'SendCommand', script(id, 'dnf install -y nginx'))).Command;
    cloud.advance(COMMAND_DELIVERY_MS);
    expectOk(call(cloud, 'StopInstances', { InstanceIds: [id] }));
    cloud.advance(MINUTE);
    expect(expectOk(call(cloud, 'GetCommandInvocation', { CommandId, InstanceId: id }, { service: 'ssm' }))).toMatchObject({ Status: 'Failed', StatusDetails: 'Failed' });
    expect(cloud.installedSoftware(ME, id)).not.toContain('nginx');
    // Not running when the command is delivered: Undeliverable.
    expectOk(call(cloud, 'StartInstances', { InstanceIds: [id] }));
    cloud.advance(MINUTE);
    const second = expectOk<{ Command: { CommandId: string } }>(call(cloud, 'SendCommand', script(id, 'dnf install -y git'))).Command.CommandId;
    expectOk(call(cloud, 'StopInstances', { InstanceIds: [id] }));
    cloud.advance(MINUTE);
    expect(expectOk(call(cloud, 'GetCommandInvocation', { CommandId: second, InstanceId: id }, { service: 'ssm' }))).toMatchObject({
      Status: 'Failed',
      StatusDetails: 'Undeliverable',
    });
    expect(
      expectOk<{ Commands: { CommandId: string; Status: string; ErrorCount: number }[] }>(call(cloud, 'ListCommands', {}, { service: 'ssm' })).Commands.map((c) => [
        c.CommandId,
        c.Status,
      ]),
    ).toEqual([
      [second, 'Failed'],
      [CommandId, 'Failed'],
    ]);
  });

  test('unknown commands and invocations; another account sees none of them', () => {
    const cloud = newCloud();
    const id = running(cloud);
    const { CommandId } = expectOk<{ Command: { CommandId: string } }>(call(cloud, 'SendCommand', script(id, 'dnf install -y nginx'))).Command;
    expectError(call(cloud, 'GetCommandInvocation', { CommandId: '00000000-0000-0000-0000-000000000000', InstanceId: id }, { service: 'ssm' }), 'InvalidCommandId');
    expectError(call(cloud, 'GetCommandInvocation', { CommandId, InstanceId: 'i-0123456789abcdef0' }, { service: 'ssm' }), 'InvocationDoesNotExist');
    expectError(call(cloud, 'GetCommandInvocation', { CommandId, InstanceId: id }, { service: 'ssm', account: PARTNER }), 'InvalidCommandId');
    expect(expectOk<{ Commands: unknown[] }>(call(cloud, 'ListCommands', {}, { service: 'ssm', account: PARTNER })).Commands).toEqual([]);
  });

  test('a save taken while a command runs restores and finishes it', () => {
    const cloud = newCloud();
    const id = running(cloud);
    expectOk(call(cloud, 'SendCommand', script(id, 'dnf install -y nginx')));
    const restored = restoreCloud(cloud.save());
    if (!restored.ok) throw new Error(restored.error.message);
    restored.cloud.advance(MINUTE);
    expect(restored.cloud.installedSoftware(ME, id)).toContain('nginx');
  });

  test('is not listed among the EC2 operations', () => {
    expect(OPERATION_NAMES).not.toContain('SendCommand');
  });
});
