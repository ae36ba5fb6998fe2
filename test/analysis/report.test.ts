import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analysis/report.js';
import type { BuildResult } from '../../src/model.js';
import {
  buildError,
  daemonPanic,
  daemonRace,
  failure,
  goTimeout,
  input,
  MODULE,
  MODULE_DIR,
  mapper,
  outcome,
  PKG,
  PKG_DIR,
  run,
} from './fixtures.js';

describe('buildReport', () => {
  it('groups a race seen in runs 1 and 3 of 3', () => {
    const runs = [
      run(1, [daemonRace({ seed: 1 })], [outcome('TestWriter', 'fail'), outcome('TestReload', 'pass')]),
      run(2, [], [outcome('TestWriter', 'pass'), outcome('TestReload', 'pass')]),
      run(
        3,
        [daemonRace({ seed: 4, writeFirst: false })],
        [outcome('TestWriter', 'fail'), outcome('TestReload', 'pass')],
      ),
    ];
    const r = buildReport(input(runs));
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0];
    if (!f) throw new Error('no finding');
    expect(f).toMatchObject({
      kind: 'race',
      package: PKG,
      runsSeen: 2,
      runs: 3,
      seenIn: [1, 3],
      tests: ['TestWriter'],
      title: 'Data race: write in Shutdown vs read in write',
      reproduce: "cd examples/flaky-daemon && go test -race -count=1 -run '^TestWriter$' ./daemon",
    });
    expect(f.id).toMatch(/^[0-9a-f]{8}$/);
    expect(f.interval.low).toBeCloseTo(0.2077, 3);
    expect(f.interval.high).toBeCloseTo(0.9385, 3);
    expect(f.locations).toEqual([
      {
        file: 'examples/flaky-daemon/daemon/daemon.go',
        line: 51,
        function: 'daemon.(*Daemon).Shutdown',
        role: 'current',
        access: 'write',
      },
      {
        file: 'examples/flaky-daemon/daemon/daemon.go',
        line: 31,
        function: 'daemon.(*Daemon).write',
        role: 'previous',
        access: 'read',
      },
    ]);
    // Stacks come from the first occurrence, mapped.
    expect(f.stacks[0]?.frames[0]).toEqual({
      function: `${PKG}.(*Daemon).Shutdown`,
      file: 'examples/flaky-daemon/daemon/daemon.go',
      line: 51,
      origin: 'repo',
    });
    expect(f.stacks[2]?.frames[1]?.origin).toBe('goroot');
    expect(f.sample).toContain('WARNING: DATA RACE');

    expect(r.tests[0]).toMatchObject({ name: 'TestWriter', runs: 3, failed: 2, status: 'flaky' });
    expect(r.tests[1]).toMatchObject({ name: 'TestReload', runs: 3, failed: 0, status: 'passing' });
    expect(r.packages).toEqual([
      { importPath: PKG, dir: 'examples/flaky-daemon/daemon', built: true, runs: 3, failedRuns: 2 },
    ]);
    expect(r).toMatchObject({ totalRuns: 3, failedRuns: 2, runs: 3, verdict: 'findings' });
    expect(r.summary).toBe('1 data race (fails TestWriter) in 3 runs of 1 package');
    // TestWriter fails only because of the race ("race detected during execution of test").
    expect(f.failsTests).toEqual(['TestWriter']);
    expect(r.tests[0]?.failedBy).toEqual([f.id]);
    expect(r.tests[1]?.failedBy).toBeUndefined();
  });

  it('gives the same id for the same signature, whatever the run order', () => {
    const a = buildReport(input([run(1, [daemonRace({ seed: 1 })], [])]));
    const b = buildReport(input([run(1, [], []), run(2, [daemonRace({ seed: 9, writeFirst: false })], [])]));
    expect(a.findings[0]?.id).toBe(b.findings[0]?.id);
    expect(a.findings[0]?.signature).toBe(b.findings[0]?.signature);
  });

  it('carries the stack recovery of the history_size rerun into the finding', () => {
    const recovered = { ...daemonRace({ seed: 1 }), stackRecovery: 'recovered' as const };
    const r = buildReport(input([run(1, [recovered], []), run(2, [daemonRace({ seed: 2 })], [])]));
    expect(r.findings[0]?.stackRecovery).toBe('recovered');
    // Any occurrence left incomplete wins: one side of the race is unknown there.
    const lost = { ...daemonRace({ seed: 3 }), stackRecovery: 'unrecovered' as const };
    const mixed = buildReport(input([run(1, [recovered], []), run(2, [lost], [])]));
    expect(mixed.findings[0]?.stackRecovery).toBe('unrecovered');
    const plain = buildReport(input([run(1, [daemonRace({ seed: 1 })], [])]));
    expect(plain.findings[0]).not.toHaveProperty('stackRecovery');
  });

  it('classifies tests as flaky, failing, skipped and passing', () => {
    const runs = [1, 2, 3].map((i) =>
      run(
        i,
        [],
        [
          outcome('TestFlaky', i === 2 ? 'fail' : 'pass'),
          outcome('TestBroken', i === 3 ? 'interrupted' : 'fail'),
          outcome('TestSkip', 'skip'),
          outcome('TestOK', 'pass'),
        ],
      ),
    );
    const r = buildReport(input(runs));
    expect(r.tests.map((t) => [t.name, t.status, `${t.failed}/${t.runs}`])).toEqual([
      ['TestBroken', 'failing', '3/3'],
      ['TestFlaky', 'flaky', '1/3'],
      ['TestOK', 'passing', '0/3'],
      ['TestSkip', 'skipped', '0/3'],
    ]);
    // Tests that failed without any finding still get one, so fail-on sees them.
    expect(r.findings.map((f) => [f.title, f.message, `${f.runsSeen}/${f.runs}`])).toEqual([
      [
        'Test failure: TestBroken',
        'TestBroken failed without a message (the test binary exited with status 1)',
        '2/3',
      ],
      [
        'Test failure: TestBroken, TestFlaky',
        'TestBroken, TestFlaky failed without a message (the test binary exited with status 1)',
        '1/3',
      ],
    ]);
    expect(r.failedRuns).toBe(3);
    expect(r.summary).toBe('1 flaky test and 1 failing test in 3 runs of 1 package');
  });

  it('reports a run that failed with nothing to show (log.Fatal)', () => {
    const r = buildReport(input([run(1, [], [], { exitCode: 1 }), run(2, [], [])]));
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      kind: 'failure',
      title: `Test failure: ${PKG}`,
      message:
        'the test binary exited with status 1 without reporting a failed test (log.Fatal or os.Exit in a test?)',
      seenIn: [1],
      reproduce: 'cd examples/flaky-daemon && go test -race -count=1 ./daemon',
    });
    expect(r.summary).toBe('1 test failure in 2 runs of 1 package');
  });

  it('says a clean run is clean', () => {
    const r = buildReport(input([1, 2].map((i) => run(i, [], [outcome('TestOK', 'pass')]))));
    expect(r).toMatchObject({ verdict: 'clean', failedRuns: 0 });
    expect(r.summary).toBe('No data race, panic or failure in 2 runs of 1 package');
  });

  it('adds a timeout finding for a run killed without one', () => {
    const runs = [
      run(1, [], [outcome('TestSlow', 'pass')]),
      run(2, [], [outcome('TestSlow', 'interrupted')], { killed: true, exitCode: null, signal: 'SIGKILL' }),
    ];
    const r = buildReport(input(runs));
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      kind: 'timeout',
      message: 'run killed after 10m',
      title: 'Timeout: TestSlow did not finish in 10m',
      runsSeen: 1,
      runs: 2,
      seenIn: [2],
      tests: ['TestSlow'],
      signature: `timeout|${PKG}|TestSlow`,
      reproduce: "cd examples/flaky-daemon && go test -race -count=1 -timeout=10m -run '^TestSlow$' ./daemon",
    });
    expect(r.packages[0]?.failedRuns).toBe(1);
  });

  it('does not add a second timeout when the parser found one', () => {
    const r = buildReport(input([run(1, [goTimeout()], [], { killed: true })]));
    expect(r.findings.map((f) => f.kind)).toEqual(['timeout']);
    expect(r.findings[0]).toMatchObject({
      title: 'Timeout: TestSlow/slow_sub did not finish in 2s',
      tests: ['TestSlow/slow_sub'],
      locations: [
        {
          file: 'examples/flaky-daemon/daemon/slow_test.go',
          line: 12,
          role: 'timeout',
          function: 'daemon.TestSlow.func1',
        },
      ],
    });
  });

  it('sorts by runs seen, then kind, and counts each kind in the summary', () => {
    const runs = [
      run(1, [daemonRace(), daemonPanic()], [outcome('TestWriter', 'fail'), outcome('TestReload', 'fail')]),
      run(2, [daemonRace({ seed: 2 })], [outcome('TestWriter', 'fail'), outcome('TestReload', 'pass')]),
      run(
        3,
        [daemonPanic(1), daemonRace({ seed: 3, writeFirst: false })],
        [outcome('TestWriter', 'fail'), outcome('TestReload', 'fail')],
      ),
      run(4, [], [outcome('TestWriter', 'pass'), outcome('TestReload', 'pass')]),
    ];
    const r = buildReport(input(runs));
    expect(r.findings.map((f) => `${f.kind} ${f.runsSeen}/${f.runs}`)).toEqual(['race 3/4', 'panic 2/4']);
    expect(r.findings[1]).toMatchObject({
      title: 'Panic: runtime error: invalid memory address or nil pointer dereference',
      message: 'runtime error: invalid memory address or nil pointer dereference',
      locations: [
        {
          file: 'examples/flaky-daemon/daemon/config.go',
          line: 22,
          role: 'panic',
          function: 'daemon.(*Daemon).Reload',
        },
      ],
    });
    expect(r.summary).toBe(
      '1 data race (fails TestWriter) and 1 panic (fails TestReload) in 4 runs of 1 package',
    );
  });

  it('locates failures relative to the package directory and drops race notices', () => {
    const runs = [
      run(
        1,
        [
          failure('TestWriter', 'daemon_test.go', 60, 'got 2 lines, want 1'),
          failure('TestWriter', 'testing.go', 1712, 'race detected during execution of test'),
        ],
        [outcome('TestWriter', 'fail')],
      ),
    ];
    const r = buildReport(input(runs));
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      kind: 'failure',
      title: 'Test failure: TestWriter',
      locations: [
        { file: 'examples/flaky-daemon/daemon/daemon_test.go', line: 60, role: 'failure', function: '' },
      ],
    });
    expect(r.summary).toBe('1 failing test in 1 run of 1 package');
  });

  it('turns build findings into 1-of-1 findings and covers failed builds the parser missed', () => {
    const broken = {
      importPath: `${MODULE}/broken`,
      dir: `${MODULE_DIR}/broken`,
      module: { path: MODULE, dir: MODULE_DIR },
    };
    const other = {
      importPath: `${MODULE}/linkfail`,
      dir: `${MODULE_DIR}/linkfail`,
      module: { path: MODULE, dir: MODULE_DIR },
    };
    const builds: BuildResult[] = [
      { package: broken, ok: false, output: '', durationMs: 10 },
      {
        package: other,
        ok: false,
        output: '# example.com/flaky-daemon/linkfail.test\nlink: duplicated definition of symbol x\n',
        durationMs: 10,
      },
    ];
    const r = buildReport(
      input([run(1, [], [outcome('TestWriter', 'pass')])], {
        builds,
        buildFindings: [buildError()],
        packages: [
          { importPath: PKG, dir: PKG_DIR, built: true },
          { importPath: broken.importPath, dir: broken.dir, built: false },
          { importPath: other.importPath, dir: other.dir, built: false },
        ],
      }),
    );
    expect(r.findings.map((f) => [f.kind, f.title, `${f.runsSeen}/${f.runs}`])).toEqual([
      ['build', 'Build failed: example.com/flaky-daemon/broken', '1/1'],
      ['build', 'Build failed: example.com/flaky-daemon/linkfail', '1/1'],
    ]);
    expect(r.findings[0]?.locations).toEqual([
      { file: 'examples/flaky-daemon/broken/broken_test.go', line: 6, role: 'build', function: '' },
    ]);
    expect(r.findings[0]?.reproduce).toBe(
      "cd examples/flaky-daemon && go test -race -count=1 -run '^$' ./broken",
    );
    expect(r.findings[1]?.message).toBe('link: duplicated definition of symbol x');
    expect(r.packages.map((p) => [p.dir, p.built, p.runs])).toEqual([
      ['examples/flaky-daemon/daemon', true, 1],
      ['examples/flaky-daemon/broken', false, 0],
      ['examples/flaky-daemon/linkfail', false, 0],
    ]);
    expect(r.summary).toBe('2 build failures in 1 run of 1 package');
  });

  it('says nothing was run when there are errors and no runs', () => {
    const r = buildReport(input([], { errors: ['go: command not found'], packages: [] }));
    expect(r).toMatchObject({
      verdict: 'error',
      totalRuns: 0,
      summary: 'Nothing was run: go: command not found',
    });
  });

  it('handles parse mode logs that hold several packages', () => {
    const other = 'example.com/flaky-daemon/store';
    const log = (index: number, withRace: boolean) =>
      run(
        index,
        withRace ? [daemonRace({ seed: index })] : [],
        [
          outcome('TestWriter', withRace ? 'fail' : 'pass'),
          { package: other, name: 'TestStore', action: 'pass' },
        ],
        {
          package: '',
          exitCode: null,
          parsed: {
            tests: [
              outcome('TestWriter', withRace ? 'fail' : 'pass'),
              { package: other, name: 'TestStore', action: 'pass' },
            ],
            findings: withRace ? [daemonRace({ seed: index })] : [],
            packages: [
              { name: PKG, action: withRace ? 'fail' : 'pass' },
              { name: other, action: 'pass' },
            ],
            sawGoOutput: true,
          },
        },
      );
    const r = buildReport(input([log(1, true), log(2, false)], { mode: 'parse', packages: [] }));
    expect(r.findings[0]).toMatchObject({ runsSeen: 1, runs: 2, seenIn: [1] });
    expect(r.packages).toEqual([
      { importPath: PKG, dir: 'examples/flaky-daemon/daemon', built: true, runs: 2, failedRuns: 1 },
      { importPath: other, dir: 'examples/flaky-daemon/store', built: true, runs: 2, failedRuns: 0 },
    ]);
    expect(r.summary).toBe('1 data race (fails TestWriter) in 2 logs of 2 packages');
    expect(r.findings[0]?.reproduce).toBe(
      "cd examples/flaky-daemon && go test -race -count=1 -run '^TestWriter$' ./daemon",
    );
  });

  it('maps with the given mapper only (no file system)', () => {
    expect(mapper.map(`${PKG_DIR}/daemon.go`).origin).toBe('repo');
  });
});
