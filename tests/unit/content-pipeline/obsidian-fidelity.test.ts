import { describe, expect, test, vi } from 'vitest';
import { buildVault } from '../../../src/content-pipeline/build-lessons';
import { renderNote, writeVault } from './helpers';

const inlineMath = /<span class="katex">/g;

describe('inline math follows Obsidian (Pandoc) rule', () => {
  test.each([
    ['$\\to$', 1],
    ['from $a$ to $b$', 2],
    ['$O(n^2)$ time', 1],
    ['the set $\\{x \\mid x > 0\\}$.', 1],
    ['TeX dollar $\\$5$ inside', 1],
  ])('%s is math', (markdown, count) => {
    const { lesson } = renderNote(`${markdown}\n`);
    expect(lesson.html.match(inlineMath)).toHaveLength(count);
    expect(lesson.hasMath).toBe(true);
  });

  test.each([
    '$0.05 per GB and $0.10 per request',
    'costs $5, or $10 with support',
    'between $20,000 and $30,000 a year',
    'a lone $ sign',
    '$ 5 and 6 $',
    'open $a $ with a space before the closing one',
  ])('%s stays text', (markdown) => {
    const { lesson } = renderNote(`${markdown}\n`);
    expect(lesson.html).not.toMatch(inlineMath);
    expect(lesson.html).toContain('$');
    expect(lesson.hasMath).toBe(false);
  });

  test('a closing $ followed by a digit does not close the math', () => {
    const { lesson } = renderNote('pay $5 now, $3 later\n');
    expect(lesson.html).not.toMatch(inlineMath);
  });

  test('Unicode text in math renders as in Obsidian, without a console warning per character', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { lesson } = renderNote('Math $größe$ and $数据$ here.\n');
      expect(lesson.html.match(inlineMath)).toHaveLength(2);
      expect(lesson.html).not.toContain('katex-error');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test('$$…$$ inline and as a block is math', () => {
    expect(renderNote('inline $$x^2$$ here\n').lesson.html).toMatch(inlineMath);
    expect(renderNote('$$\nE = mc^2\n$$\n').lesson.html).toContain('katex-display');
  });

  test('dollars in code stay code', () => {
    const { lesson } = renderNote('`$a$` and\n\n```\n$b$\n```\n');
    expect(lesson.html).not.toMatch(inlineMath);
  });

  test('singleDollarMath: true makes every $…$ math and false none (NOTES_SINGLE_DOLLAR_MATH)', () => {
    const vaultDir = writeVault({ 'Note.md': 'a $5 and $6 b, and $\\to$\n' });
    const on = buildVault({ vaultDir, singleDollarMath: true }).lessons[0]?.html ?? '';
    const off = buildVault({ vaultDir, singleDollarMath: false }).lessons[0]?.html ?? '';
    expect(on.match(inlineMath)).toHaveLength(2);
    expect(off).not.toMatch(inlineMath);
  });
});

describe('a first heading that repeats the title is shown once', () => {
  test('# Title equal to the file name is dropped from the body', () => {
    const { lesson } = renderNote('# Note\n\nBody text\n');
    expect(lesson.html).not.toContain('<h1');
    expect(lesson.html).toContain('Body text');
  });

  test('the comparison ignores case, spacing and markup, and uses the title property too', () => {
    expect(renderNote('#  **note** \n\nBody\n').lesson.html).not.toContain('<h1');
    expect(renderNote('---\ntitle: Amazon EBS\n---\n# Amazon EBS\n\nBody\n').lesson.html).not.toContain('<h1');
  });

  test('an H1 that says something else, or is not first, is kept', () => {
    expect(renderNote('# Something else\n\nBody\n').lesson.html).toContain('<h1');
    expect(renderNote('Intro\n\n# Note\n').lesson.html).toContain('<h1');
    expect(renderNote('## Note\n\nBody\n').lesson.html).toContain('<h2');
  });

  test('embedding the whole note elsewhere keeps its heading', () => {
    const { build } = renderNote('# Note\n\nBody\n', { 'Other.md': '![[Note]]\n' });
    const other = build.lessons.find((l) => l.path === 'Other.md');
    expect(other?.html).toContain('<h1');
  });
});

describe('Obsidian syntax GFM does not read', () => {
  test('Markdown images take a size after | in the alt text, from the vault or the web', () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const { lesson } = renderNote(
      '![A diagram|300](img.png)\n\n![B|50x200](https://example.com/b.jpg)\n\n![100](https://example.com/c.jpg)\n\n![plain](https://example.com/d.jpg)\n',
      {
        'img.png': png,
      },
    );
    expect(lesson.html).toMatch(/<img src="\/attachments\/img.png" alt="A diagram"[^>]* width="300"/);
    expect(lesson.html).toContain('<img src="https://example.com/b.jpg" alt="B" width="50" height="200">');
    expect(lesson.html).toContain('<img src="https://example.com/c.jpg" alt="" width="100">');
    expect(lesson.html).toContain('<img src="https://example.com/d.jpg" alt="plain">');
  });

  test('an embed whose file name is a number keeps it as alt text, not as a size', () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const { lesson } = renderNote('![[2024.png]]\n', { '2024.png': png });
    expect(lesson.html).toContain('alt="2024"');
    expect(lesson.html).not.toContain('width=');
  });

  test('inline footnotes ^[…] are numbered with the other footnotes, markup and nested brackets kept', () => {
    const { lesson } = renderNote('One[^a], two^[an **inline** note], three^[see [this] too].\n\n[^a]: First.\n');
    const items = lesson.html.match(/<li id="user-content-fn-[^"]+">/g) ?? [];
    expect(items).toHaveLength(3);
    expect(lesson.html).toContain('an <strong>inline</strong> note');
    expect(lesson.html).toContain('see [this] too');
    expect(lesson.html).not.toContain('^[');
  });

  test('^[ in code, or never closed, stays text', () => {
    const { lesson } = renderNote('`x^[y]` and a^[never closed\n');
    expect(lesson.html).toContain('<code>x^[y]</code>');
    expect(lesson.html).toContain('a^[never closed');
    expect(lesson.html).not.toContain('data-footnotes');
  });

  test("a tag in a heading's text is a tag, as in Obsidian; the heading keeps its id", () => {
    const { lesson } = renderNote('## Review #exam/domain-1\n\nText.\n');
    expect(lesson.tags).toEqual(['exam/domain-1']);
    expect(lesson.html).toContain('<h2 id="review-examdomain-1">Review <a href="/tags/exam/domain-1/" class="tag">#exam/domain-1</a></h2>');
  });

  test('tags inside code are not tags; comments are removed except in code', () => {
    const { lesson } = renderNote('A #real and `#code` tag\n\n```\n#block\n```\n\nshown %%hidden%% `%%kept%%`\n');
    expect(lesson.tags).toEqual(['real']);
    expect(lesson.html).not.toContain('hidden');
    expect(lesson.html).toContain('<code>%%kept%%</code>');
  });

  test('block references link to the block and embed just that block', () => {
    const { build } = renderNote('A paragraph ^para1\n', { 'Other.md': 'See [[Note#^para1]]\n\n![[Note#^para1]]\n' });
    const other = build.lessons.find((l) => l.path === 'Other.md');
    expect(other?.html).toContain('href="/notes/note/#%5Epara1"');
    expect(other?.html).toMatch(/<div class="transclusion">.*<p>A paragraph<\/p><\/div>/s);
  });
});

describe('a note embed on a line of its own shows the note, as in Obsidian, even with other lines around it', () => {
  const other = { 'Other.md': '# Other\n\n## Part\n\nPart text.\n' };
  const transclusion =
    /<div class="transclusion"><p class="transclusion-source">From <a href="\/notes\/other\/#part" class="internal-link">Other › Part<\/a><\/p><h2>Part<\/h2><p>Part text\.<\/p><\/div>/g;

  test('embeds stacked one per line each show their section', () => {
    const { lesson } = renderNote('![[Other#Part]]\n![[Other#Part]]\n![](Other.md#Part)\n', other);
    expect(lesson.html.match(transclusion)).toHaveLength(3);
    expect(lesson.html).not.toContain('<p></p>');
  });

  test('lines before and after stay paragraphs, with their links and line breaks', () => {
    const { lesson } = renderNote('Before the embed\nstill before\n![[Other#Part]]\nAfter, with [[Other]]\n', other);
    expect(lesson.html).toMatch(
      /^<p>Before the embed<br>\nstill before<\/p>\n<div class="transclusion">.*<\/div>\n<p>After, with <a href="\/notes\/other\/" class="internal-link">Other<\/a><\/p>$/s,
    );
  });

  test('in a callout under its title, in a list item, and after a hard break', () => {
    const { lesson } = renderNote('> [!note] See this\n> ![[Other#Part]]\n\n- item\n  ![[Other#Part]]\n\nHard break  \n![[Other#Part]]\n', other);
    expect(lesson.html.match(transclusion)).toHaveLength(3);
    expect(lesson.html).toContain('<span class="callout-title-text">See this</span>');
    expect(lesson.html).toContain('<p>Hard break</p>');
  });

  test('a missing note or section among the lines is reported on its own line; an embed inside a sentence stays a link', () => {
    const { lesson, build } = renderNote('![[Other#Part]]\n![[Nowhere]]\n![[Other#No such part]]\n\nSee ![[Other#Part]] here.\n', other);
    expect(lesson.html.match(transclusion)).toHaveLength(1);
    expect(
      build.warnings
        .filter((w) => w.file === 'Note.md')
        .map((w) => [w.kind, w.line])
        .sort((a, b) => Number(a[1]) - Number(b[1])),
    ).toEqual([
      ['missing-embed', 2],
      ['missing-heading', 3],
    ]);
    expect(lesson.html).toContain('<p>See <a href="/notes/other/#part" class="internal-link">Other › Part</a> here.</p>');
  });
});

describe('callout metadata after a pipe, as Obsidian reads it', () => {
  test('[!info|right] is an info callout with metadata "right"; its default title is the type', () => {
    const { lesson } = renderNote('> [!info|right]\n> body\n\n> [!Warning|wide]- On the Exam\n> fact\n');
    expect(lesson.html).toContain('<div class="callout" data-callout="info" data-callout-type="info" data-callout-metadata="right">');
    expect(lesson.html).toContain('<span class="callout-title-text">Info</span>');
    expect(lesson.html).toContain('<details class="callout callout-exam" data-callout="warning" data-callout-type="warning" data-callout-metadata="wide">');
    expect(lesson.examCallouts).toBe(1);
  });
});

describe("a PDF's page and viewer height, as Obsidian reads them", () => {
  test('![[doc.pdf#page=3]] opens at page 3, #height=400 sizes the viewer, [[doc.pdf#page=2]] links to page 2', () => {
    const { lesson } = renderNote('![[doc.pdf#page=3]]\n\n![[doc.pdf#height=400]]\n\n![[doc.pdf#nonsense]]\n\nSee [[doc.pdf#page=2]].\n', { 'doc.pdf': '%PDF-1.4' });
    expect(lesson.html).toContain('<iframe class="pdf-embed" src="/attachments/doc.pdf#page=3" title="doc.pdf" loading="lazy" width="100%" height="600"></iframe>');
    expect(lesson.html).toContain('<iframe class="pdf-embed" src="/attachments/doc.pdf" title="doc.pdf" loading="lazy" width="100%" height="400"></iframe>');
    expect(lesson.html).toContain('<iframe class="pdf-embed" src="/attachments/doc.pdf" title="doc.pdf" loading="lazy" width="100%" height="600"></iframe>');
    expect(lesson.html).toContain('<a href="/attachments/doc.pdf#page=2" class="attachment-link">doc.pdf</a>');
  });
});

describe('strikethrough takes two tildes, as in Obsidian', () => {
  test('~~text~~ is struck; a single ~ ("about", a home folder) stays text', () => {
    const { lesson } = renderNote('Costs ~$5/month (~$60/yr), a ~single~ pair, ~~struck~~, ~/Desktop\n');
    expect(lesson.html).toBe('<p>Costs ~$5/month (~$60/yr), a ~single~ pair, <del>struck</del>, ~/Desktop</p>');
  });
});

describe('nested heading links and embeds of a part of the same note', () => {
  const services = { 'Services.md': '## EC2\n\n### On the exam\n\nEC2 tip.\n\n## S3\n\n### On the exam\n\nS3 tip.\n' };

  test('[[Note#Parent#Child]] finds the child inside the parent, and reads as the path', () => {
    const { lesson } = renderNote('[[Services#S3#On the exam]] and [[Services#EC2#On the exam]]\n', services);
    expect(lesson.html).toContain('<a href="/notes/services/#on-the-exam-1" class="internal-link">Services › S3 › On the exam</a>');
    expect(lesson.html).toContain('<a href="/notes/services/#on-the-exam" class="internal-link">Services › EC2 › On the exam</a>');
  });

  test('![[Note#Parent#Child]] embeds that section; a path that does not hold falls back to the first heading of that text', () => {
    const embedded = renderNote('![[Services#S3#On the exam]]\n', services).lesson.html;
    expect(embedded).toContain('S3 tip.');
    expect(embedded).not.toContain('EC2 tip.');
    const { lesson, build } = renderNote('[[Services#Lambda#On the exam]]\n', services);
    expect(lesson.html).toContain('href="/notes/services/#on-the-exam"');
    expect(build.warnings).toEqual([]);
  });

  test('a block or section of the same note embeds without an embed-loop warning; one that holds its own embed is still a loop', () => {
    const { lesson, build } = renderNote('- a listed fact ^fact\n\n## Summary\n\nKey point.\n\n## Review\n\n![[#^fact]]\n\n![[#Summary]]\n');
    expect(build.warnings).toEqual([]);
    expect(lesson.html).toContain(
      '<div class="transclusion"><p class="transclusion-source">From <a href="/notes/note/#%5Efact" class="internal-link">Note › ^fact</a></p><ul>\n<li>a listed fact</li>\n</ul></div>',
    );
    expect(lesson.html).toMatch(
      /<div class="transclusion"><p class="transclusion-source">From <a href="\/notes\/note\/#summary" class="internal-link">Note › Summary<\/a><\/p><h2>Summary<\/h2><p>Key point\.<\/p><\/div>/,
    );
    const looped = renderNote('## Part\n\n![[#Part]]\n');
    expect(looped.build.warnings.map((w) => w.kind)).toEqual(['embed-loop']);
  });

  test('a list item embedded from another note shows inside a list', () => {
    const { lesson } = renderNote('![[Other#^item]]\n', { 'Other.md': '1. first\n2. the item ^item\n' });
    expect(lesson.html).toContain('</p><ul>\n<li>the item</li>\n</ul></div>');
  });
});

describe("Obsidian's task markers: any character between the brackets marks a task done", () => {
  test('[?], [-], [/] and others are done tasks that keep their character as data-task', () => {
    const { lesson } = renderNote('- [ ] to do\n- [x] done\n- [?] a question\n- [-] cancelled\n- [/] half done\n- [✓] ticked\n');
    expect(lesson.html).toContain('<li class="task-list-item"><input type="checkbox" disabled> to do</li>');
    expect(lesson.html).toContain('<li class="task-list-item"><input type="checkbox" checked disabled> done</li>');
    expect(lesson.html).toContain('<li class="task-list-item" data-task="?"><input type="checkbox" checked disabled> a question</li>');
    expect(lesson.html).toContain('<li class="task-list-item" data-task="-"><input type="checkbox" checked disabled> cancelled</li>');
    expect(lesson.html).toContain('<li class="task-list-item" data-task="/"><input type="checkbox" checked disabled> half done</li>');
    expect(lesson.html).toContain('<li class="task-list-item" data-task="✓"><input type="checkbox" checked disabled> ticked</li>');
    expect(lesson.html).not.toContain('[?]');
  });

  test('in numbered lists, callouts and embedded notes too; markup after the marker is kept', () => {
    const { build } = renderNote('1. [!] **important** step\n\n> [!note] Plan\n> - [>] moved on\n', { 'Other.md': '![[Note]]\n' });
    const note = build.lessons.find((l) => l.path === 'Note.md');
    expect(note?.html).toContain('<li class="task-list-item" data-task="!"><input type="checkbox" checked disabled> <strong>important</strong> step</li>');
    expect(note?.html).toContain('data-task=">"><input type="checkbox" checked disabled> moved on</li>');
    expect(build.lessons.find((l) => l.path === 'Other.md')?.html).toContain('data-task="!"><input type="checkbox" checked disabled> <strong>important</strong> step');
  });

  test('not a marker: escaped brackets, two characters, no space after, a link, text in code', () => {
    const { lesson } = renderNote('- \\[?] escaped\n- [ab] two\n- [?]close\n- [a](https://example.com) link\n- `[?]` code\n');
    expect(lesson.html).not.toContain('checkbox');
    expect(lesson.html).toContain('<li>[?] escaped</li>');
    expect(lesson.html).toContain('<li>[ab] two</li>');
    expect(lesson.html).toContain('<li>[?]close</li>');
  });
});

describe('literal autolinks (GFM), parsed with or without the text scan', () => {
  test.each([
    ['see www.example.com for more', 'href="http://www.example.com"'],
    ['docs at https://docs.aws.amazon.com/ec2/ today', 'href="https://docs.aws.amazon.com/ec2/"'],
    ['WWW.EXAMPLE.COM in capitals', 'href="http://WWW.EXAMPLE.COM"'],
    ['write to team@example.com', 'href="mailto:team@example.com"'],
  ])('%s becomes a link', (markdown, href) => {
    expect(renderNote(`${markdown}\n`).lesson.html).toContain(href);
  });

  test('a note with none of "@", "http://", "https://" or "www." has no link from plain text', () => {
    expect(renderNote('example.com and ftp.example.org stay text\n').lesson.html).not.toContain('<a ');
  });
});
