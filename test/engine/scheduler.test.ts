import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoTool } from '../../src/engine/go.js';
import { nodeProcessRunner, type ProcessRunner, type ProcessSpec } from '../../src/engine/process.js';
import { fileNames, hardTimeoutMs, type RunJob, runAll, testBinaryArgs } from '../../src/engine/scheduler.js';
import type { GoPackage } from '../../src/model.js';
import { countOf, GO_ENV, goModule, isAlive, readPid, stubParse, waitUntil } from './helpers.js';

const pkg = (name: string): GoPackage => ({
  importPath: `example.com/rr/${name}`,
  dir: goModule(name),
  module: { path: `example.com/rr/${name}`, dir: goModule(name) },
});

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rr-sched-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('testBinaryArgs', () => {
  it('frames output for test2json, os.Exit(0) as a failure (as go test), one iteration, the timeout', () => {
    expect(testBinaryArgs({ timeout: '10m', testFlags: [] })).toEqual([
      '-test.v=test2json',
      '-test.paniconexit0',
      '-test.count=1',
      '-test.timeout=10m',
    ]);
  });

  it('adds run, skip and the test flags in order', () => {
    expect(
      testBinaryArgs({
        timeout: '2s',
        run: '^TestA$',
        skip: 'Slow',
        testFlags: ['-test.shuffle=on', '-test.cpu=1,4'],
      }),
    ).toEqual([
      '-test.v=test2json',
      '-test.paniconexit0',
      '-test.count=1',
      '-test.timeout=2s',
      '-test.run=^TestA$',
      '-test.skip=Slow',
      '-test.shuffle=on',
      '-test.cpu=1,4',
    ]);
  });

  it('uses plain -test.v for Go before 1.20, which has no test2json mode', () => {
    expect(testBinaryArgs({ timeout: '1m', testFlags: [], goVersion: 'go1.19.8' })[0]).toBe('-test.v=true');
    expect(testBinaryArgs({ timeout: '1m', testFlags: [], goVersion: 'go1.21.0' })[0]).toBe(
      '-test.v=test2json',
    );
  });
});

describe('helpers', () => {
  it('gives every import path its own file name', () => {
    expect(fileNames(['example.com/a/b_c', 'example.com/a_b/c', 'example.com/a/b'])).toEqual([
      'example.com_a_b_c',
      'example.com_a_b_c-2',
      'example.com_a_b',
    ]);
  });

  it('adds a grace period of max(30 s, 10 %) to the Go timeout, none for 0', () => {
    expect(hardTimeoutMs(2000)).toBe(32_000);
    expect(hardTimeoutMs(600_000)).toBe(660_000);
    expect(hardTimeoutMs(0)).toBeUndefined();
    expect(hardTimeoutMs(1000, 500)).toBe(1500);
  });
});

describe('runAll with a fake runner', () => {
  it('interleaves packages, keeps at most `parallel` alive, and survives spawn errors', async () => {
    const started: string[] = [];
    let alive = 0;
    let maxAlive = 0;
    const runner: ProcessRunner = {
      async run(spec: ProcessSpec) {
        started.push(`${spec.command}#${spec.logFile?.match(/run-(\d+)/)?.[1]}`);
        alive++;
        maxAlive = Math.max(maxAlive, alive);
        await new Promise((r) => setTimeout(r, 20));
        alive--;
        if (spec.command === '/bin/b.test') {
          return {
            exitCode: null,
            signal: null,
            killed: false,
            durationMs: 0,
            output: '',
            spawnError: 'EACCES',
          };
        }
        if (spec.command === '/bin/c.test') throw new Error('runner bug');
        return { exitCode: 0, signal: null, killed: false, durationMs: 20, output: '' };
      },
    };
    const jobs: RunJob[] = ['a', 'b', 'c'].map((n) => ({ package: pkg(n), binary: `/bin/${n}.test` }));
    const progress: string[] = [];
    const logDir = join(tmp, 'fake');
    const records = await runAll(
      jobs,
      { count: 3, parallel: 2, timeout: '1m', timeoutMs: 60_000, testArgs: ['-x'], logDir, keepLogs: true },
      {
        runner,
        parse: stubParse,
        onRun: (_r, done, total) => progress.push(`${done}/${total}`),
      },
    );
    expect(started.slice(0, 3)).toEqual(['/bin/a.test#1', '/bin/b.test#1', '/bin/c.test#1']);
    expect(started).toHaveLength(9);
    expect(maxAlive).toBe(2);
    expect(progress.at(-1)).toBe('9/9');
    expect(records.map((r) => `${r.package.slice(-1)}${r.index}`)).toEqual([
      'a1',
      'a2',
      'a3',
      'b1',
      'b2',
      'b3',
      'c1',
      'c2',
      'c3',
    ]);
    const b1 = records[3];
    expect(b1).toMatchObject({ exitCode: null, killed: false });
    expect(b1?.logFile).toBe(join(logDir, 'example.com_rr_b', 'run-1.log'));
    expect(readFileSync(b1?.logFile ?? '', 'utf8')).toContain('EACCES');
    expect(readFileSync(records[6]?.logFile ?? '', 'utf8')).toContain('runner bug');
  });

  it('gives each run its own TMPDIR/GOTMPDIR (removed after it) and RACE_RERUN_RUN; marks overlapping runs', async () => {
    const seen: { run: string; tmp: string; existed: boolean }[] = [];
    const runner: ProcessRunner = {
      async run(spec: ProcessSpec) {
        const dir = spec.env?.TMPDIR ?? '';
        expect(spec.env?.GOTMPDIR).toBe(dir);
        seen.push({ run: spec.env?.RACE_RERUN_RUN ?? '', tmp: dir, existed: existsSync(dir) });
        await writeFile(join(dir, 'left-behind'), 'x');
        // Run 1 and 2 overlap (two slots); run 3 runs alone after them.
        await new Promise((r) => setTimeout(r, spec.env?.RACE_RERUN_RUN === '3' ? 1 : 50));
        return { exitCode: 0, signal: null, killed: false, durationMs: 1, output: '' };
      },
    };
    const logDir = join(tmp, 'envs');
    let parallel = 2;
    const records = await runAll(
      [
        { package: pkg('a'), binary: '/bin/a.test' },
        { package: pkg('b'), binary: '/bin/b.test' },
      ],
      { count: 1, parallel, timeout: '1m', timeoutMs: 60_000, testArgs: [], logDir },
      { runner, parse: stubParse },
    );
    parallel = 1;
    const alone = await runAll(
      [{ package: pkg('c'), binary: '/bin/c.test' }],
      { count: 1, parallel, timeout: '1m', timeoutMs: 60_000, testArgs: [], logDir },
      { runner, parse: stubParse },
    );
    expect(seen.map((s) => s.run)).toEqual(['1', '2', '1']);
    expect(seen.every((s) => s.existed)).toBe(true);
    expect(new Set(seen.slice(0, 2).map((s) => s.tmp)).size).toBe(2);
    // Removed with what the test left in it.
    expect(seen.some((s) => existsSync(s.tmp))).toBe(false);
    expect(records.map((r) => r.overlapped)).toEqual([true, true]);
    expect(alone.map((r) => r.overlapped)).toEqual([false]);
  });
});

describe('slots and parsing', () => {
  const instant: ProcessRunner = {
    async run() {
      return { exitCode: 0, signal: null, killed: false, durationMs: 1, output: '' };
    },
  };
  const slowParse = (events: string[]) => async (logFile: string) => {
    const n = logFile.match(/run-(\d+)/)?.[1];
    events.push(`parse ${n}`);
    await new Promise((r) => setTimeout(r, 30));
    events.push(`parsed ${n}`);
    return { tests: [], findings: [], packages: [], sawGoOutput: true };
  };

  it('with until count, starts the next run while the last log is parsed; waits for every parse', async () => {
    const events: string[] = [];
    const opts = { count: 3, parallel: 1, timeout: '1m', timeoutMs: 60_000, testArgs: [] };
    const records = await runAll(
      [{ package: pkg('a'), binary: '/bin/a.test' }],
      {
        ...opts,
        logDir: join(tmp, 'slots-count'),
      },
      { runner: instant, parse: slowParse(events) },
    );
    expect(records.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(events.slice(0, 3)).toEqual(['parse 1', 'parse 2', 'parse 3']);
    expect(events.filter((e) => e.startsWith('parsed'))).toHaveLength(3);
  });

  it('with until stable, waits for the parse before the next run (it decides whether to go on)', async () => {
    const events: string[] = [];
    const opts = { count: 2, parallel: 1, timeout: '1m', timeoutMs: 60_000, testArgs: [] };
    await runAll(
      [{ package: pkg('a'), binary: '/bin/a.test' }],
      {
        ...opts,
        until: 'stable',
        logDir: join(tmp, 'slots-stable'),
      },
      { runner: instant, parse: slowParse(events) },
    );
    expect(events).toEqual(['parse 1', 'parsed 1', 'parse 2', 'parsed 2']);
  });
});

describe('runAll with real test binaries', () => {
  const go = createGoTool(nodeProcessRunner, { env: GO_ENV });

  async function build(name: string): Promise<RunJob> {
    const b = await go.buildTest(pkg(name), join(tmp, `${name}.test`), [], goModule(name));
    expect(b.output).toBe('');
    return { package: pkg(name), binary: b.binary ?? '' };
  }

  it('runs the race module 3 times, 2 at a time: every run reports the race', async () => {
    const job = await build('race');
    const logDir = join(tmp, 'race-logs');
    const started = Date.now();
    const records = await runAll(
      [job],
      {
        count: 3,
        parallel: 2,
        timeout: '1m',
        timeoutMs: 60_000,
        testArgs: testBinaryArgs({ timeout: '1m', testFlags: [] }),
        logDir,
        keepLogs: true,
        env: GO_ENV,
      },
      { runner: nodeProcessRunner, parse: stubParse },
    );
    console.log(`race: 3 runs in ${Date.now() - started} ms`);
    expect(records.map((r) => r.index)).toEqual([1, 2, 3]);
    for (const r of records) {
      expect(r.package).toBe('example.com/rr/race');
      expect(r.exitCode).toBe(1); // a test failed (race detected during execution of test)
      expect(r.killed).toBe(false);
      const log = readFileSync(r.logFile ?? '', 'utf8');
      expect(countOf(log, 'WARNING: DATA RACE')).toBe(1);
      expect(r.parsed.findings.map((f) => f.kind)).toEqual(['race']);
      // Both sides of the race, on their documented lines.
      expect(log).toContain('race/race.go:13');
      expect(log).toContain('race/race.go:18');
      // test2json framing is there (0x16 before === RUN) and TestClean passed.
      expect(log).toContain('\x16=== RUN   TestRace');
      expect(log).toMatch(/--- PASS: TestClean/);
    }
  });

  it('the panic module: each run ends in the nil dereference', async () => {
    const job = await build('panic');
    const records = await runAll(
      [job],
      {
        count: 2,
        parallel: 2,
        timeout: '1m',
        timeoutMs: 60_000,
        testArgs: testBinaryArgs({ timeout: '1m', testFlags: [] }),
        logDir: join(tmp, 'panic-logs'),
        keepLogs: true,
        env: GO_ENV,
      },
      { runner: nodeProcessRunner, parse: stubParse },
    );
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(r.exitCode).toBe(2);
      const log = readFileSync(r.logFile ?? '', 'utf8');
      expect(log).toContain('panic: runtime error: invalid memory address or nil pointer dereference');
      expect(log).toContain('panic/panic.go:14');
      expect(log).toMatch(/--- PASS: TestPasses/);
    }
  });

  it('the hang module with a 2s timeout: the binary times out, its child dies with it', async () => {
    const job = await build('hang');
    const pidFile = join(tmp, 'hang.pid');
    await rm(pidFile, { force: true });
    const started = Date.now();
    const [record, ...rest] = await runAll(
      [job],
      {
        count: 1,
        parallel: 1,
        timeout: '2s',
        timeoutMs: 2000,
        testArgs: testBinaryArgs({ timeout: '2s', testFlags: [] }),
        logDir: join(tmp, 'hang-logs'),
        keepLogs: true,
        env: { ...GO_ENV, RR_HANG_PIDFILE: pidFile },
      },
      { runner: nodeProcessRunner, parse: stubParse },
    );
    const elapsed = Date.now() - started;
    console.log(`hang (-test.timeout=2s): ${elapsed} ms`);
    expect(rest).toEqual([]);
    expect(elapsed).toBeLessThan(20_000);
    expect(record?.killed).toBe(false); // Go's own timeout fired first, as intended
    expect(record?.exitCode).toBe(2);
    expect(record?.parsed.findings.map((f) => f.kind)).toEqual(['timeout']);
    expect(readFileSync(record?.logFile ?? '', 'utf8')).toContain('panic: test timed out after 2s');
    const sleepPid = readPid(pidFile);
    expect(await waitUntil(() => !isAlive(sleepPid), 3000)).toBe(true);
  });

  it('the hang module with no Go timeout: the hard timeout kills the group', async () => {
    const job = await build('hang');
    const pidFile = join(tmp, 'hang-hard.pid');
    await rm(pidFile, { force: true });
    const started = Date.now();
    const [record] = await runAll(
      [job],
      {
        count: 1,
        parallel: 1,
        timeout: '0',
        timeoutMs: 1500,
        killGraceMs: 500,
        testArgs: testBinaryArgs({ timeout: '0', testFlags: [] }), // the binary never gives up itself
        logDir: join(tmp, 'hang-hard-logs'),
        keepLogs: true,
        env: { ...GO_ENV, RR_HANG_PIDFILE: pidFile },
      },
      { runner: nodeProcessRunner, parse: stubParse },
    );
    const elapsed = Date.now() - started;
    console.log(`hang (hard kill at 2s): ${elapsed} ms`);
    expect(elapsed).toBeLessThan(15_000);
    expect(record).toMatchObject({ killed: true, signal: 'SIGKILL', exitCode: null });
    expect(existsSync(record?.logFile ?? '')).toBe(true);
    const sleepPid = readPid(pidFile);
    expect(await waitUntil(() => !isAlive(sleepPid), 3000)).toBe(true);
  });
});
