/**
 * The progress file: everything the learner has done, as one JSON document they can keep as a
 * backup or carry to another browser. Pure (no Dexie, no DOM): the shape, building a file and
 * reading one back. Reading and writing the databases is progress-transfer.ts.
 *
 * What is in it: every table of the study database (db.ts) and the lab's scenario progress
 * (lab-db.ts). Not in it: the lab's saved worlds and console history (a workspace, large, and
 * versioned by the simulator: a world is rebuilt from the scenario in a new browser), the lab's
 * settings, and embedded-quiz answers (kept apart from study progress by design).
 *
 * The file says what it is (`format`) and which shape it has (`version`). A new shape is a new
 * version with its own schema and a step that lifts the older one: files already on learners'
 * disks must keep importing.
 */
import { z } from 'zod';
import type { LabProgressRecord } from './lab-db';
import { examResultSchema, lessonProgressRecordSchema, quizAttemptSchema, reviewCardRecordSchema } from './records';

export const PROGRESS_FILE_FORMAT = 'ami-lab-progress';
export const PROGRESS_FILE_VERSION = 1;

/** A lab scenario's progress, as lab-db.ts stores it. */
export const labProgressRecordSchema = z.object({
  /** Scenario slug. */
  slug: z.string().min(1),
  /** Goal id → epoch ms when it was first met. */
  goalsMet: z.record(z.string(), z.number()),
  hintsRevealed: z.number().int().min(0),
  startedAt: z.number(),
  /** Epoch ms when every goal was met, or null. */
  completedAt: z.number().nullable(),
  /** Epoch ms of the last change: the newer record wins when progress is merged. */
  updatedAt: z.number(),
}) satisfies z.ZodType<LabProgressRecord>;

/** A quiz answer without its local auto-increment id (ids mean nothing in another browser). */
export const exportedQuizAttemptSchema = quizAttemptSchema.omit({ id: true });
/** A practice exam result without its local id. */
export const exportedExamResultSchema = examResultSchema.omit({ id: true });

/** Everything a progress file carries; also the in-memory snapshot the merge works on. */
export const progressDataSchema = z.object({
  /** The study database (db.ts), one array per table. */
  study: z.object({
    lessonProgress: z.array(lessonProgressRecordSchema),
    quizAttempts: z.array(exportedQuizAttemptSchema),
    reviewCards: z.array(reviewCardRecordSchema),
    examResults: z.array(exportedExamResultSchema),
  }),
  /** The lab database (lab-db.ts): scenario progress only. */
  lab: z.object({
    scenarioProgress: z.array(labProgressRecordSchema),
  }),
});
export type ProgressData = z.infer<typeof progressDataSchema>;
export type ExportedQuizAttempt = z.infer<typeof exportedQuizAttemptSchema>;
export type ExportedExamResult = z.infer<typeof exportedExamResultSchema>;
export type LabProgressData = z.infer<typeof labProgressRecordSchema>;

/** Version 1 of the file. */
export const progressFileSchema = progressDataSchema.extend({
  /** Always `ami-lab-progress`: tells this file from any other JSON. */
  format: z.literal(PROGRESS_FILE_FORMAT),
  /** The file's shape; this site reads version 1. */
  version: z.literal(PROGRESS_FILE_VERSION),
  /** When the file was made (ISO 8601, UTC). */
  exportedAt: z.iso.datetime(),
});
export type ProgressFile = z.infer<typeof progressFileSchema>;

/** Why a file was refused, with a message written for the learner. */
export type ProgressFileError =
  | { kind: 'not-json'; message: string }
  | { kind: 'not-progress-file'; message: string }
  | { kind: 'unsupported-version'; version: unknown; message: string }
  | { kind: 'damaged'; problems: string[]; message: string };

export type ParseProgressFileResult = { ok: true; file: ProgressFile } | { ok: false; error: ProgressFileError };

/** An empty snapshot, e.g. a browser with no progress yet. */
export function emptyProgressData(): ProgressData {
  return { study: { lessonProgress: [], quizAttempts: [], reviewCards: [], examResults: [] }, lab: { scenarioProgress: [] } };
}

/** Wraps a snapshot as a file, stamped with `now`. */
export function buildProgressFile(data: ProgressData, now: Date): ProgressFile {
  return { format: PROGRESS_FILE_FORMAT, version: PROGRESS_FILE_VERSION, exportedAt: now.toISOString(), ...data };
}

/** The file's name when downloaded, dated so several backups sort by day. */
export function progressFileName(now: Date): string {
  return `ami-lab-progress-${now.toISOString().slice(0, 10)}.json`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a file's text. Never throws: a file that is not JSON, not ours, from a newer version or
 * damaged comes back as an error that says which, so the page can tell the learner and change
 * nothing.
 */
export function parseProgressFile(text: string): ParseProgressFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: { kind: 'not-json', message: 'This file is not valid JSON: it may be damaged or cut short. Nothing was changed.' } };
  }
  if (!isRecord(json) || json.format !== PROGRESS_FILE_FORMAT) {
    return {
      ok: false,
      error: { kind: 'not-progress-file', message: 'This is not an AMI Lab progress file (use a file made with “Export progress”). Nothing was changed.' },
    };
  }
  if (json.version !== PROGRESS_FILE_VERSION) {
    const newer = typeof json.version === 'number' && json.version > PROGRESS_FILE_VERSION;
    return {
      ok: false,
      error: {
        kind: 'unsupported-version',
        version: json.version,
        message: newer
          ? `This progress file was made by a newer version of AMI Lab (file version ${String(json.version)}; this site reads version ${PROGRESS_FILE_VERSION}). Reload the site to update it, then import again. Nothing was changed.`
          : `This progress file has an unknown version (${JSON.stringify(json.version)}). Nothing was changed.`,
      },
    };
  }
  const parsed = progressFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`);
    const shown = problems.slice(0, 3).join('; ');
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    return {
      ok: false,
      error: { kind: 'damaged', problems, message: `This progress file is damaged and was not imported: ${shown}${more}. Nothing was changed.` },
    };
  }
  return { ok: true, file: parsed.data };
}
