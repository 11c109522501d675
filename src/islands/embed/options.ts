/**
 * Embed options from the iframe URL: `theme=light|dark`, `shuffle=1`, `explanations=0`,
 * `ids=q-a,q-b` (a chosen set of questions), `origin=https://host.example` (the host page's
 * origin, when the instructor wants to pin it). Unknown or malformed values fall back to the
 * defaults, so a typo in a snippet never breaks the quiz.
 */
export interface EmbedOptions {
  theme: 'light' | 'dark' | null;
  shuffle: boolean;
  explanations: boolean;
  ids: string[] | null;
  origin: string | null;
}

const YES = new Set(['1', 'true', 'yes', 'on']);
const NO = new Set(['0', 'false', 'no', 'off', 'hide']);

export function parseEmbedOptions(search: string): EmbedOptions {
  const params = new URLSearchParams(search);
  const theme = params.get('theme');
  const ids = (params.get('ids') ?? '')
    .split(',')
    .map((s) => s.trim().replace(/^\^/, ''))
    .filter((s) => /^[A-Za-z0-9-]+$/.test(s));
  let origin: string | null = null;
  try {
    const raw = params.get('origin');
    if (raw) origin = new URL(raw).origin;
  } catch {
    origin = null;
  }
  return {
    theme: theme === 'light' || theme === 'dark' ? theme : null,
    shuffle: YES.has((params.get('shuffle') ?? '').toLowerCase()),
    explanations: !NO.has((params.get('explanations') ?? '').toLowerCase()) && !YES.has((params.get('hide-explanations') ?? '').toLowerCase()),
    ids: ids.length > 0 ? ids : null,
    origin: origin && origin !== 'null' ? origin : null,
  };
}
