/** `--output text|table|yaml|json` and `--query`, printed as the AWS CLI prints them. */
import { describe, expect, test } from 'vitest';
import { formatOutput, formatTable, formatText } from '../../../src/simulator/cli/output.js';
import { applyQuery } from '../../../src/simulator/cli/query.js';
import { launched, newConsole } from './support.js';

const IMAGES = {
  Images: [
    {
      Architecture: 'x86_64',
      CreationDate: '2025-01-06T09:01:00.000Z',
      ImageId: 'ami-0775b05953d6bbcab',
      Name: 'web-v1',
      OwnerId: '111122223333',
      Public: false,
      State: 'available',
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { DeleteOnTermination: true, SnapshotId: 'snap-08da6bf2dbad59ed8', VolumeSize: 8, VolumeType: 'gp3' } }],
      Tags: [
        { Key: 'Name', Value: 'web' },
        { Key: 'Env', Value: 'prod' },
      ],
    },
  ],
};

const LAUNCH = new Date(Date.UTC(2025, 0, 6, 9));
const INSTANCES = {
  Reservations: [
    {
      Groups: [],
      OwnerId: '111122223333',
      ReservationId: 'r-002ff152c0fdc7f12',
      Instances: [
        {
          InstanceId: 'i-0fa169e5eb2f38b96',
          ImageId: 'ami-0246838ac02167902',
          InstanceType: 't3.micro',
          LaunchTime: LAUNCH,
          State: { Code: 16, Name: 'running' },
          Placement: { AvailabilityZone: 'us-east-1a' },
          ProductCodes: [],
        },
        {
          InstanceId: 'i-0aaaaaaaaaaaaaaaa',
          ImageId: 'ami-0246838ac02167902',
          InstanceType: 't3.small',
          LaunchTime: LAUNCH,
          State: { Code: 80, Name: 'stopped' },
          Placement: { AvailabilityZone: 'us-east-1b' },
        },
      ],
    },
  ],
};

const lines = (...rows: string[]) => rows.join('\n');

describe('--output text', () => {
  test('DescribeImages: scalars sorted by key on the upper-cased key line, nested values after, lists of dicts one line each', () => {
    expect(formatText(IMAGES)).toBe(
      lines(
        'IMAGES\tx86_64\t2025-01-06T09:01:00.000Z\tami-0775b05953d6bbcab\tweb-v1\t111122223333\tFalse\tavailable',
        'BLOCKDEVICEMAPPINGS\t/dev/xvda',
        'EBS\tTrue\tsnap-08da6bf2dbad59ed8\t8\tgp3',
        'TAGS\tName\tweb',
        'TAGS\tEnv\tprod',
      ),
    );
  });

  test('DescribeInstances: empty lists print nothing, timestamps as the CLI prints them', () => {
    expect(formatText(INSTANCES)).toBe(
      lines(
        'RESERVATIONS\t111122223333\tr-002ff152c0fdc7f12',
        'INSTANCES\tami-0246838ac02167902\ti-0fa169e5eb2f38b96\tt3.micro\t2025-01-06T09:00:00+00:00',
        'PLACEMENT\tus-east-1a',
        'STATE\t16\trunning',
        'INSTANCES\tami-0246838ac02167902\ti-0aaaaaaaaaaaaaaaa\tt3.small\t2025-01-06T09:00:00+00:00',
        'PLACEMENT\tus-east-1b',
        'STATE\t80\tstopped',
      ),
    );
  });

  test('lists of scalars: KEY<tab>value per item under a key, one tab-separated line when bare; the union of keys as columns', () => {
    expect(formatText({ ImageIds: ['ami-1', 'ami-2'] })).toBe('IMAGEIDS\tami-1\nIMAGEIDS\tami-2');
    expect(formatText(['ami-1', 'ami-2'])).toBe('ami-1\tami-2');
    expect(
      formatText([
        ['i-1', 'running'],
        ['i-2', 'stopped'],
      ]),
    ).toBe('i-1\trunning\ni-2\tstopped');
    expect(formatText({ Items: [{ A: 1 }, { B: true }] })).toBe('ITEMS\t1\t\nITEMS\t\tTrue');
    expect(formatText(null)).toBe('None');
    expect(formatText({})).toBe('');
  });
});

describe('--output table', () => {
  test('DescribeImages: titled with the operation; too wide for 80 columns, so single-row sections turn vertical', () => {
    expect(formatTable('DescribeImages', IMAGES)).toBe(
      lines(
        '---------------------------------------------------------',
        '|                    DescribeImages                     |',
        '+-------------------------------------------------------+',
        '||                       Images                        ||',
        '|+------------------+----------------------------------+|',
        '||  Architecture    |  x86_64                          ||',
        '||  CreationDate    |  2025-01-06T09:01:00.000Z        ||',
        '||  ImageId         |  ami-0775b05953d6bbcab           ||',
        '||  Name            |  web-v1                          ||',
        '||  OwnerId         |  111122223333                    ||',
        '||  Public          |  False                           ||',
        '||  State           |  available                       ||',
        '|+------------------+----------------------------------+|',
        '|||                BlockDeviceMappings                |||',
        '||+-------------------------+-------------------------+||',
        '|||  DeviceName             |  /dev/xvda              |||',
        '||+-------------------------+-------------------------+||',
        '||||                       Ebs                       ||||',
        '|||+----------------------+--------------------------+|||',
        '||||  DeleteOnTermination |  True                    ||||',
        '||||  SnapshotId          |  snap-08da6bf2dbad59ed8  ||||',
        '||||  VolumeSize          |  8                       ||||',
        '||||  VolumeType          |  gp3                     ||||',
        '|||+----------------------+--------------------------+|||',
        '|||                       Tags                        |||',
        '||+-----------------------+---------------------------+||',
        '|||          Key          |           Value           |||',
        '||+-----------------------+---------------------------+||',
        '|||  Name                 |  web                      |||',
        '|||  Env                  |  prod                     |||',
        '||+-----------------------+---------------------------+||',
      ),
    );
  });

  test('DescribeInstances: each element of a list with nested values gets its own section', () => {
    expect(formatTable('DescribeInstances', INSTANCES)).toBe(
      lines(
        '---------------------------------------------------',
        '|                DescribeInstances                |',
        '+-------------------------------------------------+',
        '||                 Reservations                  ||',
        '|+-------------------+---------------------------+|',
        '||  OwnerId          |  111122223333             ||',
        '||  ReservationId    |  r-002ff152c0fdc7f12      ||',
        '|+-------------------+---------------------------+|',
        '|||                  Instances                  |||',
        '||+---------------+-----------------------------+||',
        '|||  ImageId      |  ami-0246838ac02167902      |||',
        '|||  InstanceId   |  i-0fa169e5eb2f38b96        |||',
        '|||  InstanceType |  t3.micro                   |||',
        '|||  LaunchTime   |  2025-01-06T09:00:00+00:00  |||',
        '||+---------------+-----------------------------+||',
        '||||                 Placement                 ||||',
        '|||+------------------------+------------------+|||',
        '||||  AvailabilityZone      |  us-east-1a      ||||',
        '|||+------------------------+------------------+|||',
        '||||                   State                   ||||',
        '|||+-----------------+-------------------------+|||',
        '||||  Code           |  16                     ||||',
        '||||  Name           |  running                ||||',
        '|||+-----------------+-------------------------+|||',
        '|||                  Instances                  |||',
        '||+---------------+-----------------------------+||',
        '|||  ImageId      |  ami-0246838ac02167902      |||',
        '|||  InstanceId   |  i-0aaaaaaaaaaaaaaaa        |||',
        '|||  InstanceType |  t3.small                   |||',
        '|||  LaunchTime   |  2025-01-06T09:00:00+00:00  |||',
        '||+---------------+-----------------------------+||',
        '||||                 Placement                 ||||',
        '|||+------------------------+------------------+|||',
        '||||  AvailabilityZone      |  us-east-1b      ||||',
        '|||+------------------------+------------------+|||',
        '||||                   State                   ||||',
        '|||+-----------------+-------------------------+|||',
        '||||  Code           |  80                     ||||',
        '||||  Name           |  stopped                ||||',
        '|||+-----------------+-------------------------+|||',
      ),
    );
  });

  test('narrow results keep their header row; a --query list of lists is one row each', () => {
    const queried = applyQuery('Reservations[].Instances[].[InstanceId, State.Name]', INSTANCES);
    expect(queried.ok && formatTable('DescribeInstances', queried.value)).toBe(
      lines(
        '------------------------------------',
        '|         DescribeInstances        |',
        '+----------------------+-----------+',
        '|  i-0fa169e5eb2f38b96 |  running  |',
        '|  i-0aaaaaaaaaaaaaaaa |  stopped  |',
        '+----------------------+-----------+',
      ),
    );
    expect(formatTable('DescribeInstances', { Code: 16, Name: 'running' })).toBe(
      lines(
        '---------------------',
        '| DescribeInstances |',
        '+-------+-----------+',
        '| Code  |   Name    |',
        '+-------+-----------+',
        '|  16   |  running  |',
        '+-------+-----------+',
      ),
    );
    // An empty list adds nothing: the CLI prints the title alone.
    expect(formatTable('DescribeImages', { Images: [] })).toBe(lines('----------------', '|DescribeImages|', '+--------------+'));
    expect(formatTable('DescribeImages', {})).toBe('');
  });
});

describe('--output yaml', () => {
  test('DescribeImages: block style, keys sorted, timestamps and numeric strings quoted', () => {
    expect(formatOutput('yaml', 'DescribeImages', IMAGES)).toBe(
      lines(
        'Images:',
        '- Architecture: x86_64',
        '  BlockDeviceMappings:',
        '  - DeviceName: /dev/xvda',
        '    Ebs:',
        '      DeleteOnTermination: true',
        '      SnapshotId: snap-08da6bf2dbad59ed8',
        '      VolumeSize: 8',
        '      VolumeType: gp3',
        "  CreationDate: '2025-01-06T09:01:00.000Z'",
        '  ImageId: ami-0775b05953d6bbcab',
        '  Name: web-v1',
        "  OwnerId: '111122223333'",
        '  Public: false',
        '  State: available',
        '  Tags:',
        '  - Key: Name',
        '    Value: web',
        '  - Key: Env',
        '    Value: prod',
      ),
    );
  });

  test('DescribeInstances', () => {
    expect(formatOutput('yaml', 'DescribeInstances', INSTANCES)).toBe(
      lines(
        'Reservations:',
        '- Groups: []',
        '  Instances:',
        '  - ImageId: ami-0246838ac02167902',
        '    InstanceId: i-0fa169e5eb2f38b96',
        '    InstanceType: t3.micro',
        "    LaunchTime: '2025-01-06T09:00:00+00:00'",
        '    Placement:',
        '      AvailabilityZone: us-east-1a',
        '    ProductCodes: []',
        '    State:',
        '      Code: 16',
        '      Name: running',
        '  - ImageId: ami-0246838ac02167902',
        '    InstanceId: i-0aaaaaaaaaaaaaaaa',
        '    InstanceType: t3.small',
        "    LaunchTime: '2025-01-06T09:00:00+00:00'",
        '    Placement:',
        '      AvailabilityZone: us-east-1b',
        '    State:',
        '      Code: 80',
        '      Name: stopped',
        "  OwnerId: '111122223333'",
        '  ReservationId: r-002ff152c0fdc7f12',
      ),
    );
  });
});

describe('--output yaml of query results and yaml-stream', () => {
  test('a plain top-level scalar ends the document with ...; yaml-stream is a list of pages', () => {
    expect(formatOutput('yaml', 'DescribeImages', 'ami-0775b05953d6bbcab')).toBe('ami-0775b05953d6bbcab\n...');
    expect(formatOutput('yaml', 'DescribeImages', '111122223333')).toBe("'111122223333'");
    expect(formatOutput('yaml', 'DescribeImages', 8)).toBe('8\n...');
    expect(formatOutput('yaml', 'DescribeImages', ['a', 'b'])).toBe('- a\n- b');
    expect(formatOutput('yaml-stream', 'DescribeImages', { Images: [{ ImageId: 'ami-1', State: 'available' }] })).toBe(
      lines('- Images:', '  - ImageId: ami-1', '    State: available'),
    );
  });
});

describe('--query then --output, through the console', () => {
  test('a query result in each format; null and scalars print as the CLI prints them', () => {
    const c = newConsole();
    const id = launched(c);
    const stdout = (line: string) =>
      c
        .run(line)
        .output.map((o) => `${o.stream}:${o.text}`)
        .join('\n');
    expect(stdout(`aws ec2 describe-instances --instance-ids ${id} --query 'Reservations[0].Instances[0].InstanceId'`)).toBe(`stdout:"${id}"`);
    expect(stdout(`aws ec2 describe-instances --instance-ids ${id} --query 'Reservations[0].Instances[0].InstanceId' --output text`)).toBe(`stdout:${id}`);
    expect(stdout(`aws ec2 describe-instances --instance-ids ${id} --query 'Reservations[].Instances[].[InstanceId,State.Name]' --output text`)).toBe(`stdout:${id}\trunning`);
    expect(stdout(`aws ec2 describe-instances --instance-ids ${id} --query 'Reservations[0].Nothing'`)).toBe('stdout:null');
    expect(stdout(`aws ec2 describe-instances --instance-ids ${id} --query 'Reservations[0].Nothing' --output text`)).toBe('stdout:None');
    expect(stdout(`aws ec2 describe-instances --instance-ids ${id} --query 'Reservations[].Instances[].State' --output yaml`)).toBe('stdout:- Code: 16\n  Name: running');
    expect(stdout(`aws ec2 describe-images --owners self --query 'Images' --output json`)).toBe('stdout:[]');
    expect(stdout(`aws ec2 describe-images --owners self --query 'length(Images[0].Name)'`)).toMatch(/^stderr:.*length\(\)/);
    // An error is printed as the error, whatever --query and --output say.
    expect(stdout(`aws ec2 describe-instances --instance-ids i-0123456789abcdef0 --query 'Reservations' --output text`)).toMatch(
      /^stderr:An error occurred \(InvalidInstanceID\.NotFound\)/,
    );
    expect(stdout('aws sts get-caller-identity --query Account --output text')).toBe('stdout:111122223333');
  });
});
