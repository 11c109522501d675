/**
 * SCORM 1.2 and 2004 from the content side: finds the LMS's API object (`API` / `API_1484_11`) in
 * the parent and opener windows as the specs' discovery algorithm does, then writes score,
 * statuses, session time, interactions and suspend data. The element names differ between the
 * versions; the table below keeps them in one place.
 */
import { decodeAttemptState, encodeAttemptState } from '../../packaging/attempt-state';
import { isoDuration, parseIsoDuration, parseScorm12Duration, type ScormVersion, scorm12Duration, scormInteraction } from '../../packaging/interactions';
import type { AttemptState, Tracker } from './tracker';

interface Scorm12Api {
  LMSInitialize(p: ''): string;
  LMSFinish(p: ''): string;
  LMSGetValue(e: string): string;
  LMSSetValue(e: string, v: string): string;
  LMSCommit(p: ''): string;
  LMSGetLastError(): string;
}
interface Scorm2004Api {
  Initialize(p: ''): string;
  Terminate(p: ''): string;
  GetValue(e: string): string;
  SetValue(e: string, v: string): string;
  Commit(p: ''): string;
  GetLastError(): string;
}

/** The specs' API discovery: up the parent chain (at most 7 levels), then the opener's. */
function findApi<T>(name: 'API' | 'API_1484_11'): T | null {
  const search = (start: Window | null): T | null => {
    let win: Window | null = start;
    for (let depth = 0; win && depth < 8; depth += 1) {
      try {
        const api = (win as unknown as Record<string, unknown>)[name];
        if (api) return api as T;
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

/** The version's calls and element names behind one interface. */
interface Driver {
  init(): boolean;
  get(e: string): string;
  set(e: string, v: string): void;
  commit(): void;
  end(): void;
  el: {
    entry: string;
    suspend: string;
    location: string;
    exit: string;
    sessionTime: string;
    mastery: string;
    maxTime: string;
    scoreRaw: string;
    scoreMin: string;
    scoreMax: string;
    interactions: string;
  };
  duration(ms: number): string;
  parseDuration(text: string): number | null;
}

function driver(version: ScormVersion): Driver | null {
  if (version === '1.2') {
    const api = findApi<Scorm12Api>('API');
    if (!api) return null;
    return {
      init: () => api.LMSInitialize('') === 'true',
      get: (e) => api.LMSGetValue(e),
      set: (e, v) => void api.LMSSetValue(e, v),
      commit: () => void api.LMSCommit(''),
      end: () => void api.LMSFinish(''),
      el: {
        entry: 'cmi.core.entry',
        suspend: 'cmi.suspend_data',
        location: 'cmi.core.lesson_location',
        exit: 'cmi.core.exit',
        sessionTime: 'cmi.core.session_time',
        mastery: 'cmi.student_data.mastery_score',
        maxTime: 'cmi.student_data.max_time_allowed',
        scoreRaw: 'cmi.core.score.raw',
        scoreMin: 'cmi.core.score.min',
        scoreMax: 'cmi.core.score.max',
        interactions: 'cmi.interactions',
      },
      duration: scorm12Duration,
      parseDuration: parseScorm12Duration,
    };
  }
  const api = findApi<Scorm2004Api>('API_1484_11');
  if (!api) return null;
  return {
    init: () => api.Initialize('') === 'true',
    get: (e) => api.GetValue(e),
    set: (e, v) => void api.SetValue(e, v),
    commit: () => void api.Commit(''),
    end: () => void api.Terminate(''),
    el: {
      entry: 'cmi.entry',
      suspend: 'cmi.suspend_data',
      location: 'cmi.location',
      exit: 'cmi.exit',
      sessionTime: 'cmi.session_time',
      mastery: 'cmi.scaled_passing_score',
      maxTime: 'cmi.max_time_allowed',
      scoreRaw: 'cmi.score.raw',
      scoreMin: 'cmi.score.min',
      scoreMax: 'cmi.score.max',
      interactions: 'cmi.interactions',
    },
    duration: isoDuration,
    parseDuration: parseIsoDuration,
  };
}

/** `total`: the number of questions (suspend data refers to them by index). */
export function createScormTracker(version: ScormVersion, total: number): Tracker {
  const d = driver(version);
  let open = false;
  const close = (exit: string, state: AttemptState, sessionMs: number) => {
    if (!d || !open) return;
    d.set(d.el.suspend, encodeAttemptState(state));
    d.set(d.el.location, String(Object.keys(state.answers).length));
    d.set(d.el.exit, exit);
    d.set(d.el.sessionTime, d.duration(sessionMs));
    d.commit();
    d.end();
    open = false;
  };
  return {
    async start() {
      if (!d) return { resume: null, mastery: null, notice: `No SCORM ${version} LMS was found: your answers are not being recorded.` };
      open = d.init();
      if (!open) return { resume: null, mastery: null, notice: 'The LMS did not start this session: your answers may not be recorded.' };
      const entry = d.get(d.el.entry);
      const resume = entry === 'resume' ? decodeAttemptState(d.get(d.el.suspend), total) : null;
      const raw = d.get(d.el.mastery);
      const number = raw === '' ? Number.NaN : Number(raw);
      const mastery = Number.isFinite(number) ? (version === '1.2' ? number : number * 100) : null;
      if (version === '1.2') {
        if (d.get('cmi.core.lesson_status') === 'not attempted') d.set('cmi.core.lesson_status', 'incomplete');
      } else {
        d.set('cmi.completion_status', 'incomplete');
      }
      d.commit();
      // The LMS's time limit, when it sets one (from the manifest, or its own), wins over the package's.
      const limit = d.parseDuration(d.get(d.el.maxTime));
      return { resume, mastery, notice: '', timeLimitMs: limit && limit > 0 ? limit : null };
    },
    async answered(record, state) {
      if (!d || !open) return;
      const n = Number(d.get(`${d.el.interactions}._count`)) || 0;
      const i = scormInteraction(version, record.question, record.answer, record.correct, record.latencyMs);
      const at = `${d.el.interactions}.${n}`;
      d.set(`${at}.id`, i.id);
      d.set(`${at}.type`, i.type);
      if (version === '1.2') {
        d.set(`${at}.time`, new Date().toTimeString().slice(0, 8));
        d.set(`${at}.weighting`, '1');
        for (const [k, p] of i.patterns.entries()) d.set(`${at}.correct_responses.${k}.pattern`, p);
        d.set(`${at}.student_response`, i.response);
      } else {
        d.set(`${at}.timestamp`, new Date().toISOString().slice(0, 19));
        d.set(`${at}.weighting`, '1');
        d.set(`${at}.description`, i.description);
        for (const [k, p] of i.patterns.entries()) d.set(`${at}.correct_responses.${k}.pattern`, p);
        d.set(`${at}.learner_response`, i.response);
      }
      d.set(`${at}.result`, i.result);
      d.set(`${at}.latency`, i.latency);
      d.set(d.el.suspend, encodeAttemptState(state));
      d.set(d.el.location, String(record.answered));
      if (version === '2004') d.set('cmi.progress_measure', (record.answered / record.total).toFixed(2));
      d.commit();
    },
    async finish(result, state) {
      if (!d || !open) return;
      d.set(d.el.scoreMin, '0');
      d.set(d.el.scoreMax, '100');
      d.set(d.el.scoreRaw, String(Math.round(result.scaled * 100)));
      if (version === '1.2') {
        d.set('cmi.core.lesson_status', result.passed ? 'passed' : 'failed');
      } else {
        d.set('cmi.score.scaled', result.scaled.toFixed(4).replace(/\.?0+$/, '') || '0');
        d.set('cmi.completion_status', 'completed');
        d.set('cmi.success_status', result.passed ? 'passed' : 'failed');
        d.set('cmi.progress_measure', '1');
      }
      // The attempt is over: the next launch starts a new one, so the place is not kept.
      close(version === '1.2' ? '' : 'normal', { ...state }, result.sessionMs);
    },
    async suspend(state, sessionMs) {
      close('suspend', state, sessionMs);
    },
  };
}
