/** SSM Parameter Store: public AMI parameters, the learner's parameters, versions, labels, aws:ec2:image, resolve:ssm. */
import { describe, expect, it } from 'vitest';
import { call, catalogueImageId, describeInstance, expectError, expectOk, expectRejectedWithoutChange, instanceWithImage, MINUTE, newCloud, PARTNER } from './support.js';

const ssm = { service: 'ssm' } as const;
const AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
const UBUNTU = '/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id';
type Parameter = { Name: string; Value: string; Version: number; Type: string; DataType: string; ARN: string; Selector?: string };

describe('public AMI parameters', () => {
  it('answer the Region’s own catalogue image for Amazon Linux, Windows and Ubuntu', () => {
    const cloud = newCloud();
    const get = (name: string, region = 'us-east-1'): Parameter => expectOk<{ Parameter: Parameter }>(call(cloud, 'GetParameter', { Name: name }, { ...ssm, region })).Parameter;
    expect(get(AL2023).Value).toBe(catalogueImageId(cloud));
    expect(get(AL2023, 'eu-west-1').Value).toBe(catalogueImageId(cloud, 'eu-west-1'));
    expect(get(AL2023, 'eu-west-1').Value).not.toBe(get(AL2023).Value);
    expect(get('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64').Value).toBe(catalogueImageId(cloud, 'us-east-1', 'al2023-ami-2023.6*-arm64'));
    expect(get('/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2').Value).toBe(catalogueImageId(cloud, 'us-east-1', 'amzn2-ami-hvm-*'));
    expect(get('/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base').Value).toBe(catalogueImageId(cloud, 'us-east-1', 'Windows_Server-2022*'));
    expect(get(UBUNTU).Value).toBe(catalogueImageId(cloud, 'us-east-1', 'ubuntu/images/*'));
    expect(get(AL2023).ARN).toBe(`arn:aws:ssm:us-east-1::parameter${AL2023}`);
    // A Region first used through SSM answers its own catalogue too.
    expect(get(AL2023, 'eu-north-1').Value).toBe(catalogueImageId(cloud, 'eu-north-1'));
  });

  it('GetParametersByPath lists a path one level deep, or recursively, in pages of ten', () => {
    const cloud = newCloud();
    type Page = { Parameters: Parameter[]; NextToken?: string };
    const linux = expectOk<Page>(call(cloud, 'GetParametersByPath', { Path: '/aws/service/ami-amazon-linux-latest' }, ssm));
    expect(linux.Parameters.map((parameter) => parameter.Name)).toContain(AL2023);
    expect(expectOk<Page>(call(cloud, 'GetParametersByPath', { Path: '/aws/service/canonical' }, ssm)).Parameters).toEqual([]);
    const deep = expectOk<Page>(call(cloud, 'GetParametersByPath', { Path: '/aws/service/canonical', Recursive: true }, ssm));
    expect(deep.Parameters.map((parameter) => parameter.Name)).toEqual([UBUNTU]);
    const first = expectOk<Page>(call(cloud, 'GetParametersByPath', { Path: '/aws/service', Recursive: true, MaxResults: 5 }, ssm));
    expect(first.Parameters).toHaveLength(5);
    const second = expectOk<Page>(call(cloud, 'GetParametersByPath', { Path: '/aws/service', Recursive: true, MaxResults: 5, NextToken: first.NextToken }, ssm));
    expect(second.Parameters).toHaveLength(2);
    expectError(call(cloud, 'GetParametersByPath', { Path: 'aws/service' }, ssm), 'ValidationException');
  });

  it('GetParameters returns what exists and names the rest in InvalidParameters', () => {
    const cloud = newCloud();
    const result = expectOk<{ Parameters: Parameter[]; InvalidParameters: string[] }>(call(cloud, 'GetParameters', { Names: [AL2023, '/nope', `${AL2023}:7`] }, ssm));
    expect(result.Parameters.map((parameter) => parameter.Name)).toEqual([AL2023]);
    expect(result.InvalidParameters).toEqual(['/nope', `${AL2023}:7`]);
  });
});

describe('the learner’s parameters', () => {
  it('PutParameter creates version 1; again without Overwrite is ParameterAlreadyExists; with it, version 2', () => {
    const cloud = newCloud();
    expect(expectOk(call(cloud, 'PutParameter', { Name: '/app/color', Value: 'blue', Type: 'String' }, ssm))).toEqual({ Version: 1, Tier: 'Standard' });
    expectRejectedWithoutChange(cloud, () => call(cloud, 'PutParameter', { Name: '/app/color', Value: 'red', Type: 'String' }, ssm), 'ParameterAlreadyExists');
    expect(expectOk(call(cloud, 'PutParameter', { Name: '/app/color', Value: 'red', Overwrite: true }, ssm))).toEqual({ Version: 2, Tier: 'Standard' });
    const current = expectOk<{ Parameter: Parameter }>(call(cloud, 'GetParameter', { Name: '/app/color' }, ssm)).Parameter;
    expect(current).toMatchObject({
      Name: '/app/color',
      Value: 'red',
      Version: 2,
      Type: 'String',
      DataType: 'text',
      ARN: 'arn:aws:ssm:us-east-1:111122223333:parameter/app/color',
    });
    const first = expectOk<{ Parameter: Parameter }>(call(cloud, 'GetParameter', { Name: '/app/color:1' }, ssm)).Parameter;
    expect(first).toMatchObject({ Value: 'blue', Version: 1, Selector: ':1' });
    expectError(call(cloud, 'GetParameter', { Name: '/app/color:3' }, ssm), 'ParameterVersionNotFound');
  });

  it('parameters belong to one account and one Region', () => {
    const cloud = newCloud();
    expectOk(call(cloud, 'PutParameter', { Name: 'color', Value: 'blue', Type: 'String' }, ssm));
    expectError(call(cloud, 'GetParameter', { Name: 'color' }, { ...ssm, account: PARTNER }), 'ParameterNotFound');
    expectError(call(cloud, 'GetParameter', { Name: 'color' }, { ...ssm, region: 'us-west-2' }), 'ParameterNotFound');
  });

  it('labels select a version, move between versions, and invalid labels are returned, not refused', () => {
    const cloud = newCloud();
    expectOk(call(cloud, 'PutParameter', { Name: '/app/ami', Value: 'one', Type: 'String' }, ssm));
    expectOk(call(cloud, 'PutParameter', { Name: '/app/ami', Value: 'two', Overwrite: true }, ssm));
    expect(expectOk(call(cloud, 'LabelParameterVersion', { Name: '/app/ami', ParameterVersion: 1, Labels: ['prod', '123', 'awsy'] }, ssm))).toEqual({
      InvalidLabels: ['123', 'awsy'],
      ParameterVersion: 1,
    });
    expect(expectOk<{ Parameter: Parameter }>(call(cloud, 'GetParameter', { Name: '/app/ami:prod' }, ssm)).Parameter).toMatchObject({ Value: 'one', Selector: ':prod' });
    expectOk(call(cloud, 'LabelParameterVersion', { Name: '/app/ami', Labels: ['prod'] }, ssm));
    expect(expectOk<{ Parameter: Parameter }>(call(cloud, 'GetParameter', { Name: '/app/ami:prod' }, ssm)).Parameter.Value).toBe('two');
    const history = expectOk<{ Parameters: { Version: number; Labels: string[] }[] }>(call(cloud, 'GetParameterHistory', { Name: '/app/ami' }, ssm)).Parameters;
    expect(history.map((version) => [version.Version, version.Labels])).toEqual([
      [1, []],
      [2, ['prod']],
    ]);
    expectError(call(cloud, 'GetParameter', { Name: '/app/ami:staging' }, ssm), 'ParameterVersionNotFound');
    expectError(call(cloud, 'LabelParameterVersion', { Name: '/app/ami', ParameterVersion: 9, Labels: ['x'] }, ssm), 'ParameterVersionNotFound');
    expectError(call(cloud, 'LabelParameterVersion', { Name: '/nope', Labels: ['x'] }, ssm), 'ParameterNotFound');
    const eleven = Array.from({ length: 10 }, (_, i) => `l${i}`);
    expectOk(call(cloud, 'LabelParameterVersion', { Name: '/app/ami', ParameterVersion: 1, Labels: eleven }, ssm));
    expectError(call(cloud, 'LabelParameterVersion', { Name: '/app/ami', ParameterVersion: 1, Labels: ['eleventh'] }, ssm), 'ParameterVersionLabelLimitExceeded');
  });

  it('keeps 100 versions, dropping the oldest, unless it has a label', () => {
    const cloud = newCloud();
    expectOk(call(cloud, 'PutParameter', { Name: 'counter', Value: '1', Type: 'String' }, ssm));
    for (let i = 2; i <= 100; i += 1) expectOk(call(cloud, 'PutParameter', { Name: 'counter', Value: String(i), Overwrite: true }, ssm));
    expectOk(call(cloud, 'PutParameter', { Name: 'counter', Value: '101', Overwrite: true }, ssm));
    expectError(call(cloud, 'GetParameter', { Name: 'counter:1' }, ssm), 'ParameterVersionNotFound');
    expectOk(call(cloud, 'LabelParameterVersion', { Name: 'counter', ParameterVersion: 2, Labels: ['keep'] }, ssm));
    expectError(call(cloud, 'PutParameter', { Name: 'counter', Value: '102', Overwrite: true }, ssm), 'ParameterMaxVersionLimitExceeded');
  });

  it('DeleteParameter removes every version; a missing one is ParameterNotFound; DeleteParameters reports both', () => {
    const cloud = newCloud();
    expectOk(call(cloud, 'PutParameter', { Name: 'a', Value: 'x', Type: 'String' }, ssm));
    expectOk(call(cloud, 'PutParameter', { Name: 'b', Value: 'x', Type: 'String' }, ssm));
    expect(expectOk(call(cloud, 'DeleteParameter', { Name: 'a' }, ssm))).toEqual({});
    expectError(call(cloud, 'DeleteParameter', { Name: 'a' }, ssm), 'ParameterNotFound');
    expectError(call(cloud, 'GetParameter', { Name: 'a' }, ssm), 'ParameterNotFound');
    expect(expectOk(call(cloud, 'DeleteParameters', { Names: ['a', 'b'] }, ssm))).toEqual({ DeletedParameters: ['b'], InvalidParameters: ['a'] });
    expectError(call(cloud, 'DeleteParameter', { Name: AL2023 }, ssm), 'ParameterNotFound');
  });

  it('validates names, types and data types', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'PutParameter', { Name: '/aws/mine', Value: 'x', Type: 'String' }, ssm), 'ValidationException', /prefixed with "aws" or "ssm"/);
    expectError(call(cloud, 'PutParameter', { Name: 'a/b', Value: 'x', Type: 'String' }, ssm), 'ValidationException', /fully qualified/);
    expectError(call(cloud, 'PutParameter', { Name: 'bad name', Value: 'x', Type: 'String' }, ssm), 'ValidationException');
    expectError(call(cloud, 'PutParameter', { Name: 'new', Value: 'x' }, ssm), 'ValidationException', /type is required/);
    expectError(call(cloud, 'PutParameter', { Name: 'new', Value: 'x', Type: 'Number' }, ssm), 'UnsupportedParameterType');
    expectError(call(cloud, 'PutParameter', { Name: 'new', Value: 'x', Type: 'String', DataType: 'aws:ec2:images' }, ssm), 'ValidationException', /data type is not supported/);
    expectError(call(cloud, 'PutParameter', { Name: 'new', Type: 'String' }, ssm), 'ValidationException', /value/);
    expectError(call(cloud, 'PutParameter', { Name: 'new', Value: 'abc', Type: 'String', AllowedPattern: '^\\d+$' }, ssm), 'ParameterPatternMismatchException');
    expectError(call(cloud, 'GetParameter', {}, ssm), 'ValidationException', /Value null at 'name'/);
    expectError(call(cloud, 'NoSuchAction', {}, ssm), 'UnknownOperationException');
  });

  it('SecureString values read encrypted unless WithDecryption', () => {
    const cloud = newCloud();
    expectOk(call(cloud, 'PutParameter', { Name: 'secret', Value: 'hunter2', Type: 'SecureString' }, ssm));
    expect(expectOk<{ Parameter: Parameter }>(call(cloud, 'GetParameter', { Name: 'secret' }, ssm)).Parameter.Value).not.toBe('hunter2');
    expect(expectOk<{ Parameter: Parameter }>(call(cloud, 'GetParameter', { Name: 'secret', WithDecryption: true }, ssm)).Parameter.Value).toBe('hunter2');
  });
});

describe('aws:ec2:image parameters', () => {
  it('store an AMI the account can launch; an invalid one answers success but leaves the parameter as it was (AWS validates asynchronously)', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud, 'golden');
    expect(expectOk(call(cloud, 'PutParameter', { Name: '/golden/ami', Value: imageId, Type: 'String', DataType: 'aws:ec2:image' }, ssm))).toEqual({
      Version: 1,
      Tier: 'Standard',
    });
    const before = cloud.save();
    expect(expectOk(call(cloud, 'PutParameter', { Name: '/golden/ami', Value: 'ami-0123456789abcdef0', Overwrite: true }, ssm))).toEqual({ Version: 2, Tier: 'Standard' });
    expect(cloud.save()).toBe(before);
    expect(expectOk<{ Parameter: Parameter }>(call(cloud, 'GetParameter', { Name: '/golden/ami' }, ssm)).Parameter).toMatchObject({
      Value: imageId,
      Version: 1,
      DataType: 'aws:ec2:image',
    });
    expectOk(call(cloud, 'PutParameter', { Name: '/other/ami', Value: 'not-an-ami', Type: 'String', DataType: 'aws:ec2:image' }, ssm));
    expectError(call(cloud, 'GetParameter', { Name: '/other/ami' }, ssm), 'ParameterNotFound');
    expectError(call(cloud, 'PutParameter', { Name: '/golden/ami', Value: 'text', Overwrite: true, DataType: 'text' }, ssm), 'ValidationException', /aws:ec2:image/);
    expectError(call(cloud, 'PutParameter', { Name: '/list/ami', Value: imageId, Type: 'StringList', DataType: 'aws:ec2:image' }, ssm), 'ValidationException');
  });
});

describe('resolve:ssm: in RunInstances', () => {
  it('launches the AMI a public or own parameter names, at a version or label', () => {
    const cloud = newCloud();
    const run = (imageId: string): ReturnType<typeof call> => call(cloud, 'RunInstances', { ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 });
    const launched = expectOk<{ Instances: { InstanceId: string; ImageId: string }[] }>(run(`resolve:ssm:${AL2023}`)).Instances[0];
    expect(launched?.ImageId).toBe(catalogueImageId(cloud));
    cloud.advance(5 * MINUTE);
    expect(describeInstance(cloud, launched?.InstanceId ?? '')['ImageId']).toBe(catalogueImageId(cloud));
    const ubuntu = catalogueImageId(cloud, 'us-east-1', 'ubuntu/images/*');
    expectOk(call(cloud, 'PutParameter', { Name: '/app/ami', Value: ubuntu, Type: 'String', DataType: 'aws:ec2:image' }, ssm));
    expectOk(call(cloud, 'LabelParameterVersion', { Name: '/app/ami', Labels: ['prod'] }, ssm));
    expect(expectOk<{ Instances: { ImageId: string }[] }>(run('resolve:ssm:/app/ami:prod')).Instances[0]?.ImageId).toBe(ubuntu);
    expectError(run('resolve:ssm:/missing'), 'InvalidParameterValue', /could not be resolved/);
  });
});
