/** Splits a command line into words as a POSIX shell would: quotes and backslashes. */

/** Words of a line, or why the line cannot be split. */
export type TokenizeResult = { readonly ok: true; readonly words: readonly string[]; readonly trailingSpace: boolean } | { readonly ok: false; readonly message: string };

/** Splits `line` into words; `'…'` is literal, `"…"` honours `\"` and `\\`, `\` escapes one character. */
export function tokenize(line: string): TokenizeResult {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const char = line.charAt(i);
    if (char === ' ' || char === '\t' || char === '\n') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      i += 1;
      continue;
    }
    inWord = true;
    if (char === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, message: "unexpected EOF while looking for matching `''" };
      current += line.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (char === '"') {
      let j = i + 1;
      let closed = false;
      while (j < line.length) {
        const c = line.charAt(j);
        if (c === '\\' && (line.charAt(j + 1) === '"' || line.charAt(j + 1) === '\\')) {
          current += line.charAt(j + 1);
          j += 2;
          continue;
        }
        if (c === '"') {
          closed = true;
          break;
        }
        current += c;
        j += 1;
      }
      if (!closed) return { ok: false, message: 'unexpected EOF while looking for matching `"\'' };
      i = j + 1;
      continue;
    }
    if (char === '\\' && i + 1 < line.length) {
      current += line.charAt(i + 1);
      i += 2;
      continue;
    }
    current += char;
    i += 1;
  }
  if (inWord) words.push(current);
  const last = line.charAt(line.length - 1);
  return { ok: true, words, trailingSpace: last === ' ' || last === '\t' };
}
