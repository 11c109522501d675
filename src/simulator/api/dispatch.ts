/**
 * The operation table and the handling every call shares: who is calling, in which Region, which
 * operation, and `DryRun` (the call is checked in full, then undone).
 */
import { findAccount } from '../model/accounts.js';
import { type ApiResult, DRY_RUN_SUCCEEDED, DRY_RUN_UNAUTHORIZED, fail } from '../model/errors.js';
import { findRegion } from '../model/regions.js';
import type { Transaction } from '../model/world.js';
import type { Operation } from './context.js';
import {
  cancelImageLaunchPermission,
  describeImageAttribute,
  modifyImageAttribute,
  resetImageAttribute,
} from './image-attributes.js';
import {
  disableImage,
  disableImageBlockPublicAccess,
  disableImageDeprecation,
  disableImageDeregistrationProtection,
  enableImage,
  enableImageBlockPublicAccess,
  enableImageDeprecation,
  enableImageDeregistrationProtection,
  getImageBlockPublicAccessState,
} from './image-controls.js';
import { copyImage, createImage, deregisterImage, describeImages, registerImage } from './images.js';
import {
  describeInstances,
  rebootInstances,
  runInstances,
  startInstances,
  stopInstances,
  terminateInstances,
} from './instances.js';
import { describeAvailabilityZones, describeRegions } from './regions.js';
import { sendCommand } from './run-command.js';
import {
  copySnapshot,
  createSnapshot,
  deleteSnapshotOperation,
  describeSnapshotAttribute,
  describeSnapshots,
  modifySnapshotAttribute,
} from './snapshots.js';
import { createTags, deleteTags } from './tags.js';
import { attachVolume, createVolume, deleteVolumeOperation, describeVolumes, detachVolume } from './volumes.js';

/** Every EC2 operation the simulator answers, by its API name. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  DescribeRegions: describeRegions,
  DescribeAvailabilityZones: describeAvailabilityZones,
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  StopInstances: stopInstances,
  StartInstances: startInstances,
  RebootInstances: rebootInstances,
  TerminateInstances: terminateInstances,
  CreateImage: createImage,
  RegisterImage: registerImage,
  CopyImage: copyImage,
  DescribeImages: describeImages,
  DeregisterImage: deregisterImage,
  DescribeImageAttribute: describeImageAttribute,
  ModifyImageAttribute: modifyImageAttribute,
  ResetImageAttribute: resetImageAttribute,
  CancelImageLaunchPermission: cancelImageLaunchPermission,
  EnableImageDeprecation: enableImageDeprecation,
  DisableImageDeprecation: disableImageDeprecation,
  EnableImageDeregistrationProtection: enableImageDeregistrationProtection,
  DisableImageDeregistrationProtection: disableImageDeregistrationProtection,
  DisableImage: disableImage,
  EnableImage: enableImage,
  EnableImageBlockPublicAccess: enableImageBlockPublicAccess,
  DisableImageBlockPublicAccess: disableImageBlockPublicAccess,
  GetImageBlockPublicAccessState: getImageBlockPublicAccessState,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  CreateVolume: createVolume,
  AttachVolume: attachVolume,
  DetachVolume: detachVolume,
  DeleteVolume: deleteVolumeOperation,
  DescribeVolumes: describeVolumes,
  CreateSnapshot: createSnapshot,
  CopySnapshot: copySnapshot,
  DeleteSnapshot: deleteSnapshotOperation,
  DescribeSnapshots: describeSnapshots,
  ModifySnapshotAttribute: modifySnapshotAttribute,
  DescribeSnapshotAttribute: describeSnapshotAttribute,
};

/** The names of the operations, for UIs and tests. */
export const OPERATION_NAMES: readonly string[] = Object.keys(OPERATIONS);

/**
 * Calls outside EC2 the lab needs: SSM `SendCommand` (configure a running instance). Kept apart so
 * `OPERATION_NAMES` stays the list of EC2 operations.
 */
export const LAB_OPERATIONS: Readonly<Record<string, Operation>> = {
  SendCommand: sendCommand,
};

/** The names of the non-EC2 operations the lab answers. */
export const LAB_OPERATION_NAMES: readonly string[] = Object.keys(LAB_OPERATIONS);

/** One EC2 call as the lab sends it. */
export interface CloudRequest {
  /** EC2 API operation name, e.g. `RunInstances`. */
  readonly op: string;
  /** Region code the call is sent to, e.g. `us-east-1`. */
  readonly region: string;
  /** 12-digit ID of the calling account. */
  readonly account: string;
  /** Parameters, in the AWS SDK for JavaScript v3 shape. */
  readonly params?: unknown;
}

/**
 * Runs one call inside a transaction. The caller rolls the transaction back when the result is a
 * failure (DryRun included), so a failed call changes nothing.
 */
export function dispatch(tx: Transaction, request: CloudRequest): ApiResult {
  if (request === null || typeof request !== 'object') {
    return fail('InvalidParameterValue', 'A request must be an object with op, region, account and params.');
  }
  const { op, region: regionName, account: accountId, params } = request;
  const account = typeof accountId === 'string' ? findAccount(accountId) : undefined;
  if (account === undefined) return fail('AuthFailure', 'AWS was not able to validate the provided access credentials');
  const region = typeof regionName === 'string' ? findRegion(regionName) : undefined;
  if (region === undefined) return fail('InvalidRegion', `Invalid region: ${String(regionName)}`);
  const operation =
    typeof op !== 'string'
      ? undefined
      : Object.hasOwn(OPERATIONS, op)
        ? OPERATIONS[op]
        : Object.hasOwn(LAB_OPERATIONS, op)
          ? LAB_OPERATIONS[op]
          : undefined;
  if (operation === undefined) return fail('InvalidAction', `The action ${String(op)} is not valid for this web service.`);
  const result = operation({ tx, region, account }, params);
  const isDryRun = params !== null && typeof params === 'object' && (params as { DryRun?: unknown }).DryRun === true;
  if (!isDryRun) return result;
  if (result.ok) return DRY_RUN_SUCCEEDED;
  // A dry run reports a permission problem as UnauthorizedOperation, any other problem as itself.
  return result.error.Code === 'AuthFailure' ? DRY_RUN_UNAUTHORIZED : result;
}
