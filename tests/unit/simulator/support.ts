/** Builders and assertions shared by the simulator tests. */
import { expect } from 'vitest';
import { type ApiResult, type Cloud, createCloud } from '../../../src/simulator/index.js';

export const ME = '111122223333';
export const PARTNER = '444455556666';
export const STRANGER = '777788889999';
export const US_EAST_1 = 'us-east-1';
export const US_WEST_2 = 'us-west-2';
export const EU_WEST_1 = 'eu-west-1';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** A fresh world with a fixed seed and start time. */
export function newCloud(seed = 1): Cloud {
  return createCloud({ seed, now: Date.UTC(2025, 0, 6, 9, 0, 0) });
}

/** Sends a call (learner's account in us-east-1 unless told otherwise). */
export function call(cloud: Cloud, op: string, params: unknown = {}, options: { region?: string; account?: string; service?: string } = {}): ApiResult {
  const request = { op, region: options.region ?? US_EAST_1, account: options.account ?? ME, params };
  return cloud.send(options.service === undefined ? request : { ...request, service: options.service });
}

/** The data of a successful result; fails the test with the AWS error otherwise. */
export function expectOk<T = Record<string, unknown>>(result: ApiResult): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.Code}: ${result.error.Message}`);
  return result.data as T;
}

/** Asserts an AWS error code (and optionally message) and returns the message. */
export function expectError(result: ApiResult, code: string, message?: string | RegExp): string {
  if (result.ok) throw new Error(`expected ${code}, got success: ${JSON.stringify(result.data)}`);
  expect(result.error.Code).toBe(code);
  if (typeof message === 'string') expect(result.error.Message).toBe(message);
  else if (message !== undefined) expect(result.error.Message).toMatch(message);
  return result.error.Message;
}

/** ID of a catalogue image in a Region (Amazon Linux 2023 x86_64 unless told otherwise). */
export function catalogueImageId(cloud: Cloud, region = US_EAST_1, namePattern = 'al2023-ami-2023.6*-x86_64'): string {
  const data = expectOk<{ Images: { ImageId: string }[] }>(
    call(cloud, 'DescribeImages', { Owners: ['amazon', '099720109477'], IncludeDeprecated: true, Filters: [{ Name: 'name', Values: [namePattern] }] }, { region }),
  );
  const id = data.Images[0]?.ImageId;
  if (id === undefined) throw new Error(`no catalogue image named ${namePattern} in ${region}`);
  return id;
}

interface LaunchOptions {
  region?: string;
  account?: string;
  imageId?: string;
  instanceType?: string;
  userData?: string;
  extra?: Record<string, unknown>;
}

/** Launches one instance and returns its ID (still pending). */
export function launch(cloud: Cloud, options: LaunchOptions = {}): string {
  const region = options.region ?? US_EAST_1;
  const data = expectOk<{ Instances: { InstanceId: string }[] }>(
    call(
      cloud,
      'RunInstances',
      {
        ImageId: options.imageId ?? catalogueImageId(cloud, region),
        InstanceType: options.instanceType ?? 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        ...(options.userData === undefined ? {} : { UserData: btoa(options.userData) }),
        ...options.extra,
      },
      { region, account: options.account ?? ME },
    ),
  );
  const id = data.Instances[0]?.InstanceId;
  if (id === undefined) throw new Error('RunInstances returned no instance');
  return id;
}

/** Launches one instance and waits until it is running. */
export function launchRunning(cloud: Cloud, options: LaunchOptions = {}): string {
  const id = launch(cloud, options);
  cloud.advance(5 * MINUTE);
  return id;
}

/** Creates an image of an instance and waits until it is available. */
export function bakeImage(cloud: Cloud, instanceId: string, name: string, options: { region?: string; account?: string } = {}): string {
  const { ImageId } = expectOk<{ ImageId: string }>(call(cloud, 'CreateImage', { InstanceId: instanceId, Name: name, NoReboot: true }, options));
  cloud.advance(30 * MINUTE);
  return ImageId;
}

/** An instance of the learner with an available AMI baked from it. */
export function instanceWithImage(cloud: Cloud, name = 'web-v1', userData?: string): { instanceId: string; imageId: string } {
  const instanceId = launchRunning(cloud, userData === undefined ? {} : { userData });
  return { instanceId, imageId: bakeImage(cloud, instanceId, name) };
}

/** One image as DescribeImages returns it to an account. */
export function describeImage(cloud: Cloud, imageId: string, options: { region?: string; account?: string } = {}): Record<string, unknown> {
  const data = expectOk<{ Images: Record<string, unknown>[] }>(call(cloud, 'DescribeImages', { ImageIds: [imageId] }, options));
  const image = data.Images[0];
  if (image === undefined) throw new Error(`image ${imageId} not returned`);
  return image;
}

/** One instance as DescribeInstances returns it. */
export function describeInstance(cloud: Cloud, instanceId: string, options: { region?: string; account?: string } = {}): Record<string, unknown> {
  const data = expectOk<{ Reservations: { Instances: Record<string, unknown>[] }[] }>(call(cloud, 'DescribeInstances', { InstanceIds: [instanceId] }, options));
  const instance = data.Reservations[0]?.Instances[0];
  if (instance === undefined) throw new Error(`instance ${instanceId} not returned`);
  return instance;
}

/** Snapshot IDs named by an image's block device mapping. */
export function snapshotIdsOf(image: Record<string, unknown>): string[] {
  const mappings = image['BlockDeviceMappings'] as { Ebs?: { SnapshotId?: string } }[];
  return mappings.flatMap((mapping) => (mapping.Ebs?.SnapshotId === undefined ? [] : [mapping.Ebs.SnapshotId]));
}

/** Asserts that a call failed and left the world exactly as it was. */
export function expectRejectedWithoutChange(cloud: Cloud, send: () => ApiResult, code: string, message?: string | RegExp): string {
  const before = cloud.save();
  const message_ = expectError(send(), code, message);
  expect(cloud.save()).toBe(before);
  return message_;
}
