// New, known and gone against a base branch report, built from the same fixture runs the
// renderers use; and reading that report from disk (path, glob, missing, broken).
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chanceToShow, compareWithBaseline, isReport } from '../../src/analysis/baseline.js';
import { applyBaseline, expandGlob, loadBaseline } from '../../src/engine/baseline.js';
import { notSeenText } from '../../src/render/format.js';
import { onMain, PANIC_RUNS, RACE_RUNS, seriesReport } from '../render/reports.js';

describe('chanceToShow', () => {
  it('is 1 − (1 − p)^N', () => {
    expect(chanceToShow(7, 100, 30)).toBeCloseTo(1 - 0.93 ** 30, 10);
    expect(Math.round(chanceToShow(7, 100, 30) * 100)).toBe(89);
    expect(chanceToShow(2, 30, 30)).toBeCloseTo(0.874, 3);
    expect(chanceToShow(0, 30, 30)).toBe(0);
    expect(chanceToShow(30, 30, 1)).toBe(1);
    expect(chanceToShow(3, 30, 0)).toBe(0);
  });

  it('says "likely fixed" only above 95%', () => {
    const at = (k: number, m: number, n: number) =>
      notSeenText({ runsSeen: k, runs: m, runsNow: n, chance: chanceToShow(k, m, n) });
    expect(at(7, 100, 30)).toBe(
      'not seen in 30 runs (at its earlier 7% it would have shown with 89% probability)',
    );
    expect(at(9, 30, 30)).toBe(
      'not seen in 30 runs (at its earlier 30% it would have shown with over 99.9% probability): likely fixed',
    );
    // 1 − 0.9^28 = 94.8%: not yet.
    expect(at(1, 10, 28)).not.toMatch(/likely fixed/);
    expect(at(1, 10, 29)).toMatch(/likely fixed/);
  });
});

describe('compareWithBaseline', () => {
  it('marks the same race known with its base rate, and a new panic new', () => {
    const base = onMain(seriesReport({ race: [2, 9, 16] }));
    const now = seriesReport({ race: RACE_RUNS, panic: PANIC_RUNS });
    compareWithBaseline(now, base, 'base.json');
    const race = now.findings.find((f) => f.kind === 'race');
    const panic = now.findings.find((f) => f.kind === 'panic');
    expect(race?.baseline).toBe('known');
    expect(race?.known).toEqual({ id: base.findings[0]?.id, runsSeen: 3, runs: 30, match: 'signature' });
    expect(panic?.baseline).toBe('new');
    expect(panic?.known).toBeUndefined();
    expect(now.baseline).toEqual({
      source: 'base.json',
      label: 'main',
      commit: base.context.commit,
      gone: [],
    });
  });

  it('keeps a race known when code above it moved its lines', () => {
    const base = onMain(seriesReport({ race: [2, 9, 16], writeLine: 47 }));
    const now = seriesReport({ race: RACE_RUNS });
    expect(now.findings[0]?.signature).not.toBe(base.findings[0]?.signature);
    compareWithBaseline(now, base, 'base.json');
    expect(now.findings[0]?.baseline).toBe('known');
    expect(now.findings[0]?.known).toMatchObject({ match: 'functions', movedFrom: 'daemon.go:47' });
  });

  it('matches nearby lines of the same files when a function was renamed, not far ones', () => {
    const base = onMain(seriesReport({ race: [2, 9], writeLine: 40 }));
    for (const l of base.findings[0]?.locations ?? [])
      if (l.line === 40) l.function = 'daemon.(*Daemon).Stop';
    const now = seriesReport({ race: RACE_RUNS });
    compareWithBaseline(now, base, 'base.json');
    expect(now.findings[0]?.known).toMatchObject({ match: 'nearby', movedFrom: 'daemon.go:40' });

    const far = onMain(seriesReport({ race: [2, 9], writeLine: 400 }));
    for (const l of far.findings[0]?.locations ?? [])
      if (l.line === 400) l.function = 'daemon.(*Daemon).Stop';
    const again = seriesReport({ race: RACE_RUNS });
    compareWithBaseline(again, far, 'base.json');
    expect(again.findings[0]?.baseline).toBe('new');
  });

  it('lists base findings not seen now with the chance they would have shown', () => {
    const base = onMain(seriesReport({ race: [1, 4, 8, 12, 15, 19, 22, 26, 29], panic: [5, 19] }));
    const now = seriesReport({});
    compareWithBaseline(now, base, 'base.json');
    const gone = now.baseline?.gone ?? [];
    expect(gone.map((g) => [g.kind, g.runsSeen, g.runs, g.runsNow, g.where])).toEqual([
      [
        'race',
        9,
        30,
        30,
        'examples/flaky-daemon/daemon/daemon.go:51 ↔ examples/flaky-daemon/daemon/daemon.go:31',
      ],
      ['panic', 2, 30, 30, 'examples/flaky-daemon/daemon/config.go:22'],
    ]);
    expect(gone[0]?.chance).toBeGreaterThan(0.999);
    expect(gone[1]?.chance).toBeCloseTo(chanceToShow(2, 30, 30), 10);
  });

  it('says nothing of base findings whose package did not run now', () => {
    const base = onMain(seriesReport({ race: [1, 2] }));
    for (const f of base.findings) f.package = 'example.com/flaky-daemon/other';
    const now = seriesReport({});
    compareWithBaseline(now, base, 'base.json');
    expect(now.baseline?.gone).toEqual([]);
  });
});

describe('reading the baseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'race-rerun-baseline-'));
  const base = onMain(seriesReport({ race: [2, 9] }));

  it('reads a path, or the newest file a glob matches', () => {
    mkdirSync(join(dir, 'reports', 'a'), { recursive: true });
    const old = join(dir, 'reports', 'a', 'report.json');
    const newer = join(dir, 'reports', 'report.json');
    writeFileSync(old, JSON.stringify({ ...base, summary: 'old' }));
    writeFileSync(newer, JSON.stringify(base));
    utimesSync(old, new Date(1_000_000_000_000), new Date(1_000_000_000_000));
    expect(expandGlob('reports/**/*.json', dir).sort()).toEqual([newer, old].sort());
    const loaded = loadBaseline('reports/**/*.json', dir);
    expect('file' in loaded && loaded.file).toBe(newer);
    expect(isReport(base)).toBe(true);
  });

  it('turns a missing, broken or foreign file into a warning, and the report says it', () => {
    writeFileSync(join(dir, 'broken.json'), '{"tool":');
    writeFileSync(join(dir, 'other.json'), '{"name":"not a report"}');
    const warn = (p: string) => {
      const r = loadBaseline(p, dir);
      return 'warning' in r ? r.warning : '';
    };
    expect(warn('nothing/*.json')).toMatch(
      /^Baseline "nothing\/\*\.json" matches no file\. New and known cannot be told apart/,
    );
    expect(warn('missing.json')).toMatch(/missing\.json does not exist/);
    expect(warn('broken.json')).toMatch(/broken\.json is not JSON/);
    expect(warn('other.json')).toMatch(/other\.json is not a race-rerun JSON report/);
    const now = seriesReport({ race: [1] });
    expect(applyBaseline(now, 'missing.json', dir)).toMatch(/does not exist/);
    expect(now.notes.at(-1)).toMatch(/does not exist/);
    expect(now.findings[0]?.baseline).toBeUndefined();
    expect(now.baseline).toBeUndefined();
  });
});
