/**
 * Loading the lab records' validators (lab-records.ts, zod) on demand. Apart from lab-db.ts, which
 * loads Dexie: the lab reads a stored record without Dexie for its first paint (read-only.ts) and
 * checks it with these, so a module that only checks records must not bring Dexie with it.
 */

/** The lab records' validators (lab-records.ts). */
export type LabRecordChecks = typeof import('./lab-records');
let recordChecks: Promise<LabRecordChecks> | undefined;

/**
 * Loads the validators (zod) with the first stored record, not with the page: a first visit, with
 * nothing stored, never pays for them before the learner acts. Callers load them before a
 * transaction starts, since an IndexedDB transaction does not survive waiting for a download. A
 * failed download is forgotten, so the next call tries again.
 */
export function loadLabRecordChecks(): Promise<LabRecordChecks> {
  recordChecks ??= import('./lab-records').catch((error: unknown) => {
    recordChecks = undefined;
    throw error;
  });
  return recordChecks;
}
