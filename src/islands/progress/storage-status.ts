/**
 * "Storage in this browser": whether progress is being kept, whether the browser promised to keep
 * it under storage pressure (navigator.storage.persist()), and how much space it uses.
 */
import { persistenceStatus, requestPersistence, storageEstimate, type PersistenceStatus } from '../../storage/storage-health';

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

const PERSISTENCE_TEXT: Record<PersistenceStatus, string> = {
  persisted: 'Kept for good: the browser has agreed not to clear your progress when space runs low.',
  'best-effort': 'Best effort: the browser has not agreed to keep your progress for good, and may clear it when space runs low. Export it now and then as a backup.',
  unsupported: 'This browser does not say whether it will keep your progress. Export it now and then as a backup.',
};

export async function showStorageStatus(root: HTMLElement, storageWorks: () => boolean): Promise<void> {
  const persistence = root.querySelector<HTMLElement>('[data-persistence]');
  const ask = root.querySelector<HTMLButtonElement>('[data-persist]');
  const usage = root.querySelector<HTMLElement>('[data-usage]');
  if (!persistence || !ask || !usage) return;
  const show = (status: PersistenceStatus) => {
    persistence.dataset.persistence = status;
    persistence.textContent = storageWorks() ? PERSISTENCE_TEXT[status] : 'Not kept: this browser is not letting AMI Lab store data here, so nothing from this visit will be kept.';
    ask.hidden = status !== 'best-effort' || !storageWorks();
  };
  ask.addEventListener('click', async () => {
    ask.disabled = true;
    const status = await requestPersistence();
    show(status);
    ask.disabled = false;
    if (status !== 'persisted') persistence.textContent += ' The browser said no for now; it may agree once you use the site more.';
  });
  // Asking is what the learner came here for; Chromium answers without a prompt, Firefox asks them.
  let status = await persistenceStatus();
  if (status === 'best-effort') status = await requestPersistence();
  show(status);
  const estimate = await storageEstimate();
  usage.textContent = estimate && storageWorks() ? `AMI Lab uses about ${size(estimate.usage)} here (the browser allows up to ${size(estimate.quota)}).` : '';
}
