/**
 * Which lesson an embed address names: `<base>embed/lesson/<lesson>/`, where `<lesson>` is the
 * lesson's slug (one or more `/`-separated segments, as in `<base>notes/<lesson>/`). Pure, for the
 * lesson embed page (embed-lesson.ts), which is one file published under every lesson's address.
 */
export interface EmbeddedLesson {
  /** The slug as the lessons store it (quiz ids are `lesson:<slug>`). */
  slug: string;
  /** The lesson page's address. */
  lessonUrl: string;
}

/** `undefined` for the bare `embed/lesson/` address or one that cannot be a lesson's. */
export function lessonFromEmbedPath(pathname: string, base: string): EmbeddedLesson | undefined {
  const prefix = `${base}embed/lesson/`;
  if (!pathname.startsWith(prefix)) return undefined;
  const segments = pathname
    .slice(prefix.length)
    .replace(/(^|\/)index\.html$/, '')
    .split('/')
    .filter((segment) => segment !== '');
  if (segments.length === 0) return undefined;
  let decoded: string[];
  try {
    decoded = segments.map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
  // A slug is letters, digits, dashes and `_` (see content-pipeline/slug.ts): nothing else can name a lesson.
  if (decoded.some((segment) => !/^[\p{L}\p{N}_-]+$/u.test(segment))) return undefined;
  const slug = decoded.join('/');
  return { slug, lessonUrl: `${base}notes/${decoded.map(encodeURIComponent).join('/')}/` };
}
