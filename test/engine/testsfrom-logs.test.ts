// Issue 11: tests-from reads several logs as one verdict. The logs are fresh plain (non -v) output
// of the real `go test` on test/go/selectfail, each run with another -run, as nightly runs or a
// matrix of jobs would leave them.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineDeps, execute } from '../../src/engine/engine.js';
import { createGoTool } from '../../src/engine/go.js';
import { parseLogFile } from '../../src/engine/logs.js';
import { nodeProcessRunner } from '../../src/engine/process.js';
import { failedInLogs } from '../../src/engine/testsfrom.js';
import type { ParsedOutput, RunRecord, Settings } from '../../src/model.js';
import { GO_ENV, goModule, moduleSettings } from './helpers.js';

let tmp: string;
let logs: string[];
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rr-testsfrom-'));
  await mkdir(join(tmp, 'logs'));
  // 1: TestFails and TestParent's subtests fail; 2: only TestFails; 3: the package passes (no test lines).
  logs = [
    goTestLog(['-run', '^(TestFails|TestParent)$'], 'logs/1.log'),
    goTestLog(['-run', '^TestFails$'], 'logs/2.log'),
    goTestLog(['-run', '^TestPasses$'], 'logs/3.log'),
  ];
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function goTestLog(args: string[], file: string): string {
  const r = spawnSync('go', ['test', ...args, './...'], {
    cwd: goModule('selectfail'),
    env: GO_ENV,
    encoding: 'utf8',
  });
  const path = join(tmp, file);
  writeFileSync(path, r.stdout + r.stderr);
  return path;
}

const realGo = createGoTool(nodeProcessRunner, { env: GO_ENV });

function deps(name: string): EngineDeps {
  return {
    go: realGo,
    runner: nodeProcessRunner,
    parse: parseLogFile,
    log: () => {},
    workDir: join(tmp, name),
    env: GO_ENV,
    keepFiles: true,
  };
}

function settings(over: Partial<Settings>): Settings {
  return moduleSettings('selectfail', join(tmp, 'report.json'), { until: 'count', count: 1, ...over });
}

/** `ran X` lines the selectfail tests log. */
function ranTests(run: RunRecord | undefined): string[] {
  const log = readFileSync(run?.logFile ?? '', 'utf8');
  return [...log.matchAll(/ran (\S+(?: case)?)$/gm)].map((m) => m[1] ?? '').sort();
}

describe('tests-from with several plain logs', () => {
  it('the logs are what go test printed: plain, the third without a test line', () => {
    const [one, two, three] = logs.map((f) => readFileSync(f, 'utf8'));
    expect(one).toContain('--- FAIL: TestParent/bad ');
    expect(two).toContain('--- FAIL: TestFails ');
    expect(two).not.toContain('TestParent');
    expect(three).not.toContain('---');
    expect(three).toMatch(/^ok\s+example\.com\/rr\/selectfail\s/m);
  });

  it('reruns the union of what failed, and says in how many logs each failed', async () => {
    const r = await execute(settings({ testsFrom: logs }), deps('union'));
    expect(r.errors).toEqual([]);
    expect(r.testsFrom?.logs).toEqual(logs);
    expect(r.testsFrom?.tests).toEqual([
      { package: 'example.com/rr/selectfail', test: 'TestFails', failed: 2, logs: 3 },
      // Log 2 is a plain log of a package that failed because of TestFails and ran to its end:
      // taken as a run where the subtests it does not name passed. (It was made with -run, which
      // a plain log does not show; log 3 too, for TestFails: the rule assumes one command.)
      { package: 'example.com/rr/selectfail', test: 'TestParent/bad', failed: 1, logs: 3 },
      { package: 'example.com/rr/selectfail', test: 'TestParent/bad_case', failed: 1, logs: 3 },
      { package: 'example.com/rr/selectfail', test: 'TestParent/x.y', failed: 1, logs: 3 },
    ]);
    expect(r.packages.map((p) => p.importPath)).toEqual(['example.com/rr/selectfail']);
    expect(r.runs).toHaveLength(1);
    expect(ranTests(r.runs[0])).toEqual([
      'TestFails',
      'TestParent/bad',
      'TestParent/bad case',
      'TestParent/x.y',
    ]);
    expect(r.notes).toContain(
      `Rerunning only what failed in 3 logs (${logs.join(', ')}): example.com/rr/selectfail (TestFails, TestParent/bad, TestParent/bad_case, TestParent/x.y).`,
    );
  }, 120_000);

  it('names only what it reruns: a test of a package not among the packages is in a note', async () => {
    const other = join(tmp, 'logs', 'other.log');
    writeFileSync(
      other,
      '--- FAIL: TestElsewhere (0.00s)\n    x_test.go:3: no\nFAIL\nFAIL\texample.com/rr/other\t0.01s\nFAIL\n',
    );
    const r = await execute(settings({ testsFrom: [logs[1] ?? '', other] }), deps('other'));
    expect(r.errors).toEqual([]);
    expect(r.testsFrom?.tests.map((t) => t.test)).toEqual(['TestFails']);
    expect(r.notes.join('\n')).toContain('but not among the packages (./...): example.com/rr/other.');
  }, 120_000);

  it('says nothing failed in any of them, and runs nothing', async () => {
    const r = await execute(settings({ testsFrom: [logs[2] ?? '', logs[2] ?? ''] }), deps('none'));
    expect(r.errors).toEqual([]);
    expect(r.runs).toEqual([]);
    expect(r.notes).toEqual([`No test failed in 2 logs (${logs[2]}, ${logs[2]}): nothing to rerun.`]);
  });

  it('refuses a non-Go log among good ones, naming it, and runs nothing', async () => {
    const bad = join(tmp, 'logs', 'build.log');
    writeFileSync(bad, 'Step 3/7 : RUN make\nmake: Nothing to be done.\n');
    const r = await execute(settings({ testsFrom: [logs[0] ?? '', bad, logs[1] ?? ''] }), deps('bad'));
    expect(r.errors).toEqual([
      `tests-from ${bad} is not a go test log: it has no test results. Give the output of go test -json or go test -v.`,
    ]);
    expect(r.runs).toEqual([]);
    expect(r.builds).toEqual([]);
  });

  it('says which log cannot be read', async () => {
    // A directory passed past the settings (which expand them): reading it fails with EISDIR.
    const dir = join(tmp, 'logs');
    const r = await execute(settings({ testsFrom: [logs[0] ?? '', dir] }), deps('unreadable'));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(new RegExp(`^Cannot read tests-from ${dir}: .*EISDIR`));
    expect(r.runs).toEqual([]);
  });
});

describe('failedInLogs', () => {
  const log = (tests: [string, 'fail' | 'pass'][], pkg = 'm'): ParsedOutput => ({
    tests: tests.map(([name, action]) => ({ package: pkg, name, action })),
    findings: [],
    packages: [{ name: pkg, action: tests.some(([, a]) => a === 'fail') ? 'fail' : 'pass' }],
    sawGoOutput: true,
  });
  const runsOf = (logs: ParsedOutput[]): RunRecord[] =>
    logs.map((parsed, i) => ({
      package: 'm',
      index: i + 1,
      exitCode: 0,
      signal: null,
      killed: false,
      durationMs: 0,
      parsed,
    }));

  it('a test that failed on its own in one log covers the subtests that failed in another', () => {
    // Log 1: TestP failed in its own body (no subtest failed); log 2: only its subtest b failed.
    const logs = [
      log([['TestP', 'fail']]),
      log([
        ['TestP/b', 'fail'],
        ['TestP', 'fail'],
      ]),
    ];
    const s = failedInLogs(logs, runsOf(logs));
    expect([...s.failed]).toEqual([['m', ['TestP']]]);
    expect(s.tests).toEqual([{ package: 'm', test: 'TestP', failed: 2, logs: 2 }]);
  });

  it('a package that failed without a test to name in one log reruns whole', () => {
    const crash: ParsedOutput = {
      tests: [],
      findings: [],
      packages: [{ name: 'm', action: 'fail' }],
      sawGoOutput: true,
    };
    const logs = [log([['TestA', 'fail']]), crash, log([])];
    const s = failedInLogs(logs, runsOf(logs));
    expect([...s.failed]).toEqual([['m', []]]);
    expect(s.tests).toEqual([{ package: 'm', failed: 2, logs: 3 }]);
  });
});
