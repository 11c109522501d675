/**
 * How long things take in simulated time. AWS gives no fixed figures, only orders of magnitude
 * ("an EBS-backed instance boots in about a minute", "an image is available after its snapshots
 * complete", "copies across Regions take longer"); these constants follow those, and the README
 * lists them.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** pending → running for a Linux instance. */
export const LINUX_BOOT_MS = 45 * SECOND;
/** pending → running for a Windows instance (Windows boots take minutes). */
export const WINDOWS_BOOT_MS = 4 * MINUTE;
/** stopping → stopped. */
export const STOP_MS = 30 * SECOND;
/** shutting-down → terminated. */
export const SHUTDOWN_MS = 30 * SECOND;
/** A terminated instance stays visible in DescribeInstances for about an hour. */
export const TERMINATED_VISIBLE_MS = HOUR;

/** creating → available for a volume. */
export const VOLUME_CREATE_MS = 5 * SECOND;

/** Snapshot of a volume: a fixed part plus a part per GiB. */
export const SNAPSHOT_BASE_MS = MINUTE;
export const SNAPSHOT_MS_PER_GIB = 7.5 * SECOND;
/** After its last snapshot completes, an image takes this long to become available. */
export const IMAGE_REGISTRATION_MS = 30 * SECOND;

/** Snapshot copy within a Region. */
export const COPY_SAME_REGION_BASE_MS = 2 * MINUTE;
export const COPY_SAME_REGION_MS_PER_GIB = 10 * SECOND;
/** Snapshot copy into another Region: the data crosses the AWS network, so it takes longer. */
export const COPY_CROSS_REGION_BASE_MS = 10 * MINUTE;
export const COPY_CROSS_REGION_MS_PER_GIB = 45 * SECOND;

/** A deregistered AMI can still be described by ID for a short while, then it is gone. */
export const DEREGISTERED_VISIBLE_MS = HOUR;
/** Block public access for AMIs takes up to ten minutes to apply. */
export const BLOCK_PUBLIC_ACCESS_DELAY_MS = 10 * MINUTE;
/** Deregistration protection "with cooldown" holds for 24 hours after it is disabled. */
export const PROTECTION_COOLDOWN_MS = 24 * HOUR;
/** AWS sets a public AMI's deprecation time to at most two years after its creation. */
export const PUBLIC_DEPRECATION_LIMIT_MS = 2 * 365 * 24 * HOUR;
/** A deprecation time can be at most ten years ahead. */
export const MAX_DEPRECATION_AHEAD_MS = 10 * 365 * 24 * HOUR;

/** Time to snapshot a volume of `sizeGiB`. */
export function snapshotDurationMs(sizeGiB: number): number {
  return SNAPSHOT_BASE_MS + SNAPSHOT_MS_PER_GIB * sizeGiB;
}

/** Time to copy a snapshot of `sizeGiB`, within a Region or across Regions. */
export function snapshotCopyDurationMs(sizeGiB: number, crossRegion: boolean): number {
  return crossRegion ? COPY_CROSS_REGION_BASE_MS + COPY_CROSS_REGION_MS_PER_GIB * sizeGiB : COPY_SAME_REGION_BASE_MS + COPY_SAME_REGION_MS_PER_GIB * sizeGiB;
}
