// Pieces of the findings table and the verdict line, on findings from the fixture reports.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model.js';
import { runsPhrase } from '../../src/render/headline.js';
import { commonDir, runStrip, seenCell, shortPath, whereCell } from '../../src/render/table.js';
import { causeReport } from './reports.js';

const race = (): Finding => {
  const f = causeReport().findings.find((x) => x.kind === 'race');
  if (!f) throw new Error('no race');
  return f;
};

describe('where', () => {
  it('drops the directory all rows share, and keeps a long rest to its last two parts', () => {
    const f = race();
    expect(commonDir([f])).toBe('examples/flaky-daemon/daemon/');
    expect(whereCell(f, commonDir([f]))).toBe('`daemon.go:51` ↔ `daemon.go:31`');
    expect(shortPath('services/a/very/long/directory/names/that/go/on/x.go', 'services/')).toBe('…/on/x.go');
    expect(commonDir([])).toBe('');
  });

  it('shows a race on one line once', () => {
    const f = race();
    for (const l of f.locations) l.line = 29;
    expect(whereCell(f, commonDir([f]))).toBe('`daemon.go:29` (both sides)');
  });
});

describe('seen', () => {
  it('marks each run up to 30, groups of runs beyond', () => {
    expect(runStrip({ runs: 5, seenIn: [1, 4] })).toBe('▌▁▁▌▁');
    const grouped = runStrip({ runs: 100, seenIn: [1, 99] });
    expect(grouped).toHaveLength(25);
    expect(grouped).toBe(`▌${'▁'.repeat(23)}▌`);
    expect(runStrip({ runs: 1, seenIn: [1] })).toBe('');
  });

  it('keeps k/N and the interval unbroken: no-break spaces, a word joiner after the dash', () => {
    const cell = seenCell(race());
    expect(cell.startsWith('**9/30**\u00a0<sub>95%\u00a0CI\u00a017–\u206048%</sub><br>`')).toBe(true);
    expect(cell).not.toMatch(/ /);
  });
});

describe('runsPhrase', () => {
  it('says the runs per package the same way everywhere', () => {
    const r = causeReport();
    expect(runsPhrase(r)).toBe('30 runs');
    const two = { ...r, packages: [...r.packages, { ...r.packages[0], importPath: 'x' }] } as typeof r;
    expect(runsPhrase(two)).toBe('30 runs of each of 2 packages');
    const uneven = {
      ...two,
      totalRuns: 42,
      packages: [two.packages[0], { ...two.packages[1], runs: 12 }],
    } as typeof r;
    expect(runsPhrase(uneven)).toBe('42 runs over 2 packages');
    expect(runsPhrase({ ...r, mode: 'parse', runs: 3 })).toBe('3 logs');
  });
});
