import { describe, expect, test } from 'vitest';
import { buildVault, NoteBuildError } from '../../../src/content-pipeline/build-lessons';
import { stripComments } from '../../../src/content-pipeline/obsidian/comments';
import { parseWikilink } from '../../../src/content-pipeline/obsidian/wikilinks';
import { FIXTURES, renderNote } from './helpers';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('callouts', () => {
  test('a callout type is matched case-insensitively and keeps its custom title', () => {
    const { lesson } = renderNote('>[!Warning] On the Exam\n> - fact\n');
    expect(lesson.html).toContain('data-callout="warning"');
    expect(lesson.html).toContain('<span class="callout-title-text">On the Exam</span>');
  });

  test('"On the Exam" callouts are marked as exam facts', () => {
    const { lesson } = renderNote('> [!tip] On the exam\n> - fact\n\n> [!tip] Not exam\n> text\n');
    expect(lesson.html.match(/callout-exam/g)).toHaveLength(1);
    expect(lesson.examCallouts).toBe(1);
  });

  test.each([
    ['summary', 'abstract'],
    ['tldr', 'abstract'],
    ['hint', 'tip'],
    ['important', 'tip'],
    ['check', 'success'],
    ['done', 'success'],
    ['help', 'question'],
    ['faq', 'question'],
    ['caution', 'warning'],
    ['attention', 'warning'],
    ['fail', 'failure'],
    ['missing', 'failure'],
    ['error', 'danger'],
    ['cite', 'quote'],
    ['bug', 'bug'],
    ['todo', 'todo'],
  ])('the alias [!%s] is styled as %s', (alias, style) => {
    expect(renderNote(`> [!${alias}]\n> body\n`).lesson.html).toContain(`data-callout="${style}"`);
  });

  test('a callout with no title shows its type as the title', () => {
    expect(renderNote('> [!faq]\n> body\n').lesson.html).toContain('<span class="callout-title-text">Faq</span>');
  });

  test('"-" folds a callout closed and "+" open, as <details> that work without JavaScript', () => {
    const folded = renderNote('> [!tip]- Closed\n> hidden\n').lesson.html;
    expect(folded).toMatch(/<details class="callout"[^>]*>\s*<summary class="callout-title">/);
    expect(folded).not.toMatch(/<details[^>]* open/);
    expect(renderNote('> [!tip]+ Open\n> shown\n').lesson.html).toMatch(/<details[^>]* open>/);
  });

  test('callouts nest', () => {
    const html = renderNote('> [!question] Outer\n>\n> > [!todo] Inner\n> > text\n').lesson.html;
    expect(html).toMatch(/data-callout="question"[\s\S]*callout-content[\s\S]*data-callout="todo"/);
  });

  test('an unknown type is styled as a note but keeps its name', () => {
    const html = renderNote('> [!my-thing] Custom\n> body\n').lesson.html;
    expect(html).toContain('data-callout="note"');
    expect(html).toContain('data-callout-type="my-thing"');
  });

  test('a plain quote stays a quote', () => {
    expect(renderNote('> Just a quote\n').lesson.html).toContain('<blockquote>');
  });
});

describe('wikilinks', () => {
  const others = { 'Target.md': '# Target\n\n## Second part\n\nA paragraph. ^para-1\n', 'Folder/Deep.md': 'deep' };

  test('parses target, heading, block, display text and embed size', () => {
    expect(parseWikilink('Note#Heading|shown', false)).toMatchObject({ target: 'Note', fragment: { kind: 'heading', text: 'Heading' }, display: 'shown' });
    expect(parseWikilink('Note#^abc', false)).toMatchObject({ fragment: { kind: 'block', id: 'abc' } });
    expect(parseWikilink('img.png|alt text|100x200', true)).toMatchObject({ display: 'alt text', width: 100, height: 200 });
    expect(parseWikilink('img.png|300', true)).toMatchObject({ display: undefined, width: 300, height: undefined });
  });

  test('[[Note]], [[Note|alias]], [[Note#Heading]] and [[Note#^block]] link to the lesson', () => {
    const html = renderNote('[[Target]] [[target|shown]] [[Target#Second part]] [[Target#^para-1]] [[Folder/Deep]]', others).lesson.html;
    expect(html).toContain('<a href="/notes/target/" class="internal-link">Target</a>');
    expect(html).toContain('<a href="/notes/target/" class="internal-link">shown</a>');
    expect(html).toContain('href="/notes/target/#second-part"');
    expect(html).toContain('href="/notes/target/#%5Epara-1"');
    expect(html).toContain('href="/notes/folder/deep/"');
  });

  test('[[#Heading]] links within the same note', () => {
    expect(renderNote('[[#Later]]\n\n## Later\n').lesson.html).toContain('<a href="#later" class="internal-link">Later</a>');
  });

  test('an escaped pipe inside a table keeps the alias', () => {
    const html = renderNote('| a | b |\n| - | - |\n| x | [[Target\\|the target]] |\n', others).lesson.html;
    expect(html).toContain('<td><a href="/notes/target/" class="internal-link">the target</a></td>');
  });

  test('an unresolved link is visibly unresolved text, never a link, and is reported with a suggestion', () => {
    const { lesson, build } = renderNote('See [[Targt]].\n', others);
    expect(lesson.html).toContain('<span class="unresolved-link"');
    expect(lesson.html).not.toContain('href="/notes/targt');
    expect(build.warnings).toEqual([expect.objectContaining({ kind: 'unresolved-link', file: 'Note.md', line: 1, target: 'Targt', suggestion: 'Target' })]);
  });

  test('a link to a missing heading still links to the note and is reported', () => {
    const { lesson, build } = renderNote('\n[[Target#Secnd part]]\n', others);
    expect(lesson.html).toContain('href="/notes/target/"');
    expect(build.warnings[0]).toMatchObject({ kind: 'missing-heading', line: 2, suggestion: 'Second part' });
  });

  test('Markdown links to notes resolve like wikilinks', () => {
    expect(renderNote('[go](Target.md) [deep](Folder/Deep.md#x) [web](https://aws.amazon.com)', others).lesson.html).toMatch(
      /href="\/notes\/target\/"[\s\S]*href="\/notes\/folder\/deep\/"[\s\S]*href="https:\/\/aws.amazon.com"/,
    );
  });

  test('links and backlinks are recorded between notes', () => {
    const { build } = renderNote('[[Target]]', others);
    expect(build.lessons.find((l) => l.name === 'Target')?.linkedFrom).toEqual(['Note.md']);
  });

  test('wikilinks inside code are left alone', () => {
    expect(renderNote('`[[Target]]`', others).lesson.html).toContain('<code>[[Target]]</code>');
  });
});

describe('embeds', () => {
  test('an image is found anywhere in the vault and sized with |width or |WxH', () => {
    const { lesson, build } = renderNote('![[shot.png|300]]\n\n![[shot.png|100x145]]\n', { 'assets/deep/shot.png': png });
    expect(lesson.html).toContain('<img src="/attachments/assets/deep/shot.png" alt="shot" loading="lazy" decoding="async" width="300">');
    expect(lesson.html).toContain('width="100" height="145"');
    expect(build.attachments).toEqual([{ path: 'assets/deep/shot.png', url: '/attachments/assets/deep/shot.png' }]);
  });

  test('a missing embed renders a visible placeholder naming the file and is reported', () => {
    const { lesson, build } = renderNote('![[Pasted image 20230213161943.png]]');
    expect(lesson.html).toContain('Missing image: Pasted image 20230213161943.png');
    expect(build.warnings).toEqual([expect.objectContaining({ kind: 'missing-embed', target: 'Pasted image 20230213161943.png' })]);
  });

  test('![[Note]] and ![[Note#Heading]] transclude the other note', () => {
    const html = renderNote('![[Other]]\n\n![[Other#Part]]\n', { 'Other.md': 'Intro.\n\n## Part\n\nPart text.\n\n## Next\n\nNot this.\n' }).lesson.html;
    expect(html.match(/class="transclusion"/g)).toHaveLength(2);
    const section = html.slice(html.lastIndexOf('class="transclusion"'));
    expect(section).toContain('Part text.');
    expect(section).not.toContain('Not this.');
  });

  test('embed loops stop with a visible notice instead of recursing', () => {
    const { build } = renderNote('![[Other]]', { 'Other.md': '![[Note]]' });
    const other = build.lessons.find((l) => l.name === 'Other');
    expect(other?.html).toContain('Embed loop');
    expect(build.warnings.map((w) => w.kind)).toContain('embed-loop');
  });
});

describe('text features', () => {
  test('==highlights== become <mark>, also around other formatting', () => {
    const html = renderNote('a ==b== c ==**d** e== f').lesson.html;
    expect(html).toContain('<mark class="highlight">b</mark>');
    expect(html).toContain('<mark class="highlight"><strong>d</strong> e</mark>');
  });

  test('%%comments%% are removed, inline and across lines, but not inside code', () => {
    const html = renderNote('keep %%drop%% this\n\n%%\nblock\ncomment\n%%\n\n`%%code%%`\n').lesson.html;
    expect(html).toContain('keep  this');
    expect(html).not.toMatch(/drop|block|comment<\/p>/);
    expect(html).toContain('<code>%%code%%</code>');
    expect(stripComments('a\n%%x\ny%%\nb').split('\n')).toHaveLength(4);
  });

  test('inline tags link to tag pages and are collected with frontmatter tags', () => {
    const { lesson } = renderNote('---\ntags: [aws/ec2]\n---\nText #exam/domain-1 and #AWS/ec2 but not #2024 or a#b.\n');
    expect(lesson.tags).toEqual(['aws/ec2', 'exam/domain-1']);
    expect(lesson.html).toContain('<a href="/tags/exam/domain-1/" class="tag">#exam/domain-1</a>');
    expect(lesson.html).toContain('#2024');
    expect(lesson.html).not.toContain('href="/tags/2024/"');
  });

  test('frontmatter gives title, aliases and tags; a single string works too', () => {
    const { lesson } = renderNote('---\ntitle: Custom Title\naliases: One alias, Two\ntags: a b\n---\nBody');
    expect(lesson).toMatchObject({ title: 'Custom Title', aliases: ['One alias', 'Two'], tags: ['a', 'b'] });
  });

  test('single newlines are line breaks, as in Obsidian, unless strict line breaks are on', () => {
    expect(renderNote('one\ntwo').lesson.html).toContain('one<br>');
    expect(renderNote('one\ntwo', {}, { strictLineBreaks: true }).lesson.html).not.toContain('<br>');
  });

  test('every line ending a note may use is a break: Windows (CRLF), old Mac (CR), in emphasis, lists, headings and callouts', () => {
    const { lesson } = renderNote('crlf one\r\ncrlf two\r\n\r\nmac one\rmac two\r\r*em one\nem two*\n\n- item one\n  item two\n\n> [!note] Title\n> callout one\n> callout two\n');
    expect(lesson.html).toMatch(/crlf one<br>\s*crlf two/);
    expect(lesson.html).toMatch(/mac one<br>\s*mac two/);
    expect(lesson.html).toMatch(/<em>em one<br>\s*em two<\/em>/);
    expect(lesson.html).toMatch(/item one<br>\s*item two/);
    expect(lesson.html).toMatch(/callout one<br>\s*callout two/);
  });

  test('$$ math renders; single dollars stay prices', () => {
    const { lesson } = renderNote('Costs $0.05 per GB and $0.10 per hour.\n\n$$\nx^2\n$$\n');
    expect(lesson.html).toContain('$0.05 per GB and $0.10 per hour');
    expect(lesson.html).toContain('class="katex-display"');
    expect(lesson.hasMath).toBe(true);
  });

  test('mermaid code blocks are kept as diagrams to draw in the browser', () => {
    const { lesson } = renderNote('```mermaid\ngraph TD; A-->B\n```\n');
    expect(lesson.html).toContain('<pre class="mermaid">graph TD; A-->B</pre>');
    expect(lesson.hasMermaid).toBe(true);
  });

  test('tab-indented lists nest, also inside a callout', () => {
    const html = renderNote('> [!note] T\n> - a\n> \t- b\n\n1. one\n\t1. sub\n').lesson.html;
    expect(html).toMatch(/<li>a\s*<ul>\s*<li>b<\/li>/);
    expect(html).toMatch(/<li>one\s*<ol>\s*<li>sub<\/li>/);
  });

  test('a block id is removed from the text and becomes the element id', () => {
    const html = renderNote('A fact. ^fact-1\n\n- item\n\n^list-1\n').lesson.html;
    expect(html).toContain('<p id="^fact-1">A fact.</p>');
    expect(html).toContain('<ul id="^list-1">');
  });

  test('publish: false keeps a note off the site', () => {
    const { build } = renderNote('hi', { 'Private.md': "---\npublish: 'false'\n---\nsecret" });
    expect(build.lessons.map((l) => l.name)).toEqual(['Note']);
  });
});

describe('notes that cannot be built', () => {
  test('broken YAML stops the build with the file and line, not a stack trace', () => {
    expect(() => buildVault({ vaultDir: `${FIXTURES}broken` })).toThrow(NoteBuildError);
    try {
      buildVault({ vaultDir: `${FIXTURES}broken` });
    } catch (error) {
      expect((error as NoteBuildError).problems).toEqual([expect.objectContaining({ kind: 'invalid-frontmatter', file: 'Bad properties.md', line: 2 })]);
      expect((error as Error).message).toMatch(/^Bad properties\.md:2 {2}Invalid YAML/);
    }
  });

  test('a property of the wrong type is named', () => {
    expect(() => renderNote('---\ntitle: 42\n---\nx')).toThrow(/Note\.md:2 {2}Property "title"/);
  });
});
