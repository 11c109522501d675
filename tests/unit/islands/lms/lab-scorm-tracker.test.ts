/**
 * The lab package's SCORM 2004 tracker against a recording runtime: a world the lab has just stored
 * is written to the LMS with the next write (a goal met, or leaving), not by a commit of its own.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createLabScormTracker } from '../../../../src/islands/lms/lab-scorm-tracker';
import { decodeLabSuspend } from '../../../../src/packaging/lab-package';

function recordingRuntime() {
  const cmi = new Map<string, string>();
  const calls: string[] = [];
  // SCORM 2004's API_1484_11, by its method names.
  const api = Object.fromEntries<(...args: string[]) => string>([
    ['Initialize', () => 'true'],
    ['GetValue', (element = '') => cmi.get(element) ?? ''],
    [
      'SetValue',
      (element = '', value = '') => {
        cmi.set(element, value);
        return 'true';
      },
    ],
    ...['Commit', 'Terminate'].map((name): [string, () => string] => [
      name,
      () => {
        calls.push(name);
        return 'true';
      },
    ]),
  ]);
  const win: Record<string, unknown> = { API_1484_11: api, opener: null };
  win.parent = win;
  vi.stubGlobal('window', win);
  return { cmi, calls };
}

afterEach(() => vi.unstubAllGlobals());

describe('the lab package SCORM tracker', () => {
  test('a kept world costs no commit, and leaving writes the latest one kept', async () => {
    const { cmi, calls } = recordingRuntime();
    const tracker = createLabScormTracker('2004', ['copied', 'launched']);
    await tracker.start();
    tracker.progress(['copied'], { world: 'first world', view: { region: 'eu-west-1' } });
    expect(decodeLabSuspend(cmi.get('cmi.suspend_data') ?? '')?.world?.world).toBe('first world');
    const commits = calls.length;

    tracker.keep({ world: 'second world', view: { region: 'eu-west-1' } });
    tracker.keep({ world: 'third world', view: { region: 'eu-west-1' } });
    expect(calls.length).toBe(commits);
    expect(decodeLabSuspend(cmi.get('cmi.suspend_data') ?? '')?.world?.world).toBe('first world');

    tracker.leave();
    expect(calls.slice(commits)).toEqual(['Commit', 'Terminate']);
    expect(decodeLabSuspend(cmi.get('cmi.suspend_data') ?? '')).toEqual({ goalsMet: ['copied'], world: { world: 'third world', view: { region: 'eu-west-1' } } });
    expect(cmi.get('cmi.exit')).toBe('suspend');
  });
});
