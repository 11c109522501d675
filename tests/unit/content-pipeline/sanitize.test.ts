/**
 * No script from a note, ever: hostile notes are rendered through the real pipeline and the HTML
 * is parsed back (as a browser would) to look for anything that could run; the Obsidian features
 * the allowlist must keep are checked on the same output.
 */
import type { Element, Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import { visit } from 'unist-util-visit';
import { describe, expect, test } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { isOwnPdf } from '../../../src/content-pipeline/sanitize';
import { FIXTURES, renderNote } from './helpers';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** The HTML as a browser parses it (the same parser, parse5, that browsers' behaviour is specified by). */
function parse(html: string): Root {
  return rehypeRaw()({ type: 'root', children: [{ type: 'raw', value: html }] }, undefined as never) as Root;
}

function elements(html: string): Element[] {
  const found: Element[] = [];
  visit(parse(html), 'element', (node: Element) => {
    found.push(node);
  });
  return found;
}

const SCRIPT_URL = /^\s*(javascript|vbscript|data\s*:\s*text\/html)/i;
const URL_PROPERTIES = ['href', 'src', 'data', 'action', 'formAction', 'srcDoc', 'xLinkHref', 'poster', 'cite', 'background'];

/** Everything in the HTML that could run a script, described for the failure message. */
function runnable(html: string): string[] {
  const problems: string[] = [];
  for (const node of elements(html)) {
    if (['script', 'base', 'meta', 'form', 'style', 'template'].includes(node.tagName)) problems.push(`<${node.tagName}>`);
    if (['iframe', 'object', 'embed'].includes(node.tagName)) {
      const url = String(node.properties.src ?? node.properties.data ?? '');
      if (!isOwnPdf(url, '/attachments/')) problems.push(`<${node.tagName} ${url}>`);
    }
    for (const [key, value] of Object.entries(node.properties)) {
      if (/^on/i.test(key)) problems.push(`<${node.tagName} ${key}>`);
      if (key === 'srcDoc') problems.push(`<${node.tagName} srcdoc>`);
      if (URL_PROPERTIES.includes(key) && SCRIPT_URL.test(String(value))) problems.push(`<${node.tagName} ${key}="${String(value)}">`);
    }
  }
  return problems;
}

describe('the hostile fixture vault (a script in every place a note holds text)', () => {
  const build = buildVault({ vaultDir: `${FIXTURES}hostile` });
  const hostile = build.lessons.find((l) => l.slug === 'hostile-note');
  const target = build.lessons.find((l) => l.slug === 'target-note');

  test('builds, and no lesson holds a script, an event handler, a script URL or a foreign frame', () => {
    expect(hostile).toBeDefined();
    expect(target).toBeDefined();
    for (const lesson of build.lessons) expect(runnable(lesson.html), lesson.path).toEqual([]);
  });

  test('no inline style from the note survives (a note cannot restyle or cover the page)', () => {
    const styled: string[] = [];
    visit(parse(hostile?.html ?? ''), 'element', (node: Element) => {
      // KaTeX's own output positions glyphs with style attributes (it runs after the sanitizer).
      if (String(node.properties.className ?? '').includes('katex')) return 'skip';
      if (node.properties.style !== undefined) styled.push(`<${node.tagName} style="${String(node.properties.style)}">`);
      return undefined;
    });
    expect(styled).toEqual([]);
  });

  test('the text around each payload is still shown, including after an unclosed <script>', () => {
    const html = hostile?.html ?? '';
    for (const marker of [
      'SAFE-AFTER-TAG',
      'SAFE-AFTER-OPEN-SCRIPT',
      'CALLOUT-BODY',
      'FOLDED-BODY',
      'TABLE-CELL',
      'FOOTNOTE-TEXT',
      'RAW-DETAILS-BODY',
      'OBJECT-FALLBACK',
      'TARGET-BODY',
      'PLAIN-ALIAS',
    ]) {
      expect(html, marker).toContain(marker);
    }
  });

  test('code shows its script as text, to read, not to run', () => {
    expect(hostile?.html).toContain('<code class="language-html">&#x3C;script>window.__pwned=\'code-block\'&#x3C;/script>');
    expect(hostile?.html).toContain('<code>&#x3C;img src=x onerror="window.__pwned=\'inline-code\'"></code>');
  });

  test('KaTeX refuses \\href and \\url to javascript: (shown as errors, not links)', () => {
    const math = elements(hostile?.html ?? '').filter((e) => e.tagName === 'a');
    expect(math.some((a) => String(a.properties.href ?? '').includes('math-'))).toBe(false);
    expect(hostile?.html).toContain('<span class="katex-display">');
  });

  test('a Mermaid block stays its source, as text, for the strict-mode renderer in the browser', () => {
    expect(hostile?.html).toMatch(/<pre class="mermaid">[^<]*graph TD\n {2}A\["&#x3C;img src=x onerror=/);
  });

  test('property values stay plain text in the lesson data: tags are cut to Obsidian tag characters', () => {
    expect(hostile?.title).toBe(`Hostile <img src=x onerror="window.__pwned='title'"> </title><script>window.__pwned='title-script'</script>`);
    expect(hostile?.tags).toEqual(['hostile', 'security', 'payloadtag', 'opentag']);
  });

  test("an attached HTML page is never published (it would run on the site's address): links show its name", () => {
    expect(build.attachments.map((a) => a.path)).not.toContain('attachments/page.html');
    expect(build.attachments.map((a) => a.path)).toContain('attachments/diagram.png');
    expect(hostile?.html).not.toContain('/attachments/attachments/page.html');
    expect(hostile?.html).toContain('title="Not published: a file a browser would run as a page">attachments/page.html</span>');
  });

  test('authored question text keeps the payload as words (pages print it escaped), never as markup', () => {
    const question = hostile?.questions.find((q) => q.id === 'q-hostile-choice');
    expect(question?.stem).toContain('<img src=x onerror=');
  });
});

describe('Obsidian features survive the allowlist', () => {
  const note = [
    '# Features',
    '',
    '> [!warning] On the Exam',
    '> - a fact',
    '',
    '> [!tip]- Folded',
    '> hidden',
    '',
    '| a | b |',
    '| :-- | --: |',
    '| 1 | 2 |',
    '',
    '- [x] done',
    '- [ ] to do',
    '',
    '$$x^2$$',
    '',
    '```mermaid',
    'graph TD; A-->B',
    '```',
    '',
    '![[pic.png|100x50]] ![[sound.mp3]] ![[clip.mp4]] ![[doc.pdf]]',
    '',
    'A claim.[^1] ==marked== [[Other]] [[Missing note]] #aws/ec2',
    '',
    'A block ^block-1',
    '',
    '[^1]: The source.',
  ].join('\n');
  const { lesson } = renderNote(note, { 'Other.md': 'other', 'pic.png': png, 'sound.mp3': 'x', 'clip.mp4': 'x', 'doc.pdf': '%PDF-1.4' });
  const html = lesson.html;

  test('callouts keep their classes and data attributes, foldable ones their <details>/<summary>', () => {
    expect(html).toContain('<div class="callout callout-exam" data-callout="warning" data-callout-type="warning">');
    expect(html).toContain('<span class="callout-icon" aria-hidden="true"></span>');
    expect(html).toMatch(/<details class="callout" data-callout="tip" data-callout-type="tip">\s*<summary class="callout-title">/);
  });

  test('tables keep their alignment, task lists their disabled checkboxes', () => {
    expect(html).toContain('<th align="left">a</th>');
    expect(html).toContain('<td align="right">2</td>');
    expect(html).toContain('<li class="task-list-item"><input type="checkbox" checked disabled> done</li>');
  });

  test('math is typeset by KaTeX and a diagram is a <pre class="mermaid">', () => {
    expect(html).toContain('<span class="katex">');
    expect(html).toContain('<pre class="mermaid">graph TD; A-->B</pre>');
  });

  test('images keep width and height; audio, video and PDF embeds keep their own sources', () => {
    expect(html).toMatch(/<img src="\/attachments\/pic\.png" alt="pic" loading="lazy" decoding="async" width="100" height="50">/);
    expect(html).toContain('<audio src="/attachments/sound.mp3" controls preload="metadata"');
    expect(html).toContain('<video src="/attachments/clip.mp4" controls preload="metadata"');
    expect(html).toContain('<iframe class="pdf-embed" src="/attachments/doc.pdf" title="doc.pdf" loading="lazy" width="100%" height="600"></iframe>');
  });

  test('footnotes, highlights, internal, unresolved and tag links, heading and block ids are kept', () => {
    expect(html).toContain('data-footnote-ref');
    expect(html).toMatch(/<section data-footnotes(="")? class="footnotes">/);
    expect(html).toContain('<mark class="highlight">marked</mark>');
    expect(html).toContain('<a href="/notes/other/" class="internal-link">Other</a>');
    expect(html).toContain('data-unresolved="true"');
    expect(html).toContain('<a href="/tags/aws/ec2/" class="tag">#aws/ec2</a>');
    expect(html).toContain('<h1 id="features">Features</h1>');
    expect(html).toContain('<p id="^block-1">A block</p>');
  });
});

describe('raw HTML in notes', () => {
  test('formatting Obsidian renders is kept: <u>, <sub>, <sup>, <kbd>, <br>, <details>', () => {
    const { lesson } = renderNote('<u>u</u> H<sub>2</sub>O x<sup>2</sup> <kbd>Ctrl</kbd> a<br>b\n\n<details><summary>More</summary>Body</details>\n');
    expect(lesson.html).toContain('<u>u</u> H<sub>2</sub>O x<sup>2</sup> <kbd>Ctrl</kbd> a<br>b');
    expect(lesson.html).toContain('<details><summary>More</summary>Body</details>');
  });

  test('event handlers, style attributes and script URLs are removed, the element and its text kept', () => {
    const { lesson } = renderNote('<span style="position:fixed" onclick="x()">kept</span> <a href="javascript:x()">link text</a>\n');
    expect(lesson.html).toContain('<p><span>kept</span> <a>link text</a></p>');
  });

  test('a URL scheme in capitals still links (schemes are case-insensitive); JavaScript: in any case does not', () => {
    const { lesson } = renderNote(
      '[docs](HTTPS://docs.aws.amazon.com/ec2/) and HTTP://EXAMPLE.COM/A and <a href="Mailto:a@example.com">mail</a>\n\n[x](JavaScript:alert(1)) <a href="JAVASCRIPT:x()">y</a>\n',
    );
    expect(lesson.html).toContain('<a href="https://docs.aws.amazon.com/ec2/">docs</a>');
    expect(lesson.html).toContain('<a href="http://EXAMPLE.COM/A">HTTP://EXAMPLE.COM/A</a>');
    expect(lesson.html).toContain('<a href="mailto:a@example.com">mail</a>');
    expect(lesson.html).toContain('<a>x</a> <a>y</a>');
    expect(runnable(lesson.html)).toEqual([]);
  });

  test('a frame onto another site becomes a link to it; javascript: and data: frames disappear', () => {
    const { lesson } = renderNote('<iframe src="https://example.org/"></iframe>\n\n<iframe src="javascript:x()"></iframe>\n\n<object data="data:text/html,x">fallback</object>\n');
    expect(lesson.html).toContain('<a href="https://example.org/">Embedded page: https://example.org/</a>');
    expect(runnable(lesson.html)).toEqual([]);
    expect(lesson.html).toContain('fallback');
  });

  test('#tag<script> is the tag "tag"; an unclosed <script> does not swallow the rest of the note', () => {
    const { lesson } = renderNote('Before #tag<script>\n\nAfter <u>this</u>.\n');
    expect(lesson.tags).toEqual(['tag']);
    expect(lesson.html).toBe('<p>Before <a href="/tags/tag/" class="tag">#tag</a></p>\n<p>After <u>this</u>.</p>');
  });

  test('a summary is words only: raw HTML in the first paragraph does not reach lists and meta tags', () => {
    const { lesson } = renderNote('Intro <img src=x onerror="x()"> text <b>bold</b>.\n');
    expect(lesson.description).toBe('Intro text bold.');
  });
});

describe('own PDF frames', () => {
  test.each([
    ['/attachments/doc.pdf', true],
    ['/attachments/sub/doc.PDF', true],
    ['/attachments/doc.pdf#page=3', true],
    ['/attachments/doc.pdf#page=3&x=javascript:', false],
    ['/attachments/page.html#page=3', false],
    ['/attachments/../secret.pdf', false],
    ['/attachments//evil.example/doc.pdf', false],
    ['/attachments/page.html', false],
    ['https://evil.example/attachments/doc.pdf', false],
    ['javascript:x()//.pdf', false],
  ])("%s is one of this site's PDFs: %s", (url, expected) => {
    expect(isOwnPdf(url, '/attachments/')).toBe(expected);
  });
});
