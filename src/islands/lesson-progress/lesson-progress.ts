/**
 * The lesson page's progress control: records the visit and toggles "done", through storage.
 * Plain DOM rather than React: it is one button, and the page's whole JavaScript budget is a few KB.
 */
import { database } from '../../storage/db';
import { getLessonProgress, recordLessonOpened, setLessonDone } from '../../storage/lesson-progress';

function render(button: HTMLButtonElement, status: HTMLElement, done: boolean): void {
  button.setAttribute('aria-pressed', String(done));
  button.textContent = done ? 'Done ✓' : 'Mark as done';
  status.textContent = done ? 'Saved in this browser. Press again to mark it not done.' : '';
}

export async function startLessonProgress(root: HTMLElement): Promise<void> {
  const slug = root.dataset.slug;
  const button = root.querySelector<HTMLButtonElement>('button');
  const status = root.querySelector<HTMLElement>('[role="status"]');
  if (!slug || !button || !status) return;
  const db = database();
  let done = false;
  try {
    await recordLessonOpened(db, slug, Date.now());
    done = Boolean((await getLessonProgress(db, slug))?.doneAt);
  } catch {
    status.textContent = 'Progress cannot be saved in this browser (storage is unavailable).';
    button.disabled = true;
    return;
  }
  const toggle = async () => {
    try {
      done = Boolean((await setLessonDone(db, slug, !done, Date.now())).doneAt);
      render(button, status, done);
    } catch {
      status.textContent = 'Could not save: storage is unavailable.';
    }
  };
  render(button, status, done);
  root.dataset.ready = 'true';
  button.addEventListener('click', () => void toggle());
  // A click that arrived while storage was still opening is applied now, not lost.
  if (root.dataset.pendingToggle === 'true') {
    delete root.dataset.pendingToggle;
    await toggle();
  }
}
