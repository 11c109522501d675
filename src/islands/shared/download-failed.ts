/**
 * A part of the site (the lab's views, a quiz's code) that could not be downloaded, by how many
 * tries in a row have failed. Some browsers keep a failed module download until the page is
 * reloaded (Chromium up to 150, Firefox and Safari as of 2026; whatwg/html#10327), so that every
 * retry fails at once: from the second failure on, the words point to the reload.
 */
export function suggestsReload(failures: number): boolean {
  return failures >= 2;
}

/**
 * The lab's words for such a part. Inside a running lab a reload is safe only once its world is
 * saved, which the lab's save status says ("All changes saved"); before the lab has run
 * (`nothingToLose`), it always is.
 */
export function downloadFailedText(what: string, failures: number, { nothingToLose = false } = {}): string {
  if (!suggestsReload(failures)) return `${what} could not be downloaded (are you offline?). Check your connection and retry.`;
  const when = nothingToLose ? 'If your connection is back, reload the page' : 'If your connection is back and the lab says “All changes saved”, reload the page';
  return `${what} still could not be downloaded. ${when}: some browsers try a failed download again only then.`;
}
