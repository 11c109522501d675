/**
 * AMI lab engine: a simulator of the EC2 AMI lifecycle that answers like the EC2 API.
 *
 * ```ts
 * const cloud = createCloud({ seed: 42 });
 * const [me, partner] = cloud.accounts();
 * const run = cloud.send({ op: 'RunInstances', region: 'us-east-1', account: me.accountId,
 *   params: { ImageId: 'ami-…', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 } });
 * cloud.advance(60_000);
 * ```
 *
 * Saves from storage: use `restoreCloud(json)`, which returns a result; `createCloud({ restore })`
 * throws a `WorldRestoreError` for a bad save and suits trusted input only.
 */
export {
  Cloud,
  createCloud,
  restoreCloud,
  WorldRestoreError,
  type AdvanceResult,
  type CloudLogEntry,
  type CloudOperations,
  type CloudOperationsSource,
  type CloudOptions,
  type CloudSnapshot,
  type CloudUpdate,
  type ResourceLifecycle,
  type RestoreCloudResult,
} from './cloud.ts';
export { createDeferredCloud, restoreDeferredCloud } from './deferred.ts';
export { type CloudRequest, LAB_OPERATION_NAMES, OPERATION_NAMES } from './api/dispatch.ts';
export { RUN_SHELL_SCRIPT } from './api/run-command.ts';
export type { ApiResult, AwsError } from './model/errors.ts';
export type { Bill, BillCategory, BillLine } from './model/billing.ts';
export type { StateChange } from './model/world.ts';
export type { RestoreProblem } from './model/persistence.ts';
export {
  ACCOUNTS,
  LAB_ORGANIZATION_ARN,
  LEARNER_OU_ARN,
  PARTNER_OU_ARN,
  PUBLISHERS,
  type AccountInfo,
} from './model/accounts.ts';
export { INSTANCE_TYPES, REGIONS, type InstanceTypeInfo, type RegionInfo, type ZoneInfo } from './model/regions.ts';
export { CATALOGUE, DEFAULT_START } from './model/catalogue.ts';
export {
  EBS_SNAPSHOT_USD_PER_GB_MONTH,
  EBS_VOLUME_USD_PER_GB_MONTH,
  HOURS_PER_MONTH,
  MS_PER_MONTH,
} from './model/pricing.ts';
export * as durations from './model/durations.ts';
export { lifecycleMachines } from './machines/lifecycle.ts';
export { imageMachine, type ImageEvent } from './machines/image.machine.ts';
export { builderImageMachine, type BuilderImageEvent } from './machines/imagebuilder-image.machine.ts';
export { instanceMachine, type InstanceEvent } from './machines/instance.machine.ts';
export { snapshotMachine, type SnapshotEvent } from './machines/snapshot.machine.ts';
export { volumeMachine, type VolumeEvent } from './machines/volume.machine.ts';
export {
  SAVE_FORMAT_NAME,
  SAVE_FORMAT_VERSION,
  savedWorldSchema,
  worldSchema,
  type ImageRecord,
  type InstanceRecord,
  type SavedWorld,
  type SnapshotRecord,
  type VolumeRecord,
  type World,
} from './model/world-schema.ts';
