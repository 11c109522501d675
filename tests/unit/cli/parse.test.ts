import { describe, expect, test } from 'vitest';
import { COMMANDS, parseLine, tokenize } from '../../../src/simulator/cli/index.js';
import { readStructured } from '../../../src/simulator/cli/shorthand.js';
import { LAB_OPERATION_NAMES, OPERATION_NAMES } from '../../../src/simulator/index.js';

function call(line: string) {
  const parsed = parseLine(line);
  if (parsed.kind !== 'call') throw new Error(`expected a call, got ${parsed.kind}: ${'text' in parsed ? parsed.text : ''}`);
  return parsed;
}

function errorText(line: string): string {
  const parsed = parseLine(line);
  if (parsed.kind !== 'error') throw new Error(`expected an error, got ${parsed.kind}`);
  return parsed.text;
}

describe('tokenize', () => {
  test('splits on spaces and keeps quoted words whole', () => {
    const result = tokenize(`aws ec2 create-tags --tags 'Key=Name,Value=web server' "Key=Env,Value=\\"prod\\""`);
    expect(result).toEqual({ ok: true, trailingSpace: false, words: ['aws', 'ec2', 'create-tags', '--tags', 'Key=Name,Value=web server', 'Key=Env,Value="prod"'] });
  });

  test('an unterminated quote is reported as bash reports it', () => {
    expect(tokenize(`aws ec2 "describe`)).toEqual({ ok: false, message: 'unexpected EOF while looking for matching `"\'' });
  });
});

describe('every operation is reachable from the console', () => {
  test('each EC2 operation and each lab operation has a command', () => {
    const ops = new Set(COMMANDS.map((command) => command.op));
    for (const op of [...OPERATION_NAMES, ...LAB_OPERATION_NAMES]) expect(ops, op).toContain(op);
  });

  test('every command parses with its required options and maps to its operation', () => {
    for (const command of COMMANDS) {
      const args = command.options
        .filter((option) => option.required === true)
        .map((option) => {
          const structuredValues: Record<string, string> = {
            Parameters: 'commands=ls',
            Tags: 'Key=a,Value=b',
            RetentionPeriod: 'RetentionPeriodValue=7,RetentionPeriodUnit=DAYS',
            LockConfiguration: `'{"UnlockDelay":{"UnlockDelayValue":7,"UnlockDelayUnit":"DAYS"}}'`,
            PolicyDetails: `'{"PolicyType":"IMAGE_MANAGEMENT"}'`,
            components: 'componentArn=x',
            distributions: 'region=us-east-1',
          };
          if (option.kind.type === 'structured') return `${option.flag} ${structuredValues[option.param] ?? 'x'}`;
          return `${option.flag} ${option.kind.type === 'timestamp' ? '2025-02-01T00:00:00Z' : 'x'}`;
        })
        .join(' ');
      const parsed = call(`aws ${command.service} ${command.name} ${args}`);
      expect(parsed.command.op).toBe(command.op);
    }
  });
});

describe('parseLine: options to parameters', () => {
  test('run-instances: scalars, --count, shorthand placement and tag specifications, user data in base64', () => {
    const parsed = call(
      `aws ec2 run-instances --image-id ami-0123456789abcdef0 --instance-type t3.micro --count 2 --placement AvailabilityZone=us-east-1b ` +
        `--tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=web}]' --user-data "dnf install -y nginx" --region eu-west-1 --profile partner`,
    );
    expect(parsed.params).toEqual({
      ImageId: 'ami-0123456789abcdef0',
      InstanceType: 't3.micro',
      MinCount: 2,
      MaxCount: 2,
      Placement: { AvailabilityZone: 'us-east-1b' },
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }],
      UserData: btoa('dnf install -y nginx'),
    });
    expect(parsed.region).toBe('eu-west-1');
    expect(parsed.profile).toBe('partner');
  });

  test('run-instances without --count launches one', () => {
    expect(call('aws ec2 run-instances --image-id ami-0123456789abcdef0').params).toMatchObject({ MinCount: 1, MaxCount: 1 });
    expect(call('aws ec2 run-instances --image-id ami-0123456789abcdef0 --count 1:3').params).toMatchObject({ MinCount: 1, MaxCount: 3 });
  });

  test('lists take several words; --filters and --owners combine', () => {
    const parsed = call(`aws ec2 describe-images --owners self amazon --filters Name=name,Values=web*,db* Name=state,Values=available --include-deprecated`);
    expect(parsed.params).toEqual({
      Owners: ['self', 'amazon'],
      Filters: [
        { Name: 'name', Values: ['web*', 'db*'] },
        { Name: 'state', Values: ['available'] },
      ],
      IncludeDeprecated: true,
    });
  });

  test('JSON values are accepted for structured options', () => {
    const parsed = call(`aws ec2 modify-image-attribute --image-id ami-0123456789abcdef0 --launch-permission '{"Add":[{"UserId":"444455556666"}]}'`);
    expect(parsed.params).toEqual({ ImageId: 'ami-0123456789abcdef0', LaunchPermission: { Add: [{ UserId: '444455556666' }] } });
  });

  test('shorthand launch permissions, --dry-run, --no-flag forms and --flag=value', () => {
    expect(call(`aws ec2 modify-image-attribute --image-id=ami-0123456789abcdef0 --launch-permission "Remove=[{Group=all}]" --dry-run`).params).toEqual({
      ImageId: 'ami-0123456789abcdef0',
      LaunchPermission: { Remove: [{ Group: 'all' }] },
      DryRun: true,
    });
    expect(call('aws ec2 create-image --instance-id i-0123456789abcdef0 --name x --reboot').params).toMatchObject({ NoReboot: false });
    expect(call('aws ec2 create-image --instance-id i-0123456789abcdef0 --name x --no-reboot').params).toMatchObject({ NoReboot: true });
    expect(call('aws ec2 deregister-image --image-id ami-0123456789abcdef0 --no-delete-associated-snapshots').params).toMatchObject({ DeleteAssociatedSnapshots: false });
  });

  test('block device mappings coerce numbers and booleans', () => {
    const parsed = call(`aws ec2 run-instances --image-id ami-0123456789abcdef0 --block-device-mappings "DeviceName=/dev/sdf,Ebs={VolumeSize=20,DeleteOnTermination=false}"`);
    expect(parsed.params['BlockDeviceMappings']).toEqual([{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 20, DeleteOnTermination: false } }]);
  });

  test('ssm send-command reads the commands parameter', () => {
    expect(call(`aws ssm send-command --document-name AWS-RunShellScript --instance-ids i-0123456789abcdef0 --parameters 'commands=["dnf install -y nginx"]'`).params).toEqual({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: ['i-0123456789abcdef0'],
      Parameters: { commands: ['dnf install -y nginx'] },
    });
  });

  test('export switches profile and Region', () => {
    expect(parseLine('export AWS_PROFILE=stranger')).toEqual({ kind: 'set', setting: 'profile', value: 'stranger' });
    expect(parseLine('export AWS_REGION=eu-west-1')).toEqual({ kind: 'set', setting: 'region', value: 'eu-west-1' });
  });

  test('help at every level', () => {
    expect(parseLine('help')).toMatchObject({ kind: 'help' });
    expect(parseLine('aws help')).toMatchObject({ kind: 'help' });
    const ec2 = parseLine('aws ec2 help');
    expect(ec2.kind === 'help' && ec2.text).toContain('copy-image');
    const command = parseLine('aws ec2 copy-image help');
    expect(command.kind === 'help' && command.text).toContain('--source-image-id <value>');
  });
});

describe('parseLine: the CLI own error messages', () => {
  test('an unknown subcommand: invalid choice with suggestions and the usage', () => {
    const text = errorText('aws ec2 describe-image');
    expect(text).toContain("aws: error: argument operation: Found invalid choice 'describe-image'");
    expect(text).toContain('  * describe-images');
    expect(text).toContain('usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]');
  });

  test('an unknown service', () => {
    expect(errorText('aws ecc2 describe-images')).toContain("aws: error: argument command: Found invalid choice 'ecc2'");
  });

  test('unknown options are listed with their values, after the usage, without "aws: error:" (as the CLI prints them)', () => {
    const text = errorText('aws ec2 describe-images --owner self');
    expect(text.endsWith('\n\nUnknown options: --owner, self')).toBe(true);
    expect(text.startsWith('usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n')).toBe(true);
    expect(text).not.toContain('aws: error:');
  });

  test('an unknown option gets the lab tip with the option meant', () => {
    const parsed = parseLine('aws ec2 describe-instances --instance-id i-0123456789abcdef0');
    expect(parsed).toMatchObject({ kind: 'error', tip: 'Did you mean --instance-ids? aws ec2 describe-instances help lists its options.' });
    expect(parsed.kind === 'error' && parsed.text).toBe(
      [
        'usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]',
        'To see help text, you can run:',
        '',
        '  aws help',
        '  aws <command> help',
        '  aws <command> <subcommand> help',
        '',
        'Unknown options: --instance-id, i-0123456789abcdef0',
      ].join('\n'),
    );
    expect(parseLine('aws ec2 describe-images --bogus')).not.toHaveProperty('tip');
  });

  test('argument errors: the usage first, then aws: error:, then the suggestions', () => {
    expect(errorText('aws ec2 describe-image')).toBe(
      [
        'usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]',
        'To see help text, you can run:',
        '',
        '  aws help',
        '  aws <command> help',
        '  aws <command> <subcommand> help',
        '',
        "aws: error: argument operation: Found invalid choice 'describe-image'",
        '',
        'Maybe you meant:',
        '',
        '  * describe-images',
        '  * describe-image-attribute',
      ].join('\n'),
    );
  });

  test('an --output the CLI does not know: its invalid-choice list', () => {
    expect(errorText('aws ec2 describe-images --output xml')).toContain(
      [
        'aws: error: argument --output: Invalid choice, valid choices are:',
        '',
        `${'json'.padEnd(40)} | ${'text'.padEnd(40)}`,
        `${'table'.padEnd(40)} | ${'yaml'.padEnd(40)}`,
        'yaml-stream'.padEnd(40),
      ].join('\n'),
    );
    for (const output of ['json', 'text', 'table', 'yaml', 'yaml-stream']) expect(call(`aws ec2 describe-images --output ${output}`).output).toBe(output);
    expect(call('aws ec2 describe-images').output).toBe('json');
  });

  test('a line without "aws" gets the whole line back with aws in front', () => {
    expect(errorText('ec2 describe-instances help')).toBe('bash: ec2: command not found\nCommands start with "aws", e.g. aws ec2 describe-instances help');
    expect(errorText('describe-instances --instance-ids i-1')).toBe(
      'bash: describe-instances: command not found\nCommands start with "aws" and the service, e.g. aws ec2 describe-instances --instance-ids i-1',
    );
    expect(errorText('get-parameter --name "/a b"')).toContain("e.g. aws ssm get-parameter --name '/a b'");
  });

  test('missing required arguments are named', () => {
    expect(errorText('aws ec2 copy-image --name x')).toContain('aws: error: the following arguments are required: --source-region, --source-image-id');
  });

  test('an option without its value', () => {
    expect(errorText('aws ec2 create-image --instance-id --name x')).toContain('aws: error: argument --instance-id: expected one argument');
    expect(errorText('aws ec2 describe-images --region')).toContain('argument --region: expected one argument');
  });

  test('a bad integer and bad shorthand explain themselves', () => {
    expect(errorText('aws ec2 describe-images --max-results ten')).toContain("Invalid type for parameter MaxResults, value: ten, type: <class 'str'>, valid types: <class 'int'>");
    expect(errorText('aws ec2 describe-images --filters Name')).toContain("Error parsing parameter 'filters'");
    expect(errorText(`aws ec2 modify-image-attribute --image-id ami-0123456789abcdef0 --launch-permission '{"Add": [}'`)).toContain('Invalid JSON');
  });

  test('an unknown profile, commands without aws, no command at all', () => {
    expect(errorText('aws ec2 describe-images --profile boss')).toContain('The config profile (boss) could not be found');
    expect(errorText('ec2 describe-images')).toContain('bash: ec2: command not found');
    expect(errorText('aws')).toContain('the following arguments are required: command');
    expect(errorText('aws ec2')).toContain('the following arguments are required: operation');
  });

  test('--query is compiled when the line is read: a bad expression is refused there', () => {
    expect(call("aws ec2 describe-images --query 'Images[].ImageId'").query).toBe('Images[].ImageId');
    expect(errorText("aws ec2 describe-images --query 'Images[0'")).toBe('Bad value for --query Images[0: Syntax error: expected Rbracket, got: EOF');
  });
});

describe('readStructured', () => {
  test('a nested list of structures in shorthand', () => {
    expect(
      readStructured(
        { list: { struct: { ResourceType: 'string', Tags: { list: { struct: { Key: 'string', Value: 'string' } } } } } },
        ['ResourceType=image,Tags=[{Key=a,Value=1},{Key=b,Value=2}]'],
        'tag-specifications',
      ),
    ).toEqual({
      ok: true,
      value: [
        {
          ResourceType: 'image',
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'b', Value: '2' },
          ],
        },
      ],
    });
  });

  test('an unknown key names the allowed ones', () => {
    const result = readStructured({ struct: { AvailabilityZone: 'string' } }, ['Zone=us-east-1a'], 'placement');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('Unknown parameter in placement: "Zone", must be one of: AvailabilityZone');
  });
});
