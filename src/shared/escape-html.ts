/**
 * Text and attribute values escaped for HTML, so that text from a note or a learner is shown as
 * text and never read as markup. One rule for the islands' markup (islands/shared/markup.ts) and
 * the pages the build hands to the search index (content-pipeline/search-pages.ts; plain Node loads
 * this file there, stripping its types).
 */
export function escapeText(text: string): string {
  // Most text holds none of the three: one scan then, where there were three replacements (the
  // quizzes of the 2,000-note benchmark vault print about 230,000 texts and attribute values).
  if (!TEXT_SPECIAL.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  return escapeText(value).replace(/"/g, '&quot;');
}

const TEXT_SPECIAL = /[&<>]/;
const ATTRIBUTE_SPECIAL = /[&<>"]/;
