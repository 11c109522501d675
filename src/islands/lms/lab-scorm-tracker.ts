/**
 * SCORM 1.2 and 2004 for a lab scenario package: each goal is an objective (`cmi.objectives.n.id`
 * = the goal id; 1.2 `status` incomplete → passed, 2004 `success_status` unknown → passed and
 * `completion_status` incomplete → completed), the scenario's status (1.2 `lesson_status`
 * incomplete / passed; 2004 `completion_status` and `success_status`), the score (goals met / goals
 * total: 1.2 raw in percent 0–100, 2004 raw = goals met, max = goals, scaled), session time, exit
 * and suspend data (packaging/lab-package.ts). Objectives already in the LMS (a relaunch) are found
 * by id, not appended again.
 */
import { decodeLabSuspend, encodeLabSuspend, type LabSuspend, SUSPEND_LIMITS } from '../../packaging/lab-package';
import { isoDuration, scorm12Duration } from '../../packaging/interactions';

interface Api {
  init(): boolean;
  get(e: string): string;
  set(e: string, v: string): void;
  commit(): void;
  end(): void;
}

function findApi(name: 'API' | 'API_1484_11'): Record<string, (...args: string[]) => string> | null {
  const search = (start: Window | null) => {
    let win: Window | null = start;
    for (let depth = 0; win && depth < 8; depth += 1) {
      try {
        const api = (win as unknown as Record<string, unknown>)[name];
        if (api) return api as Record<string, (...args: string[]) => string>;
      } catch {
        // A cross-origin ancestor: keep climbing.
      }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  };
  return search(window) ?? search(window.opener as Window | null);
}

function connect(version: '1.2' | '2004'): Api | null {
  const api = findApi(version === '1.2' ? 'API' : 'API_1484_11');
  if (!api) return null;
  const call = (v12: string, v2004: string, ...args: string[]) => String(api[version === '1.2' ? v12 : v2004]?.(...args) ?? '');
  return {
    init: () => call('LMSInitialize', 'Initialize', '') === 'true',
    get: (e) => call('LMSGetValue', 'GetValue', e),
    set: (e, v) => void call('LMSSetValue', 'SetValue', e, v),
    commit: () => void call('LMSCommit', 'Commit', ''),
    end: () => void call('LMSFinish', 'Terminate', ''),
  };
}

export interface LabTrackerStart {
  learnerId: string;
  resume: LabSuspend | null;
  notice: string;
}

export interface LabTracker {
  start(): Promise<LabTrackerStart>;
  /** Goals met so far (ids), all goals met or not, and the world to keep (null: unknown yet). */
  progress(met: readonly string[], world: LabSuspend['world']): void;
  /**
   * The world the lab has just stored, kept for the next write to the LMS (progress, or leave)
   * without a write of its own: the lab stores its world within a second of every change.
   */
  keep(world: NonNullable<LabSuspend['world']>): void;
  /** The page is going away: session time, exit, close the session. */
  leave(): void;
}

export function createLabScormTracker(version: '1.2' | '2004', goalIds: readonly string[]): LabTracker {
  const api = connect(version);
  const startedAt = Date.now();
  const v12 = version === '1.2';
  const limit = SUSPEND_LIMITS[v12 ? 'scorm12' : 'scorm2004'];
  const objectiveIndex = new Map<string, number>();
  let lastWorld: LabSuspend['world'] = null;
  let lastMet: readonly string[] = [];
  let ended = false;

  const writeStatus = (met: readonly string[]) => {
    if (!api) return;
    const metSet = new Set(met);
    for (const id of goalIds) {
      const n = objectiveIndex.get(id);
      if (n === undefined) continue;
      const done = metSet.has(id);
      if (v12) api.set(`cmi.objectives.${n}.status`, done ? 'passed' : 'incomplete');
      else {
        api.set(`cmi.objectives.${n}.success_status`, done ? 'passed' : 'unknown');
        api.set(`cmi.objectives.${n}.completion_status`, done ? 'completed' : 'incomplete');
      }
    }
    const count = goalIds.filter((id) => metSet.has(id)).length;
    const total = goalIds.length;
    const complete = total > 0 && count === total;
    const percent = total === 0 ? 0 : Math.round((count / total) * 100);
    if (v12) {
      api.set('cmi.core.score.min', '0');
      api.set('cmi.core.score.max', '100');
      api.set('cmi.core.score.raw', String(percent));
      api.set('cmi.core.lesson_status', complete ? 'passed' : 'incomplete');
    } else {
      api.set('cmi.score.min', '0');
      api.set('cmi.score.max', String(total));
      api.set('cmi.score.raw', String(count));
      api.set('cmi.score.scaled', String(total === 0 ? 0 : Math.round((count / total) * 10000) / 10000));
      api.set('cmi.completion_status', complete ? 'completed' : 'incomplete');
      api.set('cmi.success_status', complete ? 'passed' : 'unknown');
      api.set('cmi.progress_measure', String(total === 0 ? 0 : Math.round((count / total) * 10000) / 10000));
    }
    api.set(v12 ? 'cmi.core.exit' : 'cmi.exit', complete ? (v12 ? '' : 'normal') : 'suspend');
    api.set(v12 ? 'cmi.suspend_data' : 'cmi.suspend_data', encodeLabSuspend({ goalsMet: goalIds.filter((id) => metSet.has(id)), world: lastWorld }, limit));
  };

  const sessionTime = () => {
    if (!api) return;
    const ms = Date.now() - startedAt;
    api.set(v12 ? 'cmi.core.session_time' : 'cmi.session_time', v12 ? scorm12Duration(ms) : isoDuration(ms));
  };

  return {
    async start() {
      if (!api?.init()) return { learnerId: 'local', resume: null, notice: 'No LMS was found: your progress is kept in this browser only.' };
      const learnerId = api.get(v12 ? 'cmi.core.student_id' : 'cmi.learner_id') || 'learner';
      const resume = decodeLabSuspend(api.get('cmi.suspend_data'));
      // Objectives: the ones the LMS already has (a relaunch), then one per goal not there yet.
      const count = Number(api.get('cmi.objectives._count')) || 0;
      for (let n = 0; n < count; n += 1) {
        const id = api.get(`cmi.objectives.${n}.id`);
        if (id) objectiveIndex.set(id, n);
      }
      let next = count;
      for (const id of goalIds) {
        if (objectiveIndex.has(id)) continue;
        api.set(`cmi.objectives.${next}.id`, id);
        objectiveIndex.set(id, next);
        next += 1;
      }
      lastMet = resume?.goalsMet ?? [];
      lastWorld = resume?.world ?? null;
      writeStatus(lastMet);
      api.commit();
      return { learnerId, resume, notice: '' };
    },
    keep(world) {
      lastWorld = world;
    },
    progress(met, world) {
      if (world !== null) lastWorld = world;
      lastMet = met;
      if (!api || ended) return;
      writeStatus(met);
      sessionTime();
      api.commit();
    },
    leave() {
      if (!api || ended) return;
      ended = true;
      writeStatus(lastMet);
      sessionTime();
      api.commit();
      api.end();
    },
  };
}
