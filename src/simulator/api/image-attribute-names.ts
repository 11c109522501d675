/**
 * The attributes DescribeImageAttribute accepts, in the order AWS lists them: one list for the API
 * (image-attributes.ts, which checks them) and the CLI (cli/commands.ts, which offers them as the
 * choices of `--attribute`). A module of its own so the CLI's command table does not load the API.
 */
export const DESCRIBABLE_IMAGE_ATTRIBUTES = [
  'description',
  'kernel',
  'ramdisk',
  'launchPermission',
  'productCodes',
  'blockDeviceMapping',
  'sriovNetSupport',
  'bootMode',
  'tpmSupport',
  'uefiData',
  'lastLaunchedTime',
  'imdsSupport',
  'deregistrationProtection',
] as const;
