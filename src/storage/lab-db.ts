/**
 * The lab's own IndexedDB database (apart from db.ts, so the two evolve independently): saved
 * worlds with their console and view state, scenario progress, and small settings.
 *
 * Schema versions are append-only, as in db.ts.
 */
import { Dexie, type EntityTable } from 'dexie';

/** One line of the console transcript. */
export interface LabConsoleEntry {
  /** What was typed, what the CLI printed, or the lab's explanation of an error. */
  readonly kind: 'input' | 'stdout' | 'stderr' | 'note';
  readonly text: string;
  /** For a note: slug of the lesson it points to. */
  readonly lesson?: string;
}

/** What the lab view was showing, so a reload comes back to it. */
export interface LabViewState {
  readonly accountId: string;
  readonly region: string;
  /** Simulated seconds per real second. */
  readonly speed: number;
  readonly running: boolean;
  readonly selectedId: string | null;
}

/** A saved world: the sandbox's, or one scenario's. */
export interface LabSessionRecord {
  /** `sandbox`, or the scenario's slug. */
  slot: string;
  /** `cloud.save()` output: the world with its clock. */
  world: string;
  /** Commands typed in the console, oldest first. */
  commandHistory: string[];
  /** The console transcript, oldest first (bounded). */
  transcript: LabConsoleEntry[];
  view: LabViewState;
  /** The tab that may write this slot; another tab that opens it takes it over. */
  ownerTab: string;
  /** Last write (epoch ms). */
  updatedAt: number;
  /**
   * Counts the writes of this slot's world: each save names the revision it started from, and a
   * save from an older revision than the stored one is refused, so an older world never replaces
   * a newer one (see lab-sessions.ts).
   */
  revision: number;
}

/** Progress in one scenario. */
export interface LabProgressRecord {
  /** Scenario slug. */
  slug: string;
  /** Goal ID → when it was first met (epoch ms). Goals stay met once met. */
  goalsMet: Record<string, number>;
  /** How many hints the learner has revealed. */
  hintsRevealed: number;
  startedAt: number;
  /** When every goal was met, or null. */
  completedAt: number | null;
  updatedAt: number;
}

/** A small setting (e.g. the scenario open last). */
export interface LabSettingRecord {
  key: string;
  value: string | null;
}

export const LAB_DATABASE_NAME = 'ami-lab-lab';

export type LabDatabase = Dexie & {
  sessions: EntityTable<LabSessionRecord, 'slot'>;
  progress: EntityTable<LabProgressRecord, 'slug'>;
  settings: EntityTable<LabSettingRecord, 'key'>;
};

/** Opens (lazily) the lab database; tests pass their own name. */
export function openLabDatabase(name: string = LAB_DATABASE_NAME): LabDatabase {
  const db = new Dexie(name) as LabDatabase;
  db.version(1).stores({
    sessions: 'slot, updatedAt',
    progress: 'slug, completedAt',
    settings: 'key',
  });
  return db;
}

let shared: LabDatabase | undefined;

/** The page's lab database connection. */
export function labDatabase(): LabDatabase {
  shared ??= openLabDatabase();
  return shared;
}
