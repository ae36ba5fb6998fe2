// Issue 5: rerun only what failed (tests-from), stop early (until, max-duration), recover stacks
// (history_size), interleave builds and runs, leave no process behind.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_GORACE,
  type EngineDeps,
  execute,
  iterationsPerRun,
  withGorace,
} from '../../src/engine/engine.js';
import { createGoTool, type GoTool } from '../../src/engine/go.js';
import { parseLogFile } from '../../src/engine/logs.js';
import { nodeProcessRunner, type ProcessRunner, type ProcessSpec } from '../../src/engine/process.js';
import { halfWidth, type RunJob, schedule } from '../../src/engine/scheduler.js';
import { failedInLog, quoteMeta, runPattern } from '../../src/engine/testsfrom.js';
import type { GoPackage, RunRecord, Settings } from '../../src/model.js';
import { GO_ENV, goModule, isAlive, moduleSettings, readPid, stubParse, waitUntil } from './helpers.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rr-faster-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function settings(module: string, over: Partial<Settings> = {}): Settings {
  return moduleSettings(module, join(tmp, 'report.json'), { until: 'count', precision: 0.1, ...over });
}

const realGo = createGoTool(nodeProcessRunner, { env: GO_ENV });

function deps(name: string, over: Partial<EngineDeps> = {}) {
  const messages: string[] = [];
  const d: EngineDeps = {
    go: realGo,
    runner: nodeProcessRunner,
    parse: parseLogFile,
    log: (m) => messages.push(m),
    workDir: join(tmp, name),
    env: GO_ENV,
    keepFiles: true, // the tests read the run logs
    ...over,
  };
  return { d, messages };
}

/** `ran X` lines the selectfail tests log, per run. */
function ranTests(run: RunRecord | undefined): string[] {
  const log = readFileSync(run?.logFile ?? '', 'utf8');
  return [...log.matchAll(/ran (\S+(?: case)?)$/gm)].map((m) => m[1] ?? '').sort();
}

/** Runs `go test` in a module the way an earlier CI step would, and saves its output. */
function goTestLog(module: string, args: string[], file: string): string {
  const r = spawnSync('go', ['test', ...args, './...'], {
    cwd: goModule(module),
    env: GO_ENV,
    encoding: 'utf8',
  });
  const path = join(tmp, file);
  writeFileSync(path, r.stdout + r.stderr);
  return path;
}

describe('runPattern', () => {
  it('anchors top-level tests together and each subtest level on its own', () => {
    expect(runPattern(['TestA'])).toBe('^TestA$');
    expect(runPattern(['TestA', 'TestB'])).toBe('^(TestA|TestB)$');
    expect(runPattern(['TestA', 'TestP/bad', 'TestP/x.y', 'TestQ/a/b'])).toBe(
      '^TestA$|^TestP$/^bad$|^TestP$/^x\\.y$|^TestQ$/^a$/^b$',
    );
  });

  it('quotes what Go regexp would read as syntax', () => {
    expect(quoteMeta('a.b+c*d?e(f)g|h[i]j{k}l^m$n\\o')).toBe(
      'a\\.b\\+c\\*d\\?e\\(f\\)g\\|h\\[i\\]j\\{k\\}l\\^m\\$n\\\\o',
    );
  });
});

describe('tests-from', () => {
  it('reads the failed tests of a real -json log, keeping leaves only', async () => {
    const log = goTestLog('selectfail', ['-json'], 'select.json');
    const failed = failedInLog(await parseLogFile(log));
    expect([...failed]).toEqual([
      ['example.com/rr/selectfail', ['TestFails', 'TestParent/bad', 'TestParent/bad_case', 'TestParent/x.y']],
    ]);
  });

  it.each([
    ['-json', 'select-rerun.json'],
    ['-v', 'select-rerun.txt'],
  ])('reruns exactly the failed tests of a go test %s log', async (flag, file) => {
    const log = goTestLog('selectfail', [flag], file);
    const { d } = deps(`select${flag}`);
    const r = await execute(settings('selectfail', { testsFrom: [log], count: 2 }), d);
    expect(r.errors).toEqual([]);
    expect(r.packages.map((p) => p.importPath)).toEqual(['example.com/rr/selectfail']);
    expect(r.runs).toHaveLength(2);
    for (const run of r.runs) {
      expect(ranTests(run)).toEqual(['TestFails', 'TestParent/bad', 'TestParent/bad case', 'TestParent/x.y']);
    }
    expect(r.notes.join('\n')).toContain(
      'Rerunning only what failed in ' +
        `${log}: example.com/rr/selectfail (TestFails, TestParent/bad, TestParent/bad_case, TestParent/x.y).`,
    );
  });

  it('runs nothing and says so when nothing failed', async () => {
    const log = goTestLog('clean', ['-json'], 'clean.json');
    const { d } = deps('select-clean');
    const r = await execute(settings('clean', { testsFrom: [log] }), d);
    expect(r.errors).toEqual([]);
    expect(r.runs).toEqual([]);
    expect(r.builds).toEqual([]);
    expect(r.notes).toEqual([`No test failed in ${log}: nothing to rerun.`]);
  });

  it('runs the run pattern when nothing failed and run is given', async () => {
    const log = goTestLog('clean', ['-json'], 'clean2.json');
    const { d } = deps('select-clean-run');
    const r = await execute(settings('race', { testsFrom: [log], run: 'TestClean', count: 1 }), d);
    expect(r.errors).toEqual([]);
    expect(r.runs).toHaveLength(1);
    expect(r.notes[0]).toContain('running the tests that match run instead');
  });

  it('says a log that is not a test log is one', async () => {
    const file = join(tmp, 'not-a-log.txt');
    await writeFile(file, 'hello\nthis is a build log\n');
    const { d } = deps('select-bad');
    const r = await execute(settings('clean', { testsFrom: [file] }), d);
    expect(r.errors).toEqual([
      `tests-from ${file} is not a go test log: it has no test results. Give the output of go test -json or go test -v.`,
    ]);
    expect(r.runs).toEqual([]);
  });
});

describe('until', () => {
  it('first: stops at the first failing run', async () => {
    const { d } = deps('until-first');
    const r = await execute(settings('race', { count: 20, until: 'first', parallel: 2 }), d);
    expect(r.errors).toEqual([]);
    // Both slots may finish their first run before the stop reaches them.
    expect(r.runs.length).toBeGreaterThanOrEqual(1);
    expect(r.runs.length).toBeLessThanOrEqual(3);
    const [stopNote, ...rest] = r.notes.slice(-2).filter((n) => !n.startsWith('Runs stopped before'));
    expect(stopNote).toMatch(
      /^Stopped at the first failing run \(until: first\): run \d of example\.com\/rr\/race, after \d runs? in all\./,
    );
    expect(rest).toEqual([]);
    // The other slot's run, stopped half way, may have printed the race already: kept, not counted.
    const stopped = r.notes.find((n) => n.startsWith('Runs stopped before'));
    if (stopped)
      expect(stopped).toMatch(
        /had already printed a data race at race\.go:1[38] in race\.\(\*Counter\)\.(Inc|Get) \(example\.com\/rr\/race\)/,
      );
  });

  it('stable: a race in every run is known to ±10 points after 16 runs', async () => {
    // Wilson 95% for k = n: half-width 1.92/(n + 3.84) ≤ 0.1 first at n = 16.
    expect(halfWidth(15, 15)).toBeGreaterThan(0.1);
    expect(halfWidth(16, 16)).toBeLessThanOrEqual(0.1);
    expect(halfWidth(0, 16)).toBeLessThanOrEqual(0.1);
    const { d } = deps('until-stable');
    const r = await execute(settings('race', { count: 60, until: 'stable', parallel: 2 }), d);
    expect(r.errors).toEqual([]);
    // The run already started when the 16th ended is counted too.
    expect(r.runs.length).toBeGreaterThanOrEqual(16);
    expect(r.runs.length).toBeLessThanOrEqual(17);
    for (const run of r.runs) expect(run.parsed.findings.map((f) => f.kind)).toEqual(['race']);
    expect(r.notes.at(-1)).toBe(
      `Stopped once every finding and test was known to ±10 points at 95% (until: stable). Runs per package: example.com/rr/race ${r.runs.length}.`,
    );
  });

  it('stable: says when count came first', async () => {
    const { d } = deps('until-stable-count');
    const r = await execute(settings('race', { count: 5, until: 'stable' }), d);
    expect(r.runs).toHaveLength(5);
    expect(r.notes.at(-1)).toBe(
      'Reached count (5 runs) before every rate was known to ±10 points in example.com/rr/race: raise count for a narrower interval.',
    );
  });
});

describe('max-duration', () => {
  it('stops at the budget, gives the slow package fewer runs and says so', async () => {
    const { d } = deps('budget');
    // Warm the build cache so the budget goes to runs.
    await execute(settings('budget', { count: 1 }), deps('budget-warm').d);
    const started = Date.now();
    const r = await execute(
      settings('budget', { count: 200, maxDuration: '2500ms', maxDurationMs: 2500 }),
      d,
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(4000);
    expect(r.errors).toEqual([]);
    const runsOf = (p: string) => r.runs.filter((x) => x.package === `example.com/rr/budget/${p}`).length;
    expect(runsOf('slow')).toBeGreaterThan(0);
    expect(runsOf('fast')).toBeGreaterThan(2 * runsOf('slow'));
    expect(runsOf('fast')).toBeLessThan(200);
    const notes = r.notes.join('\n');
    expect(notes).toMatch(
      /Stopped at max-duration 2500ms before all 200 runs\. Runs per package: example\.com\/rr\/budget\/fast \d+, example\.com\/rr\/budget\/slow \d+\./,
    );
    expect(notes).toMatch(
      /example\.com\/rr\/budget\/slow got fewer runs under the budget: \d+ of 200 \(its runs take 0\.\ds each\)/,
    );
    // Nothing was counted that did not finish.
    for (const run of r.runs) expect(run.exitCode).toBe(0);
  });

  it('a budget too short for one run: an error, nothing measured', async () => {
    const { d } = deps('budget-short');
    const r = await execute(settings('budget', { count: 5, maxDuration: '1ms', maxDurationMs: 1 }), d);
    expect(r.runs).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(
      /^max-duration 1ms was too short for even one run \(building took \d+\.\ds\): nothing was measured\. Raise max-duration\.$/,
    );
  });
});

describe('scheduling', () => {
  const pkg = (name: string): GoPackage => ({
    importPath: `example.com/rr/${name}`,
    dir: tmp,
    module: { path: 'example.com/rr', dir: tmp },
  });

  it('starts the first runs while later packages still build, one build each', async () => {
    const events: string[] = [];
    const runner: ProcessRunner = {
      async run(spec: ProcessSpec) {
        events.push(`run ${spec.command}`);
        await new Promise((r) => setTimeout(r, 10));
        return { exitCode: 0, signal: null, killed: false, durationMs: 10, output: '' };
      },
    };
    const builds: Record<string, number> = {};
    const jobs: RunJob[] = ['a', 'b', 'c'].map((n, i) => ({
      package: pkg(n),
      build: async () => {
        builds[n] = (builds[n] ?? 0) + 1;
        events.push(`build ${n}`);
        await new Promise((r) => setTimeout(r, 30 + 60 * i));
        events.push(`built ${n}`);
        return `/bin/${n}`;
      },
    }));
    const result = await schedule(
      jobs,
      { count: 3, parallel: 2, timeout: '1m', timeoutMs: 60_000, testArgs: [], logDir: join(tmp, 'sched') },
      { runner, parse: stubParse },
    );
    expect(builds).toEqual({ a: 1, b: 1, c: 1 });
    expect(result.records).toHaveLength(9);
    expect(result.stop).toBe('count');
    // a's runs begin before c is built.
    expect(events.indexOf('run /bin/a')).toBeLessThan(events.indexOf('built c'));
  });

  it('a failed build gets no runs and the others still run', async () => {
    const runner: ProcessRunner = {
      run: async () => ({ exitCode: 0, signal: null, killed: false, durationMs: 1, output: '' }),
    };
    const jobs: RunJob[] = [
      { package: pkg('ok'), build: async () => '/bin/ok' },
      { package: pkg('bad'), build: async () => undefined },
    ];
    const result = await schedule(
      jobs,
      { count: 2, parallel: 2, timeout: '1m', timeoutMs: 60_000, testArgs: [], logDir: join(tmp, 'sched2') },
      { runner, parse: stubParse },
    );
    expect(result.records.map((r) => `${r.package}#${r.index}`)).toEqual([
      'example.com/rr/ok#1',
      'example.com/rr/ok#2',
    ]);
    expect(result.packages.map((p) => [p.importPath, p.built, p.runs])).toEqual([
      ['example.com/rr/ok', true, 2],
      ['example.com/rr/bad', false, 0],
    ]);
  });
});

describe('GORACE and iterations', () => {
  it('puts race-rerun options first so the user wins', () => {
    expect(withGorace({ GORACE: 'atexit_sleep_ms=1000' }, DEFAULT_GORACE).GORACE).toBe(
      'atexit_sleep_ms=0 atexit_sleep_ms=1000',
    );
    expect(withGorace({}, DEFAULT_GORACE, ['history_size=7']).GORACE).toBe(
      'atexit_sleep_ms=0 history_size=7',
    );
  });

  it('gives every run atexit_sleep_ms=0 unless the step env says otherwise', async () => {
    const seen: string[] = [];
    const runner: ProcessRunner = {
      run: async (spec) => {
        seen.push(spec.env?.GORACE ?? '');
        return nodeProcessRunner.run(spec);
      },
    };
    const { d } = deps('gorace', { runner, env: { ...GO_ENV, GORACE: 'halt_on_error=0' } });
    await execute(settings('clean', { count: 1 }), d);
    expect(seen).toEqual(['atexit_sleep_ms=0 halt_on_error=0']);
  });

  it('counts iterations per run from -test.count and -test.cpu', () => {
    expect(iterationsPerRun([])).toBe(1);
    expect(iterationsPerRun(['-test.count=3'])).toBe(3);
    expect(iterationsPerRun(['-test.count=3', '-test.cpu=1,2'])).toBe(6);
  });

  it('with -count=3, a panic loses the iterations after it, and the notes say how many', async () => {
    const { d } = deps('iterations');
    const r = await execute(settings('panic', { count: 2, testFlags: ['-test.count=3'] }), d);
    expect(r.runs).toHaveLength(2);
    // TestPasses passes, then TestNilDeref panics in the first iteration: of the 2 × 3 iterations
    // of a run only those 2 ran, 4 were lost.
    expect(r.notes).toContain(
      'example.com/rr/panic: 2 runs ended early (a panic, fatal error or timeout ends the process), so 8 test iterations of the 3 per test in a run never ran. Each run counts once, failed if any iteration failed.',
    );
  });
});

describe('history_size rerun', () => {
  const fixtures = join(import.meta.dirname, '..', 'fixtures', 'go-output');
  const complete = readFileSync(join(fixtures, 'race-basic-go1.26.txt'), 'utf8');
  const broken = readFileSync(
    join(fixtures, 'derived-failed-to-restore-stack-race-basic-go1.26.txt'),
    'utf8',
  );
  const fakeGo: GoTool = {
    env: async () => ({ version: 'go1.26.0', goroot: '/go', gomodcache: '/mod', gomod: '/m/go.mod' }),
    modules: async () => [],
    listTestPackages: async () => ({
      packages: [
        {
          importPath: 'example.com/corpus/racebasic',
          dir: tmp,
          module: { path: 'example.com/corpus', dir: tmp },
        },
      ],
      withoutTests: [],
      errors: [],
    }),
    buildTest: async (pkg, outFile) => ({
      package: pkg,
      ok: true,
      binary: outFile,
      output: '',
      durationMs: 1,
    }),
  };

  /** Prints the broken report, and on history_size reruns the complete one (from try `fixedOn`). */
  function fakeRunner(fixedOn: number) {
    const calls: ProcessSpec[] = [];
    let reruns = 0;
    const runner: ProcessRunner = {
      async run(spec) {
        calls.push(spec);
        const history = /history_size=7/.test(spec.env?.GORACE ?? '');
        if (history) reruns++;
        await mkdir(join(spec.logFile ?? '', '..'), { recursive: true });
        await writeFile(spec.logFile ?? '', history && reruns >= fixedOn ? complete : broken);
        return { exitCode: 1, signal: null, killed: false, durationMs: 5, output: '' };
      },
    };
    return { runner, calls };
  }

  it('reruns the test with GORACE=history_size=7 and uses the complete report', async () => {
    const { runner, calls } = fakeRunner(2);
    const { d } = deps('history', { go: fakeGo, runner, env: { PATH: '/bin' } });
    const r = await execute(settings('race', { count: 3 }), d);
    expect(r.errors).toEqual([]);
    expect(r.runs).toHaveLength(3);
    const reruns = calls.filter((c) => /history_size=7/.test(c.env?.GORACE ?? ''));
    expect(reruns).toHaveLength(2);
    expect(reruns[0]?.env?.GORACE).toBe('atexit_sleep_ms=0 history_size=7');
    expect(reruns[0]?.args).toContain('-test.run=^TestRace$');
    for (const run of r.runs) {
      const [race] = run.parsed.findings.filter((f) => f.kind === 'race');
      expect(race?.stackRecovery).toBe('recovered');
      const previous = race?.stacks.find((s) => s.role === 'previous');
      expect(previous?.frames.length).toBeGreaterThan(0);
      expect(race?.raw.split('(race-rerun:')[0]).not.toContain('[failed to restore the stack]');
      expect(race?.raw).toContain('GORACE=history_size=7');
    }
    expect(r.notes).toContain(
      'A race in TestRace in example.com/corpus/racebasic had [failed to restore the stack]; a rerun with GORACE=history_size=7 gave the full report, used for its annotations.',
    );
  });

  it('says in the finding when the stack could not be restored', async () => {
    const { runner, calls } = fakeRunner(Number.POSITIVE_INFINITY);
    const { d } = deps('history-lost', { go: fakeGo, runner, env: {} });
    const r = await execute(settings('race', { count: 1 }), d);
    expect(calls.filter((c) => /history_size=7/.test(c.env?.GORACE ?? ''))).toHaveLength(3);
    const [race] = r.runs[0]?.parsed.findings.filter((f) => f.kind === 'race') ?? [];
    expect(race?.stackRecovery).toBe('unrecovered');
    expect(race?.raw).toContain('[failed to restore the stack]');
    expect(race?.raw).toContain(
      '(race-rerun: a stack of this race could not be restored, not even in 3 reruns with GORACE=history_size=7.)',
    );
    expect(r.notes).toContain(
      'A race in TestRace in example.com/corpus/racebasic had [failed to restore the stack] and 3 reruns with GORACE=history_size=7 did not restore it: one side of it is unknown.',
    );
  });
});

describe('orphans', () => {
  it('a timed-out run leaves neither child nor grandchild behind', async () => {
    const treeDir = join(tmp, 'tree');
    await mkdir(treeDir, { recursive: true });
    const { d } = deps('orphans', { env: { ...GO_ENV, RR_TREE_DIR: treeDir } });
    const r = await execute(settings('orphans', { count: 1, timeout: '1s', timeoutMs: 1000 }), d);
    expect(r.errors).toEqual([]);
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0]?.parsed.findings.map((f) => f.kind)).toEqual(['timeout']);
    const child = readPid(join(treeDir, 'child'));
    expect(await waitUntil(() => existsSync(join(treeDir, 'grandchild')), 1000)).toBe(true);
    const grandchild = readPid(join(treeDir, 'grandchild'));
    expect(await waitUntil(() => !isAlive(child) && !isAlive(grandchild), 3000)).toBe(true);
  });

  it('a run stopped by max-duration leaves nothing behind either', async () => {
    const treeDir = join(tmp, 'tree-budget');
    await mkdir(treeDir, { recursive: true });
    const { d } = deps('orphans-budget', { env: { ...GO_ENV, RR_TREE_DIR: treeDir } });
    // The test above built it, so the run starts well within the budget and is stopped by it.
    const r = await execute(
      settings('orphans', {
        count: 1,
        timeout: '1m',
        timeoutMs: 60_000,
        maxDuration: '3s',
        maxDurationMs: 3000,
      }),
      d,
    );
    expect(r.runs).toEqual([]);
    expect(r.errors[0]).toMatch(/too short for even one run/);
    const child = readPid(join(treeDir, 'child'));
    const grandchild = readPid(join(treeDir, 'grandchild'));
    expect(await waitUntil(() => !isAlive(child) && !isAlive(grandchild), 3000)).toBe(true);
  });
});
