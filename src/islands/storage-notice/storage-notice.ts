/**
 * The notice that progress will not be kept, shown where storage first fails (lesson, quiz,
 * review, exam, home, progress page). Plain DOM and no Dexie: it is loaded with the code that
 * touched storage, so pages that never touch storage never pay for it.
 */
import { classifyStorageFailure } from '../../storage/storage-health';
import { siteBase as base } from '../../base-url';

/** Shows (once per page) that this browser is not keeping progress, and why in plain words. */
export function showStorageNotice(error: unknown, doc: Document = document): void {
  if (doc.querySelector('[data-storage-notice]')) return;
  const full = classifyStorageFailure(error) === 'full';
  const notice = doc.createElement('div');
  notice.className = 'storage-notice';
  notice.dataset.storageNotice = full ? 'full' : 'unavailable';
  notice.setAttribute('role', 'status');
  const strong = doc.createElement('strong');
  strong.textContent = 'Your progress is not being saved. ';
  const why = doc.createTextNode(
    full
      ? 'This browser’s storage is full. You can keep studying, but what you do now will be lost when you close the page. Free some space, or export your progress to a file. '
      : 'This browser is not letting AMI Lab store data here (private browsing, or storage turned off for this site). You can keep studying, but what you do now will be lost when you close the page. ',
  );
  const link = doc.createElement('a');
  link.href = `${base}progress/`;
  link.textContent = 'About your progress';
  notice.append(strong, why, link);
  (doc.querySelector('main') ?? doc.body).prepend(notice);
}

/**
 * Takes the notice down once a save has gone through after all (the learner pressed Retry once the
 * browser allowed storage, or a full disk had room again): it must not go on saying that nothing
 * is kept. A later failure shows it again.
 */
export function withdrawStorageNotice(doc: Document = document): void {
  doc.querySelector('[data-storage-notice]')?.remove();
}
