/**
 * Lab progress on pages outside the lab (the home page, the lab index): reads scenario progress
 * from IndexedDB and fills the badges. Plain DOM, no React.
 *
 * It reads with storage/read-only.ts, as the home page's study progress does, not with Dexie: the
 * home page's whole budget is 15 KB, and Dexie alone is about 30 KB gzip. Reading two stores once
 * for counts needs none of what Dexie brings (schema upgrades, transactions that write, live
 * queries); the records are checked with isLabProgressRecord, the same test as the lab's own schema.
 * Nothing here writes, and the read never creates the lab's database.
 */
import { isLabProgressRecord, LAB_DATABASE, readStores } from '../../storage/read-only';

/** The setting that names the scenario open last (storage/lab-sessions.ts `setOpenScenario`). */
const OPEN_SCENARIO = 'open-scenario';

/** Fills `[data-lab-progress=<slug>]` badges and the `[data-lab-summary]` / `[data-lab-continue]` lines. */
export async function showLabProgress(root: ParentNode): Promise<void> {
  let rows: Record<'progress' | 'settings', unknown[]> | null;
  try {
    rows = await readStores(LAB_DATABASE, ['progress', 'settings']);
  } catch {
    // Storage refused: the badges keep "Not started"; the lab itself says what is wrong.
    return;
  }
  const records = (rows?.progress ?? []).filter(isLabProgressRecord);
  const setting = (rows?.settings ?? []).find((row) => typeof row === 'object' && row !== null && (row as { key?: unknown }).key === OPEN_SCENARIO) as
    | { value?: unknown }
    | undefined;
  const open = typeof setting?.value === 'string' ? setting.value : null;
  const bySlug = new Map(records.map((record) => [record.slug, record]));
  let completed = 0;
  const badges = root.querySelectorAll<HTMLElement>('[data-lab-progress]');
  for (const badge of badges) {
    const record = bySlug.get(badge.dataset.labProgress ?? '');
    const total = Number(badge.dataset.goals ?? '0');
    if (record === undefined) continue;
    const met = Object.keys(record.goalsMet).length;
    if (record.completedAt !== null) {
      completed += 1;
      badge.textContent = 'Completed';
      badge.dataset.state = 'completed';
    } else {
      badge.textContent = `${met} of ${total} goals`;
      badge.dataset.state = 'started';
    }
  }
  const summary = root.querySelector<HTMLElement>('[data-lab-summary]');
  if (summary !== null) {
    summary.textContent =
      records.length === 0
        ? 'No lab scenario started yet.'
        : `${completed} of ${badges.length} lab scenarios completed, ${records.length - completed} in progress or not finished.`;
  }
  const continueLine = root.querySelector<HTMLElement>('[data-lab-continue]');
  const openBadge = open === null ? null : root.querySelector<HTMLElement>(`[data-lab-progress="${CSS.escape(open)}"]`);
  const openLink = openBadge?.parentElement?.querySelector('a');
  if (continueLine !== null && openLink != null) {
    continueLine.textContent = 'Continue where you left off: ';
    const link = document.createElement('a');
    link.href = openLink.href;
    link.textContent = openLink.textContent ?? '';
    continueLine.append(link);
    continueLine.hidden = false;
  }
}
