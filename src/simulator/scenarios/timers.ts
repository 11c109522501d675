/** Pending work in a world, and settling it: plain functions of the world and its clock (no zod). */
import type { Cloud } from '../cloud-core.ts';
import type { World } from '../model/world-schema.ts';

const PURGE = 'purge';

const ACTIVE_REFRESH = new Set(['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress']);

/**
 * Whether a timer is an Auto Scaling group retrying a launch that keeps failing, with no refresh
 * under way: it would retry forever, so it is not work that completes (skipping ahead past it
 * would only pile up failed activities).
 */
function isRetryLoop(world: Readonly<World>, id: string): boolean {
  const group = world.autoScalingGroups[id];
  if (group === undefined || group.lastFailure === null) return false;
  const last = group.refreshes[group.refreshes.length - 1];
  return last === undefined || !ACTIVE_REFRESH.has(last.status);
}

/**
 * Work in progress: timers (not AWS forgetting old resources, nor a group's endless retries), and
 * opt-in Regions still enabling or disabling (keyed `region:<account>/<Region>`), and image block
 * public access settings not in effect yet (keyed `block-public-access:<account>/<Region>`).
 */
export function pendingTimers(world: Readonly<World>): { id: string; at: number }[] {
  const pending = Object.entries(world.timers)
    // A lifecycle policy's next run recurs for ever: it is not work that completes.
    .filter(
      ([id, timer]) =>
        timer.event !== PURGE &&
        timer.resourceType !== 'lifecycle-policy' &&
        timer.resourceType !== 'imagebuilder-pipeline' &&
        timer.resourceType !== 'catalogue-release' &&
        !(timer.resourceType === 'auto-scaling-group' && isRetryLoop(world, id)),
    )
    .map(([id, timer]) => ({ id, at: timer.at }));
  for (const [key, optIn] of Object.entries(world.regionOptIns)) if (optIn.settlesAt > world.now) pending.push({ id: `region:${key}`, at: optIn.settlesAt });
  for (const [key, setting] of Object.entries(world.imageBlockPublicAccess))
    if (setting.effectiveAt > world.now) pending.push({ id: `block-public-access:${key}`, at: setting.effectiveAt });
  return pending;
}

/** When the next piece of work completes, or null when nothing is pending. */
export function nextPendingAt(world: Readonly<World>): number | null {
  let next: number | null = null;
  for (const { at } of pendingTimers(world)) if (next === null || at < next) next = at;
  return next;
}

/** Advances time to each pending completion in turn until nothing is pending; returns ms moved. */
export function settle(cloud: Cloud, limit = 500): number {
  const start = cloud.now().getTime();
  for (let i = 0; i < limit; i += 1) {
    const next = nextPendingAt(cloud.world());
    if (next === null) break;
    cloud.advance(Math.max(0, next - cloud.now().getTime()));
  }
  return cloud.now().getTime() - start;
}
