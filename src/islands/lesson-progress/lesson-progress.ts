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

function render(button: HTMLButtonElement, status: HTMLElement, done: boolean, saved: boolean, saving = false): void {
  button.setAttribute('aria-pressed', String(done));
  button.textContent = done ? 'Done ✓' : 'Mark as done';
  status.textContent = !saved
    ? 'Not saved: this browser is not keeping progress.'
    : saving
      ? 'Saving…'
      : done
        ? 'Saved in this browser. Press again to mark it not done.'
        : '';
}

export async function startLessonProgress(root: HTMLElement): Promise<void> {
  const slug = root.dataset.slug;
  const button = root.querySelector<HTMLButtonElement>('button');
  const status = root.querySelector<HTMLElement>('[role="status"]');
  if (!slug || !button || !status) return;
  const db = database();
  let done = false;
  let saved = true;
  // Writes in flight: the button shows the learner's choice at once, and the live query (which
  // may still see the record from before the write) must not flip it back meanwhile.
  let writing = 0;
  try {
    await recordLessonOpened(db, slug, Date.now());
    done = Boolean((await getLessonProgress(db, slug))?.doneAt);
  } catch (error) {
    saved = false;
    showStorageNotice(error);
  }
  const toggle = async () => {
    done = !done;
    render(button, status, done, saved, saved);
    if (!saved) return;
    writing += 1;
    try {
      done = Boolean((await setLessonDone(db, slug, done, Date.now())).doneAt);
      writing -= 1;
      render(button, status, done, saved, writing > 0);
    } catch (error) {
      // Storage failed now (e.g. the disk filled up): the page keeps the learner's choice.
      writing -= 1;
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
        if (writing > 0) return;
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
