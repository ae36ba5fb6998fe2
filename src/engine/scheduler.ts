// Runs each test binary `count` times, every run its own process: the race detector reports a
// given race once per process and a panic ends the process, so only separate processes can tell
// "fails in 3 of 30 runs".
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GoPackage, ParsedOutput, RunRecord } from '../model.js';
import type { ProcessResult, ProcessRunner } from './process.js';

export interface RunJob {
  package: GoPackage;
  binary: string;
}

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
}

export interface RunDeps {
  runner: ProcessRunner;
  parse: (logFile: string, pkg: string) => Promise<ParsedOutput>;
  onRun?: (run: RunRecord, done: number, total: number) => void;
  /** Problems that do not stop the runs (a parse that threw). */
  log?: (message: string) => void;
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
  const args = [verbose, '-test.count=1', `-test.timeout=${opts.timeout}`];
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

/** The hard kill: the binary's own -test.timeout normally fires first, with a goroutine dump. */
export function hardTimeoutMs(timeoutMs: number, killGraceMs?: number): number | undefined {
  if (!(timeoutMs > 0)) return undefined; // -test.timeout=0: no limit, as with go test
  return timeoutMs + (killGraceMs ?? Math.max(30_000, Math.round(timeoutMs / 10)));
}

const EMPTY_PARSE: ParsedOutput = { tests: [], findings: [], packages: [], sawGoOutput: false };

export async function runAll(jobs: RunJob[], opts: RunOptions, deps: RunDeps): Promise<RunRecord[]> {
  const names = fileNames(jobs.map((j) => j.package.importPath));
  const dirs = names.map((n) => join(opts.logDir, n));
  for (const dir of dirs) await mkdir(dir, { recursive: true });

  // Round-robin: run 1 of every package, then run 2 …, so a slow package does not leave cores idle
  // at the end and an interrupted session has some runs of every package.
  const tasks: { job: RunJob; dir: string; index: number }[] = [];
  for (let index = 1; index <= opts.count; index++) {
    jobs.forEach((job, i) => {
      tasks.push({ job, dir: dirs[i] ?? opts.logDir, index });
    });
  }

  const timeoutMs = hardTimeoutMs(opts.timeoutMs, opts.killGraceMs);
  const records: RunRecord[] = [];
  let next = 0;
  let done = 0;

  async function runOne(task: (typeof tasks)[number]): Promise<RunRecord> {
    const importPath = task.job.package.importPath;
    const logFile = join(task.dir, `run-${task.index}.log`);
    let result: ProcessResult;
    try {
      result = await deps.runner.run({
        command: task.job.binary,
        args: opts.testArgs,
        cwd: task.job.package.dir, // as go test does: tests open testdata/ relative to it
        env: opts.env,
        timeoutMs,
        logFile,
      });
    } catch (err) {
      result = {
        exitCode: null,
        signal: null,
        killed: false,
        durationMs: 0,
        output: '',
        spawnError: err instanceof Error ? err.message : String(err),
      };
    }
    if (result.spawnError !== undefined) {
      await writeFile(logFile, `race-rerun: could not run ${task.job.binary}: ${result.spawnError}\n`).catch(
        () => {},
      );
    }
    let parsed: ParsedOutput;
    try {
      parsed = await deps.parse(logFile, importPath);
    } catch (err) {
      deps.log?.(`Could not parse ${logFile}: ${err instanceof Error ? err.message : String(err)}`);
      parsed = structuredClone(EMPTY_PARSE);
    }
    return {
      package: importPath,
      index: task.index,
      exitCode: result.exitCode,
      signal: result.signal,
      killed: result.killed,
      durationMs: result.durationMs,
      logFile,
      parsed,
    };
  }

  async function worker(): Promise<void> {
    for (;;) {
      const task = tasks[next++];
      if (!task) return;
      const record = await runOne(task);
      records.push(record);
      done++;
      try {
        deps.onRun?.(record, done, tasks.length);
      } catch {
        // A progress callback must not stop the runs.
      }
    }
  }

  const workers = Math.max(1, Math.min(opts.parallel, tasks.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));

  return records.sort((a, b) => (a.package < b.package ? -1 : a.package > b.package ? 1 : a.index - b.index));
}
