/**
 * An assignment: which questions an instructor chose (a lesson, a tag, hand-picked ids or a search,
 * optionally a number drawn at random), a time limit, a mastery score and shuffling. It travels in
 * a link (`?a=<code>`, base64url of compact JSON) and inside the packages, so no server ever keeps
 * it. A code is checked with zod before anything is drawn from it: a corrupt or truncated link says
 * so instead of showing some other quiz.
 *
 * zod/mini: the same schema runs on the site's assignment pages, inside their JavaScript budget.
 */
import * as z from 'zod/mini';
import { isScored, type Question, type ScoredQuestion } from '../content-pipeline/questions/schema';
import { hasTag, selectTagQuiz } from '../learning/exam';
import { seededShuffle } from '../learning/random';
import { normalizeFreeText } from '../learning/score-answer';
import { fnv1a } from '../shared/hash';
import type { PlaySpec } from './package';

const id = z.string().check(z.regex(/^[A-Za-z0-9-]+$/));

export const selectionSchema = z.discriminatedUnion('k', [
  /** A lesson's quiz, by lesson slug. */
  z.object({ k: z.literal('lesson'), slug: z.string().check(z.minLength(1), z.maxLength(200)) }),
  /** A tag's quiz (nested tags included), as the site's tag quiz picks it. */
  z.object({ k: z.literal('tag'), tag: z.string().check(z.minLength(1), z.maxLength(200)) }),
  /** Hand-picked questions, in this order. */
  z.object({ k: z.literal('ids'), ids: z.array(id).check(z.minLength(1), z.maxLength(300)) }),
  /** Every question whose words contain all the search's words. */
  z.object({ k: z.literal('search'), q: z.string().check(z.minLength(1), z.maxLength(200)) }),
]);
export type Selection = z.infer<typeof selectionSchema>;

export const assignmentSchema = z.object({
  /** Format version of the code. */
  v: z.literal(1),
  /** Title shown to learners and in the LMS. */
  t: z.string().check(z.minLength(1), z.maxLength(120)),
  s: selectionSchema,
  /** Draw this many questions at random from the selection (absent: all of them). */
  n: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(300))),
  /** Seed of the draw: the same link always draws the same questions. */
  seed: z.number().check(z.int(), z.minimum(0), z.maximum(2 ** 32 - 1)),
  /** Mastery score in percent: at or above it the learner passed. */
  m: z.number().check(z.int(), z.minimum(0), z.maximum(100)),
  /** Time limit in minutes; 0 for none. */
  l: z.number().check(z.int(), z.minimum(0), z.maximum(600)),
  /** Shuffle question and option order for each attempt. */
  sh: z.boolean(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export type DecodeResult = { ok: true; assignment: Assignment } | { ok: false; message: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The code of an assignment, for `?a=` (URL-safe, no padding). */
export function encodeAssignment(assignment: Assignment): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(assignmentSchema.parse(assignment))));
}

/** Reads a code from a link; a missing, corrupt or unknown code gives a message for the learner. */
export function decodeAssignment(code: string | null | undefined): DecodeResult {
  if (!code) return { ok: false, message: 'This link has no assignment in it (the part after ?a= is missing).' };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(code.trim())));
  } catch {
    return { ok: false, message: 'This assignment link is damaged: it could not be read. Ask your instructor for the link again, and copy all of it.' };
  }
  const parsed = assignmentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
    return {
      ok: false,
      message: `This assignment link is not valid${where}: it may come from a newer version of the site or have been edited. Ask your instructor for a new link.`,
    };
  }
  return { ok: true, assignment: parsed.data };
}

function matchesSearch(question: ScoredQuestion, words: string[]): boolean {
  const text = normalizeFreeText([question.stem, question.context ?? '', question.source.title, question.source.heading ?? '', ...question.tags].join(' '));
  return words.every((word) => text.includes(word));
}

/** Every question the selection names, before any draw (in vault order, or the ids' order). */
export function selectionQuestions(selection: Selection, all: readonly Question[]): ScoredQuestion[] {
  const scored = all.filter(isScored);
  switch (selection.k) {
    case 'lesson':
      return scored.filter((q) => q.source.slug === selection.slug);
    case 'tag':
      return selectTagQuiz(scored.filter((q) => hasTag(q, selection.tag)));
    case 'ids': {
      const byId = new Map(scored.map((q) => [q.id, q]));
      return selection.ids.flatMap((qid) => byId.get(qid) ?? []);
    }
    case 'search': {
      const words = normalizeFreeText(selection.q).split(' ').filter(Boolean);
      return words.length === 0 ? [] : scored.filter((q) => matchesSearch(q, words));
    }
  }
}

/** The assignment's questions: the selection, then (with `n`) a seeded draw kept in vault order. */
export function assignmentQuestions(assignment: Assignment, all: readonly Question[]): ScoredQuestion[] {
  const pool = selectionQuestions(assignment.s, all);
  if (!assignment.n || assignment.n >= pool.length) return pool;
  const drawn = new Set(seededShuffle(pool, assignment.seed).slice(0, assignment.n));
  return pool.filter((q) => drawn.has(q));
}

/** A short stable id for an assignment code (FNV-1a, base 36), for quiz ids and file names. */
export function assignmentId(code: string): string {
  return fnv1a(code).toString(36);
}

/** What the player runs for an assignment: its questions and settings. */
export function assignmentPlaySpec(assignment: Assignment, all: readonly Question[], code: string): PlaySpec {
  const s = assignment.s;
  const plain = assignment.n === undefined;
  const id = plain && s.k === 'lesson' ? `lesson:${s.slug}` : plain && s.k === 'tag' ? `tag:${s.tag}` : `assignment:${assignmentId(code)}`;
  return {
    id,
    title: assignment.t,
    questions: assignmentQuestions(assignment, all),
    mastery: assignment.m,
    timeLimit: assignment.l,
    shuffle: assignment.sh,
    seed: assignment.seed,
  };
}
