import { describe, expect, it } from 'vitest';
import { nextPendingAt, pendingTimers, settle } from '../../../src/simulator/scenarios/timers.js';
import { call, expectOk, MINUTE, newCloud } from '../simulator/support.js';

describe('pending work: image block public access', () => {
  it('counts a setting not in effect yet as pending, and Skip ahead (settle) waits for it', () => {
    const cloud = newCloud();
    expect(pendingTimers(cloud.world())).toEqual([]);
    const start = cloud.now().getTime();
    expectOk(call(cloud, 'EnableImageBlockPublicAccess', { ImageBlockPublicAccessState: 'block-new-sharing' }));
    const pending = pendingTimers(cloud.world());
    expect(pending).toHaveLength(1);
    expect(pending[0]?.id).toMatch(/^block-public-access:/);
    expect(nextPendingAt(cloud.world())).toBe(start + 10 * MINUTE);
    expect(settle(cloud)).toBe(10 * MINUTE);
    expect(pendingTimers(cloud.world())).toEqual([]);
    expect(expectOk(call(cloud, 'GetImageBlockPublicAccessState', {}))).toMatchObject({ ImageBlockPublicAccessState: 'block-new-sharing' });
  });
});
