/**
 * EBS rules shared by RunInstances, CreateVolume, CopyImage and CopySnapshot: volume types, sizes,
 * IOPS, KMS key IDs, and making a new volume or snapshot record.
 */
import { uuidFromText } from '../../shared/hash.ts';
import { type ApiResult, type Failure, fail, ok } from '../model/errors.ts';
import { VOLUME_CREATE_MS } from '../model/durations.ts';
import { type VolumeType, VOLUME_TYPES } from '../model/pricing.ts';
import { volumeMonthlyRate, snapshotMonthlyRate } from '../model/resources.ts';
import { INITIAL_SNAPSHOT_LIFECYCLE, INITIAL_VOLUME_LIFECYCLE } from '../machines/lifecycle.ts';
import type { Transaction } from '../model/world.ts';
import type { SnapshotRecord, TagsByAccount, VolumeRecord } from '../model/world-schema.ts';

/** Largest volume EC2 accepts, in GiB (gp2/gp3/io1/io2). */
export const MAX_VOLUME_GIB = 16384;

/** Checks a volume type name. */
export function parseVolumeType(value: string | undefined, fallback: VolumeType): ApiResult<VolumeType> {
  if (value === undefined) return ok(fallback);
  if ((VOLUME_TYPES as readonly string[]).includes(value)) return ok(value as VolumeType);
  return fail('InvalidParameterValue', `Value (${value}) for parameter volumeType is invalid. Valid values are: ${VOLUME_TYPES.join(', ')}`);
}

/** Checks size and IOPS of a volume about to be created. */
export function checkVolumeSpec(size: number, volumeType: VolumeType, iops: number | undefined): Failure | null {
  if (size < 1 || size > MAX_VOLUME_GIB) {
    return fail('InvalidParameterValue', `Volume of ${size}GiB is outside the allowed range of 1-${MAX_VOLUME_GIB}GiB.`);
  }
  if ((volumeType === 'io1' || volumeType === 'io2') && iops === undefined) {
    return fail('InvalidParameterCombination', `The parameter iops must be specified for ${volumeType} volumes.`);
  }
  if (iops !== undefined && volumeType !== 'io1' && volumeType !== 'io2' && volumeType !== 'gp3') {
    return fail('InvalidParameterCombination', `The parameter iops is not supported for ${volumeType} volumes.`);
  }
  return null;
}

/**
 * ARN of the AWS managed key `aws/ebs` of an account in a Region (the default for EBS encryption);
 * its key ID is derived from the account and Region, so it is the same in every world.
 */
export function defaultEbsKeyArn(accountId: string, region: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${uuidFromText(`${accountId}/${region}/aws/ebs`)}`;
}

const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY_ARN = /^arn:aws:kms:[a-z0-9-]+:\d{12}:(?:key\/[0-9a-f-]{36}|alias\/[A-Za-z0-9/_-]+)$/;
const ALIAS = /^alias\/[A-Za-z0-9/_-]+$/;

/**
 * Normalises a `KmsKeyId` (key ID, key ARN, alias name or alias ARN) to an ARN in the caller's
 * account and Region. KMS itself is not modelled: any well-formed key is taken to exist.
 */
export function resolveKmsKeyId(value: string, accountId: string, region: string): ApiResult<string> {
  if (KEY_ARN.test(value)) return ok(value);
  if (KEY_ID.test(value)) return ok(`arn:aws:kms:${region}:${accountId}:key/${value}`);
  if (value === 'alias/aws/ebs') return ok(defaultEbsKeyArn(accountId, region));
  if (ALIAS.test(value)) return ok(`arn:aws:kms:${region}:${accountId}:${value}`);
  return fail('InvalidParameterValue', `Invalid value '${value}' for KmsKeyId. Specify a key ID, key ARN, alias name or alias ARN.`);
}

/**
 * The key a copy (CopyImage, CopySnapshot) asks for: `Encrypted` with `KmsKeyId` (resolved in the
 * caller's account and the destination Region), `Encrypted` alone (the caller's `aws/ebs` key), or
 * none (null). A `KmsKeyId` without `Encrypted` is AWS's `InvalidParameterDependency`.
 */
export function requestedCopyKey(
  params: { readonly Encrypted?: boolean | undefined; readonly KmsKeyId?: string | undefined },
  accountId: string,
  region: string,
): ApiResult<string | null> {
  if (params.KmsKeyId !== undefined && params.Encrypted !== true) {
    return fail('InvalidParameterDependency', 'The parameter KmsKeyId requires the parameter Encrypted to be set.');
  }
  if (params.Encrypted !== true) return ok(null);
  return params.KmsKeyId === undefined ? ok(defaultEbsKeyArn(accountId, region)) : resolveKmsKeyId(params.KmsKeyId, accountId, region);
}

/**
 * The encryption of one snapshot copied by `accountId` into `region`: the requested key if any;
 * otherwise an encrypted source keeps its key when the copy stays with its owner in its Region, and
 * is re-encrypted with the caller's `aws/ebs` key when it moves (another account cannot use the
 * owner's keys, and keys are regional). An unencrypted source stays unencrypted unless a key is
 * requested; an encrypted one never becomes unencrypted.
 */
export function copyEncryption(
  source: Pick<SnapshotRecord, 'encrypted' | 'kmsKeyId' | 'ownerId' | 'region'>,
  requestedKey: string | null,
  accountId: string,
  region: string,
): { encrypted: boolean; kmsKeyId: string | null } {
  if (requestedKey !== null) return { encrypted: true, kmsKeyId: requestedKey };
  if (!source.encrypted) return { encrypted: false, kmsKeyId: null };
  const staysHome = source.ownerId === accountId && source.region === region;
  return { encrypted: true, kmsKeyId: staysHome ? source.kmsKeyId : defaultEbsKeyArn(accountId, region) };
}

/** Whether a key ARN is an account's AWS managed `aws/ebs` key, which cannot be shared. */
export function isAwsManagedEbsKey(keyArn: string | null, ownerId: string, region: string): boolean {
  return keyArn !== null && keyArn === defaultEbsKeyArn(ownerId, region);
}

/** What a new volume is made of. */
export interface NewVolume {
  readonly ownerId: string;
  readonly region: string;
  readonly availabilityZone: string;
  readonly size: number;
  readonly volumeType: VolumeType;
  readonly iops: number | null;
  readonly encrypted: boolean;
  readonly kmsKeyId: string | null;
  readonly snapshotId: string | null;
  readonly installed: readonly string[];
  readonly attachment: VolumeRecord['attachment'];
  readonly tags: TagsByAccount;
}

/** Creates a volume (state `creating`), its timer and its meter. */
export function createVolumeRecord(tx: Transaction, spec: NewVolume): VolumeRecord {
  const id = tx.issueId('volume');
  const volume: VolumeRecord = {
    id,
    region: spec.region,
    ownerId: spec.ownerId,
    availabilityZone: spec.availabilityZone,
    size: spec.size,
    volumeType: spec.volumeType,
    iops: spec.iops,
    encrypted: spec.encrypted,
    kmsKeyId: spec.kmsKeyId,
    snapshotId: spec.snapshotId,
    createTime: tx.now,
    lifecycle: INITIAL_VOLUME_LIFECYCLE,
    attachment: spec.attachment,
    installed: spec.installed,
    tags: spec.tags,
  };
  tx.put('volume', volume);
  tx.setTimer(id, { at: tx.now + VOLUME_CREATE_MS, resourceType: 'volume', event: 'volume.created' });
  tx.startMeter(id, {
    accountId: spec.ownerId,
    region: spec.region,
    resourceType: 'volume',
    ratePerMonthUsd: volumeMonthlyRate(volume),
  });
  return volume;
}

/** What a new snapshot is made of. */
export interface NewSnapshot {
  readonly ownerId: string;
  readonly region: string;
  readonly volumeId: string;
  readonly volumeSize: number;
  readonly encrypted: boolean;
  readonly kmsKeyId: string | null;
  readonly description: string;
  readonly durationMs: number;
  readonly installed: readonly string[];
  readonly createdForImageId: string | null;
  readonly sourceSnapshotId: string | null;
  readonly sourceRegion: string | null;
  readonly tags: TagsByAccount;
}

/** Creates a snapshot (state `pending`), its completion timer and its meter. */
export function createSnapshotRecord(tx: Transaction, spec: NewSnapshot, id = tx.issueId('snapshot')): SnapshotRecord {
  const snapshot: SnapshotRecord = {
    id,
    region: spec.region,
    ownerId: spec.ownerId,
    volumeId: spec.volumeId,
    volumeSize: spec.volumeSize,
    encrypted: spec.encrypted,
    kmsKeyId: spec.kmsKeyId,
    description: spec.description,
    startTime: tx.now,
    completesAt: tx.now + spec.durationMs,
    lifecycle: INITIAL_SNAPSHOT_LIFECYCLE,
    createVolumePermission: { userIds: [], public: false },
    installed: spec.installed,
    usedByImageIds: spec.createdForImageId === null ? [] : [spec.createdForImageId],
    createdForImageId: spec.createdForImageId,
    sourceSnapshotId: spec.sourceSnapshotId,
    sourceRegion: spec.sourceRegion,
    tags: spec.tags,
  };
  tx.put('snapshot', snapshot);
  tx.setTimer(id, { at: snapshot.completesAt, resourceType: 'snapshot', event: 'snapshot.completed' });
  tx.startMeter(id, {
    accountId: spec.ownerId,
    region: spec.region,
    resourceType: 'snapshot',
    ratePerMonthUsd: snapshotMonthlyRate(snapshot),
  });
  return snapshot;
}
