import { describe, expect, test } from 'vitest';
import { decodeLabSuspend, encodeLabSuspend, labPackageFileName, labPackageFiles, type LabPlaySpec, SUSPEND_LIMITS } from '../../../src/packaging/lab-package';

const spec: LabPlaySpec = {
  scenario: {
    slug: 'bake-an-ami',
    title: 'Bake an <AMI>',
    region: 'us-east-1',
    startWorld: '{"now":0}',
    goals: [
      { id: 'configured', text: 'Configure', check: 'instance-with-software', params: {} },
      { id: 'baked', text: 'Bake', check: 'own-image-with-software', params: {} },
    ],
    hintsHtml: [],
    successHtml: '<p>Done</p>',
    instructionsHtml: '<p>Go</p>',
    lessons: [],
  },
  siteBase: 'https://ami-lab.example/',
  lessonTitles: {},
};

describe('lab package suspend data', () => {
  test('round trip with the world when it fits', () => {
    const world = { world: JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: `i-${i}`, state: 'running' })) }), view: { region: 'eu-west-1' } };
    const text = encodeLabSuspend({ goalsMet: ['configured', 'configured'], world }, SUSPEND_LIMITS.scorm2004);
    expect(text.length).toBeLessThanOrEqual(64000);
    expect(decodeLabSuspend(text)).toEqual({ goalsMet: ['configured'], world });
  });

  test('a world too big for SCORM 1.2 is left out; the goals stay', () => {
    const big = { world: Array.from({ length: 5000 }, (_, i) => `${i}:${Math.sin(i)}`).join(','), view: null };
    const text = encodeLabSuspend({ goalsMet: ['configured', 'baked'], world: big }, SUSPEND_LIMITS.scorm12);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(decodeLabSuspend(text)).toEqual({ goalsMet: ['configured', 'baked'], world: null });
  });

  test('malformed or empty suspend data is a fresh start', () => {
    expect(decodeLabSuspend('')).toBeNull();
    expect(decodeLabSuspend('{"v":2}')).toBeNull();
    expect(decodeLabSuspend('{"v":1,"g":[],"w":"!!!"}')).toBeNull();
    expect(decodeLabSuspend('not json')).toBeNull();
  });
});

describe('lab package files', () => {
  test('SCORM 1.2 and 2004: descriptor, page with the scenario, the lab player', () => {
    for (const format of ['scorm12', 'scorm2004'] as const) {
      const files = labPackageFiles(spec, format, { js: 'js', css: 'css' });
      expect(Object.keys(files).sort()).toEqual(['imsmanifest.xml', 'index.html', 'lab-player.css', 'lab-player.js']);
      expect(files['index.html']).toContain(`data-lms="${format}"`);
      expect(files['index.html']).toContain('Lab: Bake an &lt;AMI&gt;');
      expect(files['index.html']).not.toContain('<AMI>');
      expect(files['imsmanifest.xml']).toContain('href="lab-player.js"');
    }
    expect(labPackageFiles(spec, 'scorm12', { js: '', css: '' })['imsmanifest.xml']).toContain('<adlcp:masteryscore>100</adlcp:masteryscore>');
    expect(labPackageFiles(spec, 'scorm2004', { js: '', css: '' })['imsmanifest.xml']).toContain('<imsss:minNormalizedMeasure>1.00</imsss:minNormalizedMeasure>');
    expect(labPackageFileName('bake-an-ami', 'scorm2004')).toBe('ami-lab-lab-bake-an-ami-scorm2004.zip');
  });
});

describe('lab cmi5 package', () => {
  test('cmi5.xml with one AU whose mastery is every goal', () => {
    const files = labPackageFiles(spec, 'cmi5', { js: '', css: '' });
    expect(Object.keys(files).sort()).toEqual(['cmi5.xml', 'index.html', 'lab-player.css', 'lab-player.js']);
    expect(files['cmi5.xml']).toContain('masteryScore="1.00"');
    expect(files['index.html']).toContain('data-lms="cmi5"');
  });
});
