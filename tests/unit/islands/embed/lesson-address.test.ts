import { describe, expect, test } from 'vitest';
import { lessonFromEmbedPath } from '../../../../src/islands/embed/lesson-address';

describe('the lesson an embed address names', () => {
  test('a lesson in the root, or in folders, with or without a trailing slash or index.html', () => {
    expect(lessonFromEmbedPath('/embed/lesson/amazon-machine-images-ami/', '/')).toEqual({ slug: 'amazon-machine-images-ami', lessonUrl: '/notes/amazon-machine-images-ami/' });
    expect(lessonFromEmbedPath('/embed/lesson/2-compute/ec2-topic-7', '/')).toEqual({ slug: '2-compute/ec2-topic-7', lessonUrl: '/notes/2-compute/ec2-topic-7/' });
    expect(lessonFromEmbedPath('/embed/lesson/ami/index.html', '/')?.slug).toBe('ami');
  });

  test('under a site base', () => {
    expect(lessonFromEmbedPath('/study/embed/lesson/ami/', '/study/')).toEqual({ slug: 'ami', lessonUrl: '/study/notes/ami/' });
    expect(lessonFromEmbedPath('/embed/lesson/ami/', '/study/')).toBeUndefined();
  });

  test('a slug in any script, as the browser encodes it, is decoded for the quiz id and encoded again for the lesson page', () => {
    const path = `/embed/lesson/${encodeURIComponent('übersicht')}/${encodeURIComponent('検索')}/`;
    expect(lessonFromEmbedPath(path, '/')).toEqual({ slug: 'übersicht/検索', lessonUrl: `/notes/${encodeURIComponent('übersicht')}/${encodeURIComponent('検索')}/` });
  });

  test('the bare embed address, and addresses no slug can have, name no lesson', () => {
    for (const path of [
      '/embed/lesson/',
      '/embed/lesson',
      '/embed/lesson/index.html',
      '/embed/lesson/%E0%A4%A/',
      '/embed/lesson/../secret/',
      '/embed/lesson/a%2F..%2Fb/',
      '/embed/lesson/a.b/',
      '/embed/tag/ami/',
    ]) {
      expect(lessonFromEmbedPath(path, '/'), path).toBeUndefined();
    }
  });
});
