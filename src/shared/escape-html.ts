/**
 * Text and attribute values escaped for HTML, so that text from a note or a learner is shown as
 * text and never read as markup. One rule for the islands' markup (islands/shared/markup.ts) and
 * the pages the build hands to the search index (content-pipeline/search-pages.ts; plain Node loads
 * this file there, stripping its types).
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}
