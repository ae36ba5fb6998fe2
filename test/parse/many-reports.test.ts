// Many reports in one run (issue 11): past the 1,000-report cap distinct races are still kept,
// repeats are counted on the one kept, and the report says a bound was hit.
import { describe, expect, it } from 'vitest';
import type { ParsedOutput } from '../../src/model.js';
import { mergeChunks } from '../../src/parse/merge.js';
import { parseOutput } from '../../src/parse/output.js';
import { MAX_FINDINGS, ReportIndex, reportKey } from '../../src/parse/util.js';
import { fixture, parseReport } from './helpers.js';

// The real race of race-basic-go1.26.txt; a distinct race is the same report at other lines.
const one = `${fixture('race-basic-go1.26.txt').split('--- FAIL')[0]}`;
const at = (n: number) =>
  one
    .replaceAll('racebasic_test.go:13', `racebasic_test.go:${1000 + n}`)
    .replaceAll('racebasic_test.go:24', `racebasic_test.go:${3000 + n}`);

function report(p: ParsedOutput) {
  return parseReport(p, { repoRoot: '/r', package: 'p' });
}

describe('past the findings cap', () => {
  it('keeps every distinct race after the 1,000th report and counts the repeats', () => {
    const text = `${one.repeat(1500)}${Array.from({ length: 300 }, (_, i) => at(i)).join('')}${one.repeat(7)}`;
    const p = parseOutput(text);
    expect(p.findings).toHaveLength(MAX_FINDINGS + 300);
    expect(p.beyondCap).toEqual({ repeats: 507, dropped: 0 });
    expect(p.findings[0]?.repeats).toBe(507);
    const extra = p.findings.at(-1);
    expect(extra?.repeats).toBe(0);
    expect(extra?.stacks.find((s) => s.role === 'current')?.frames[0]?.line).toBe(1299);
    const r = report(p);
    expect(r.findings.filter((f) => f.kind === 'race')).toHaveLength(301);
    expect(r.findings.find((f) => f.runsSeen === 1 && f.repeats === 507)).toBeDefined();
    expect(r.notes.join('\n')).toContain('more than 1,000 reports');
  });

  it('a repeat of a distinct report kept past the cap is counted on it', () => {
    const p = parseOutput(`${one.repeat(1000)}${at(1)}${at(1)}${at(1)}`);
    expect(p.findings).toHaveLength(1001);
    expect(p.findings.at(-1)?.repeats).toBe(2);
  });

  it('memory stays bounded by distinct reports: past 5,000 more the rest is dropped and said', () => {
    const text = `${one.repeat(1000)}${Array.from({ length: 5010 }, (_, i) => at(i)).join('')}`;
    const p = parseOutput(text);
    expect(p.findings.length).toBeLessThanOrEqual(MAX_FINDINGS + 5000);
    expect(p.beyondCap?.dropped).toBeGreaterThan(0);
    expect(report(p).notes.join('\n')).toMatch(/distinct reports? (?:was|were) dropped/);
  }, 60_000);

  it('report keys: equal texts meet, texts that share a hash stay apart (also past a bucket of 8)', () => {
    const idx = new ReportIndex<number>();
    const lines = (n: number) => [
      'WARNING: DATA RACE',
      'Read at 0x1 by goroutine 7:',
      '  p.F()',
      `      /x.go:${n} +0x1`,
    ];
    expect(idx.add(reportKey('race', lines(10)), 1)).toBe(true);
    // Another occurrence: other addresses and goroutines on its header lines, same key.
    const again = lines(10).map((l) => l.replace('0x1 by goroutine 7', '0xc000ff by goroutine 99'));
    expect(idx.get(reportKey('race', again))).toBe(1);
    expect(idx.add(reportKey('race', again), 2)).toBe(false);
    expect(idx.get(reportKey('race', lines(11)))).toBeUndefined();
    // Twenty texts forced into one hash: each still found as itself.
    const forced = Array.from({ length: 20 }, (_, i) => ({ hash: 42, text: `k${i}` }));
    forced.forEach((k, i) => {
      expect(idx.add(k, 100 + i)).toBe(true);
    });
    forced.forEach((k, i) => {
      expect(idx.get({ hash: 42, text: k.text })).toBe(100 + i);
    });
    expect(idx.get({ hash: 42, text: 'k20' })).toBeUndefined();
    expect(idx.size).toBe(21);
  });
});

describe('past the cap, in parts (the parallel parse)', () => {
  it('a long distinct report kept short past the cap in one part is the same report in the next', () => {
    // A race whose frame lines run past the 4 KB a report kept past the cap keeps of its text.
    const deep = Array.from(
      { length: 60 },
      (_, i) =>
        `  example.com/corpus/racebasic.f${i}()\n      /home/runner/work/corpus/corpus/racebasic/deep_test.go:${i + 1} +0x1d`,
    ).join('\n');
    const long = at(7).replace(/(Read at [^\n]*\n)/, `$1${deep}\n`);
    expect(long.length).toBeGreaterThan(6000);
    const first = parseOutput(`${one.repeat(1000)}${long}`);
    expect(first.findings).toHaveLength(1001);
    const second = parseOutput(long);
    const merged = mergeChunks([
      { output: first, buildReported: [] },
      { output: second, buildReported: [] },
    ]);
    const whole = parseOutput(`${one.repeat(1000)}${long}${long}`);
    expect(whole.findings).toHaveLength(1001);
    expect(merged.findings).toHaveLength(1001);
    expect(merged.findings.at(-1)?.repeats).toBe(1);
    expect(merged.beyondCap).toEqual(whole.beyondCap);
  });
});
