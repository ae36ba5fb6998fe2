// Which finding a failed test fails because of; races from a goroutine that outlived its test;
// overlap checks turned into verdicts; failure messages kept whole.
import { describe, expect, it } from 'vitest';
import { outlivingRaces } from '../../src/analysis/attribution.js';
import { buildReport, failureMessage } from '../../src/analysis/report.js';
import type { OverlapCheck } from '../../src/model.js';
import { daemonPanic, daemonRace, failure, input, outcome, PKG, run } from './fixtures.js';

describe('folding tests into the finding that fails them', () => {
  it('a test that also fails by its own t.Error is not folded, and is still counted', () => {
    const runs = [
      run(
        1,
        [daemonRace(), failure('TestWriter', 'daemon_test.go', 40, 'want 3, got 2')],
        [outcome('TestWriter', 'fail')],
      ),
      run(2, [], [outcome('TestWriter', 'pass')]),
    ];
    const r = buildReport(input(runs));
    expect(r.tests[0]).toMatchObject({ name: 'TestWriter', status: 'flaky' });
    expect(r.tests[0]?.failedBy).toBeUndefined();
    expect(r.findings.find((f) => f.kind === 'race')?.failsTests).toBeUndefined();
    expect(r.summary).toBe('1 data race and 1 flaky test in 2 runs of 1 package');
  });

  it('a panic in a subtest folds the subtest and its parent', () => {
    const p = { ...daemonPanic(), test: 'TestReload/fast' };
    const runs = [
      run(1, [p], [outcome('TestReload/fast', 'fail'), outcome('TestReload', 'fail')]),
      run(2, [], [outcome('TestReload/fast', 'pass'), outcome('TestReload', 'pass')]),
    ];
    const r = buildReport(input(runs));
    const panic = r.findings.find((f) => f.kind === 'panic');
    expect(panic?.failsTests).toEqual(['TestReload', 'TestReload/fast']);
    expect(r.tests.filter((t) => t.failedBy).map((t) => t.name)).toEqual(['TestReload', 'TestReload/fast']);
    // The parent is named once, through its subtest.
    expect(r.summary).toBe('1 panic (fails TestReload/fast) in 2 runs of 1 package');
  });
});

describe('races from a goroutine that outlived its test', () => {
  it('attributed to B while its stacks only name A: both are named', () => {
    // daemonRace's stacks name TestWriter; the race was printed during TestLater.
    const race = { ...daemonRace(), test: 'TestLater' };
    const r1 = run(1, [race], [outcome('TestWriter', 'pass'), outcome('TestLater', 'fail')]);
    expect([...outlivingRaces(r1).values()]).toEqual([{ owner: 'TestWriter', during: 'TestLater' }]);
    const r = buildReport(input([r1]));
    const f = r.findings[0];
    expect(f?.tests).toEqual(['TestLater', 'TestWriter']);
    expect(f?.message).toContain(
      'made by a goroutine of TestWriter, reported during TestLater, which it fails',
    );
    expect(f?.reproduce).toContain("-run '^(TestLater|TestWriter)$'");
    expect(f?.failsTests).toEqual(['TestLater']);
  });

  it('a race inside the test that is running is left alone', () => {
    const r1 = run(1, [daemonRace()], [outcome('TestWriter', 'fail')]);
    expect(outlivingRaces(r1).size).toBe(0);
    expect(buildReport(input([r1])).findings[0]?.goroutineOf).toBeUndefined();
  });
});

describe('overlap checks', () => {
  const collided = (index: number) =>
    run(
      index,
      [failure('TestPort', 'daemon_test.go', 12, 'listen tcp 127.0.0.1:8080: bind: address already in use')],
      [outcome('TestPort', 'fail')],
      { overlapped: true },
    );
  const passed = run(2, [], [outcome('TestPort', 'pass')], { overlapped: true });
  const check = (aloneFailed: number): OverlapCheck => ({
    package: PKG,
    test: 'TestPort',
    overlappedFailedIn: [1, 3],
    aloneRuns: 3,
    aloneFailed,
    evidence: 'daemon_test.go:12: listen tcp 127.0.0.1:8080: bind: address already in use',
    durationMs: 900,
  });

  it('passed alone every time: one overlap finding, the test is not flaky', () => {
    const r = buildReport(input([collided(1), passed, collided(3)], { overlap: [check(0)] }));
    expect(r.findings.map((f) => [f.kind, f.title, f.runsSeen])).toEqual([
      ['overlap', 'Fails only when runs overlap: TestPort (address already in use)', 2],
    ]);
    expect(r.tests[0]).toMatchObject({ status: 'overlap', alone: { runs: 3, failed: 0 } });
    expect(r.summary).toBe('1 test failing only when runs overlap in 3 runs of 1 package');
  });

  it('failed alone too: a flaky test with its alone runs apart', () => {
    const r = buildReport(input([collided(1), passed, collided(3)], { overlap: [check(2)] }));
    expect(r.findings.map((f) => f.kind)).toEqual(['failure']);
    expect(r.tests[0]).toMatchObject({ status: 'flaky', failed: 2, runs: 3, alone: { runs: 3, failed: 2 } });
  });

  it('a failure in a run that overlapped nothing stays a failure', () => {
    const alone = { ...collided(3), overlapped: false };
    const r = buildReport(input([collided(1), passed, alone], { overlap: [check(0)] }));
    expect(r.findings.map((f) => [f.kind, f.runsSeen]).sort()).toEqual([
      ['failure', 1],
      ['overlap', 1],
    ]);
  });
});

describe('failureMessage', () => {
  it('keeps a one-line message as the parser gave it, and stops at the next t.Error', () => {
    const f = failure('TestA', 'a_test.go', 3, 'first');
    f.raw = '--- FAIL: TestA (0.00s)\n    a_test.go:3: first\n    a_test.go:4: second';
    expect(failureMessage(f)).toBe('first');
  });

  it('keeps continuation lines, bounded', () => {
    const f = failure('TestA', 'a_test.go', 3, 'head');
    const more = Array.from({ length: 30 }, (_, i) => `        line ${i}`).join('\n');
    f.raw = `--- FAIL: TestA (0.00s)\n    a_test.go:3: head\n${more}`;
    const lines = failureMessage(f).split('\n');
    expect(lines.slice(0, 3)).toEqual(['head', 'line 0', 'line 1']);
    expect(lines).toHaveLength(21);
    expect(lines.at(-1)).toBe('… (11 more lines)');
  });
});
