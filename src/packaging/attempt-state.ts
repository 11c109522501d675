/**
 * The learner's place in an attempt, as the LMS keeps it (SCORM suspend data, the cmi5 state
 * document, the site's localStorage), and its compact text form: SCORM 1.2 allows only 4,096
 * characters of suspend data, so JSON (about 60 characters an answer) would cap a quiz near 65
 * answers; this form takes about 12, and is checked field by field when read back.
 *
 * Text form, fields separated by `~`: `2` (format), order (question indexes in base 36, `.`-joined;
 * `*` when unshuffled), elapsed seconds (base 36), then one field per answer:
 * `index:kind:payload:latency` (index and latency in seconds in base 36) with kind `c` (payload:
 * option ids `,`-joined), `z` (payload: the typed text, URI-encoded) or `o` (item ids), in capitals
 * when the answer was right. Times are kept to the second.
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
  const seconds = (ms: number) => Math.max(0, Math.round(ms / 1000)).toString(36);
  const answers = Object.entries(state.answers).map(([index, { a, c, t }]) => {
    // encodeURIComponent leaves `~` as it is: it separates the fields here.
    const payload = a.kind === 'choice' ? ids(a.selected) : a.kind === 'cloze' ? encodeURIComponent(a.text.slice(0, 200)).replace(/~/g, '%7E') : ids(a.order);
    const kind = a.kind === 'choice' ? 'c' : a.kind === 'cloze' ? 'z' : 'o';
    return `${Number(index).toString(36)}:${c ? kind.toUpperCase() : kind}:${payload}:${seconds(t)}`;
  });
  const identity = state.order.every((i, n) => i === n);
  return ['2', identity ? '*' : state.order.map((i) => i.toString(36)).join('.'), seconds(state.elapsed), ...answers].join('~');
}

function int36(text: string | undefined): number | null {
  if (text === undefined || !/^[0-9a-z]+$/.test(text)) return null;
  const n = Number.parseInt(text, 36);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Reads a kept place back; anything malformed gives null (the attempt then starts afresh). `total`
 * is the number of questions, which an unshuffled order (`*`) stands for.
 */
export function decodeAttemptState(text: string | null | undefined, total: number): AttemptState | null {
  if (!text) return null;
  const [format, order, elapsed, ...answers] = text.split('~');
  if (format !== '2' || order === undefined) return null;
  const indexes = order === '*' ? Array.from({ length: total }, (_, i) => i) : order === '' ? [] : order.split('.').map(int36);
  const spent = int36(elapsed);
  if (indexes.some((i) => i === null) || spent === null) return null;
  const state: AttemptState = { v: 1, order: indexes as number[], answers: {}, elapsed: spent * 1000 };
  for (const field of answers) {
    const [index, kindMark = '', payload = '', latency] = field.split(':');
    const i = int36(index);
    const t = int36(latency);
    if (i === null || t === null) return null;
    const kind = kindMark.toLowerCase();
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
    state.answers[String(i)] = { a, c: kindMark !== kind, t: t * 1000 };
  }
  return state;
}
