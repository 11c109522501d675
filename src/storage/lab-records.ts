/**
 * The lab's stored records, checked on the way out of IndexedDB like every other record
 * (records.ts, simulator/model/persistence.ts): what comes back was written by an older or newer
 * version of the site, or by hand in DevTools, so it is validated and a bad record is reported
 * with the path of the bad value, never trusted.
 *
 * zod/mini (through the simulator's wrapper, which registers English messages) because these
 * schemas load with the lab island, whose first load must stay light; full zod would add tens of
 * kilobytes to it.
 */
import * as z from '../simulator/model/zod';
import type { LabProgressRecord, LabSessionRecord } from './lab-db';

const consoleEntrySchema = z.object({
  kind: z.enum(['input', 'stdout', 'stderr', 'note']),
  text: z.string(),
  lesson: z.optional(z.string()),
});

const viewStateSchema = z.object({
  accountId: z.string(),
  region: z.string(),
  speed: z.number(),
  running: z.boolean(),
  selectedId: z.nullable(z.string()),
});

/** A saved world (lab-db.ts `sessions`). */
export const labSessionRecordSchema = z.object({
  slot: z.string().check(z.minLength(1)),
  world: z.string(),
  commandHistory: z.array(z.string()),
  transcript: z.array(consoleEntrySchema),
  view: viewStateSchema,
  ownerTab: z.string(),
  updatedAt: z.number(),
  /** Absent in records written before revisions existed: read as 0. */
  revision: z.optional(z.int().check(z.nonnegative())),
});

/** A scenario's progress (lab-db.ts `progress`). */
export const labProgressSchema = z.object({
  slug: z.string().check(z.minLength(1)),
  goalsMet: z.record(z.string(), z.number()),
  hintsRevealed: z.int().check(z.nonnegative()),
  startedAt: z.number(),
  completedAt: z.nullable(z.number()),
  updatedAt: z.number(),
});

/** Why a stored record was refused: a message for people and the path of the bad value. */
export interface LabRecordProblem {
  readonly message: string;
  readonly path: readonly (string | number)[];
}

/** A stored record read back: valid, or the problem with it. */
export type LabRecordRead<T> = { readonly ok: true; readonly record: T } | { readonly ok: false; readonly problem: LabRecordProblem };

function check<T>(schema: z.ZodMiniType, value: unknown, what: string): LabRecordRead<T> {
  const parsed = z.safeParse(schema, value);
  if (parsed.success) return { ok: true, record: parsed.data as T };
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []).map((part) => (typeof part === 'number' ? part : String(part)));
  return { ok: false, problem: { message: `The stored ${what} is damaged at ${path.join('.') || '(root)'}: ${issue?.message ?? 'invalid value'}.`, path } };
}

/** Validates a stored session; a record from before revisions gets revision 0. */
export function readSessionRecord(value: unknown): LabRecordRead<LabSessionRecord> {
  const read = check<LabSessionRecord>(labSessionRecordSchema, value, 'lab session');
  return read.ok ? { ok: true, record: { ...read.record, revision: read.record.revision ?? 0 } } : read;
}

/** Validates a stored scenario progress record. */
export function readProgressRecord(value: unknown): LabRecordRead<LabProgressRecord> {
  return check<LabProgressRecord>(labProgressSchema, value, 'lab progress');
}
