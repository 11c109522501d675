/**
 * Delivery of xAPI statements from an embed (quiz and lab embeds): each statement goes to the host
 * page, and to the instructor's LRS when the iframe URL names one (xapi-reporter.ts options).
 */
import { type XapiStatement, uuid } from '../../packaging/xapi';
import type { XapiOptions } from './xapi-reporter';

/** An anonymous id for this browser (quiz and lab embeds share it), so one learner's statements group together. */
export function browserLearner(): string {
  try {
    const stored = localStorage.getItem('ami-lab-xapi-learner');
    if (stored) return stored;
    const id = uuid();
    localStorage.setItem('ami-lab-xapi-learner', id);
    return id;
  } catch {
    return uuid();
  }
}

interface DeliveryInput {
  lrs: XapiOptions['lrs'];
  /** Hands each statement to the host page (postMessage). */
  post: (statement: XapiStatement) => void;
  /** Called once when the LRS refuses or cannot be reached after retries. */
  onLrsFailure: (message: string) => void;
}

const RETRIES = [500, 2000, 5000];

/** Returns `send(statements)`, which settles once the LRS has them (or has failed for good). */
export function createLrsDelivery(input: DeliveryInput): (statements: XapiStatement[]) => Promise<void> {
  // One request at a time, in order: an LRS stores statements in the order it receives them.
  let queue: Promise<void> = Promise.resolve();
  let failed = false;
  return (statements) => {
    for (const s of statements) input.post(s);
    const lrs = input.lrs;
    if (!lrs) return Promise.resolve();
    queue = queue.then(async () => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          const response = await fetch(`${lrs.endpoint}statements`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', Authorization: lrs.auth },
            body: JSON.stringify(statements),
          });
          if (response.ok) return;
          if (response.status < 500 || attempt >= RETRIES.length) throw new Error(`The LRS answered ${response.status}.`);
        } catch (error) {
          if (attempt >= RETRIES.length || (error instanceof Error && error.message.startsWith('The LRS answered'))) {
            if (!failed) input.onLrsFailure(error instanceof Error ? error.message : 'The LRS could not be reached.');
            failed = true;
            return;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, RETRIES[attempt]));
      }
    });
    return queue;
  };
}
