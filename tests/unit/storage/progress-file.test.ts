import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../../src/storage/db';
import { buildProgressFile, parseProgressFile, PROGRESS_FILE_VERSION, progressFileName } from '../../../src/storage/progress-file';
import { attempt, exam, labProgress, lesson, progress, reviewCard, T0 } from './progress-builders';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/progress/${name}`, import.meta.url), 'utf8');

describe('the progress file', () => {
  test('a built file survives JSON and parses back to the same data', () => {
    const data = progress({
      lessons: [lesson('ami', T0, T0)],
      attempts: [attempt('q1', T0)],
      cards: [reviewCard('q1', T0)],
      exams: [exam(T0, 8, 10)],
      labs: [labProgress('bake-an-ami', T0, T0)],
    });
    const file = buildProgressFile(data, new Date(T0));

    const parsed = parseProgressFile(JSON.stringify(file));

    expect(parsed).toEqual({ ok: true, file });
    expect(file).toMatchObject({ format: 'ami-lab-progress', version: 1, exportedAt: '2026-11-27T09:00:00.000Z' });
  });

  test('the version-1 file on disk (as exported by this release) still imports', () => {
    const parsed = parseProgressFile(fixture('progress-v1.json'));

    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.file.study.lessonProgress.map((l) => l.slug)).toEqual(['amazon-machine-images-ami', 'regions-and-availability-zones']);
      expect(parsed.file.lab.scenarioProgress[0]?.completedAt).toBe(1795770000000);
    }
  });

  test('the download name carries the date', () => {
    expect(progressFileName(new Date(T0))).toBe('ami-lab-progress-2026-11-27.json');
  });

  test('a file cut short is refused as not JSON', () => {
    const result = parseProgressFile(fixture('progress-v1.json').slice(0, 200));

    expect(result).toMatchObject({ ok: false, error: { kind: 'not-json' } });
    if (!result.ok) expect(result.error.message).toMatch(/not valid JSON.*Nothing was changed/);
  });

  test('some other JSON file is refused as not a progress file', () => {
    expect(parseProgressFile('{"name":"ami-lab","version":"0.1.0"}')).toMatchObject({ ok: false, error: { kind: 'not-progress-file' } });
    expect(parseProgressFile('[1,2,3]')).toMatchObject({ ok: false, error: { kind: 'not-progress-file' } });
  });

  test('a file from a newer version says so and asks for a reload', () => {
    const result = parseProgressFile(fixture('progress-v99.json'));

    expect(result).toMatchObject({ ok: false, error: { kind: 'unsupported-version', version: 99 } });
    if (!result.ok) expect(result.error.message).toContain(`newer version of AMI Lab (file version 99; this site reads version ${PROGRESS_FILE_VERSION})`);
  });

  test('a damaged record is refused, naming where the damage is', () => {
    const result = parseProgressFile(fixture('progress-v1-damaged.json'));

    expect(result).toMatchObject({ ok: false, error: { kind: 'damaged' } });
    if (!result.ok && result.error.kind === 'damaged') {
      expect(result.error.problems).toEqual([expect.stringMatching(/^study\.lessonProgress\.0\.doneAt: /), expect.stringMatching(/^study\.reviewCards\.0\.card\.state: /)]);
      expect(result.error.message).toMatch(/^This progress file is damaged and was not imported: study\.lessonProgress\.0\.doneAt/);
    }
  });

  test('every table of the study database has its place in the file', () => {
    const db = openDatabase('progress-file-tables');
    const file = buildProgressFile(progress({}), new Date(T0));

    // Left out on purpose: the exam in progress belongs to the browser it is being taken in (its
    // result is exported once submitted); "delete all" clears it with every other table.
    const notInFile = new Set(['examAttempts']);

    expect(
      db.tables
        .map((t) => t.name)
        .filter((name) => !notInFile.has(name))
        .sort(),
    ).toEqual(Object.keys(file.study).sort());
  });
});
