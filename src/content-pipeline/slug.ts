/**
 * URL slugs for notes, tags and attachments. Letters of every script are kept (a vault may be in
 * any language); everything else becomes a single dash.
 */
export function slugifySegment(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Slugifies each `/`-separated segment; a segment with no letters or digits becomes `_`. */
export function slugifyPath(path: string): string {
  return path
    .split('/')
    .map((segment) => slugifySegment(segment) || '_')
    .join('/');
}
