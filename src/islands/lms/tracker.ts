/**
 * What the player tells the system around it. One implementation per runtime: SCORM 1.2 and 2004
 * (the LMS's API object found in a parent window), cmi5 (xAPI statements to the LMS's LRS) and the
 * site's own assignment page (postMessage to the host and, when configured, an LRS).
 */
import type { Answer, ScoredQuestion } from '../../content-pipeline/questions/schema';
import type { AttemptState } from '../../packaging/attempt-state';

export type { AttemptState };

export interface AnsweredRecord {
  question: ScoredQuestion;
  answer: Answer;
  correct: boolean;
  latencyMs: number;
  answered: number;
  total: number;
}

export interface FinalResult {
  correct: number;
  total: number;
  /** 0–1. */
  scaled: number;
  passed: boolean;
  /** This session's time, in ms. */
  sessionMs: number;
}

export interface TrackerStart {
  /** The saved attempt, when the LMS resumes one. */
  resume: AttemptState | null;
  /** Mastery in percent given by the LMS (overrides the package's). */
  mastery: number | null;
  /** What to show about the connection (empty when all is well). */
  notice: string;
  /** Time limit in ms given by the LMS (overrides the package's); absent when it sets none. */
  timeLimitMs?: number | null;
  /** Where the LMS wants the learner to go back to at the end (cmi5 returnURL). */
  returnUrl?: string | null;
}

export interface Tracker {
  start(): Promise<TrackerStart>;
  answered(record: AnsweredRecord, state: AttemptState): Promise<void>;
  /** Everything answered (or time is up): score, success and completion, then close the session. */
  finish(result: FinalResult, state: AttemptState): Promise<void>;
  /**
   * The learner leaves before finishing: keep the place, close the session as suspended. `leaving`:
   * the page is going away (pagehide), so only what is sent at once (or with keepalive) arrives.
   */
  suspend(state: AttemptState, sessionMs: number, leaving: boolean): Promise<void>;
}
