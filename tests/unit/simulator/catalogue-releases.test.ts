/** A catalogue that moves (issue 14): weekly Amazon Linux 2023 builds, SSM "latest" following, older builds kept. */
import { describe, expect, it } from 'vitest';
import { createCloud, restoreCloud } from '../../../src/simulator/index.js';
import { call, expectOk, HOUR } from './support.js';

const DAY = 24 * HOUR;
const LATEST = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

function latest(cloud: ReturnType<typeof createCloud>, region = 'us-east-1'): { Value: string; Version: number } {
  return expectOk<{ Parameter: { Value: string; Version: number } }>(call(cloud, 'GetParameter', { Name: LATEST }, { service: 'ssm', region })).Parameter;
}

describe('catalogue releases', () => {
  it('are off by default: the catalogue never moves', () => {
    const cloud = createCloud({ seed: 1, now: Date.UTC(2025, 0, 6, 9) });
    const before = latest(cloud).Value;
    cloud.advance(60 * DAY);
    expect(latest(cloud).Value).toBe(before);
    expect(cloud.world().catalogueReleases).toBeUndefined();
  });

  it('publish a new build every N days in every Region, deterministically; the latest parameter follows; older builds stay', () => {
    const make = () => createCloud({ seed: 1, now: Date.UTC(2025, 0, 6, 9), catalogueReleaseEveryDays: 7 });
    const cloud = make();
    const first = latest(cloud);
    cloud.advance(7 * DAY);
    const second = latest(cloud);
    expect(second.Value).not.toBe(first.Value);
    expect(second.Version).toBe(first.Version + 1);
    const image = cloud.world().images[second.Value];
    expect(image?.name).toBe('al2023-ami-2023.6.20250113.0-kernel-6.1-x86_64');
    expect(image?.deprecationTime).toBe(Date.UTC(2025, 0, 13, 9) + 2 * 365 * DAY);
    expect(cloud.world().images[first.Value]?.lifecycle.value).toBe('available');
    // A Region visited later has the release too, with its own ID.
    const tokyo = latest(cloud, 'ap-northeast-1');
    expect(cloud.world().images[tokyo.Value]?.name).toBe(image?.name);
    expect(tokyo.Value).not.toBe(second.Value);
    // The same start gives the same releases.
    const again = make();
    again.advance(7 * DAY);
    expect(latest(again).Value).toBe(second.Value);
    // Launchable and saved.
    expectOk(call(cloud, 'RunInstances', { ImageId: second.Value, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }));
    const restored = restoreCloud(cloud.save());
    expect(restored.ok && restored.cloud.save()).toBe(cloud.save());
    cloud.advance(14 * DAY);
    expect(cloud.world().catalogueReleases?.released).toHaveLength(3);
  });
});
