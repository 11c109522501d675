/** `aws ec2 wait …`: botocore's waiters, polled on the simulated clock. */
import { describe, expect, test } from 'vitest';
import { explainError } from '../../../src/simulator/cli/index.js';
import { findWaiter, formatDuration, runWaiter, WAITERS } from '../../../src/simulator/cli/waiters.js';
import { amazonLinux, launched, ME, newConsole } from './support.js';

const printed = (outcome: { output: readonly { stream: string; text: string }[] }) => outcome.output.map((o) => `${o.stream}:${o.text}`);

describe('aws ec2 wait', () => {
  test('botocore delays and attempts', () => {
    expect(WAITERS.map((w) => [w.name, w.waiterName, w.delay, w.maxAttempts])).toEqual([
      ['image-available', 'ImageAvailable', 15, 40],
      ['image-exists', 'ImageExists', 15, 40],
      ['instance-exists', 'InstanceExists', 5, 40],
      ['instance-running', 'InstanceRunning', 15, 40],
      ['instance-stopped', 'InstanceStopped', 15, 40],
      ['instance-terminated', 'InstanceTerminated', 15, 40],
      ['snapshot-completed', 'SnapshotCompleted', 15, 40],
      ['volume-available', 'VolumeAvailable', 15, 40],
      ['volume-deleted', 'VolumeDeleted', 15, 40],
      ['volume-in-use', 'VolumeInUse', 15, 40],
      ['command-executed', 'CommandExecuted', 5, 20],
    ]);
  });

  test('image-available moves the clock in 15 s steps until the AMI is available, and says how long', () => {
    const c = newConsole();
    const instance = launched(c);
    const image = c.json<{ ImageId: string }>(`aws ec2 create-image --instance-id ${instance} --name web-v1 --no-reboot`).ImageId;
    const start = c.cloud.now().getTime();
    const outcome = c.run(`aws ec2 wait image-available --image-ids ${image}`);
    const waited = c.cloud.now().getTime() - start;
    expect(waited % 15_000).toBe(0);
    expect(c.cloud.world().images[image]?.lifecycle.value).toBe('available');
    expect(outcome.wait).toMatchObject({ ok: true, waitedMs: waited, attempts: waited / 15_000 + 1 });
    expect(printed(outcome)).toEqual([`note:Waited ${formatDuration(waited)} of simulated time for ${image} to be available.`]);
    // Already available: the first check succeeds and no time passes.
    expect(printed(c.run(`aws ec2 wait image-available --image-ids ${image}`))).toEqual([`note:No simulated time passed: the first check already found ${image} to be available.`]);
    expect(c.cloud.now().getTime()).toBe(start + waited);
  });

  test('a failure state ends the wait as the CLI does', () => {
    const c = newConsole();
    const instance = launched(c);
    const image = c.json<{ ImageId: string }>(`aws ec2 create-image --instance-id ${instance} --name web-v1 --no-reboot`).ImageId;
    c.json(`aws ec2 deregister-image --image-id ${image}`);
    expect(printed(c.run(`aws ec2 wait image-available --image-ids ${image}`))).toEqual([
      'stderr:Waiter ImageAvailable failed: Waiter encountered a terminal failure state: For expression "Images[].State" we matched expected path: "deregistered" at least once',
    ]);
    c.json(`aws ec2 stop-instances --instance-ids ${instance}`);
    expect(printed(c.run(`aws ec2 wait instance-running --instance-ids ${instance}`))).toEqual([
      'stderr:Waiter InstanceRunning failed: Waiter encountered a terminal failure state: For expression "Reservations[].Instances[].State.Name" we matched expected path: "stopping" at least once',
    ]);
    expect(printed(c.run(`aws ec2 wait instance-stopped --instance-ids ${instance}`))).toEqual([`note:Waited 30 s of simulated time for ${instance} to be stopped.`]);
  });

  test('an error no acceptor expects fails at once; a retry error is waited out', () => {
    const c = newConsole();
    expect(printed(c.run('aws ec2 wait image-available --image-ids ami-0123456789abcdef0'))).toEqual([
      "stderr:Waiter ImageAvailable failed: An error occurred (InvalidAMIID.NotFound): The image id '[ami-0123456789abcdef0]' does not exist",
    ]);
    const start = c.cloud.now().getTime();
    const outcome = c.run('aws ec2 wait instance-exists --instance-ids i-0123456789abcdef0');
    expect(printed(outcome)).toEqual([
      'stderr:Waiter InstanceExists failed: Max attempts exceeded. Previously accepted state: Matched expected service error code: InvalidInstanceID.NotFound',
      'note:Simulated time moved on 3 min 15 s while waiting (40 checks).',
    ]);
    expect(c.cloud.now().getTime() - start).toBe(39 * 5_000);
  });

  test('a condition that never comes: Max attempts exceeded after 40 checks, 9 min 45 s', () => {
    const c = newConsole();
    const instance = launched(c);
    const start = c.cloud.now().getTime();
    const outcome = c.run(`aws ec2 wait instance-terminated --instance-ids ${instance}`);
    // A running instance is neither terminated nor pending/stopping: no acceptor ever matches.
    expect(printed(outcome)).toEqual(['stderr:Waiter InstanceTerminated failed: Max attempts exceeded', 'note:Simulated time moved on 9 min 45 s while waiting (40 checks).']);
    expect(c.cloud.now().getTime() - start).toBe(39 * 15_000);
  });

  test('runWaiter is a pure loop over send and advance', () => {
    const c = newConsole();
    const image = amazonLinux(c);
    const calls: number[] = [];
    const result = runWaiter(
      findWaiter('image-exists') as NonNullable<ReturnType<typeof findWaiter>>,
      { op: 'DescribeImages', region: 'us-east-1', account: ME, params: { ImageIds: [image] } },
      { send: (request) => c.cloud.send(request), advance: (ms) => calls.push(ms) },
    );
    expect(result).toEqual({ ok: true, waitedMs: 0, attempts: 1 });
    expect(calls).toEqual([]);
  });

  test('the waiter takes its describe command options; its errors are the CLI ones', () => {
    const c = newConsole();
    expect(c.error('aws ec2 wait image-available --image-id ami-0123456789abcdef0')).toContain('Unknown options: --image-id, ami-0123456789abcdef0');
    expect(c.run('aws ec2 wait image-available --image-id ami-0123456789abcdef0').output.at(-1)?.text).toContain('Did you mean --image-ids?');
    expect(c.error('aws ec2 wait image-avail')).toContain("aws: error: argument subcommand: Found invalid choice 'image-avail'\n\nMaybe you meant:\n\n  * image-available");
    const help = c.run('aws ec2 wait help').output[0]?.text ?? '';
    for (const waiter of WAITERS) if (waiter.service === 'ec2') expect(help).toContain(waiter.name);
    expect(help).not.toContain('command-executed');
    expect(c.run('aws ec2 help').output[0]?.text).toContain('o wait');
  });

  test('the explanation of InvalidAMIID.Unavailable points at the clock and the waiter', () => {
    const text = explainError('InvalidAMIID.Unavailable').text;
    expect(text).toContain('Run / Skip ahead');
    expect(text).toContain('aws ec2 wait image-available');
  });

  test('durations read as the lab prints them', () => {
    expect([formatDuration(0), formatDuration(45_000), formatDuration(135_000), formatDuration(3_900_000)]).toEqual(['0 s', '45 s', '2 min 15 s', '1 h 5 min']);
  });
});

describe('completion knows the waiters and the output formats', () => {
  const sources = { images: ['ami-0123456789abcdef0'], instances: [], snapshots: [], volumes: [], regions: ['us-east-1'], zones: [], accounts: [] };
  test('aws ec2 wa<Tab>, aws ec2 wait image-<Tab>, --output <Tab>, options of the waiter', async () => {
    const { completeLine } = await import('../../../src/simulator/cli/index.js');
    expect(completeLine('aws ec2 wai', sources).line).toBe('aws ec2 wait ');
    expect(completeLine('aws ec2 wait image-', sources).candidates).toEqual(['image-available', 'image-exists']);
    expect(completeLine('aws ec2 wait image-available --image-i', sources).line).toBe('aws ec2 wait image-available --image-ids ');
    expect(completeLine('aws ec2 wait image-available --image-ids ', sources).candidates).toEqual(['ami-0123456789abcdef0']);
    expect(completeLine('aws ec2 describe-images --output t', sources).candidates).toEqual(['text', 'table']);
    expect(completeLine('aws ec2 describe-images --qu', sources).line).toBe('aws ec2 describe-images --query ');
  });
});

describe('aws ssm wait command-executed and the Run Command statuses in the console', () => {
  test('send-command answers Pending; get-command-invocation follows the clock; the waiter waits for Success', () => {
    const c = newConsole();
    const instance = launched(c);
    const sent = c.json<{ Command: { CommandId: string; Status: string } }>(
      `aws ssm send-command --document-name AWS-RunShellScript --instance-ids ${instance} --parameters commands="dnf install -y nginx"`,
    ).Command;
    expect(sent.Status).toBe('Pending');
    const status = () => c.run(`aws ssm get-command-invocation --command-id ${sent.CommandId} --instance-id ${instance} --query Status --output text`).output.map((o) => o.text);
    expect(status()).toEqual(['Pending']);
    const outcome = c.run(`aws ssm wait command-executed --command-id ${sent.CommandId} --instance-id ${instance}`);
    expect(printed(outcome)).toEqual([`note:Waited 25 s of simulated time for command ${sent.CommandId} on ${instance} to finish.`]);
    expect(status()).toEqual(['Success']);
    expect(c.cloud.installedSoftware(ME, instance)).toContain('nginx');
    expect(c.run(`aws ssm list-commands --query 'Commands[].[CommandId,Status]' --output text`).output[0]?.text).toBe(`${sent.CommandId}\tSuccess`);
    expect(c.error(`aws ssm wait command-executed --command-id ${sent.CommandId} --instance-id i-0123456789abcdef0`)).toBe(
      'Waiter CommandExecuted failed: Max attempts exceeded. Previously accepted state: Matched expected service error code: InvocationDoesNotExist',
    );
  });
});

describe('create-image reboots the instance on the clock (seen from the console)', () => {
  test('stopping, then pending, then running again; instance-running waits through pending', () => {
    const c = newConsole();
    const instance = launched(c);
    c.json(`aws ec2 create-image --instance-id ${instance} --name web-v1`);
    const state = () => c.run(`aws ec2 describe-instances --instance-ids ${instance} --query 'Reservations[0].Instances[0].State.Name' --output text`).output[0]?.text;
    expect(state()).toBe('stopping');
    expect(c.error(`aws ec2 wait instance-running --instance-ids ${instance}`)).toContain('we matched expected path: "stopping" at least once');
    c.cloud.advance(30_000);
    expect(state()).toBe('pending');
    expect(printed(c.run(`aws ec2 wait instance-running --instance-ids ${instance}`))).toEqual([`note:Waited 45 s of simulated time for ${instance} to be running.`]);
  });
});
