import { afterEach, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES } from '../../../src/simulator/index.js';
import { Transaction } from '../../../src/simulator/model/world.js';
import { call, catalogueImageId, expectError, expectOk, expectRejectedWithoutChange, instanceWithImage, ME, newCloud, PARTNER } from './support.js';

describe('requests EC2 would reject before any operation runs', () => {
  it('answers InvalidAction for an unknown operation', () => {
    const cloud = newCloud();
    expectRejectedWithoutChange(cloud, () => call(cloud, 'LaunchRocket'), 'InvalidAction', 'The action LaunchRocket is not valid for this web service.');
  });

  it('answers AuthFailure for an account that is not in the world', () => {
    const cloud = newCloud();
    expectError(
      cloud.send({ op: 'DescribeImages', region: 'us-east-1', account: '123456789012', params: {} }),
      'AuthFailure',
      'AWS was not able to validate the provided access credentials',
    );
    expectError(cloud.send({ op: 'DescribeImages', region: 'us-east-1', account: 'me', params: {} }), 'AuthFailure');
  });

  it('answers InvalidRegion for an unknown Region', () => {
    const cloud = newCloud();
    expectError(cloud.send({ op: 'DescribeImages', region: 'mars-north-1', account: ME, params: {} }), 'InvalidRegion');
  });

  it('answers InvalidParameterValue when params is not an object', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'DescribeImages', 'everything'), 'InvalidParameterValue');
  });

  it('never throws, whatever is sent', () => {
    const cloud = newCloud();
    const garbage: unknown[] = [null, undefined, 42, 'x', [], { op: 7 }, { op: 'RunInstances', region: 'us-east-1', account: ME, params: [1, 2] }];
    for (const request of garbage) {
      expect(() => cloud.send(request as never)).not.toThrow();
      expect(cloud.send(request as never).ok).toBe(false);
    }
  });
});

describe('DryRun', () => {
  it('answers DryRunOperation for every operation that would have succeeded, and changes nothing', () => {
    const cloud = newCloud();
    const { instanceId, imageId } = instanceWithImage(cloud);
    const imageBase = catalogueImageId(cloud);
    const requests: [string, Record<string, unknown>][] = [
      ['RunInstances', { ImageId: imageBase, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }],
      ['CreateImage', { InstanceId: instanceId, Name: 'dry' }],
      ['CopyImage', { SourceRegion: 'us-east-1', SourceImageId: imageId, Name: 'dry-copy' }],
      ['ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }],
      ['DeregisterImage', { ImageId: imageId }],
      ['StopInstances', { InstanceIds: [instanceId] }],
      ['TerminateInstances', { InstanceIds: [instanceId] }],
      ['DescribeImages', {}],
      ['CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 5 }],
    ];
    for (const [op, params] of requests) {
      expectRejectedWithoutChange(cloud, () => call(cloud, op, { ...params, DryRun: true }), 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
    }
  });

  it('answers UnauthorizedOperation when the caller would not be allowed', () => {
    const cloud = newCloud();
    const { imageId } = instanceWithImage(cloud);
    expectOk(call(cloud, 'ModifyImageAttribute', { ImageId: imageId, LaunchPermission: { Add: [{ UserId: PARTNER }] } }));
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'DeregisterImage', { ImageId: imageId, DryRun: true }, { account: PARTNER }),
      'UnauthorizedOperation',
      'You are not authorized to perform this operation.',
    );
  });

  it('reports an invalid request as itself, not as a dry-run answer', () => {
    const cloud = newCloud();
    expectError(call(cloud, 'DeregisterImage', { ImageId: 'ami-0123456789abcdef0', DryRun: true }), 'InvalidAMIID.NotFound');
  });

  it('accepts DryRun on every operation the simulator knows', () => {
    const cloud = newCloud();
    for (const op of OPERATION_NAMES) {
      const result = call(cloud, op, { DryRun: true });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.Code).not.toBe('UnknownParameter');
    }
  });
});

describe('last-resort guard', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('turns an unexpected exception into InternalError and rolls back what the call had already done', () => {
    const cloud = newCloud();
    const imageId = catalogueImageId(cloud);
    const realIssueId = Transaction.prototype.issueId;
    let issued = 0;
    vi.spyOn(Transaction.prototype, 'issueId').mockImplementation(function (this: Transaction, kind) {
      issued += 1;
      if (issued === 4) throw new Error('disk on fire');
      return realIssueId.call(this, kind);
    });
    expectRejectedWithoutChange(
      cloud,
      () => call(cloud, 'RunInstances', { ImageId: imageId, InstanceType: 't3.micro', MinCount: 2, MaxCount: 2 }),
      'InternalError',
      'An internal error has occurred',
    );
    vi.restoreAllMocks();
    expect(call(cloud, 'RunInstances', { ImageId: imageId, InstanceType: 't3.micro', MinCount: 2, MaxCount: 2 }).ok).toBe(true);
  });
});
