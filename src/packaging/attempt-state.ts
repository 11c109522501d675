/**
 * The learner's place in an attempt, as the LMS keeps it (SCORM suspend data, the cmi5 state
 * document, the site's localStorage), and its compact text form: SCORM 1.2 allows only 4,096
 * characters of suspend data, so JSON (about 60 characters an answer) would cap a quiz near 65
 * answers; this form takes about 12, and is checked field by field when read back.
 *
 * Text form, fields separated by `~`: `2` (format), order (question indexes in base 36, `.`-joined),
 * elapsed ms (base 36), then one field per answer: `index:kind:payload:correct:latency` with kind
 * `c` (payload: option ids `,`-joined), `z` (payload: the typed text, URI-encoded) or `o` (item ids).
 */
import type { Answer } from '../content-pipeline/questions/schema';

export interface AttemptState {
  v: 1;
  /** Question indexes in the order shown. */
  order: number[];
  /** Answers by question index: the answer, whether it was right, the latency in ms. */
  answers: Record<string, { a: Answer; c: boolean; t: number }>;
  /** Time spent in earlier sessions, in ms. */
  elapsed: number;
}

const ID = /^[A-Za-z0-9_-]*$/;

function ids(list: string[]): string {
  return list.filter((id) => ID.test(id)).join(',');
}

export function encodeAttemptState(state: AttemptState): string {
  const answers = Object.entries(state.answers).map(([index, { a, c, t }]) => {
    const payload = a.kind === 'choice' ? ids(a.selected) : a.kind === 'cloze' ? encodeURIComponent(a.text.slice(0, 200)) : ids(a.order);
    const kind = a.kind === 'choice' ? 'c' : a.kind === 'cloze' ? 'z' : 'o';
    return `${Number(index).toString(36)}:${kind}:${payload}:${c ? 1 : 0}:${Math.max(0, Math.round(t)).toString(36)}`;
  });
  return ['2', state.order.map((i) => i.toString(36)).join('.'), Math.max(0, Math.round(state.elapsed)).toString(36), ...answers].join('~');
}

function int36(text: string | undefined): number | null {
  if (text === undefined || !/^[0-9a-z]+$/.test(text)) return null;
  const n = Number.parseInt(text, 36);
  return Number.isSafeInteger(n) ? n : null;
}

/** Reads a kept place back; anything malformed gives null (the attempt then starts afresh). */
export function decodeAttemptState(text: string | null | undefined): AttemptState | null {
  if (!text) return null;
  const [format, order, elapsed, ...answers] = text.split('~');
  if (format !== '2' || order === undefined) return null;
  const indexes = order === '' ? [] : order.split('.').map(int36);
  const spent = int36(elapsed);
  if (indexes.some((i) => i === null) || spent === null) return null;
  const state: AttemptState = { v: 1, order: indexes as number[], answers: {}, elapsed: spent };
  for (const field of answers) {
    const [index, kind, payload = '', correct, latency] = field.split(':');
    const i = int36(index);
    const t = int36(latency);
    if (i === null || t === null || (correct !== '0' && correct !== '1')) return null;
    const list = payload === '' ? [] : payload.split(',');
    let a: Answer;
    if (kind === 'c') a = { kind: 'choice', selected: list };
    else if (kind === 'o') a = { kind: 'ordering', order: list };
    else if (kind === 'z') {
      try {
        a = { kind: 'cloze', text: decodeURIComponent(payload) };
      } catch {
        return null;
      }
    } else return null;
    state.answers[String(i)] = { a, c: correct === '1', t };
  }
  return state;
}
