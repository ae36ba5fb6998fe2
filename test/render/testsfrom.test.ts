// report.testsFrom in words: the summary's line and the terminal's, and the report survives the
// schema check a merge applies to shard reports.
import { describe, expect, it } from 'vitest';
import { mergeReports } from '../../src/analysis/merge.js';
import type { Report } from '../../src/model.js';
import { renderSummary } from '../../src/render/summary.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { validateReport } from '../../src/settings/reports.js';
import { cleanReport } from './reports.js';

function withTestsFrom(testsFrom: Report['testsFrom']): Report {
  return { ...cleanReport(), ...(testsFrom ? { testsFrom } : {}) };
}

const several = withTestsFrom({
  logs: ['logs/1/go-test.json', 'logs/2/go-test.json', 'logs/3/go-test.json'],
  tests: [
    { package: 'example.com/m/a', test: 'TestA', failed: 2, logs: 3 },
    { package: 'example.com/m/a', test: 'TestP/sub', failed: 1, logs: 3 },
    { package: 'example.com/m/b', failed: 1, logs: 3 },
  ],
});

describe('tests-from in the summary and the terminal', () => {
  it('says how many logs were read and in how many each rerun test failed', () => {
    expect(renderSummary(several, {})).toContain(
      '**Tests from:** 3 logs read; reran `TestA` (failed in 2 of 3 logs), `TestP/sub` (failed in 1 of 3 logs) of `example.com/m/a`; all tests (failed in 1 of 3 logs) of `example.com/m/b`.',
    );
    expect(renderTerminal(several)).toContain(
      'tests-from: 3 logs read; reran TestA (failed in 2 of 3 logs), TestP/sub (failed in 1 of 3 logs) of example.com/m/a; all tests (failed in 1 of 3 logs) of example.com/m/b.',
    );
  });

  it('names the one log, and says when nothing failed in it', () => {
    const one = withTestsFrom({ logs: ['go-test.json'], tests: [] });
    expect(renderTerminal(one)).toContain('tests-from: go-test.json read; no test failed in it.');
    expect(renderSummary(one, {})).toContain('**Tests from:** `go-test.json` read; no test failed in it.');
  });

  it('says nothing without tests-from', () => {
    expect(renderSummary(cleanReport(), {})).not.toContain('Tests from');
    expect(renderTerminal(cleanReport())).not.toContain('tests-from');
  });
});

describe('report.testsFrom through a merge', () => {
  it('is kept by the schema check and by the merge', () => {
    const json = JSON.parse(JSON.stringify(several)) as unknown;
    const checked = validateReport(json, 'shard.json');
    expect(checked.testsFrom).toEqual(several.testsFrom);
    const shard = (i: number): Report => ({
      ...checked,
      shard: { index: i, total: 2, split: 'packages', packages: [] },
    });
    const merged = mergeReports([
      { name: '1.json', report: shard(1) },
      { name: '2.json', report: shard(2) },
    ]);
    expect(merged.report.testsFrom).toEqual(several.testsFrom);
  });

  it('refuses a bad count, naming the field', () => {
    const json = JSON.parse(JSON.stringify(several)) as { testsFrom: { tests: { failed: unknown }[] } };
    const first = json.testsFrom.tests[0];
    if (first) first.failed = -1;
    expect(() => validateReport(json, 'shard.json')).toThrow(
      /report\.testsFrom\.tests\[0\]\.failed must be a whole number/,
    );
  });
});
