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
  parameters: 'systems-manager-parameters-for-ami-ids',
  marketplace: 'aws-marketplace-amis-and-product-codes',
  launchTemplates: 'launch-templates-and-ami-roll-outs-with-instance-refresh',
  backups: 'ami-backups-with-data-lifecycle-manager-and-aws-backup',
  imageBuilder: 'ec2-image-builder',
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
    text: 'The AMI exists but cannot be used right now: it is still pending, disabled, or deregistered. A pending AMI becomes available once its snapshots complete: let simulated time pass with Run / Skip ahead, or run aws ec2 wait image-available --image-ids ami-… (it moves the clock for you). A disabled AMI needs aws ec2 enable-image; a deregistered one never comes back.',
    lesson: LESSONS.deprecation,
  },
  'InvalidAMIName.Duplicate': {
    text: 'AMI names must be unique per account and Region. Pick another name (a version suffix such as web-v2 is the usual way).',
    lesson: LESSONS.ami,
  },
  'InvalidAMIName.Malformed': {
    text: "AMI names are 3 to 128 characters: letters, digits, spaces and ( ) [ ] . / - ' @ _ only.",
    lesson: LESSONS.ami,
  },
  InvalidAMIAttributeItemValue: {
    text: 'A launch permission names an account (12 digits), the group "all", an organization ARN or an OU ARN. One of the values given is none of these.',
    lesson: LESSONS.sharing,
  },
  AuthFailure: {
    text: 'The account you are acting as may not use this resource: the AMI is private to its owner and not shared with you, or only the owner may change it. Switch account, or have the owner share it. In an opt-in Region (af-south-1, eu-south-2, …) it means the Region is not enabled for the account: aws account enable-region.',
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
    text: 'The resource is not in a state that allows this yet (for example an AMI that is still pending, a volume that is not available, or an AMI in the Recycle Bin whose snapshots are still in the bin: restore them first with aws ec2 restore-snapshot-from-recycle-bin). Let simulated time run until it settles.',
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
    text: 'The lab models EBS-backed AMIs only, so instance store-backed AMIs cannot be registered or imaged here. AWS itself still lets you create instance store-backed Linux AMIs (not Windows): https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/creating-an-ami-instance-store.html',
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
  InvalidCommandId: {
    text: 'No Run Command command has that ID in this account and Region. aws ssm list-commands lists yours (the ID comes back from send-command).',
    lesson: LESSONS.instances,
  },
  InvocationDoesNotExist: {
    text: 'That command was not sent to that instance. aws ssm list-command-invocations --command-id … shows which instances it went to.',
    lesson: LESSONS.instances,
  },
  InvalidPluginName: {
    text: 'AWS-RunShellScript has one plugin, aws:runShellScript. Leave --plugin-name out.',
    lesson: LESSONS.instances,
  },
  ValidationException: {
    text: 'A parameter of the request is missing or not in the form the service accepts (Systems Manager and the Account API answer this; Run Command needs at least one instance ID). The message names the field.',
    lesson: LESSONS.parameters,
  },
  'InvalidLaunchTemplateId.Malformed': {
    text: 'That is not a launch template ID. They look like lt- followed by 17 hexadecimal digits.',
    lesson: LESSONS.launchTemplates,
  },
  'InvalidLaunchTemplateId.NotFound': {
    text: 'No launch template has that ID in this account and Region. Launch templates are regional, like AMIs.',
    lesson: LESSONS.launchTemplates,
  },
  'InvalidLaunchTemplateName.NotFoundException': {
    text: 'No launch template has that name in this account and Region. DescribeLaunchTemplates lists yours.',
    lesson: LESSONS.launchTemplates,
  },
  'InvalidLaunchTemplateId.VersionNotFound': {
    text: 'The launch template has no such version. Use $Latest, $Default or a number that DescribeLaunchTemplateVersions lists.',
    lesson: LESSONS.launchTemplates,
  },
  'InvalidLaunchTemplateName.AlreadyExistsException': {
    text: 'You already have a launch template with that name here. Add a version to it (create-launch-template-version) instead of a new template.',
    lesson: LESSONS.launchTemplates,
  },
  'InvalidLaunchTemplateName.MalformedException': {
    text: 'Launch template names are 3 to 128 characters: letters, numbers and - ( ) . / _.',
    lesson: LESSONS.launchTemplates,
  },
  LaunchTemplateVersionLimitExceeded: {
    text: 'A launch template can have at most 10,000 versions. Delete old versions first.',
    lesson: LESSONS.launchTemplates,
  },
  ValidationError: {
    text: 'Auto Scaling refused the request: a size outside min and max, a launch template or version that does not exist, or a group name it does not know. The message says which.',
    lesson: LESSONS.launchTemplates,
  },
  AlreadyExists: {
    text: 'You already have an Auto Scaling group with that name in this Region.',
    lesson: LESSONS.launchTemplates,
  },
  ResourceInUse: {
    text: 'The group still has instances. Set its desired capacity to 0 and wait, or delete it with --force-delete (which terminates them).',
    lesson: LESSONS.launchTemplates,
  },
  ScalingActivityInProgress: {
    text: 'An instance refresh is running in the group. Cancel it, or delete with --force-delete.',
    lesson: LESSONS.launchTemplates,
  },
  InstanceRefreshInProgress: {
    text: 'The group already has an instance refresh in progress. Wait for it, or cancel it, before starting another.',
    lesson: LESSONS.launchTemplates,
  },
  ActiveInstanceRefreshNotFound: {
    text: 'There is no instance refresh in progress to cancel or roll back.',
    lesson: LESSONS.launchTemplates,
  },
  IrreversibleInstanceRefresh: {
    text: 'This refresh cannot be rolled back: it has no desired configuration, or the group uses $Latest or $Default, or its template takes the AMI from a Systems Manager parameter. Point the group at a numbered template version to make refreshes reversible.',
    lesson: LESSONS.launchTemplates,
  },
  ParameterNotFound: {
    text: 'No parameter has that name in this account and Region. Parameters are per Region, like AMI IDs; public ones live under /aws/service/.',
    lesson: LESSONS.parameters,
  },
  ParameterVersionNotFound: {
    text: 'The parameter exists but not at that version or label (name:3 picks version 3, name:prod the version labelled prod). GetParameterHistory lists the versions and their labels.',
    lesson: LESSONS.parameters,
  },
  ParameterAlreadyExists: {
    text: 'A parameter with that name exists. Add --overwrite to store a new version of it.',
    lesson: LESSONS.parameters,
  },
  ParameterMaxVersionLimitExceeded: {
    text: 'A parameter keeps 100 versions; the oldest is dropped for a new one, but not while it has a label. Move the label to another version first.',
    lesson: LESSONS.parameters,
  },
  ParameterVersionLabelLimitExceeded: {
    text: 'One parameter version can carry at most 10 labels. Remove or move a label first.',
    lesson: LESSONS.parameters,
  },
  ParameterPatternMismatchException: {
    text: 'The value does not match the AllowedPattern given with it.',
    lesson: LESSONS.parameters,
  },
  InvalidAllowedPatternException: {
    text: 'AllowedPattern must be a valid regular expression.',
    lesson: LESSONS.parameters,
  },
  HierarchyLevelLimitExceededException: {
    text: 'A parameter name can have at most 15 levels of /-separated hierarchy.',
    lesson: LESSONS.parameters,
  },
  UnsupportedParameterType: {
    text: 'Parameter types are String, StringList and SecureString.',
    lesson: LESSONS.parameters,
  },
  InvalidFilterKey: {
    text: 'The lab does not model ParameterFilters; list by path (and --recursive) instead.',
    lesson: LESSONS.parameters,
  },
  InvalidNextToken: {
    text: 'That NextToken did not come from the previous page of this listing. Start again without it.',
    lesson: LESSONS.parameters,
  },
  UnrecognizedClientException: {
    text: 'This Region is not enabled for the account, so it rejects the credentials. Opt-in Regions must be enabled first (aws account enable-region), which takes a while.',
    lesson: LESSONS.regions,
  },
  ConflictException: {
    text: 'The resource is in a state that forbids this. For the Account API: the Region is still being enabled or disabled; wait until GetRegionOptStatus shows ENABLED or DISABLED. For the Recycle Bin: a locked retention rule (or one still in its unlock delay) cannot be changed or deleted; aws rbin unlock-rule starts the unlock delay, aws rbin get-rule shows when it ends.',
    lesson: LESSONS.deprecation,
  },
  ResourceNotFoundException: {
    text: 'Nothing with that identifier in this account and Region. Recycle Bin rules and lifecycle policies are regional: aws rbin list-rules --resource-type EC2_IMAGE (or EBS_SNAPSHOT) and aws dlm get-lifecycle-policies list yours.',
    lesson: LESSONS.deprecation,
  },
  InvalidRequestException: {
    text: 'The service refused the request; the message names the field. For Image Builder, check the parameter names (they start in lower case, e.g. imageRecipeArn). For Data Lifecycle Manager: AMI policies use PolicyType IMAGE_MANAGEMENT with ResourceTypes INSTANCE; each schedule needs a CreateRule (Interval 1, 2, 3, 4, 6, 8, 12 or 24 HOURS with Times hh:mm, or a cron expression) and a RetainRule (Count, or Interval with IntervalUnit).',
    lesson: LESSONS.backups,
  },
  InvalidParameterValueException: {
    text: 'Image Builder refused a value: a parent image that is not an available AMI in this Region (or an SSM parameter that does not name one), a component or configuration ARN that does not exist here, or an AMI name it cannot use.',
    lesson: LESSONS.imageBuilder,
  },
  ResourceAlreadyExistsException: {
    text: 'Image Builder resources are versioned and immutable: a recipe or component of this name and semantic version exists already. Create a new version (e.g. 1.0.1) instead.',
    lesson: LESSONS.imageBuilder,
  },
  InvalidVersionNumberException: {
    text: 'Semantic versions have three numbers: <major>.<minor>.<patch>, e.g. 1.0.0.',
    lesson: LESSONS.imageBuilder,
  },
  ResourceDependencyException: {
    text: 'Something still uses this resource: delete the pipeline before its recipe or configurations, and the recipe before its components.',
    lesson: LESSONS.imageBuilder,
  },
  ResourceInUseException: {
    text: 'An image build is in progress (or the image is no longer building). Wait for aws imagebuilder get-image to show AVAILABLE, FAILED or CANCELLED, or cancel the build with aws imagebuilder cancel-image-creation.',
    lesson: LESSONS.imageBuilder,
  },
  LimitExceededException: {
    text: 'An account can have at most 100 lifecycle policies per Region. Delete or combine policies.',
    lesson: LESSONS.backups,
  },
  ServiceQuotaExceededException: {
    text: 'A Recycle Bin quota was reached: at most 250 retention rules per Region and 50 tags per rule. Delete or combine rules.',
    lesson: LESSONS.deprecation,
  },
  AccessDeniedException: {
    text: 'Only the organization’s management account (or a delegated administrator) may change another account’s Regions. Leave out --account-id to act on your own account.',
    lesson: LESSONS.regions,
  },
  UnknownOperationException: {
    text: 'That service does not have this operation (or the lab does not model it). aws <service> help lists what it answers.',
    lesson: LESSONS.ami,
  },
  UnknownService: {
    text: 'The lab answers ec2, ssm, account, autoscaling, rbin, dlm and imagebuilder calls only.',
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
