import { expect, test } from 'vitest';

test('npm scripts run on the pinned Node 24', () => {
  expect(process.versions.node.split('.')[0]).toBe('24');
});
