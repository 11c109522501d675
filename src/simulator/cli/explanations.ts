/**
 * Plain-words explanations of the errors the lab can answer, each with the lesson that covers it.
 * Keyed by AWS's error code; every code the simulator returns has an entry (a unit test checks).
 */

/** Slugs of the lessons the explanations point to (content/notes). */
export const LESSONS = {
  ami: 'amazon-machine-images-ami',
  deprecation: 'ami-deprecation-deregistration-and-the-recycle-bin',
  blockDevices: 'block-device-mappings',
  copying: 'copying-amis-and-snapshots-across-regions',
  snapshots: 'ebs-snapshots-restore-and-fast-snapshot-restore-fsr',
  encryption: 'ebs-encryption-and-amis',
  instances: 'ec2-instance-lifecycle',
  storeVsEbs: 'instance-store-backed-vs-ebs-backed-amis',
  regions: 'regions-and-availability-zones',
  sharing: 'sharing-amis-and-launch-permissions',
} as const;

/** An explanation for the learner. */
export interface ErrorExplanation {
  /** What went wrong and what to do, in plain words. */
  readonly text: string;
  /** Slug of the lesson that covers it (`/notes/<slug>/`). */
  readonly lesson: string;
}

/** Explanations by AWS error code. */
export const ERROR_EXPLANATIONS: Readonly<Record<string, ErrorExplanation>> = {
  'InvalidAMIID.NotFound': {
    text: 'AMI IDs are regional: this ID does not exist in the Region you called (or you cannot see it). Check the Region, or copy the AMI into this Region first; the copy gets a new ID.',
    lesson: LESSONS.copying,
  },
  'InvalidAMIID.Malformed': {
    text: 'That is not an AMI ID. AMI IDs look like ami- followed by 17 hexadecimal digits (ami-0123456789abcdef0).',
    lesson: LESSONS.ami,
  },
  'InvalidAMIID.Unavailable': {
    text: 'The AMI exists but cannot be used right now: it is still pending, disabled, or deregistered. Wait until it is available, or enable it.',
    lesson: LESSONS.deprecation,
  },
  'InvalidAMIName.Duplicate': {
    text: 'AMI names must be unique per account and Region. Pick another name (a version suffix such as web-v2 is the usual way).',
    lesson: LESSONS.ami,
  },
  'InvalidAMIName.Malformed': {
    text: 'AMI names are 3 to 128 characters: letters, digits, spaces and ( ) [ ] . / - \' @ _ only.',
    lesson: LESSONS.ami,
  },
  'InvalidAMIAttributeItemValue': {
    text: 'A launch permission names an account (12 digits), the group "all", an organization ARN or an OU ARN. One of the values given is none of these.',
    lesson: LESSONS.sharing,
  },
  AuthFailure: {
    text: 'The account you are acting as may not use this resource: the AMI is private to its owner and not shared with you, or only the owner may change it. Switch account, or have the owner share it.',
    lesson: LESSONS.sharing,
  },
  UnauthorizedOperation: {
    text: 'A dry run found that this account would not be allowed to make the call.',
    lesson: LESSONS.sharing,
  },
  DryRunOperation: {
    text: 'Not an error: with --dry-run AWS only checks that the call would succeed, and changes nothing.',
    lesson: LESSONS.ami,
  },
  'InvalidInstanceID.NotFound': {
    text: 'No such instance in this Region for this account. Instance IDs are regional too; terminated instances disappear after about an hour.',
    lesson: LESSONS.instances,
  },
  'InvalidInstanceID.Malformed': {
    text: 'That is not an instance ID. Instance IDs look like i- followed by 17 hexadecimal digits.',
    lesson: LESSONS.instances,
  },
  InvalidInstanceId: {
    text: 'Run Command works only on running instances of your account in this Region. Start the instance (or wait until it is running) and try again.',
    lesson: LESSONS.instances,
  },
  IncorrectInstanceState: {
    text: 'The instance is not in a state that allows this: for example you cannot start a running instance or stop one that is still pending. Watch its state and try again when it fits.',
    lesson: LESSONS.instances,
  },
  IncorrectState: {
    text: 'The resource is not in a state that allows this yet (for example an AMI that is still pending, or a volume that is not available). Let simulated time run until it settles.',
    lesson: LESSONS.ami,
  },
  'InvalidSnapshot.NotFound': {
    text: 'No such snapshot in this Region that you can see. Snapshots are regional; copy one to use it elsewhere.',
    lesson: LESSONS.snapshots,
  },
  'InvalidSnapshotID.Malformed': {
    text: 'That is not a snapshot ID. Snapshot IDs look like snap- followed by 17 hexadecimal digits.',
    lesson: LESSONS.snapshots,
  },
  'InvalidSnapshot.InUse': {
    text: 'A registered AMI still uses this snapshot. Deregister the AMI first, then delete the snapshot (or deregister with --delete-associated-snapshots).',
    lesson: LESSONS.deprecation,
  },
  'InvalidVolume.NotFound': {
    text: 'No such volume in this Region for this account.',
    lesson: LESSONS.blockDevices,
  },
  'InvalidVolumeID.Malformed': {
    text: 'That is not a volume ID. Volume IDs look like vol- followed by 17 hexadecimal digits.',
    lesson: LESSONS.blockDevices,
  },
  'InvalidVolume.ZoneMismatch': {
    text: 'An EBS volume lives in one Availability Zone and can only attach to an instance in the same zone. Snapshot it and create a volume in the other zone.',
    lesson: LESSONS.regions,
  },
  'InvalidAttachment.NotFound': {
    text: 'That volume is not attached to that instance.',
    lesson: LESSONS.blockDevices,
  },
  VolumeInUse: {
    text: 'The volume is attached (or being attached). Detach it first.',
    lesson: LESSONS.blockDevices,
  },
  'InvalidZone.NotFound': {
    text: 'That Availability Zone is not in this Region. Zone names are the Region code plus a letter (us-east-1a); pick one of the Region you are calling.',
    lesson: LESSONS.regions,
  },
  InvalidRegion: {
    text: 'The lab does not know that Region. It simulates us-east-1, us-west-2, eu-west-1 and ap-southeast-2.',
    lesson: LESSONS.regions,
  },
  InvalidBlockDeviceMapping: {
    text: 'A block device mapping entry is wrong: a device name used twice, a size smaller than the snapshot, or a field that cannot change here.',
    lesson: LESSONS.blockDevices,
  },
  InvalidParameterValue: {
    text: 'One of the values is not accepted (a zone outside the Region, a bad date, a name or type AWS does not allow). The message names the parameter.',
    lesson: LESSONS.ami,
  },
  InvalidParameterCombination: {
    text: 'These parameters cannot be used together. The message says which ones.',
    lesson: LESSONS.ami,
  },
  InvalidParameterDependency: {
    text: 'A parameter needs another one that is missing (for example a KMS key needs Encrypted).',
    lesson: LESSONS.encryption,
  },
  MissingParameter: {
    text: 'A required parameter is missing. The message names it.',
    lesson: LESSONS.ami,
  },
  UnknownParameter: {
    text: 'AWS does not know that parameter for this operation.',
    lesson: LESSONS.ami,
  },
  'InvalidUserID.Malformed': {
    text: 'An account ID is 12 digits, nothing else. Check the account you are sharing with (the partner is 444455556666).',
    lesson: LESSONS.sharing,
  },
  OperationNotPermitted: {
    text: 'AWS refuses this on purpose: the AMI is protected from deregistration, or block public access stops you from making an AMI public. Turn the protection off first if you really mean it.',
    lesson: LESSONS.sharing,
  },
  TagLimitExceeded: {
    text: 'A resource can carry at most 50 tags per account.',
    lesson: LESSONS.ami,
  },
  Unsupported: {
    text: 'That instance type is not offered in the chosen Availability Zone. Pick another zone or type.',
    lesson: LESSONS.regions,
  },
  UnsupportedOperation: {
    text: 'The lab (like current AWS for new AMIs) works with EBS-backed AMIs only; instance-store AMIs cannot be registered or imaged here.',
    lesson: LESSONS.storeVsEbs,
  },
  VcpuLimitExceeded: {
    text: 'Each account may run 32 vCPUs per Region in the lab. Terminate instances you no longer need.',
    lesson: LESSONS.instances,
  },
  InvalidAction: {
    text: 'The lab does not simulate that API action.',
    lesson: LESSONS.ami,
  },
  InvalidID: {
    text: 'That ID is not one of a resource type this call can work on.',
    lesson: LESSONS.ami,
  },
  InvalidDocument: {
    text: 'The lab runs one Systems Manager document: AWS-RunShellScript.',
    lesson: LESSONS.ami,
  },
  ValidationException: {
    text: 'Run Command needs at least one instance ID.',
    lesson: LESSONS.ami,
  },
  InternalError: {
    text: 'Something unexpected went wrong inside the simulator; nothing was changed. Please report it.',
    lesson: LESSONS.ami,
  },
  ServiceUnavailable: {
    text: 'The simulator had not finished loading its EC2 API when the call was made, so nothing was changed. Make the call again in a moment.',
    lesson: LESSONS.ami,
  },
};

/** The explanation of an error code; a generic one for codes without their own. */
export function explainError(code: string): ErrorExplanation {
  return (
    ERROR_EXPLANATIONS[code] ?? {
      text: 'AWS refused the call; the message says why.',
      lesson: LESSONS.ami,
    }
  );
}
