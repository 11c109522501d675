/**
 * Export, import and "delete all my data" on the progress page. The rules live in storage
 * (progress-file.ts, progress-merge.ts, progress-transfer.ts); this wires them to the page and
 * says, in words, what happened.
 */
import type { AmiLabDatabase } from '../../storage/db';
import { openEmbedDatabase } from '../../storage/embed-attempts';
import type { LabDatabase } from '../../storage/lab-db';
import { buildProgressFile, parseProgressFile, progressFileName } from '../../storage/progress-file';
import { describeMerge } from '../../storage/progress-merge';
import { deleteAllProgress, importProgress, readProgress } from '../../storage/progress-transfer';
import { showStorageNotice } from '../storage-notice/storage-notice';
import { el } from './dom';

/** Larger than any real progress file by far; a bigger file is not ours and would stall the tab. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

export function startTransferControls(root: HTMLElement, db: AmiLabDatabase, labDb: LabDatabase, storageWorks: () => boolean): void {
  const exportButton = root.querySelector<HTMLButtonElement>('[data-export]');
  const importForm = root.querySelector<HTMLFormElement>('[data-import-form]');
  const fileInput = root.querySelector<HTMLInputElement>('[data-import-file]');
  const deleteButton = root.querySelector<HTMLButtonElement>('[data-delete-all]');
  const dialog = root.querySelector<HTMLDialogElement>('[data-delete-dialog]');
  const result = root.querySelector<HTMLElement>('[data-transfer-result]');
  if (!exportButton || !importForm || !fileInput || !deleteButton || !dialog || !result) return;

  const say = (kind: 'ok' | 'error', heading: string, lines: readonly string[] = []) => {
    result.dataset.result = kind;
    result.replaceChildren(el('p', {}, el('strong', { text: heading })), ...(lines.length > 0 ? [el('ul', {}, ...lines.map((line) => el('li', { text: line })))] : []));
  };
  const unavailable = (error: unknown) => {
    showStorageNotice(error);
    say('error', 'This browser is not keeping data for AMI Lab, so there is nothing to export, import into or delete here.');
  };

  exportButton.addEventListener('click', async () => {
    if (!storageWorks()) return unavailable(new Error('unavailable'));
    try {
      const now = new Date();
      const data = await readProgress(db, labDb);
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
    } catch (error) {
      unavailable(error);
    }
  });

  importForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = fileInput.files?.[0];
    if (!file) {
      say('error', 'Choose a progress file first.');
      fileInput.focus();
      return;
    }
    if (!storageWorks()) return unavailable(new Error('unavailable'));
    if (file.size > MAX_FILE_BYTES) {
      say('error', 'This file is far too large to be an AMI Lab progress file. Nothing was changed.');
      return;
    }
    const parsed = parseProgressFile(await file.text());
    if (!parsed.ok) {
      say('error', parsed.error.message);
      return;
    }
    const imported = await importProgress(db, labDb, parsed.file);
    if (!imported.ok) {
      say('error', imported.message, imported.report ? describeMerge(imported.report) : []);
      return;
    }
    say('ok', `Imported ${file.name} (exported ${new Date(parsed.file.exportedAt).toLocaleString()}).`, describeMerge(imported.report));
    importForm.reset();
  });

  deleteButton.addEventListener('click', () => dialog.showModal());
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'delete') return;
    dialog.returnValue = '';
    if (!storageWorks()) return unavailable(new Error('unavailable'));
    try {
      await deleteAllProgress(db, labDb, openEmbedDatabase());
      say('ok', 'All your progress in this browser was deleted.', ['Lessons, quiz answers, review cards, exam results, lab worlds and lab progress are gone. Import a progress file to bring them back.']);
    } catch (error) {
      say('error', 'Deleting failed; some data may remain. Try again.');
      showStorageNotice(error);
    }
    deleteButton.focus();
  });
}
