import { describe, expect, it } from 'vitest';
import { downloadFailedText } from '../../../../src/islands/shared/download-failed';

describe('downloadFailedText', () => {
  it('asks for a retry after a first failure', () => {
    expect(downloadFailedText('The details panel', 1)).toBe('The details panel could not be downloaded (are you offline?). Check your connection and retry.');
  });

  it('points to a reload once the lab is saved after a second failure, since some browsers retry only then', () => {
    const text = downloadFailedText('The details panel', 2);
    expect(text).toBe(
      'The details panel still could not be downloaded. If your connection is back and the lab says “All changes saved”, reload the page: some browsers try a failed download again only then.',
    );
    expect(downloadFailedText('The details panel', 5)).toBe(text);
  });

  it('points to the reload without a condition where nothing has run yet', () => {
    expect(downloadFailedText('The lab', 2, { nothingToLose: true })).toBe(
      'The lab still could not be downloaded. If your connection is back, reload the page: some browsers try a failed download again only then.',
    );
  });
});
