/**
 * us-east-1 list prices the meter uses (USD). Instance prices live with the instance types in
 * regions.ts. AWS bills EBS per GB-month prorated by the second, and a month is 730 hours in its
 * price calculations.
 */

/** Hours in a billing month, as AWS's price pages count them. */
export const HOURS_PER_MONTH = 730;
/** Milliseconds in that month. */
export const MS_PER_MONTH = HOURS_PER_MONTH * 3600 * 1000;

/** EBS volume storage, USD per GB-month, by volume type. */
export const EBS_VOLUME_USD_PER_GB_MONTH = {
  gp3: 0.08,
  gp2: 0.1,
  io1: 0.125,
  io2: 0.125,
  st1: 0.045,
  sc1: 0.015,
  standard: 0.05,
} as const;

/** The volume types the simulator accepts. */
export type VolumeType = keyof typeof EBS_VOLUME_USD_PER_GB_MONTH;
/** The volume types, for validation. */
export const VOLUME_TYPES = Object.keys(EBS_VOLUME_USD_PER_GB_MONTH) as VolumeType[];

/** EBS snapshot storage (standard tier), USD per GB-month. */
export const EBS_SNAPSHOT_USD_PER_GB_MONTH = 0.05;
