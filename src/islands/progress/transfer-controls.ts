/**
 * Export, import and "delete all my data" on the progress page. The rules live in storage
 * (progress-file.ts, progress-merge.ts, progress-transfer.ts); this wires them to the page and
 * says, in words, what happened.
 */
import { reopenIfFailed, type AmiLabDatabase } from '../../storage/db';
import { openEmbedDatabase } from '../../storage/embed-attempts';
import type { LabDatabase } from '../../storage/lab-db';
import { buildProgressFile, parseProgressFile, progressFileName, type ProgressFile } from '../../storage/progress-file';
import { describeMerge } from '../../storage/progress-merge';
import { deleteAllProgress, importProgress, readProgress, type ImportResult } from '../../storage/progress-transfer';
import { classifyStorageFailure } from '../../storage/storage-health';
import { showStorageNotice } from '../storage-notice/storage-notice';
import { failureReason, saveWithRetry } from '../shared/save-with-retry';
import { el } from './dom';

/** Larger than any real progress file by far; a bigger file is not ours and would stall the tab. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** A failed import as an error, so the retry helper can sort it (classifyStorageFailure reads `inner`). */
class ImportFailed extends Error {
  readonly inner: unknown;
  constructor(readonly result: Extract<ImportResult, { ok: false }>) {
    super(result.message);
    this.name = 'ImportFailed';
    this.inner = result.cause;
  }
}

/**
 * Wires export, import and delete. Each runs against storage even when the page found storage
 * refused at load: the browser may allow it again, and a failure is said with a Retry either way.
 * `storageWorks` is called after any of them succeeds, so the page can show what is stored.
 */
export function startTransferControls(root: HTMLElement, db: AmiLabDatabase, labDb: LabDatabase, storageWorks: () => void): void {
  const exportButton = root.querySelector<HTMLButtonElement>('[data-export]');
  const importForm = root.querySelector<HTMLFormElement>('[data-import-form]');
  const fileInput = root.querySelector<HTMLInputElement>('[data-import-file]');
  const deleteButton = root.querySelector<HTMLButtonElement>('[data-delete-all]');
  const dialog = root.querySelector<HTMLDialogElement>('[data-delete-dialog]');
  const result = root.querySelector<HTMLElement>('[data-transfer-result]');
  if (!exportButton || !importForm || !fileInput || !deleteButton || !dialog || !result) return;

  // One Retry button under the result, for whichever of the three failed last.
  const retry = el('button', { type: 'button', class: 'button save-status-retry', 'data-transfer-retry': '' });
  retry.hidden = true;
  result.after(retry);
  let retryAction: (() => void) | null = null;
  retry.addEventListener('click', () => retryAction?.());
  const offerRetry = (label: string, action: (() => void) | null) => {
    retryAction = action;
    retry.textContent = label;
    retry.hidden = action === null;
  };

  const say = (kind: 'ok' | 'error' | 'working', heading: string, lines: readonly string[] = []) => {
    result.dataset.result = kind;
    result.replaceChildren(el('p', {}, el('strong', { text: heading })), ...(lines.length > 0 ? [el('ul', {}, ...lines.map((line) => el('li', { text: line })))] : []));
  };
  // Both connections may have failed to open at load; let them try again on every action.
  const databases = () => ({ study: reopenIfFailed(db), lab: reopenIfFailed(labDb) });

  const runExport = async () => {
    offerRetry('', null);
    try {
      const now = new Date();
      const { study, lab } = databases();
      const data = await readProgress(study, lab);
      const file = buildProgressFile(data, now);
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 1)], { type: 'application/json' }));
      const link = el('a', { href: url, download: progressFileName(now) });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      say('ok', `Exported to ${progressFileName(now)}.`, [
        `${data.study.lessonProgress.length} lessons, ${data.study.quizAttempts.length} quiz answers, ${data.study.reviewCards.length} review cards, ${data.study.examResults.length} exam results, ${data.lab.scenarioProgress.length} lab scenarios.`,
        'Import this file on this page in another browser to carry your progress there.',
      ]);
      storageWorks();
    } catch (error) {
      showStorageNotice(error);
      const failure = classifyStorageFailure(error);
      say(
        'error',
        failure === 'unavailable' ? 'This browser is not keeping data for AMI Lab, so there is nothing to export here.' : `The export failed: ${failureReason(failure)}.`,
      );
      offerRetry('Retry export', () => void runExport());
    }
  };

  /** Imports a parsed file, retrying on its own; the file stays in memory until it is in. */
  const runImport = async (name: string, file: ProgressFile) => {
    offerRetry('', null);
    say('working', `Importing ${name}…`);
    const outcome = await saveWithRetry(
      async () => {
        const { study, lab } = databases();
        const imported = await importProgress(study, lab, file);
        if (!imported.ok) throw new ImportFailed(imported);
        return imported.report;
      },
      {
        onAttemptFailed: ({ error, retryInMs }) => {
          showStorageNotice(error);
          const failed = error instanceof ImportFailed ? error.result : null;
          const lines = failed?.report ? describeMerge(failed.report) : [];
          const next = retryInMs === null ? 'The file is kept on this page: press Retry import to try again.' : `Trying again in ${Math.round(retryInMs / 1000)} s…`;
          say('error', `${failed?.message ?? `The import failed: ${failureReason(classifyStorageFailure(error))}.`} ${next}`, lines);
        },
      },
    );
    if (!outcome.ok) {
      offerRetry('Retry import', () => void runImport(name, file));
      return;
    }
    say('ok', `Imported ${name} (exported ${new Date(file.exportedAt).toLocaleString()}).`, describeMerge(outcome.value));
    importForm.reset();
    storageWorks();
  };

  const runDelete = async () => {
    offerRetry('', null);
    try {
      const { study, lab } = databases();
      await deleteAllProgress(study, lab, reopenIfFailed(embedDb()));
      say('ok', 'All your progress in this browser was deleted.', [
        'Lessons, quiz answers, review cards, exam results, lab worlds and lab progress are gone. Import a progress file to bring them back.',
      ]);
      storageWorks();
    } catch (error) {
      showStorageNotice(error);
      say('error', `Deleting failed (${failureReason(classifyStorageFailure(error))}); some data may remain.`);
      offerRetry('Retry delete', () => void runDelete());
    }
    deleteButton.focus();
  };
  let embed: ReturnType<typeof openEmbedDatabase> | undefined;
  const embedDb = () => (embed ??= openEmbedDatabase());

  exportButton.addEventListener('click', () => void runExport());

  importForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = fileInput.files?.[0];
    if (!file) {
      say('error', 'Choose a progress file first.');
      fileInput.focus();
      return;
    }
    offerRetry('', null);
    if (file.size > MAX_FILE_BYTES) {
      say('error', 'This file is far too large to be an AMI Lab progress file. Nothing was changed.');
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      // The file was moved or deleted after it was chosen: choosing it again is the fix.
      say('error', 'The file could not be read. Choose it again. Nothing was changed.');
      return;
    }
    const parsed = parseProgressFile(text);
    if (!parsed.ok) {
      say('error', parsed.error.message);
      return;
    }
    await runImport(file.name, parsed.file);
  });

  deleteButton.addEventListener('click', () => dialog.showModal());
  dialog.addEventListener('close', () => {
    if (dialog.returnValue !== 'delete') return;
    dialog.returnValue = '';
    void runDelete();
  });
}
