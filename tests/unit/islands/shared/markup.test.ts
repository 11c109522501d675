import { describe, expect, test } from 'vitest';
import { h, toHtml } from '../../../../src/islands/shared/markup';

describe('markup printed as HTML', () => {
  test('escapes text and attribute values, so note text cannot inject markup', () => {
    const html = toHtml(h('span', { title: '"><script>' }, '<img src=x onerror=alert(1)> & more'));
    expect(html).toBe('<span title="&quot;&gt;&lt;script&gt;">&lt;img src=x onerror=alert(1)&gt; &amp; more</span>');
  });

  test('prints empty attributes as boolean ones, void elements without a closing tag, and leaves out false children', () => {
    expect(toHtml(h('p', { hidden: '', id: undefined }, false, h('input', { type: 'text' }), null))).toBe('<p hidden><input type="text"></p>');
  });
});
