import { describe, expect, it } from 'vitest';
import { CORPUS, firstTestFrame, kinds, nth, outcomes, parseFixture, roles, stack, top } from './helpers.js';

const RACE_ROLES = ['current', 'previous', 'current-creation', 'previous-creation'];

describe('race reports', () => {
  it('race-basic-go1.19.txt: one race with four stacks, attributed from the stacks', () => {
    const r = parseFixture('race-basic-go1.19.txt');
    expect(r.sawGoOutput).toBe(true);
    expect(r.packages).toEqual([{ name: `${CORPUS}racebasic`, action: 'fail' }]);
    expect(outcomes(r)).toEqual(['TestRace:fail']);
    // TestRace's only other line is a t.Logf: no separate failure finding next to the race.
    expect(kinds(r)).toEqual(['race']);
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({ package: `${CORPUS}racebasic`, test: 'TestRace', message: '' });
    expect(roles(f)).toEqual(RACE_ROLES);
    expect(stack(f, 'current')).toMatchObject({
      header: 'Read at 0x00c000018268 by goroutine 10',
      access: 'read',
      goroutine: 10,
    });
    expect(stack(f, 'current')?.frames).toEqual([
      {
        func: 'example.com/corpus/racebasic.(*Counter).Inc',
        file: '/home/runner/work/corpus/corpus/racebasic/racebasic_test.go',
        line: 13,
      },
      {
        func: 'example.com/corpus/racebasic.TestRace.func2',
        file: '/home/runner/work/corpus/corpus/racebasic/racebasic_test.go',
        line: 28,
      },
    ]);
    expect(stack(f, 'previous')).toMatchObject({ access: 'write', goroutine: 9 });
    expect(stack(f, 'previous')?.frames[1]?.line).toBe(24);
    expect(top(f, 'current-creation')).toBe('racebasic_test.go:26');
    expect(stack(f, 'current-creation')?.goroutine).toBe(10);
    expect(top(f, 'previous-creation')).toBe('racebasic_test.go:22');
    expect(stack(f, 'previous-creation')?.header).toBe('Goroutine 9 (finished) created at');
    expect(stack(f, 'previous-creation')?.frames[2]?.func).toBe('testing.(*T).Run.func1');
    expect(f.raw.startsWith('==================\nWARNING: DATA RACE\nRead at')).toBe(true);
    expect(f.raw.endsWith('testing.go:1493 +0x47\n==================')).toBe(true);
  });

  it('race-basic-go1.26.txt: gowrap1 frames, goroutine ids matched to creation stacks', () => {
    const r = parseFixture('race-basic-go1.26.txt');
    expect(kinds(r)).toEqual(['race']);
    const f = nth(r.findings, 0);
    expect(f.test).toBe('TestRace');
    expect(roles(f)).toEqual(RACE_ROLES);
    expect(top(f, 'current')).toBe('racebasic_test.go:13');
    expect(stack(f, 'current')?.frames[1]).toMatchObject({
      func: `${CORPUS}racebasic.TestRace.func1`,
      line: 24,
    });
    expect(stack(f, 'previous')).toMatchObject({ access: 'write', goroutine: 11 });
    expect(top(f, 'current-creation')).toBe('racebasic_test.go:22');
    expect(top(f, 'previous-creation')).toBe('racebasic_test.go:26');
    expect(stack(f, 'previous-creation')?.frames[2]?.func).toBe('testing.(*T).Run.gowrap1');
  });

  it('race-basic-json-go1.19.jsonl: JSON events give outcomes and the package', () => {
    const r = parseFixture('race-basic-json-go1.19.jsonl');
    expect(outcomes(r)).toEqual(['TestOK:pass', 'TestRace:fail', 'TestAfter:pass']);
    expect(r.tests.every((t) => t.package === `${CORPUS}racebasic`)).toBe(true);
    expect(r.packages).toEqual([{ name: `${CORPUS}racebasic`, action: 'fail' }]);
    expect(kinds(r)).toEqual(['race']);
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({ package: `${CORPUS}racebasic`, test: 'TestRace' });
    expect(roles(f)).toEqual(RACE_ROLES);
    expect(top(f, 'current')).toBe('racebasic_test.go:13');
    expect(top(f, 'current-creation')).toBe('racebasic_test.go:26');
    // The report text is rebuilt from ~25 output events, without JSON framing.
    expect(f.raw.split('\n')).toHaveLength(30);
    expect(f.raw).not.toContain('"Action"');
  });

  it('race-basic-json-go1.26.jsonl: start event ignored, elapsed kept', () => {
    const r = parseFixture('race-basic-json-go1.26.jsonl');
    expect(outcomes(r)).toEqual(['TestOK:pass', 'TestRace:fail', 'TestAfter:pass']);
    expect(r.tests[1]?.elapsed).toBe(0);
    expect(kinds(r)).toEqual(['race']);
    const f = nth(r.findings, 0);
    expect(f.test).toBe('TestRace');
    expect(stack(f, 'current')).toMatchObject({ access: 'read', goroutine: 10 });
    expect(stack(f, 'current')?.frames[1]?.line).toBe(24);
    expect(top(f, 'previous-creation')).toBe('racebasic_test.go:26');
  });

  it('race-in-subtest-go1.26.txt: subtest name kept from positional context', () => {
    const r = parseFixture('race-in-subtest-go1.26.txt');
    expect(outcomes(r)).toEqual([
      'TestParent:fail',
      'TestParent/clean:pass',
      'TestParent/racy_sub:fail',
      'TestParent/after:pass',
    ]);
    expect(kinds(r)).toEqual(['race']);
    const f = nth(r.findings, 0);
    expect(f.test).toBe('TestParent/racy_sub');
    expect(stack(f, 'current')?.frames).toHaveLength(1);
    expect(stack(f, 'current')?.frames[0]?.func).toBe(`${CORPUS}racesub.TestParent.func2.1`);
    expect(top(f, 'current')).toBe('racesub_test.go:14');
    expect(top(f, 'previous')).toBe('racesub_test.go:17');
    expect(top(f, 'current-creation')).toBe('racesub_test.go:13');
    expect(firstTestFrame(f, 'previous-creation')).toBe('racesub_test.go:10');
  });

  it('race-in-subtest-json-go1.26.jsonl: JSON Test field gives the subtest', () => {
    const r = parseFixture('race-in-subtest-json-go1.26.jsonl');
    expect(outcomes(r)).toEqual([
      'TestParent/clean:pass',
      'TestParent/racy_sub:fail',
      'TestParent/after:pass',
      'TestParent:fail',
    ]);
    expect(kinds(r)).toEqual(['race']);
    expect(r.findings[0]).toMatchObject({ test: 'TestParent/racy_sub', package: `${CORPUS}racesub` });
    expect(top(nth(r.findings, 0), 'current')).toBe('racesub_test.go:14');
  });

  it('race-in-subtest-raw-test2json-framing-go1.26.txt: 0x16 framing, package from the options', () => {
    const r = parseFixture('race-in-subtest-raw-test2json-framing-go1.26.txt', {
      package: `${CORPUS}racesub`,
    });
    expect(r.sawGoOutput).toBe(true);
    expect(r.packages).toEqual([]);
    expect(outcomes(r)).toEqual([
      'TestParent/clean:pass',
      'TestParent/racy_sub:fail',
      'TestParent/after:pass',
      'TestParent:fail',
    ]);
    expect(r.tests.every((t) => t.package === `${CORPUS}racesub`)).toBe(true);
    expect(kinds(r)).toEqual(['race']);
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({ test: 'TestParent/racy_sub', package: `${CORPUS}racesub`, message: '' });
    expect(roles(f)).toEqual(RACE_ROLES);
    expect(top(f, 'current')).toBe('racesub_test.go:14');
    expect(stack(f, 'previous')?.goroutine).toBe(10);
    expect(f.raw).not.toContain('\x16');
  });

  it('race-parallel-tests-go1.26.txt: three back-to-back reports, each attributed by its own stacks', () => {
    const r = parseFixture('race-parallel-tests-go1.26.txt');
    expect(outcomes(r)).toEqual(['TestP3:pass', 'TestP1:fail', 'TestP2:fail']);
    expect(kinds(r)).toEqual(['race', 'race', 'race']);
    expect(r.findings.map((f) => f.test)).toEqual(['TestP2', 'TestP2', 'TestP1']);
    expect(r.findings.map((f) => stack(f, 'current')?.access)).toEqual(['read', 'write', 'read']);
    expect(top(nth(r.findings, 0), 'current')).toBe('raceparallel_test.go:21');
    expect(top(nth(r.findings, 0), 'previous')).toBe('raceparallel_test.go:13');
    expect(top(nth(r.findings, 0), 'current-creation')).toBe('testing.go:2101');
    expect(stack(nth(r.findings, 0), 'current-creation')?.frames.at(-1)).toEqual({
      func: 'main.main',
      file: '_testmain.go',
      line: 50,
    });
  });

  it('race-parallel-tests-json-go1.26.jsonl: same from JSON', () => {
    const r = parseFixture('race-parallel-tests-json-go1.26.jsonl');
    expect(outcomes(r)).toEqual(['TestP3:pass', 'TestP1:fail', 'TestP2:fail']);
    expect(r.findings.map((f) => `${f.kind}:${f.test}`)).toEqual([
      'race:TestP2',
      'race:TestP2',
      'race:TestP1',
    ]);
    expect(top(nth(r.findings, 2), 'current')).toBe('raceparallel_test.go:13');
  });

  it('race-multiple-in-one-run-go1.26.txt: four reports in three tests, runtime frames on top', () => {
    const r = parseFixture('race-multiple-in-one-run-go1.26.txt');
    expect(outcomes(r)).toEqual([
      'TestRaceA:fail',
      'TestRaceB:fail',
      'TestRaceGlobal:fail',
      'TestClean:pass',
    ]);
    expect(r.findings.map((f) => `${f.kind}:${f.test}`)).toEqual([
      'race:TestRaceA',
      'race:TestRaceB',
      'race:TestRaceB',
      'race:TestRaceGlobal',
    ]);
    const map = nth(r.findings, 1);
    expect(stack(map, 'current')?.frames[0]).toMatchObject({ func: 'runtime.mapaccess1_faststr', line: 101 });
    expect(firstTestFrame(map, 'current')).toBe('racemulti_test.go:28');
    expect(stack(map, 'previous')?.frames[0]?.func).toBe('runtime.mapassign_faststr');
    expect(firstTestFrame(map, 'previous')).toBe('racemulti_test.go:30');
    expect(top(nth(r.findings, 3), 'current')).toBe('racemulti_test.go:37');
  });

  it('race-leaked-goroutines-lands-in-other-test-go1.26.txt: stacks win over the running test', () => {
    const r = parseFixture('race-leaked-goroutines-lands-in-other-test-go1.26.txt');
    expect(outcomes(r)).toEqual(['TestSpawn:pass', 'TestWait:fail', 'TestAfterWait:pass']);
    // TestWait failed only through the race-detected line: no failure finding for it.
    expect(r.findings.map((f) => `${f.kind}:${f.test}`)).toEqual(['race:TestSpawn']);
    expect(top(nth(r.findings, 0), 'current')).toBe('racespawnwait_test.go:13');
    expect(top(nth(r.findings, 0), 'previous')).toBe('racespawnwait_test.go:12');
  });

  it('race-leaked-goroutines-lands-in-other-test-json-go1.26.jsonl: JSON says TestWait, stacks say TestSpawn', () => {
    const r = parseFixture('race-leaked-goroutines-lands-in-other-test-json-go1.26.jsonl');
    expect(outcomes(r)).toEqual(['TestSpawn:pass', 'TestWait:fail', 'TestAfterWait:pass']);
    expect(r.findings.map((f) => `${f.kind}:${f.test}`)).toEqual(['race:TestSpawn']);
  });

  it('race-then-panic-same-test-go1.26.txt: a race then a panic in the same test', () => {
    const r = parseFixture('race-then-panic-same-test-go1.26.txt');
    expect(outcomes(r)).toEqual(['TestRaceThenPanic:fail']);
    expect(r.findings.map((f) => `${f.kind}:${f.test}`)).toEqual([
      'race:TestRaceThenPanic',
      'panic:TestRaceThenPanic',
    ]);
    const p = nth(r.findings, 1);
    expect(p.message).toBe('assignment to entry in nil map');
    expect(firstTestFrame(p, 'panic')).toBe('raceandpanic_test.go:15');
    expect(top(nth(r.findings, 0), 'current')).toBe('raceandpanic_test.go:9');
  });

  it('race-with-mutex-history-go1.26.txt: write vs previous read, no mutex sections', () => {
    const r = parseFixture('race-with-mutex-history-go1.26.txt');
    expect(kinds(r)).toEqual(['race']);
    const f = nth(r.findings, 0);
    expect(f.test).toBe('TestMutexRace');
    expect(roles(f)).toEqual(RACE_ROLES);
    expect(stack(f, 'current')).toMatchObject({ access: 'write', goroutine: 10 });
    expect(stack(f, 'previous')).toMatchObject({ access: 'read', goroutine: 8 });
    expect(top(f, 'current')).toBe('racemutex_test.go:17');
    expect(top(f, 'previous')).toBe('racemutex_test.go:22');
    expect(stack(f, 'previous')?.frames).toHaveLength(4);
  });

  it('race-trimpath-go1.26.txt: files kept as printed (import paths)', () => {
    const r = parseFixture('race-trimpath-go1.26.txt');
    const f = nth(r.findings, 0);
    expect(f.test).toBe('TestRace');
    expect(stack(f, 'current')?.frames[0]).toEqual({
      func: `${CORPUS}racebasic.(*Counter).Inc`,
      file: 'example.com/corpus/racebasic/racebasic_test.go',
      line: 13,
    });
    expect(stack(f, 'current-creation')?.frames[1]).toEqual({
      func: 'testing.tRunner',
      file: 'testing/testing.go',
      line: 2036,
    });
  });

  it('race-in-testmain-after-run-exit66-go1.26.txt: main goroutine, no test (TestMain is not a test)', () => {
    const r = parseFixture('race-in-testmain-after-run-exit66-go1.26.txt');
    expect(outcomes(r)).toEqual(['TestNothing:pass']);
    expect(r.packages).toEqual([{ name: `${CORPUS}racetestmain`, action: 'fail' }]);
    expect(kinds(r)).toEqual(['race']);
    const f = nth(r.findings, 0);
    expect(f.test).toBeUndefined();
    expect(roles(f)).toEqual(['current', 'previous', 'current-creation']);
    expect(stack(f, 'previous')).toMatchObject({
      header: 'Previous write at 0x0000007f42a8 by main goroutine',
      goroutine: 'main',
      access: 'write',
    });
    expect(top(f, 'current')).toBe('racetestmain_test.go:16');
    expect(top(f, 'previous')).toBe('racetestmain_test.go:19');
  });

  it('race-in-testmain-after-run-exit66-json-go1.26.jsonl: package-level output, no Test', () => {
    const r = parseFixture('race-in-testmain-after-run-exit66-json-go1.26.jsonl');
    expect(outcomes(r)).toEqual(['TestNothing:pass']);
    expect(r.findings.map((f) => `${f.kind}:${f.test}:${f.package}`)).toEqual([
      `race:undefined:${CORPUS}racetestmain`,
    ]);
    expect(stack(nth(r.findings, 0), 'previous')?.goroutine).toBe('main');
  });

  it('race-count-5-dedup-go1.26.txt: one report, -count=5 outcomes all kept', () => {
    const r = parseFixture('race-count-5-dedup-go1.26.txt');
    expect(r.findings.map((f) => `${f.kind}:${f.test}`)).toEqual(['race:TestAlwaysRaces']);
    const always = r.tests.filter((t) => t.name === 'TestAlwaysRaces').map((t) => t.action);
    expect(always).toEqual(['fail', 'pass', 'pass', 'pass', 'pass']);
    expect(r.tests.filter((t) => t.name === 'TestClean')).toHaveLength(5);
  });

  it('race-halt_on_error-json-go1.26.jsonl: process exits after the report, test interrupted', () => {
    const r = parseFixture('race-halt_on_error-json-go1.26.jsonl');
    expect(outcomes(r)).toEqual(['TestOK:pass', 'TestRace:interrupted']);
    expect(r.findings.map((f) => `${f.kind}:${f.test}`)).toEqual(['race:TestRace']);
    expect(roles(nth(r.findings, 0))).toEqual(RACE_ROLES);
  });

  it('race-in-benchmark-go1.26.txt: benchmarks are attributed too', () => {
    const r = parseFixture('race-in-benchmark-go1.26.txt');
    expect(outcomes(r)).toEqual(['BenchmarkRace:fail']);
    expect(r.findings.map((f) => `${f.kind}:${f.test}`)).toEqual(['race:BenchmarkRace']);
    expect(top(nth(r.findings, 0), 'current')).toBe('racebench_test.go:11');
  });
});
