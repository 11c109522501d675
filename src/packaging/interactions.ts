/**
 * How one answered question is written to an LMS: the SCORM interaction (type, learner response,
 * correct response patterns, result, latency) for SCORM 1.2 and 2004, and the xAPI interaction
 * activity definition for cmi5 and xAPI. Pure: the in-package runtime and the embed call it, tests
 * check it against what scorm-again accepts.
 */
import type { Answer, ScoredQuestion } from '../content-pipeline/questions/schema';

export type ScormVersion = '1.2' | '2004';
export type InteractionType = 'choice' | 'true-false' | 'fill-in' | 'sequencing';

export interface ScormInteraction {
  id: string;
  type: InteractionType;
  /** Learner response in the version's format. */
  response: string;
  /** Correct response patterns (several for a blank with several accepted terms). */
  patterns: string[];
  /** `correct` or `wrong` (1.2) / `incorrect` (2004). */
  result: string;
  /** Time from showing the question to checking it, as the version's time interval. */
  latency: string;
  description: string;
}

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS. */
export function scorm12Duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 10)) / 100;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total - hours * 3600 - minutes * 60;
  return `${String(hours).padStart(4, '0')}:${String(minutes).padStart(2, '0')}:${seconds.toFixed(2).padStart(5, '0')}`;
}

/** ISO 8601 duration (SCORM 2004 timeinterval, xAPI `result.duration`): PT#H#M#S. */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 10)) / 100;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = Math.round((total - hours * 3600 - minutes * 60) * 100) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds}S`;
}

/** Reads a SCORM 1.2 timespan (HHHH:MM:SS.SS) in ms; null when empty or malformed. */
export function parseScorm12Duration(text: string): number | null {
  const m = /^(\d{2,4}):(\d{2}):(\d{2}(?:\.\d{1,2})?)$/.exec(text.trim());
  return m ? Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000) : null;
}

/** Reads an ISO 8601 duration (PnDTnHnMnS; no years or months, whose length varies) in ms; null when malformed. */
export function parseIsoDuration(text: string): number | null {
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return null;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return Math.round((Number(d) * 86400 + Number(h) * 3600 + Number(min) * 60 + Number(s)) * 1000);
}

function trueFalseValue(question: ScoredQuestion, optionId: string | undefined): boolean | null {
  if (question.kind !== 'truefalse') return null;
  const text = question.options
    .find((o) => o.id === optionId)
    ?.text.trim()
    .toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : null;
}

/** SCORM's identifier characters only (option and item ids are short letters and digits already). */
function token(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 250) || '_';
}

/** Free text as SCORM allows it (no reserved delimiters, bounded length). */
function freeText(value: string, max: number): string {
  return value.replace(/\[[,.:]\]/g, ' ').slice(0, max);
}

/** The SCORM interaction for an answered question. */
export function scormInteraction(version: ScormVersion, question: ScoredQuestion, answer: Answer, correct: boolean, latencyMs: number): ScormInteraction {
  const sep = version === '1.2' ? ',' : '[,]';
  const latency = version === '1.2' ? scorm12Duration(latencyMs) : isoDuration(latencyMs);
  const result = correct ? 'correct' : version === '1.2' ? 'wrong' : 'incorrect';
  const base = { id: token(question.id), result, latency, description: question.stem.slice(0, 250) };
  if (question.kind === 'cloze') {
    const given = answer.kind === 'cloze' ? answer.text.trim() : '';
    const patterns = question.answers.slice(0, 5).map((a) => (version === '1.2' ? freeText(a, 255) : `{case_matters=false}${freeText(a, 250)}`));
    return { ...base, type: 'fill-in', response: freeText(given, 250), patterns };
  }
  if (question.kind === 'ordering') {
    const order = answer.kind === 'ordering' ? answer.order : [];
    return { ...base, type: 'sequencing', response: order.map(token).join(sep), patterns: [question.items.map((i) => token(i.id)).join(sep)] };
  }
  const selected = answer.kind === 'choice' ? answer.selected : [];
  const given = trueFalseValue(question, selected[0]);
  const right = trueFalseValue(question, question.options.find((o) => o.correct)?.id);
  if (given !== null && right !== null) {
    const value = (b: boolean) => (version === '1.2' ? (b ? 't' : 'f') : String(b));
    return { ...base, type: 'true-false', response: value(given), patterns: [value(right)] };
  }
  return {
    ...base,
    type: 'choice',
    response: selected.map(token).join(sep),
    patterns: [
      question.options
        .filter((o) => o.correct)
        .map((o) => token(o.id))
        .join(sep),
    ],
  };
}
