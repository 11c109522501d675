/**
 * Which tab owns a lab slot, negotiated between tabs. A tab that opens the slot says so on a
 * BroadcastChannel; the owner saves what it has not saved and lets go; then the new tab reads the
 * world. With the Web Locks API the slot is an exclusive lock, so the new tab waits exactly until
 * the owner has let go (and takes the lock by force if the owner does not answer, e.g. a frozen
 * background tab). Without it, the new tab waits briefly for the owner's "released".
 *
 * This only orders the tabs: the stored revision (storage/lab-sessions.ts) is what guarantees an
 * older world never replaces a newer one, even if this negotiation races or times out.
 */
import { LAB_CHANNEL, type LabTabMessage } from '../../storage/lab-sessions';

/** How long a new tab waits for the owner to hand over before taking the slot anyway. */
const HANDOVER_TIMEOUT_MS = 3000;
/** Without Web Locks nothing says whether an owner exists, so the wait for one is short. */
const FALLBACK_WAIT_MS = 250;

export interface SlotOwnership {
  /** Resolves once this tab owns the slot (the previous owner has handed over, or did not answer). */
  acquire(): Promise<void>;
  /** Lets another tab have the slot (after this tab has saved). */
  release(): void;
  /** Stops listening (the island is gone). */
  close(): void;
}

/** Ownership of `slot` for the tab `tabId`; `onRequested` runs when another tab wants the slot. */
export function createSlotOwnership(slot: string, tabId: string, onRequested: () => void): SlotOwnership {
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(LAB_CHANNEL);
  const locks = typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null;
  const lockName = `ami-lab-slot:${slot}`;
  let owned = false;
  let releaseLock: (() => void) | null = null;
  let onReleased: (() => void) | null = null;

  const post = (type: LabTabMessage['type']) => channel?.postMessage({ type, slot, tabId } satisfies LabTabMessage);

  const lost = () => {
    if (!owned) return;
    owned = false;
    onRequested();
  };

  if (channel !== null) {
    channel.onmessage = (event: MessageEvent<LabTabMessage>) => {
      const message = event.data;
      if (message?.slot !== slot || message.tabId === tabId) return;
      if (message.type === 'claiming') lost();
      else if (message.type === 'released') onReleased?.();
    };
  }

  let generation = 0;
  /** Holds the lock until `release`; rejects if the request is aborted, reports if it is stolen. */
  const holdLock = (options: LockOptions) =>
    new Promise<void>((granted, refused) => {
      if (locks === null) return;
      const mine = ++generation;
      let held = false;
      locks
        .request(lockName, options, () => {
          held = true;
          owned = true;
          granted();
          return new Promise<void>((resolve) => {
            releaseLock = resolve;
          });
        })
        .catch((error: unknown) => {
          // Before the grant: the wait timed out. After: another tab stole the lock (unless this
          // tab has asked for it again since, which is not a loss).
          if (!held) refused(error);
          else if (mine === generation) {
            releaseLock = null;
            lost();
          }
        });
    });

  return {
    async acquire() {
      post('claiming');
      // Still holding it (e.g. opening again after a failed attempt): nothing to wait for.
      if (releaseLock !== null) {
        owned = true;
        return;
      }
      if (locks !== null) {
        try {
          await holdLock({ mode: 'exclusive', signal: AbortSignal.timeout(HANDOVER_TIMEOUT_MS) });
        } catch {
          await holdLock({ mode: 'exclusive', steal: true });
        }
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, FALLBACK_WAIT_MS);
        onReleased = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      onReleased = null;
      owned = true;
    },
    release() {
      owned = false;
      releaseLock?.();
      releaseLock = null;
      post('released');
    },
    close() {
      releaseLock?.();
      channel?.close();
    },
  };
}
