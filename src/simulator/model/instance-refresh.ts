/**
 * How far an instance refresh is, as DescribeInstanceRefreshes' `PercentageComplete` words it: the
 * share of the instances to replace that are replaced. One home for the API and the lab's views
 * (which cannot load api/autoscaling.ts in their first chunk).
 */
import type { InstanceRefresh } from './world-schema.ts';

export function refreshPercentage(refresh: Pick<InstanceRefresh, 'total' | 'remaining'>): number {
  return refresh.total === 0 ? 100 : Math.floor((100 * (refresh.total - refresh.remaining.length)) / refresh.total);
}
