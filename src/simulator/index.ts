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
} from './cloud.js';
export { createDeferredCloud, restoreDeferredCloud } from './deferred.js';
export { type CloudRequest, LAB_OPERATION_NAMES, OPERATION_NAMES } from './api/dispatch.js';
export { RUN_SHELL_SCRIPT } from './api/run-command.js';
export type { ApiResult, AwsError } from './model/errors.js';
export type { Bill, BillCategory, BillLine } from './model/billing.js';
export type { StateChange } from './model/world.js';
export type { RestoreProblem } from './model/persistence.js';
export {
  ACCOUNTS,
  LAB_ORGANIZATION_ARN,
  LEARNER_OU_ARN,
  PARTNER_OU_ARN,
  PUBLISHERS,
  type AccountInfo,
} from './model/accounts.js';
export { INSTANCE_TYPES, REGIONS, type InstanceTypeInfo, type RegionInfo, type ZoneInfo } from './model/regions.js';
export { CATALOGUE, DEFAULT_START } from './model/catalogue.js';
export {
  EBS_SNAPSHOT_USD_PER_GB_MONTH,
  EBS_VOLUME_USD_PER_GB_MONTH,
  HOURS_PER_MONTH,
  MS_PER_MONTH,
} from './model/pricing.js';
export * as durations from './model/durations.js';
export { lifecycleMachines } from './machines/lifecycle.js';
export { imageMachine, type ImageEvent } from './machines/image.machine.js';
export { builderImageMachine, type BuilderImageEvent } from './machines/imagebuilder-image.machine.js';
export { instanceMachine, type InstanceEvent } from './machines/instance.machine.js';
export { snapshotMachine, type SnapshotEvent } from './machines/snapshot.machine.js';
export { volumeMachine, type VolumeEvent } from './machines/volume.machine.js';
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
} from './model/world-schema.js';
