/**
 * The embed's channel to the page that frames it (quiz, lab and assignment embeds): messages go to the host
 * page's origin only, never to `*`.
 *
 * The host origin comes from, in order: the `origin=` URL option (pinned by the instructor), the
 * referrer (browsers send the framing page's origin by default), or the origin of the first
 * `hello` message from the parent window (sent by resizer.js). Until it is known, messages wait
 * in a queue: a learner's answers are never broadcast to whatever page happens to frame the embed.
 */
import { parseEmbedOptions } from './options';
import { hostMessageSchema, type EmbedMessage, type EmbedMessageBody } from './messages';

export interface HostChannel {
  /** Queues a message (in the `{ source: 'ami-lab', version: 1, quizId }` envelope) for the host. */
  post(body: EmbedMessageBody): void;
  /** Posts the page height when it changed (or always, when forced). */
  sendHeight(force?: boolean): void;
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** Opens the channel; when the page is not framed, nothing is ever posted. */
export function createHostChannel({ quizId, framed }: { quizId: string; framed: boolean }): HostChannel {
  const pinned = parseEmbedOptions(location.search).origin;
  let host: string | null = pinned ?? (document.referrer ? originOf(document.referrer) : null);
  const queue: EmbedMessage[] = [];

  const flush = () => {
    if (!host || !framed) return;
    for (const message of queue.splice(0)) window.parent.postMessage(message, host);
  };
  const post = (body: EmbedMessageBody) => {
    if (!framed) return;
    queue.push({ source: 'ami-lab', version: 1, quizId, ...body } as EmbedMessage);
    flush();
  };

  let lastHeight = 0;
  const sendHeight = (force = false) => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (!force && height === lastHeight) return;
    lastHeight = height;
    // Only the latest height matters: drop queued resizes so a late host gets one, not fifty.
    for (let i = queue.length - 1; i >= 0; i -= 1) if (queue[i]?.type === 'resize') queue.splice(i, 1);
    post({ type: 'resize', height });
  };

  if (framed) {
    window.addEventListener('message', (event: MessageEvent) => {
      if (event.source !== window.parent || !hostMessageSchema.safeParse(event.data).success) return;
      if (pinned && event.origin !== pinned) return;
      host ??= event.origin;
      if (event.origin !== host) return;
      flush();
      sendHeight(true);
    });
  }

  return { post, sendHeight };
}
