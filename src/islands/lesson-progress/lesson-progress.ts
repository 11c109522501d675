/**
 * The lesson page's progress control: records the visit and toggles "done", through storage.
 * Plain DOM rather than React: it is one button, and the page's whole JavaScript budget is a few KB.
 *
 * The button follows storage live, so a lesson marked done in another tab shows done here too
 * (and the next press un-marks it rather than marking it again). Without storage the button still
 * works for this visit, and the page says that progress is not being saved.
 */
import { watchQuery } from '../../storage/live';
import { database } from '../../storage/db';
import { getLessonProgress, recordLessonOpened, setLessonDone } from '../../storage/lesson-progress';
import { showStorageNotice } from '../storage-notice/storage-notice';

function render(button: HTMLButtonElement, status: HTMLElement, done: boolean, saved: boolean): void {
  button.setAttribute('aria-pressed', String(done));
  button.textContent = done ? 'Done ✓' : 'Mark as done';
  status.textContent = !saved ? 'Not saved: this browser is not keeping progress.' : done ? 'Saved in this browser. Press again to mark it not done.' : '';
}

export async function startLessonProgress(root: HTMLElement): Promise<void> {
  const slug = root.dataset.slug;
  const button = root.querySelector<HTMLButtonElement>('button');
  const status = root.querySelector<HTMLElement>('[role="status"]');
  if (!slug || !button || !status) return;
  const db = database();
  let done = false;
  let saved = true;
  try {
    await recordLessonOpened(db, slug, Date.now());
    done = Boolean((await getLessonProgress(db, slug))?.doneAt);
  } catch (error) {
    saved = false;
    showStorageNotice(error);
  }
  const toggle = async () => {
    done = !done;
    render(button, status, done, saved);
    if (!saved) return;
    try {
      done = Boolean((await setLessonDone(db, slug, done, Date.now())).doneAt);
      render(button, status, done, saved);
    } catch (error) {
      // Storage failed now (e.g. the disk filled up): the page keeps the learner's choice.
      saved = false;
      render(button, status, done, saved);
      showStorageNotice(error);
    }
  };
  render(button, status, done, saved);
  root.dataset.ready = 'true';
  button.addEventListener('click', () => void toggle());
  if (saved) {
    watchQuery(
      () => getLessonProgress(db, slug),
      (record) => {
        const now = Boolean(record?.doneAt);
        if (now !== done) {
          done = now;
          render(button, status, done, saved);
        }
      },
    );
  }
  // A click that arrived while storage was still opening is applied now, not lost.
  if (root.dataset.pendingToggle === 'true') {
    delete root.dataset.pendingToggle;
    await toggle();
  }
}
