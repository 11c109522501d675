/** Pending work in a world, and settling it: plain functions of the world and its clock (no zod). */
import type { Cloud } from '../cloud-core.js';
import type { World } from '../model/world-schema.js';

const PURGE = 'purge';

/** Timers that are work in progress (not AWS forgetting old resources). */
export function pendingTimers(world: Readonly<World>): { id: string; at: number }[] {
  return Object.entries(world.timers)
    .filter(([, timer]) => timer.event !== PURGE)
    .map(([id, timer]) => ({ id, at: timer.at }));
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
