/**
 * The page side of saving: one small status next to the control the learner used. It says in
 * words when a save fails (through a live region, so screen readers hear it too), and offers a
 * Retry button once the automatic attempts are spent; the queue behind it (save-with-retry.ts)
 * keeps every unsaved write in memory. Plain DOM, no Dexie: quizzes on lesson pages load it up
 * front, inside their JavaScript budget.
 */
import { createSaveQueue, type PendingWrite, type SaveQueueOptions, type SaveState } from './save-with-retry';

export type { PendingWrite, SaveState };

export interface SaveStatusOptions extends Pick<SaveQueueOptions, 'delays' | 'wait' | 'onFailure'> {
  /** Called when everything that had failed is stored (site pages take the storage notice down). */
  onRecovered?: () => void;
  /** An existing live region to speak through (the control's own status line); otherwise one is made. */
  text?: HTMLElement;
  /** The Retry button's text. */
  retryLabel?: string;
  doc?: Document;
}

export interface SaveStatus {
  /** The message (unless `text` was given) and its Retry button: place it next to the control. */
  readonly element: HTMLElement;
  /** See SaveQueue.save. */
  save<T>(entry: PendingWrite<T>): Promise<boolean>;
  /** How many writes are not stored yet. */
  readonly pending: number;
  readonly state: SaveState;
}

let statusCount = 0;

export function createSaveStatus(options: SaveStatusOptions = {}): SaveStatus {
  const doc = options.doc ?? document;
  const element = doc.createElement('div');
  element.className = 'save-status';
  let text = options.text;
  const ownText = !text;
  if (!text) {
    text = doc.createElement('p');
    text.className = 'save-status-text';
    // A live region must exist before its text changes for the change to be announced, so it is
    // created with the control, empty, not when the first failure comes.
    text.setAttribute('role', 'status');
    element.append(text);
  }
  statusCount += 1;
  text.id ||= `save-status-${statusCount}`;
  const retry = doc.createElement('button');
  retry.type = 'button';
  retry.className = 'button save-status-retry';
  retry.textContent = options.retryLabel ?? 'Retry';
  retry.setAttribute('aria-describedby', text.id);
  retry.hidden = true;
  element.append(retry);

  const spoken = text;
  const queue = createSaveQueue({
    ...(options.delays ? { delays: options.delays } : {}),
    ...(options.wait ? { wait: options.wait } : {}),
    ...(options.onFailure ? { onFailure: options.onFailure } : {}),
    onChange: (state, message) => {
      element.dataset.saveState = state;
      if (message !== null) spoken.textContent = message;
      else if (state === 'idle' && ownText) spoken.textContent = '';
      retry.hidden = state !== 'failed';
      if (state === 'saved') options.onRecovered?.();
    },
  });
  element.dataset.saveState = 'idle';
  retry.addEventListener('click', () => void queue.retry());

  return {
    element,
    save: (entry) => queue.save(entry),
    get pending() {
      return queue.pending;
    },
    get state() {
      return queue.state;
    },
  };
}
