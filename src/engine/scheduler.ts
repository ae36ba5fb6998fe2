// Runs each test binary `count` times, every run its own process: the race detector reports a
// given race once per process and a panic ends the process, so only separate processes can tell
// "fails in 3 of 30 runs". Builds share the same slots, so the first runs start while later
// packages still build; runs of all packages interleave, and the runs can stop early (first
// failure, stable rates, time budget).

import { setMaxListeners } from 'node:events';
import { mkdirSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { wilson } from '../analysis/stats.js';
import type { GoPackage, ParsedOutput, RawFinding, RunRecord } from '../model.js';
import { diskFull, isNoSpace } from './disk.js';
import type { ProcessResult, ProcessRunner } from './process.js';
import { type LongTimer, longTimeout } from './timers.js';

export interface RunJob {
  package: GoPackage;
  /** The test binary; with `build` instead, it is built in a run slot before the first run. */
  binary?: string;
  /** Builds the binary; resolves to its path, or undefined when the build failed. */
  build?: () => Promise<string | undefined>;
  /** This package's run arguments (e.g. its own -test.run); default RunOptions.testArgs. */
  testArgs?: string[];
}

export type Until = 'count' | 'first' | 'stable';
export type StopReason = 'count' | 'first' | 'stable' | 'budget' | 'cancelled' | 'disk';

export interface RunOptions {
  count: number;
  parallel: number;
  /** The Go duration given to the binary as -test.timeout, and the same in milliseconds. */
  timeout: string;
  timeoutMs: number;
  /** Arguments for every run (see testBinaryArgs). */
  testArgs: string[];
  logDir: string;
  env?: NodeJS.ProcessEnv;
  /** Extra time after timeoutMs before the hard kill. Default: max(30 s, 10 % of timeoutMs). */
  killGraceMs?: number;
  /** Default `count`: every package gets `count` runs. */
  until?: Until;
  /** For `stable`: the 95% half-width to reach. Default 0.1. */
  precision?: number;
  /** Date.now() after which no run starts and running ones are stopped (not counted). */
  deadline?: number;
  /** Number of the first run (a shard's runs keep their global numbers). Default 1. */
  firstRun?: number;
  /** Where each run's TMPDIR is made (and removed after it). Default: `logDir/tmp`. */
  tmpRoot?: string;
  /** Cancellation: once aborted no run starts, and running ones are stopped (not counted). */
  signal?: AbortSignal;
  /** Keep each run's log after it is parsed (default: deleted, only the parse is kept). */
  keepLogs?: boolean;
}

export interface RunDeps {
  runner: ProcessRunner;
  parse: (logFile: string, pkg: string) => Promise<ParsedOutput>;
  onRun?: (run: RunRecord, done: number, total: number) => void;
  /** Problems that do not stop the runs (a parse that threw). */
  log?: (message: string) => void;
  /** Whether the log directory's file system is full (default: statfs, see disk.ts). */
  diskFull?: (dir: string) => Promise<boolean>;
}

/** Go versions before 1.20 have no -test.v=test2json (and no -test.skip). */
function supportsTest2jsonFraming(goVersion: string | undefined): boolean {
  const m = goVersion?.match(/^go1\.(\d+)/);
  return !m || Number(m[1]) >= 20;
}

export function testBinaryArgs(opts: {
  timeout: string;
  run?: string;
  skip?: string;
  testFlags: string[];
  /** `go1.22.5`; only needed to fall back to plain -test.v for Go before 1.20. */
  goVersion?: string;
}): string[] {
  const verbose = supportsTest2jsonFraming(opts.goVersion) ? '-test.v=test2json' : '-test.v=true';
  // -test.paniconexit0 as go test passes it: os.Exit(0) in a test is a failure, not a pass.
  const args = [verbose, '-test.paniconexit0', '-test.count=1', `-test.timeout=${opts.timeout}`];
  if (opts.run) args.push(`-test.run=${opts.run}`);
  if (opts.skip) args.push(`-test.skip=${opts.skip}`);
  return [...args, ...opts.testFlags];
}

/**
 * A file or directory name for an import path: `example.com/m/pkg` → `example.com_m_pkg`.
 * Names that would collide (`a/b_c`, `a_b/c`) get `-2`, `-3` … in input order.
 */
export function fileNames(importPaths: string[]): string[] {
  const used = new Set<string>();
  return importPaths.map((p) => {
    const base = p.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'package';
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    return name;
  });
}

/**
 * What a `go test` run alone would have to itself: its own temporary directory (TMPDIR, and
 * GOTMPDIR for tests that run go), and its global run index (RACE_RERUN_RUN, 1-based) from
 * which tests can pick ports. Runs that share a fixed file name in os.TempDir() then do not
 * collide.
 */
export function runEnvironment(
  base: NodeJS.ProcessEnv | undefined,
  tmpDir: string,
  run: number,
): NodeJS.ProcessEnv {
  return { ...(base ?? process.env), TMPDIR: tmpDir, GOTMPDIR: tmpDir, RACE_RERUN_RUN: String(run) };
}

/** Creates a run's temporary directory; `release` removes it with whatever the run left there. */
export function runTempDir(root: string, name: string): { dir: string; release: () => Promise<void> } {
  const dir = join(root, name);
  // Synchronous, so runs start in the order they were picked.
  mkdirSync(dir, { recursive: true });
  return { dir, release: () => rm(dir, { recursive: true, force: true, maxRetries: 2 }).catch(() => {}) };
}

/**
 * A rerun while nothing else runs (history, alone): as a counted run, its own TMPDIR and run
 * index, the hard timeout, stopped by the cancellation, escapees reaped.
 */
export function rerunAlone(
  runner: ProcessRunner,
  spec: { command: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv; logFile: string },
  how: { tmpRoot: string; name: string; run: number; timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<ProcessResult> {
  const tmp = runTempDir(how.tmpRoot, how.name);
  const timeoutMs = hardTimeoutMs(how.timeoutMs);
  return runner
    .run({
      ...spec,
      env: runEnvironment(spec.env, tmp.dir, how.run),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(how.signal ? { signal: how.signal } : {}),
      reap: true,
    })
    .finally(tmp.release);
}

/** The hard kill: the binary's own -test.timeout normally fires first, with a goroutine dump. */
export function hardTimeoutMs(timeoutMs: number, killGraceMs?: number): number | undefined {
  if (!(timeoutMs > 0)) return undefined; // -test.timeout=0: no limit, as with go test
  return timeoutMs + (killGraceMs ?? Math.max(30_000, Math.round(timeoutMs / 10)));
}

function spawnFailed(err: unknown): ProcessResult {
  const spawnError = err instanceof Error ? err.message : String(err);
  return { exitCode: null, signal: null, killed: false, durationMs: 0, output: '', spawnError };
}

const EMPTY_PARSE: ParsedOutput = { tests: [], findings: [], packages: [], sawGoOutput: false };

export interface PackageOutcome {
  importPath: string;
  /** False when its build failed (then it has no runs). */
  built: boolean;
  /** Runs that finished and are counted. */
  runs: number;
  /** Runs started but stopped unfinished (budget, or another run failed first): not counted. */
  stopped: number;
  /** until=stable: every interval reached the precision. */
  stable: boolean;
  /** Mean duration of its counted runs. */
  meanMs: number;
}

export interface ScheduleResult {
  /** Counted runs, by package then index. */
  records: RunRecord[];
  /** `count`: all runs done; `first`: a run failed; `stable`: intervals narrow; `budget`: out of time. */
  stop: StopReason;
  /** With `first`: the failing run. */
  firstFailure?: RunRecord;
  packages: PackageOutcome[];
  /** Processes that had left their run's process group and were killed (see escapees.ts). */
  escaped: number;
  /** With `disk`: the runs that had finished when the disk was found full. */
  diskFullAfter?: number;
  /** Races, panics and fatal errors that runs stopped half way had already printed (not counted). */
  stoppedFindings: RawFinding[];
}

/** A stopped run's log is read for what it already printed only up to this size (time is short). */
const MAX_STOPPED_LOG = 8 * 1024 * 1024;
const PRINTED_BEFORE_STOP = new Set(['race', 'panic', 'fatal']);

/** A run failed: non-zero exit, killed, a finding, or a failed test. */
export function runFailed(run: RunRecord): boolean {
  return (
    run.killed ||
    run.signal !== null ||
    (run.exitCode !== null && run.exitCode !== 0) ||
    run.parsed.findings.length > 0 ||
    run.parsed.tests.some((t) => t.action === 'fail' || t.action === 'interrupted')
  );
}

/** Half the width of the 95% Wilson interval of k in n. */
export function halfWidth(k: number, n: number): number {
  const { low, high } = wilson(k, n);
  return (high - low) / 2;
}

/**
 * A cheap stand-in for the report's signature, only to count "seen in k runs" for `stable`:
 * kind, test and the top frames of each stack. Frames matter, addresses and goroutine ids do not.
 */
export function findingKey(f: RawFinding): string {
  const tops = f.stacks
    .filter((s) => s.role !== 'goroutine')
    .map((s) => {
      const top = s.frames[0];
      // Which side is "current" depends on scheduling; the pair of sides is what matters.
      const role = s.role.endsWith('creation') ? 'creation' : s.role === 'previous' ? 'current' : s.role;
      return top ? `${role}:${top.func}:${top.line}` : '';
    })
    .sort();
  const message = f.kind === 'race' ? '' : f.message.replace(/0x[0-9a-f]+/gi, '');
  return [f.kind, f.test ?? '', message, ...tops].join('\u0000');
}

/** Every "rate" a run contributes to: the run failing, each finding, each failed test. */
function rateKeys(run: RunRecord): Set<string> {
  const keys = new Set<string>();
  if (runFailed(run)) keys.add('run');
  for (const f of run.parsed.findings) keys.add(`f\u0000${findingKey(f)}`);
  for (const t of run.parsed.tests) {
    if (t.action === 'fail' || t.action === 'interrupted') keys.add(`t\u0000${t.name}`);
  }
  return keys;
}

interface PkgState {
  job: RunJob;
  dir: string;
  built: boolean | undefined; // undefined: not built yet
  building: boolean;
  binary?: string;
  started: number;
  done: number;
  stopped: number;
  totalMs: number;
  inFlight: Map<number, number>; // run index → start time
  seen: Map<string, number>; // rate key → runs it was seen in
  stable: boolean;
  /** No time left for another run of this package. */
  outOfTime: boolean;
}

/**
 * Builds (when asked) and runs every package. Builds go first, since each unlocks runs; then the
 * next run goes to the package that has used the least run time so far, so under a time budget a
 * slow package gets fewer runs instead of crowding out the others, and without one every package
 * still gets `count`.
 */
export async function schedule(jobs: RunJob[], opts: RunOptions, deps: RunDeps): Promise<ScheduleResult> {
  const scheduler = new Scheduler(jobs, opts, deps);
  for (const st of scheduler.states) await mkdir(st.dir, { recursive: true });
  return scheduler.run();
}

function newState(job: RunJob, dir: string): PkgState {
  return {
    job,
    dir,
    built: job.build ? undefined : job.binary !== undefined,
    building: false,
    ...(job.binary !== undefined ? { binary: job.binary } : {}),
    started: 0,
    done: 0,
    stopped: 0,
    totalMs: 0,
    inFlight: new Map(),
    seen: new Map(),
    stable: false,
    outOfTime: false,
  };
}

/** Run time a package has used: finished runs plus the running ones so far. */
function used(st: PkgState, now: number): number {
  let ms = st.totalMs;
  for (const t of st.inFlight.values()) ms += now - t;
  return ms;
}

/** A task started in a slot; it may call `release` to give its slot back before it is done. */
type Task = (release: () => void) => Promise<void>;

/** Keeps up to `parallel` tasks from `pick` running; resolves once none is left and none can start. */
function runSlots(
  parallel: number,
  pick: () => Task | undefined,
  log?: (message: string) => void,
): Promise<void> {
  return new Promise<void>((resolveAll) => {
    let active = 0; // slots in use
    let unfinished = 0; // tasks not done, released ones (a log being parsed) included
    const pump = (): void => {
      while (active < Math.max(1, parallel)) {
        const task = pick();
        if (!task) break;
        active++;
        unfinished++;
        let released = false;
        const release = (): void => {
          if (released) return;
          released = true;
          active--;
          pump();
        };
        task(release)
          .catch((err) => log?.(`race-rerun: ${(err as Error).message}`))
          .finally(() => {
            unfinished--;
            if (!released) {
              released = true;
              active--;
            }
            pump();
          });
      }
      if (active === 0 && unfinished === 0) resolveAll();
    };
    pump();
  });
}

/** The state of one schedule call: its packages, its runs so far, and why it stopped. */
class Scheduler {
  readonly states: PkgState[];
  private readonly until: Until;
  private readonly precision: number;
  private readonly timeoutMs: number | undefined;
  private readonly tmpRoot: string;
  private readonly records: RunRecord[] = [];
  private globalRun = 0;
  /** Runs in flight over all packages, to tell which runs overlapped another. */
  private readonly running = new Set<{ overlapped: boolean }>();
  private readonly abort = new AbortController();
  private stop: StopReason | undefined;
  private firstFailure: RunRecord | undefined;
  private done = 0;
  private escaped = 0;
  private readonly stoppedFindings: RawFinding[] = [];
  private diskFullAfter: number | undefined;
  private ended = 0; // runs that ended with room on the disk: all of them are counted
  private readonly isFull: (dir: string) => Promise<boolean>;
  private readonly cancel = (): void => this.halt('cancelled');

  constructor(
    jobs: RunJob[],
    private readonly opts: RunOptions,
    private readonly deps: RunDeps,
  ) {
    this.until = opts.until ?? 'count';
    this.precision = opts.precision ?? 0.1;
    const names = fileNames(jobs.map((j) => j.package.importPath));
    this.states = jobs.map((job, i) => newState(job, join(opts.logDir, names[i] ?? 'package')));
    this.timeoutMs = hardTimeoutMs(opts.timeoutMs, opts.killGraceMs);
    this.tmpRoot = opts.tmpRoot ?? join(opts.logDir, 'tmp');
    this.isFull = deps.diskFull ?? diskFull;
  }

  async run(): Promise<ScheduleResult> {
    const { opts } = this;
    if (opts.signal?.aborted) this.cancel();
    else opts.signal?.addEventListener('abort', this.cancel, { once: true });
    // Every run listens to `abort`: more than Node's default of 10 at once is expected here.
    setMaxListeners(Math.max(10, opts.parallel + 1), this.abort.signal);
    let deadlineTimer: LongTimer | undefined;
    if (opts.deadline !== undefined) {
      deadlineTimer = longTimeout(() => this.halt('budget'), Math.max(0, opts.deadline - Date.now()));
    }
    await runSlots(opts.parallel, () => this.pick(Date.now()), this.deps.log);
    deadlineTimer?.clear();
    opts.signal?.removeEventListener('abort', this.cancel);
    return this.result();
  }

  private total(): number {
    return this.states.filter((s) => s.built !== false).length * this.opts.count;
  }

  private wantsRuns(st: PkgState): boolean {
    return st.built === true && !st.stable && !st.outOfTime && st.started < this.opts.count;
  }

  private halt(reason: StopReason): void {
    if (this.stop !== undefined) return;
    this.stop = reason;
    this.abort.abort();
  }

  private async launch(st: PkgState, logFile: string, env: NodeJS.ProcessEnv): Promise<ProcessResult> {
    try {
      return await this.deps.runner.run({
        command: st.binary ?? '',
        args: st.job.testArgs ?? this.opts.testArgs,
        cwd: st.job.package.dir, // as go test does: tests open testdata/ relative to it
        env,
        timeoutMs: this.timeoutMs,
        logFile,
        signal: this.abort.signal,
        reap: true,
      });
    } catch (err) {
      return spawnFailed(err);
    }
  }

  /** One run's process with a TMPDIR of its own; notes whether another run overlapped it. */
  private async launchIsolated(st: PkgState, logFile: string) {
    const run = ++this.globalRun;
    const me = { overlapped: this.running.size > 0 };
    for (const other of this.running) other.overlapped = true;
    this.running.add(me);
    let tmp: ReturnType<typeof runTempDir> | undefined;
    try {
      // In the try: a directory that cannot be made (a full disk) is this run's spawn error.
      tmp = runTempDir(this.tmpRoot, `run-${run}`);
      const result = await this.launch(st, logFile, runEnvironment(this.opts.env, tmp.dir, run));
      return { result, overlapped: me.overlapped };
    } catch (err) {
      return { result: spawnFailed(err), overlapped: me.overlapped };
    } finally {
      this.running.delete(me);
      await tmp?.release();
    }
  }

  /** A run that ended on a full disk: its output may be cut, so it is not counted and all stop. */
  private async outOfSpace(st: PkgState, result: ProcessResult): Promise<boolean> {
    if (!isNoSpace(result.spawnError) && !(await this.isFull(st.dir))) return false;
    if (this.stop === undefined) this.diskFullAfter = this.ended;
    this.halt('disk');
    return true;
  }

  private async parseLog(logFile: string, importPath: string): Promise<ParsedOutput> {
    try {
      return await this.deps.parse(logFile, importPath);
    } catch (err) {
      this.deps.log?.(`Could not parse ${logFile}: ${err instanceof Error ? err.message : String(err)}`);
      return structuredClone(EMPTY_PARSE);
    }
  }

  /** What a stopped run had already printed that the stop cannot have caused: a race, a panic. */
  private async printedBeforeStop(logFile: string, importPath: string): Promise<RawFinding[]> {
    const size = await stat(logFile).then(
      (s) => s.size,
      () => 0,
    );
    if (size === 0 || size > MAX_STOPPED_LOG) return [];
    const parsed = await this.parseLog(logFile, importPath);
    return parsed.findings.filter((f) => PRINTED_BEFORE_STOP.has(f.kind));
  }

  /** `exited` is called once the process has ended, before its log is parsed. */
  private async runOne(st: PkgState, index: number, exited?: () => void): Promise<RunRecord | undefined> {
    const { opts } = this;
    const importPath = st.job.package.importPath;
    const logFile = join(st.dir, `run-${index}.log`);
    const { result, overlapped } = await this.launchIsolated(st, logFile);
    this.escaped += result.escaped ?? 0;
    const drop = () => (opts.keepLogs ? Promise.resolve() : rm(logFile, { force: true }).catch(() => {}));
    // Stopped half way: neither a pass nor a failure, so it is not counted.
    if (result.aborted || (await this.outOfSpace(st, result))) {
      if (result.aborted) this.stoppedFindings.push(...(await this.printedBeforeStop(logFile, importPath)));
      await drop();
      return undefined;
    }
    this.ended++;
    exited?.();
    if (result.spawnError !== undefined) {
      await writeFile(logFile, `race-rerun: could not run ${st.binary}: ${result.spawnError}\n`).catch(
        () => {},
      );
    }
    const parsed = await this.parseLog(logFile, importPath);
    await drop();
    return {
      package: importPath,
      index,
      exitCode: result.exitCode,
      signal: result.signal,
      killed: result.killed,
      durationMs: result.durationMs,
      ...(opts.keepLogs ? { logFile } : {}),
      ...(result.escaped ? { escaped: result.escaped } : {}),
      parsed,
      overlapped,
    };
  }

  private finished(st: PkgState, record: RunRecord): void {
    this.records.push(record);
    st.done++;
    st.totalMs += record.durationMs;
    for (const key of rateKeys(record)) st.seen.set(key, (st.seen.get(key) ?? 0) + 1);
    this.done++;
    try {
      this.deps.onRun?.(record, this.done, this.total());
    } catch {
      // A progress callback must not stop the runs.
    }
    if (this.until === 'first' && runFailed(record) && this.stop === undefined) {
      this.firstFailure = record;
      this.halt('first');
    }
    if (this.until === 'stable' && !st.stable) {
      const n = st.done;
      // A key never seen has k = 0 in all n runs: that is the `run` key when nothing failed.
      const ks = st.seen.has('run') ? [...st.seen.values()] : [0, ...st.seen.values()];
      if (ks.every((k) => halfWidth(k, n) <= this.precision)) st.stable = true;
    }
  }

  /** The next thing to start, or undefined when nothing can start now. */
  private pick(now: number): Task | undefined {
    if (this.stop !== undefined) return undefined;
    return this.pickBuild() ?? this.pickRun(now);
  }

  private pickBuild(): Task | undefined {
    const toBuild = this.states.find((st) => st.built === undefined && !st.building);
    if (!toBuild?.job.build) return undefined;
    const build = toBuild.job.build;
    toBuild.building = true;
    return async () => {
      let binary: string | undefined;
      try {
        binary = await build();
      } catch (err) {
        this.deps.log?.(`Build of ${toBuild.job.package.importPath} failed: ${(err as Error).message}`);
      }
      toBuild.building = false;
      toBuild.built = binary !== undefined;
      if (binary !== undefined) toBuild.binary = binary;
    };
  }

  /** The package that has used the least run time, of those that want a run and have time for it. */
  private nextPackage(now: number): PkgState | undefined {
    const { opts } = this;
    let best: PkgState | undefined;
    let bestUsed = 0;
    for (const st of this.states) {
      if (!this.wantsRuns(st)) continue;
      if (opts.deadline !== undefined && st.done > 0) {
        // Do not start a run that would, by this package's average, end after the deadline.
        if (now + st.totalMs / st.done > opts.deadline) {
          st.outOfTime = true;
          continue;
        }
      }
      const u = used(st, now);
      if (!best || u < bestUsed || (u === bestUsed && st.started < best.started)) {
        best = st;
        bestUsed = u;
      }
    }
    return best;
  }

  private pickRun(now: number): Task | undefined {
    const st = this.nextPackage(now);
    if (!st) return undefined;
    const index = (this.opts.firstRun ?? 1) - 1 + ++st.started;
    st.inFlight.set(index, now);
    // With `count` nothing waits on what a run found, so the next process starts while this
    // run's log is parsed: the cores keep running tests instead of waiting on the parser.
    // (`first` and `stable` decide from the parse whether to start another run.)
    return async (release) => {
      const record = await this.runOne(st, index, this.until === 'count' ? release : undefined);
      st.inFlight.delete(index);
      if (record) this.finished(st, record);
      else st.stopped++;
    };
  }

  /** Why the runs ended when nothing stopped them early. */
  private endReason(): StopReason {
    const ran = this.states.filter((st) => st.built === true);
    if (this.until === 'stable' && ran.length > 0 && ran.every((st) => st.stable)) return 'stable';
    if (ran.some((st) => st.outOfTime && !st.stable && st.started < this.opts.count)) return 'budget';
    return 'count';
  }

  private result(): ScheduleResult {
    this.stop ??= this.endReason();
    const result: ScheduleResult = {
      records: this.records.sort((a, b) =>
        a.package < b.package ? -1 : a.package > b.package ? 1 : a.index - b.index,
      ),
      stop: this.stop,
      packages: this.states.map((st) => ({
        importPath: st.job.package.importPath,
        built: st.built === true,
        runs: st.done,
        stopped: st.stopped,
        stable: st.stable,
        meanMs: st.done > 0 ? st.totalMs / st.done : 0,
      })),
      escaped: this.escaped,
      stoppedFindings: this.stoppedFindings,
    };
    if (this.firstFailure) result.firstFailure = this.firstFailure;
    if (this.diskFullAfter !== undefined) result.diskFullAfter = this.diskFullAfter;
    return result;
  }
}

/** Runs every job `count` times (see schedule); the counted runs by package then index. */
export async function runAll(jobs: RunJob[], opts: RunOptions, deps: RunDeps): Promise<RunRecord[]> {
  return (await schedule(jobs, opts, deps)).records;
}
