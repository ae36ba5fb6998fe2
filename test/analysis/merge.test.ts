// Merging shard reports: the merge of the shards of a run is the report of the whole run, in any
// order and any grouping; reports that do not belong together are refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MergeError, mergeReports, type NamedReport, shardSummary } from '../../src/analysis/merge.js';
import { buildReport } from '../../src/analysis/report.js';
import { runRange } from '../../src/engine/shard.js';
import type { Report, RunRecord } from '../../src/model.js';
import { daemonPanic, daemonRace, failure, input, outcome, run } from './fixtures.js';

const COMMIT = 'abcdef0123456789abcdef0123456789abcdef01';

interface Plan {
  count: number;
  race: boolean[];
  race2: boolean[];
  panic: boolean[];
  fail: boolean[];
}

function runsOf(plan: Plan): RunRecord[] {
  return Array.from({ length: plan.count }, (_, i) => {
    const index = i + 1;
    const findings = [
      ...(plan.race[i] ? [daemonRace({ seed: index, writeFirst: index % 2 === 1 })] : []),
      // The same race under two tests: the merged reproduce command must name both.
      ...(plan.race2[i]
        ? [daemonRace({ seed: index, writeLine: 60, ...(index % 3 === 0 ? { test: 'TestReload' } : {}) })]
        : []),
      ...(plan.panic[i] ? [daemonPanic(index)] : []),
      ...(plan.fail[i] ? [failure('TestOther', 'daemon_test.go', 70, 'boom')] : []),
    ];
    return run(index, findings, [
      outcome('TestWriter', plan.race[i] || plan.race2[i] ? 'fail' : 'pass'),
      outcome('TestReload', plan.panic[i] ? 'fail' : 'pass'),
      outcome('TestOther', plan.fail[i] ? 'fail' : 'pass'),
    ]);
  });
}

function reportOf(runs: RunRecord[], count: number, notes: string[] = []): Report {
  const base = input(runs);
  return buildReport({ ...base, count, context: { ...base.context, count, commit: COMMIT }, notes });
}

/** Shard i of n of the plan's runs, as a shard job reports it. */
function shardReport(plan: Plan, index: number, total: number): NamedReport {
  const { first, last } = runRange(plan.count, index, total);
  const runs = runsOf(plan).filter((r) => r.index >= first && r.index <= last);
  const note = `Shard ${index} of ${total}: runs ${first}–${last}.`;
  const report = reportOf(runs, plan.count, [note, 'A note every shard makes.']);
  report.shard = { index, total, split: 'runs', firstRun: first, lastRun: last };
  report.summary = shardSummary(report.summary, report.shard);
  return { name: `shard-${index}.json`, report };
}

const bools = (n: number) => fc.array(fc.boolean(), { minLength: n, maxLength: n });
const planArb = fc.integer({ min: 1, max: 24 }).chain((count) =>
  fc.record({
    count: fc.constant(count),
    race: bools(count),
    race2: bools(count),
    panic: bools(count),
    fail: bools(count),
  }),
);

/** What one job reports that the merge must reproduce exactly. */
function essence(r: Report) {
  return {
    runs: r.runs,
    totalRuns: r.totalRuns,
    failedRuns: r.failedRuns,
    packages: r.packages,
    findings: r.findings,
    tests: r.tests,
    verdict: r.verdict,
    context: r.context,
  };
}

describe('mergeReports', () => {
  it('the merged shards are the report of one job that ran them all', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 1, max: 6 }), (plan, total) => {
        const shards = Array.from({ length: total }, (_, i) => shardReport(plan, i + 1, total));
        const { report, warnings } = mergeReports(shards);
        const whole = reportOf(runsOf(plan), plan.count);
        expect(essence(report)).toEqual(essence(whole));
        expect(report.summary).toBe(
          total === 1
            ? whole.summary
            : `${whole.summary} (merged from ${total} jobs: ${total} of ${total} shards)`,
        );
        expect(warnings).toEqual([]);
        expect(report.merged).toMatchObject({ total, shards: shards.map((_, i) => i + 1), jobs: total });
        // Notes kept: each shard's own, and the shared one once.
        expect(report.notes).toContain('A note every shard makes.');
        expect(report.notes.filter((n) => n === 'A note every shard makes.')).toHaveLength(1);
        for (let i = 1; i <= total; i++)
          expect(report.notes.some((n) => n.startsWith(`Shard ${i} of`))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('is associative and commutative: any order, any grouping, the same report', () => {
    fc.assert(
      fc.property(
        planArb,
        fc.integer({ min: 2, max: 6 }),
        fc.infiniteStream(fc.nat()),
        (plan, total, rand) => {
          const shards = Array.from({ length: total }, (_, i) => shardReport(plan, i + 1, total));
          const reference = mergeReports(shards).report;
          // A random order, cut into random groups, each group merged first (at random depth).
          const it = rand[Symbol.iterator]();
          const next = () => it.next().value as number;
          let pool: NamedReport[] = [...shards].sort(() => (next() % 2 === 0 ? -1 : 1));
          while (pool.length > 1) {
            const size = 2 + (next() % (pool.length - 1));
            const start = next() % (pool.length - size + 1);
            const group = pool.slice(start, start + size);
            const merged = { name: `group-${start}`, report: mergeReports(group).report };
            pool = [...pool.slice(0, start), merged, ...pool.slice(start + size)];
            pool.sort(() => (next() % 2 === 0 ? -1 : 1));
          }
          expect(pool[0]?.report).toEqual(reference);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps global run numbers: shard 2/4 of 100 runs is runs 26–50', () => {
    expect(runRange(100, 2, 4)).toEqual({ first: 26, last: 50 });
    expect([1, 2, 3, 4].map((i) => runRange(10, i, 4))).toEqual([
      { first: 1, last: 2 },
      { first: 3, last: 5 },
      { first: 6, last: 7 },
      { first: 8, last: 10 },
    ]);
  });

  it('a missing shard is a warning, and the totals say what was merged', () => {
    const plan: Plan = {
      count: 8,
      race: [true, false, true, false, true, false, true, false],
      race2: Array(8).fill(false),
      panic: Array(8).fill(false),
      fail: Array(8).fill(false),
    };
    const shards = [1, 2, 4].map((i) => shardReport(plan, i, 4));
    const { report, warnings } = mergeReports(shards);
    expect(warnings).toEqual([
      'Merged 3 of 4 shards: shard 3 of 4 is missing, so fewer runs were counted than one job would have run.',
    ]);
    expect(report.summary).toMatch(/\(merged from 3 jobs: 3 of 4 shards\)$/);
    expect(report.notes[0]).toBe(warnings[0]);
    expect(report.totalRuns).toBe(6);
    const race = report.findings.find((f) => f.kind === 'race');
    expect(race).toMatchObject({ runsSeen: 3, runs: 6, seenIn: [1, 3, 7] });
    // Merging the missing shard later gives the whole report, without the warning.
    const all = mergeReports([{ name: 'm', report }, shardReport(plan, 3, 4)]);
    expect(all.warnings).toEqual([]);
    expect(all.report.notes).not.toContain(warnings[0]);
    expect(all.report.findings[0]).toMatchObject({ runsSeen: 4, runs: 8, seenIn: [1, 3, 5, 7] });
  });

  it('says per-shard until and max-duration', () => {
    const plan: Plan = { count: 4, race: [true, true, true, true], race2: [], panic: [], fail: [] };
    const shards = [1, 2].map((i) => shardReport(plan, i, 2));
    for (const s of shards) {
      s.report.context.until = 'first';
      s.report.context.maxDuration = '5m';
    }
    expect(mergeReports(shards).report.notes[0]).toBe(
      'until: first and max-duration 5m applied per shard: each job stopped on its own, and the runs counted here are what the shards ran.',
    );
  });

  const plan: Plan = { count: 4, race: [true, false, true, false], race2: [], panic: [], fail: [] };

  it('refuses reports of different commits', () => {
    const [a, b] = [1, 2].map((i) => shardReport(plan, i, 2));
    if (!a || !b) throw new Error('no shards');
    b.report.context.commit = '1234567890123456789012345678901234567890';
    expect(() => mergeReports([a, b])).toThrow(MergeError);
    expect(() => mergeReports([a, b])).toThrow(
      /Cannot merge shard-2.json with shard-1.json: their commit differ \("1234567890123456789012345678901234567890" vs "abcdef/,
    );
  });

  it('refuses incompatible settings, other shard counts, a shard twice, and reports without a shard', () => {
    const [a, b] = [1, 2].map((i) => shardReport(plan, i, 2));
    if (!a || !b) throw new Error('no shards');
    const other = structuredClone(b);
    other.report.context.timeout = '1m';
    expect(() => mergeReports([a, other])).toThrow(/their settings differ/);
    const three = structuredClone(b);
    if (three.report.shard) three.report.shard.total = 3;
    expect(() => mergeReports([a, three])).toThrow(/their number of shards differ/);
    expect(() => mergeReports([a, { ...a, name: 'again.json' }])).toThrow(
      /^Shard 1 is given twice: in shard-1.json and in again.json. Give each shard once/,
    );
    // One job's report without a shard is shard 1 of 1: it publishes as it is (a workflow_run publisher).
    const plain = structuredClone(a);
    delete plain.report.shard;
    expect(() => mergeReports([plain, b])).toThrow(/their number of shards differ \(2 vs 1\)/);
    const alone = mergeReports([plain]).report;
    expect(alone.findings).toEqual(plain.report.findings);
    expect(alone.merged).toMatchObject({ total: 1, shards: [1], jobs: 1 });
    expect(() => mergeReports([])).toThrow(/No reports to merge/);
  });
});
