/**
 * Obsidian comments `%%...%%` (inline or spanning several lines) are author-only text: removed
 * before parsing, so they never reach the page, the search index or a generated question.
 *
 * This runs on the source rather than the syntax tree because a comment may span several blocks,
 * which no single tree node can hold. Comment text is dropped but its newlines are kept, so every
 * later line number still points at the right line (blanking to spaces instead could turn the
 * rest of a line into an indented code block). Code (fenced and inline) is left alone.
 */
export function stripComments(source: string): string {
  if (!source.includes('%%')) return source;
  const out: string[] = [];
  let i = 0;
  let inComment = false;
  let fence: string | null = null;
  let atLineStart = true;
  while (i < source.length) {
    if (atLineStart && !inComment) {
      const lineEnd = source.indexOf('\n', i);
      const line = source.slice(i, lineEnd === -1 ? source.length : lineEnd);
      const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fenceMatch?.[1]) {
        const marker = fenceMatch[1];
        if (fence === null) fence = marker;
        else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
      }
      if (fence !== null || fenceMatch) {
        out.push(line);
        if (lineEnd === -1) break;
        out.push('\n');
        i = lineEnd + 1;
        continue;
      }
    }
    const ch = source[i] as string;
    if (!inComment && ch === '`') {
      // Inline code: copy through to the matching run of backticks, if there is one on the page.
      let run = 1;
      while (source[i + run] === '`') run += 1;
      const ticks = '`'.repeat(run);
      const close = source.indexOf(ticks, i + run);
      if (close !== -1) {
        const code = source.slice(i, close + run);
        out.push(code);
        atLineStart = code.endsWith('\n');
        i = close + run;
        continue;
      }
    }
    if (ch === '%' && source[i + 1] === '%') {
      inComment = !inComment;
      i += 2;
      atLineStart = false;
      continue;
    }
    if (ch === '\n') {
      out.push('\n');
      atLineStart = true;
    } else {
      if (!inComment) out.push(ch);
      atLineStart = false;
    }
    i += 1;
  }
  return out.join('');
}
