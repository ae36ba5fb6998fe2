// Shard reports come from artifacts a fork can write: checked against the schema and limits,
// paths kept inside the repository, and a bad one is a clear error naming the file and field.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expandGlobs,
  REPORT_LIMITS,
  ReportError,
  readReport,
  readReports,
  repoPathProblem,
  validateReport,
} from '../../src/settings/reports.js';
import { causeReport, racePanicReport } from '../render/reports.js';

const roundTrip = (r: unknown) => JSON.parse(JSON.stringify(r)) as unknown;

describe('validateReport', () => {
  it('accepts what buildReport writes, unchanged', () => {
    for (const r of [racePanicReport(), causeReport()]) {
      const json = roundTrip(r);
      expect(validateReport(json, 'r.json')).toEqual(json);
    }
  });

  it('drops fields it does not know', () => {
    const json = roundTrip(racePanicReport()) as Record<string, unknown>;
    json.evil = '<script>';
    const first = (json.findings as Record<string, unknown>[])[0];
    if (first) first.extra = 1;
    const r = validateReport(json, 'r.json') as unknown as Record<string, unknown>;
    expect(r.evil).toBeUndefined();
    expect((r.findings as Record<string, unknown>[])[0]?.extra).toBeUndefined();
  });

  // biome-ignore lint/suspicious/noExplicitAny: each case reaches into the JSON to break one field
  const bad = (edit: (r: any) => void): string => {
    const json = roundTrip(racePanicReport());
    edit(json);
    try {
      validateReport(json, 'shard-2/report.json');
    } catch (err) {
      expect(err).toBeInstanceOf(ReportError);
      return (err as Error).message;
    }
    throw new Error('accepted');
  };

  it('refuses paths outside the repository', () => {
    expect(bad((r) => (r.findings[0].locations[0].file = '../../etc/passwd'))).toBe(
      'shard-2/report.json is not a valid race-rerun report: report.findings[0].locations[0].file contains ..: "../../etc/passwd".',
    );
    expect(bad((r) => (r.findings[0].locations[0].file = '/etc/passwd'))).toMatch(
      /is not repository-relative/,
    );
    expect(bad((r) => (r.findings[0].locations[0].file = 'C:/x.go'))).toMatch(/is not repository-relative/);
    expect(bad((r) => (r.findings[0].locations[0].file = 'a\\..\\b.go'))).toMatch(/backslash/);
    expect(
      bad(
        (r) =>
          (r.findings[0].stacks[0].frames.find((f: { origin: string }) => f.origin === 'repo').file =
            'x/../../y.go'),
      ),
    ).toMatch(/frames\[\d+\]\.file contains \.\./);
    expect(bad((r) => (r.packages[0].dir = '../outside'))).toMatch(/packages\[0\]\.dir contains \.\./);
    expect(bad((r) => (r.context.workingDirectory = '/abs'))).toMatch(
      /workingDirectory is not repository-relative/,
    );
  });

  it('refuses wrong types, missing fields and bad values', () => {
    expect(bad((r) => (r.findings[0].runsSeen = 'many'))).toMatch(
      /findings\[0\]\.runsSeen must be a whole number/,
    );
    expect(bad((r) => delete r.findings[0].signature)).toMatch(/report\.findings\[0\] has no signature/);
    expect(bad((r) => (r.findings[0].kind = 'virus'))).toMatch(/kind must be one of race, panic/);
    expect(bad((r) => (r.schemaVersion = 2))).toMatch(/schemaVersion must be 1/);
    expect(bad((r) => (r.findings[0].runsSeen = 1))).toMatch(/runsSeen different from seenIn/);
    expect(bad((r) => (r.context.commit = '$(rm -rf /)'))).toMatch(/commit must be a hex commit id/);
    expect(bad((r) => (r.findings = {}))).toMatch(/report\.findings must be a list/);
  });

  it('refuses what is over the limits', () => {
    expect(bad((r) => (r.findings[0].seenIn = Array(REPORT_LIMITS.listItems + 1).fill(1)))).toMatch(
      /seenIn has more than 10000 entries/,
    );
    expect(bad((r) => (r.summary = 'x'.repeat(10_001)))).toMatch(/summary is longer than 10000 characters/);
  });

  it('repoPathProblem', () => {
    expect(repoPathProblem('test/go/race/race.go')).toBeUndefined();
    expect(repoPathProblem('.')).toBeUndefined();
    expect(repoPathProblem('..')).toBe('contains ..');
    expect(repoPathProblem('file:///etc/passwd')).toBe('is not repository-relative');
    expect(repoPathProblem('a\u0000b')).toMatch(/control/);
  });
});

describe('reading report files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'race-rerun-reports-'));
  mkdirSync(join(dir, 'shards', 'race-report-1'), { recursive: true });
  mkdirSync(join(dir, 'shards', 'race-report-2'), { recursive: true });
  writeFileSync(join(dir, 'shards', 'race-report-1', 'report.json'), JSON.stringify(racePanicReport()));
  writeFileSync(join(dir, 'shards', 'race-report-2', 'report.json'), '{"schemaVersion": 1, "tool"');
  writeFileSync(join(dir, 'shards', 'notes.txt'), 'not a report');
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside', 'report.json'), JSON.stringify(racePanicReport()));
  symlinkSync(join(dir, 'outside'), join(dir, 'shards', 'link'));

  it('expands globs inside the repository only, without following symlinks', () => {
    expect(expandGlobs(dir, ['shards/*/report.json']).map((f) => f.slice(dir.length + 1))).toEqual([
      'shards/race-report-1/report.json',
      'shards/race-report-2/report.json',
    ]);
    expect(expandGlobs(dir, ['**/race-report-1/*.json'])).toHaveLength(1);
    expect(() => expandGlobs(dir, ['../x/*.json'])).toThrow(/must not contain \.\./);
    expect(() => expandGlobs(dir, ['/etc/*'])).toThrow(/relative to the repository root/);
  });

  it('malformed JSON is a clear error naming the file', () => {
    expect(() => readReports(dir, ['shards/*/report.json'])).toThrow(
      /^shards\/race-report-2\/report\.json is not JSON: /,
    );
    expect(() => readReport(join(dir, 'missing.json'), 'missing.json')).toThrow(
      /^Cannot read missing.json: ENOENT/,
    );
    expect(() => readReports(dir, ['nothing/*.json'])).toThrow(/No report matches merge: nothing\/\*\.json/);
  });
});
