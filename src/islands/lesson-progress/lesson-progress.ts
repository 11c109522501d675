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
import { showStorageNotice, withdrawStorageNotice } from '../storage-notice/storage-notice';
import { createSaveStatus } from '../shared/save-status';

function render(button: HTMLButtonElement, done: boolean): void {
  button.setAttribute('aria-pressed', String(done));
  button.textContent = done ? 'Done ✓' : 'Mark as done';
}

export async function startLessonProgress(root: HTMLElement): Promise<void> {
  const slug = root.dataset.slug;
  const button = root.querySelector<HTMLButtonElement>('button');
  const status = root.querySelector<HTMLElement>('[role="status"]');
  if (!slug || !button || !status) return;
  let done = false;
  let watching = false;
  // The save status speaks through the control's own status line and adds a Retry button beside
  // it; the learner's choice stays on the button until it is stored.
  const saves = createSaveStatus({ text: status, retryLabel: 'Retry saving', onFailure: showStorageNotice, onRecovered: withdrawStorageNotice });
  status.after(saves.element);
  const savedText = (isDone: boolean) => {
    status.textContent = isDone ? 'Saved in this browser. Press again to mark it not done.' : '';
  };
  const watch = () => {
    if (watching) return;
    watching = true;
    watchQuery(
      () => getLessonProgress(database(), slug),
      (record) => {
        // Writes not stored yet: the button shows the learner's choice, and the live query (which
        // still sees the record from before the write) must not flip it back meanwhile.
        if (saves.pending > 0) return;
        const now = Boolean(record?.doneAt);
        if (now !== done) {
          done = now;
          render(button, done);
          savedText(done);
        }
      },
      // The button keeps working from memory; the notice says that progress is not kept.
      showStorageNotice,
    );
  };
  // Reading the saved state comes first and on its own: a visit that cannot be recorded (a full
  // disk) must not hide that the lesson is already done.
  let readOk = false;
  try {
    done = Boolean((await getLessonProgress(database(), slug))?.doneAt);
    readOk = true;
    watch();
  } catch (error) {
    showStorageNotice(error);
    status.textContent = 'Not saved: this browser is not keeping progress.';
  }
  const openedAt = Date.now();
  void saves.save({ what: 'This visit', key: 'opened', write: () => recordLessonOpened(database(), slug, openedAt), onSaved: watch });
  const toggle = async () => {
    done = !done;
    render(button, done);
    const choice = done;
    const at = Date.now();
    if (saves.state === 'idle' || saves.state === 'saved') status.textContent = 'Saving…';
    await saves.save({
      what: choice ? '“Done”' : '“Not done”',
      key: 'done',
      write: () => setLessonDone(database(), slug, choice, at),
      onSaved: (record) => {
        watch();
        if (saves.pending === 0) savedText(Boolean(record.doneAt));
      },
    });
  };
  render(button, done);
  if (readOk && saves.state === 'idle') savedText(done);
  root.dataset.ready = 'true';
  button.addEventListener('click', () => void toggle());
  // A click that arrived while storage was still opening is applied now, not lost.
  if (root.dataset.pendingToggle === 'true') {
    delete root.dataset.pendingToggle;
    await toggle();
  }
}
