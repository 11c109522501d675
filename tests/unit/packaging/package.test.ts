import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, test } from 'vitest';
import { packageFileName, packageFiles, playerHtml, zipPackage, type PlaySpec } from '../../../src/packaging/package';

const spec: PlaySpec = { id: 'lesson:amis', title: 'Quiz: </script><b>AMIs</b> & more', questions: [], mastery: 75, timeLimit: 30, shuffle: false, seed: 1 };
const assets = { js: 'console.log(1)', css: 'body{}' };

describe('packages', () => {
  test('a SCORM package zips the manifest at the root beside the player and its page', () => {
    const files = unzipSync(zipPackage(packageFiles(spec, 'scorm12', assets, 'https://site.example/')));
    expect(Object.keys(files).sort()).toEqual(['imsmanifest.xml', 'index.html', 'player.css', 'player.js']);
    const manifest = strFromU8(files['imsmanifest.xml'] as Uint8Array);
    expect(manifest).toContain('<adlcp:masteryscore>75</adlcp:masteryscore>');
    expect(manifest).toContain('<adlcp:maxtimeallowed>00:30:00</adlcp:maxtimeallowed>');
    expect(manifest).toContain('&lt;/script&gt;&lt;b&gt;AMIs&lt;/b&gt; &amp; more');
  });

  test('a cmi5 package has cmi5.xml and no SCORM manifest', () => {
    const files = packageFiles(spec, 'cmi5', assets, 'https://site.example/');
    expect(files['imsmanifest.xml']).toBeUndefined();
    expect(files['cmi5.xml']).toContain('<au id="https://site.example/xapi/au/ami-lab-lesson%3Aamis" moveOn="CompletedAndPassed" masteryScore="0.75"');
  });

  test('the quiz data in the page cannot close its script element', () => {
    const html = playerHtml(spec, 'scorm2004');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('data-lms="scorm2004"');
  });

  test('the same package zips to the same bytes', () => {
    const files = packageFiles(spec, 'scorm2004', assets, 'https://site.example/');
    expect(zipPackage(files)).toEqual(zipPackage(files));
    expect(packageFileName(spec, 'scorm2004')).toBe('ami-lab-lesson-amis-scorm2004.zip');
  });
});
