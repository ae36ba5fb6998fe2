// What the engine leaves behind: run logs deleted once parsed, processes that left their run's
// process group killed and counted, a full disk stopping the runs instead of cutting their logs.
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeProcessRunner, type ProcessRunner } from '../../src/engine/process.js';
import { type RunJob, schedule } from '../../src/engine/scheduler.js';
import type { GoPackage } from '../../src/model.js';
import { isAlive, readPid, stubParse, waitUntil } from './helpers.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rr-cleanup-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const pkg = (name: string): GoPackage => ({
  importPath: `example.com/rr/${name}`,
  dir: tmp,
  module: { path: `example.com/rr/${name}`, dir: tmp },
});

const opts = (logDir: string, count: number, parallel = 1) => ({
  count,
  parallel,
  timeout: '1m',
  timeoutMs: 60_000,
  testArgs: [],
  logDir,
});

describe.skipIf(process.platform !== 'linux')('escaped processes', () => {
  /** A run that leaves a `setsid sleep 300` behind; its pid is written to pidFile. */
  const leaveEscapee = (pidFile: string, reap: boolean) =>
    nodeProcessRunner.run({
      command: 'sh',
      args: ['-c', `setsid sleep 300 & echo $! > ${pidFile}; sleep 0.2`],
      cwd: tmp,
      logFile: `${pidFile}.log`,
      ...(reap ? { reap } : {}),
    });

  it('a setsid grandchild is killed once its run ends and counted', async () => {
    const pidFile = join(tmp, 'setsid.pid');
    const r = await leaveEscapee(pidFile, true);
    expect(r.exitCode).toBe(0);
    expect(r.escaped).toBe(1);
    expect(await waitUntil(() => !isAlive(readPid(pidFile)), 3000)).toBe(true);
  });

  it('without reap nothing is looked for (and the escapee lives on until killed here)', async () => {
    const pidFile = join(tmp, 'kept.pid');
    const r = await leaveEscapee(pidFile, false);
    expect(r.escaped).toBeUndefined();
    const pid = readPid(pidFile);
    expect(isAlive(pid)).toBe(true);
    process.kill(pid, 'SIGKILL');
  });
});

describe('run logs and a full disk', () => {
  const runner: ProcessRunner = {
    run: async (spec) => {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(spec.logFile ?? '', '=== RUN   TestX\n--- PASS: TestX (0.00s)\n');
      return { exitCode: 0, signal: null, killed: false, durationMs: 5, output: '' };
    },
  };
  const jobs: RunJob[] = [{ package: pkg('a'), binary: '/bin/a.test' }];

  it('deletes each log once it is parsed', async () => {
    const logDir = join(tmp, 'logs-deleted');
    const sched = await schedule(jobs, opts(logDir, 3), { runner, parse: stubParse });
    expect(sched.records.map((r) => [r.index, r.parsed.sawGoOutput, r.logFile])).toEqual([
      [1, true, undefined],
      [2, true, undefined],
      [3, true, undefined],
    ]);
    expect(readdirSync(join(logDir, 'example.com_rr_a'))).toEqual([]);
  });

  it('a run that ends on a full disk is not counted and stops the runs', async () => {
    const logDir = join(tmp, 'logs-full');
    let checks = 0;
    const sched = await schedule(jobs, opts(logDir, 10), {
      runner,
      parse: stubParse,
      diskFull: async () => ++checks > 2,
    });
    expect(sched.stop).toBe('disk');
    expect(sched.diskFullAfter).toBe(2);
    expect(sched.records.map((r) => r.index)).toEqual([1, 2]);
    expect(existsSync(join(logDir, 'example.com_rr_a', 'run-3.log'))).toBe(false);
  });

  it('a log that cannot be opened for lack of space stops the runs the same way', async () => {
    const full: ProcessRunner = {
      run: async () => ({
        exitCode: null,
        signal: null,
        killed: false,
        durationMs: 0,
        output: '',
        spawnError: 'cannot open log file x: ENOSPC: no space left on device',
      }),
    };
    const sched = await schedule(jobs, opts(join(tmp, 'logs-enospc'), 5), {
      runner: full,
      parse: stubParse,
      diskFull: async () => false,
    });
    expect(sched.stop).toBe('disk');
    expect(sched.diskFullAfter).toBe(0);
    expect(sched.records).toEqual([]);
  });
});

describe('many runs at once', () => {
  it('parallel 12 prints no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const jobs: RunJob[] = [{ package: pkg('sleepy'), binary: 'sh' }];
      const sched = await schedule(
        jobs.map((j) => ({ ...j, testArgs: ['-c', 'sleep 0.3'] })),
        opts(join(tmp, 'logs-many'), 24, 12),
        { runner: nodeProcessRunner, parse: stubParse },
      );
      expect(sched.records).toHaveLength(24);
      await new Promise((r) => setTimeout(r, 50)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => /MaxListeners/.test(w))).toEqual([]);
  });
});
