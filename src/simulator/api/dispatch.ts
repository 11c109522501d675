/**
 * The operation table and the handling every call shares: who is calling, in which Region, which
 * operation, and `DryRun` (the call is checked in full, then undone).
 */
import { findAccount } from '../model/accounts.ts';
import { type ApiResult, DRY_RUN_SUCCEEDED, DRY_RUN_UNAUTHORIZED, fail } from '../model/errors.ts';
import { findRegion } from '../model/regions.ts';
import { isRegionUsable, regionNotEnabled } from '../model/region-opt-in.ts';
import { ACCOUNT_OPERATIONS } from './account-operations.ts';
import { AUTOSCALING_OPERATIONS, noticeMemberChanges } from './autoscaling.ts';
import { checkOptInSources, ensureRegionCatalogue, resolveSsmImageId, sourceRegionOf } from './cross-service.ts';
import { SSM_OPERATIONS } from './ssm-operations.ts';
import { RBIN_OPERATIONS } from './rbin.ts';
import { DLM_OPERATIONS } from './dlm.ts';
import { IMAGEBUILDER_OPERATIONS } from './imagebuilder.ts';
import { listImagesInRecycleBin, listSnapshotsInRecycleBin, restoreImageFromRecycleBin, restoreSnapshotFromRecycleBin } from './recycle-bin.ts';
import type { Transaction } from '../model/world.ts';
import type { Operation } from './context.ts';
import { cancelImageLaunchPermission, describeImageAttribute, modifyImageAttribute, resetImageAttribute } from './image-attributes.ts';
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
} from './image-controls.ts';
import {
  applyLaunchTemplate,
  createLaunchTemplate,
  createLaunchTemplateVersion,
  deleteLaunchTemplate,
  deleteLaunchTemplateVersions,
  describeLaunchTemplates,
  describeLaunchTemplateVersions,
  modifyLaunchTemplate,
} from './launch-templates.ts';
import { copyImage, createImage, deregisterImage, describeImages, registerImage } from './images.ts';
import { describeInstances, rebootInstances, runInstances, startInstances, stopInstances, terminateInstances } from './instances.ts';
import { describeAvailabilityZones, describeRegions } from './regions.ts';
import { sendCommand } from './run-command.ts';
import { copySnapshot, createSnapshot, deleteSnapshotOperation, describeSnapshotAttribute, describeSnapshots, modifySnapshotAttribute } from './snapshots.ts';
import { createTags, deleteTags } from './tags.ts';
import { attachVolume, createVolume, deleteVolumeOperation, describeVolumes, detachVolume } from './volumes.ts';

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
  CreateLaunchTemplate: createLaunchTemplate,
  CreateLaunchTemplateVersion: createLaunchTemplateVersion,
  ModifyLaunchTemplate: modifyLaunchTemplate,
  DescribeLaunchTemplates: describeLaunchTemplates,
  DescribeLaunchTemplateVersions: describeLaunchTemplateVersions,
  DeleteLaunchTemplate: deleteLaunchTemplate,
  DeleteLaunchTemplateVersions: deleteLaunchTemplateVersions,
  ListImagesInRecycleBin: listImagesInRecycleBin,
  RestoreImageFromRecycleBin: restoreImageFromRecycleBin,
  ListSnapshotsInRecycleBin: listSnapshotsInRecycleBin,
  RestoreSnapshotFromRecycleBin: restoreSnapshotFromRecycleBin,
};

/** The names of the operations, for UIs and tests. */
export const OPERATION_NAMES: readonly string[] = Object.keys(OPERATIONS);

/**
 * SSM `SendCommand` (configure a running instance), answered with or without `service: 'ssm'`.
 * Kept apart so `OPERATION_NAMES` stays the list of EC2 operations.
 */
export const LAB_OPERATIONS: Readonly<Record<string, Operation>> = {
  SendCommand: sendCommand,
};

/** The names of the non-EC2 operations the lab answers. */
export const LAB_OPERATION_NAMES: readonly string[] = Object.keys(LAB_OPERATIONS);

/**
 * Every service the simulator answers, by its boto3 client name, with its operations by API
 * action name. `ec2` also answers the lab's `SendCommand` (an SSM action) for calls that name no
 * service, as it did before services existed.
 */
export const SERVICES: Readonly<Record<string, Readonly<Record<string, Operation>>>> = {
  ec2: OPERATIONS,
  ssm: SSM_OPERATIONS,
  account: ACCOUNT_OPERATIONS,
  autoscaling: AUTOSCALING_OPERATIONS,
  rbin: RBIN_OPERATIONS,
  dlm: DLM_OPERATIONS,
  imagebuilder: IMAGEBUILDER_OPERATIONS,
};

/** The names of the services, for UIs and tests. */
export const SERVICE_NAMES: readonly string[] = Object.keys(SERVICES);

/** One call as the lab sends it. */
export interface CloudRequest {
  /** API action name, e.g. `RunInstances`, `GetParameter`, `EnableRegion`. */
  readonly op: string;
  /** Region code the call is sent to, e.g. `us-east-1`. */
  readonly region: string;
  /** 12-digit ID of the calling account. */
  readonly account: string;
  /** Parameters, in the AWS SDK for JavaScript v3 shape. */
  readonly params?: unknown;
  /** The boto3 client name: `ec2` (the default), `ssm`, `account`, `autoscaling`, `rbin`, `dlm`, `imagebuilder`. */
  readonly service?: string;
}

function operationFor(service: string, op: unknown): Operation | undefined {
  if (typeof op !== 'string') return undefined;
  const table = SERVICES[service] as Readonly<Record<string, Operation>>;
  if (Object.hasOwn(table, op)) return table[op];
  // SendCommand was answered without a service before services existed; it still is.
  if (service === 'ec2' && Object.hasOwn(LAB_OPERATIONS, op)) return LAB_OPERATIONS[op];
  return undefined;
}

/** How each protocol names an action it does not know. */
function unknownAction(service: string, op: unknown): ApiResult {
  if (service === 'ec2' || service === 'autoscaling') return fail('InvalidAction', `The action ${String(op)} is not valid for this web service.`);
  return fail('UnknownOperationException', `The operation ${String(op)} is not supported by the ${service} service.`);
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
  const service = request.service ?? 'ec2';
  if (typeof service !== 'string' || !Object.hasOwn(SERVICES, service)) {
    return fail('UnknownService', `Unknown service: '${String(service)}'. Valid service names are: ${SERVICE_NAMES.join(', ')}`);
  }
  const account = typeof accountId === 'string' ? findAccount(accountId) : undefined;
  if (account === undefined) return fail('AuthFailure', 'AWS was not able to validate the provided access credentials');
  const region = typeof regionName === 'string' ? findRegion(regionName) : undefined;
  if (region === undefined) return fail('InvalidRegion', `Invalid region: ${String(regionName)}`);
  const operation = operationFor(service, op);
  if (operation === undefined) return unknownAction(service, op);
  // The Account API is global; every other service is answered only in a Region the account may use.
  if (service !== 'account' && !isRegionUsable(tx.world, account.accountId, region)) return regionNotEnabled(service);
  const ctx = { tx, region, account };
  ensureRegionCatalogue(tx, region.RegionName);
  let effectiveParams = params;
  if (service === 'ec2') {
    const sourceRegion = sourceRegionOf(params);
    if (sourceRegion !== undefined) ensureRegionCatalogue(tx, sourceRegion);
    const checked = checkOptInSources(ctx, params);
    if (checked !== null) return checked;
    if (op === 'RunInstances' && params !== null && typeof params === 'object') {
      // A launch template's data first (the call's own parameters win), then resolve:ssm: in ImageId.
      const templated = applyLaunchTemplate(ctx, params as Record<string, unknown>);
      if (!templated.ok) return templated;
      const resolved = resolveSsmImageId(ctx, templated.data);
      if (!resolved.ok) return resolved;
      effectiveParams = resolved.data;
    }
  }
  const result = operation(ctx, effectiveParams);
  if (result.ok && service === 'ec2') noticeMemberChanges(tx);
  const isDryRun = service === 'ec2' && params !== null && typeof params === 'object' && (params as { DryRun?: unknown }).DryRun === true;
  if (!isDryRun) return result;
  if (result.ok) return DRY_RUN_SUCCEEDED;
  // A dry run reports a permission problem as UnauthorizedOperation, any other problem as itself.
  return result.error.Code === 'AuthFailure' ? DRY_RUN_UNAUTHORIZED : result;
}
