/**
 * Lab progress on pages outside the lab (the home page, the lab index): reads scenario progress
 * from IndexedDB and fills the badges. Plain DOM, no React, and the home page loads it lazily.
 */
import { labDatabase } from '../../storage/lab-db';
import { listLabProgress } from '../../storage/lab-progress';
import { getOpenScenario } from '../../storage/lab-sessions';

/** Fills `[data-lab-progress=<slug>]` badges and the `[data-lab-summary]` / `[data-lab-continue]` lines. */
export async function showLabProgress(root: ParentNode): Promise<void> {
  let records: Awaited<ReturnType<typeof listLabProgress>> = [];
  let open: string | null = null;
  try {
    const db = labDatabase();
    records = await listLabProgress(db);
    open = await getOpenScenario(db);
  } catch {
    return;
  }
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
