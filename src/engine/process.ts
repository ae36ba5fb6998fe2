// Runs one child process. Every child gets its own process group so that a timeout (or our own
// SIGINT/SIGTERM) can kill the test binary *and* whatever it started: a test that spawns
// `sleep 300` must not outlive its run.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { killEscapees, MARKER_VAR, newMarker, startTicks } from './escapees.js';
import { type LongTimer, longTimeout } from './timers.js';

export interface ProcessSpec {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** When set, stdout and stderr both go to this file (same fd, so their order is kept). */
  logFile?: string;
  /** Aborting kills the process group like a timeout, but the result says `aborted`, not `killed`. */
  signal?: AbortSignal;
  /**
   * After the process ends, find and kill the processes it started that left its group (setsid):
   * they carry a marker variable (Linux only, see escapees.ts). Counted in `escaped`.
   */
  reap?: boolean;
}

export interface ProcessResult {
  exitCode: number | null;
  signal: string | null;
  /** Killed by the timeout in the spec. */
  killed: boolean;
  /** Killed because spec.signal was aborted (the run was stopped, not timed out). */
  aborted?: boolean;
  durationMs: number;
  /** Merged stdout+stderr when there is no logFile (order between the two is approximate); else ''. */
  output: string;
  /** The process could not be started (ENOENT, EACCES, bad cwd ...): the error's message. */
  spawnError?: string;
  /** With spec.reap: processes that had left the run's process group and were killed. */
  escaped?: number;
  /** Without logFile only: stdout and stderr on their own (go list's JSON is on stdout). */
  stdout?: string;
  stderr?: string;
}

export interface ProcessRunner {
  run(spec: ProcessSpec): Promise<ProcessResult>;
}

/** Captured output beyond this is dropped (go list/go build output is small; this is a guard). */
const CAPTURE_LIMIT = 8 * 1024 * 1024;
/** After the leader exits, how long to wait for pipes held by leftover processes to close. */
const CLOSE_WAIT_MS = 2000;

// ---------------------------------------------------------------------------------------------
// Process groups alive right now, killed if we are interrupted.

const liveGroups = new Set<number>();
let handlersInstalled = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

function onSignal(signal: NodeJS.Signals): void {
  for (const pid of liveGroups) killGroup(pid);
  liveGroups.clear();
  uninstallHandlers();
  // Our listener replaced Node's default action (exit); restore it unless someone else listens.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function onExit(): void {
  for (const pid of liveGroups) killGroup(pid);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', onExit);
}

function uninstallHandlers(): void {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('exit', onExit);
}

function track(pid: number): void {
  liveGroups.add(pid);
  installHandlers();
}

function untrack(pid: number): void {
  liveGroups.delete(pid);
  if (liveGroups.size === 0) uninstallHandlers();
}

// ---------------------------------------------------------------------------------------------

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

class Capture {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  add(chunk: Buffer): void {
    if (this.size >= CAPTURE_LIMIT) {
      this.truncated = true;
      return;
    }
    const room = CAPTURE_LIMIT - this.size;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part.length < chunk.length) this.truncated = true;
    this.chunks.push(part);
    this.size += part.length;
  }

  text(): string {
    const s = Buffer.concat(this.chunks).toString('utf8');
    return this.truncated ? `${s}\n[race-rerun: output truncated at ${CAPTURE_LIMIT} bytes]\n` : s;
  }
}

async function runProcess(spec: ProcessSpec): Promise<ProcessResult> {
  const start = Date.now();
  const elapsed = () => Date.now() - start;
  let fileHandle: { fd: number; close(): Promise<void> } | undefined;
  if (spec.logFile !== undefined) {
    try {
      // Synchronous: an open is a few microseconds, a trip through the thread pool is not, and
      // it sits between one run's end and the next one's start.
      const fd = openSync(spec.logFile, 'w');
      fileHandle = { fd, close: async () => closeSync(fd) };
    } catch (err) {
      return failed(`cannot open log file ${spec.logFile}: ${errorMessage(err)}`, elapsed());
    }
  }

  const marker = spec.reap ? newMarker() : undefined;
  const env = spec.env ?? process.env;
  let child: ChildProcess;
  try {
    child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: marker ? { ...env, [MARKER_VAR]: marker } : env,
      // Own process group (setsid): kill(-pid) reaches the binary's children too.
      detached: true,
      stdio: fileHandle ? ['ignore', fileHandle.fd, fileHandle.fd] : ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    await fileHandle?.close();
    return failed(errorMessage(err), elapsed());
  }
  // The child has its own copy of the fd now. Not awaited: the listeners below must be attached
  // before the event loop turns, or a child that exits at once (in under a millisecond) has
  // its 'exit' and 'close' emitted to nobody and the run never ends.
  fileHandle?.close().catch(() => {});

  return new Promise<ProcessResult>((resolve) => {
    const out = new Capture();
    const err = new Capture();
    const merged = new Capture();
    child.stdout?.on('data', (chunk: Buffer) => {
      out.add(chunk);
      merged.add(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err.add(chunk);
      merged.add(chunk);
    });

    const pid = child.pid;
    if (pid !== undefined) track(pid);
    const since = marker && pid !== undefined && process.platform === 'linux' ? startTicks(pid) : 0;
    let killed = false;
    let aborted = false;
    let exited = false;
    const onAbort = () => {
      if (pid === undefined || exited) return;
      aborted = true;
      killGroup(pid);
    };
    if (spec.signal?.aborted) onAbort();
    else spec.signal?.addEventListener('abort', onAbort, { once: true });
    let timer: LongTimer | undefined;
    if (pid !== undefined && spec.timeoutMs !== undefined && spec.timeoutMs > 0) {
      timer = longTimeout(() => {
        if (aborted) return;
        killed = true;
        killGroup(pid);
      }, spec.timeoutMs);
    }

    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    let escaped = 0;
    let settled = false;
    let closeTimer: NodeJS.Timeout | undefined;
    const finish = (spawnError?: string) => {
      if (settled) return;
      settled = true;
      timer?.clear();
      if (closeTimer) clearTimeout(closeTimer);
      if (pid !== undefined) untrack(pid);
      spec.signal?.removeEventListener('abort', onAbort);
      const result: ProcessResult = {
        exitCode,
        signal: exitSignal,
        killed,
        durationMs: elapsed(),
        output: fileHandle ? '' : merged.text(),
      };
      if (!fileHandle) {
        result.stdout = out.text();
        result.stderr = err.text();
      }
      if (spawnError !== undefined) result.spawnError = spawnError;
      if (aborted) result.aborted = true;
      if (marker) result.escaped = escaped;
      resolve(result);
    };

    child.on('error', (e) => {
      // Spawn failures (no 'exit' follows). Errors after a successful spawn (kill failing) are
      // not fatal: 'exit'/'close' still come.
      if (pid === undefined) finish(describeSpawnError(e, spec));
    });
    child.on('exit', (code, signal) => {
      if (pid === undefined) return;
      exitCode = code;
      exitSignal = signal;
      exited = true;
      // It ended before the timeout: a kill now would not be a timeout kill.
      timer?.clear();
      // Leftovers in the group (a server the test started and never stopped) die with the run;
      // otherwise they would outlive it, hold our pipes open, and disturb the next run.
      killGroup(pid);
      if (marker) escaped = killEscapees(marker, pid, since);
      // 'close' waits for the pipes; a process that escaped the group could hold them forever.
      closeTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish();
      }, CLOSE_WAIT_MS);
    });
    child.on('close', () => {
      if (pid !== undefined) finish();
    });
  });
}

/** Node says `spawn go ENOENT` for a missing cwd too; say which of the two is missing. */
function describeSpawnError(err: unknown, spec: ProcessSpec): string {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(spec.cwd)) {
    return `cannot run ${spec.command}: directory ${spec.cwd} does not exist`;
  }
  return errorMessage(err);
}

function failed(message: string, durationMs: number): ProcessResult {
  return { exitCode: null, signal: null, killed: false, durationMs, output: '', spawnError: message };
}

export const nodeProcessRunner: ProcessRunner = { run: runProcess };
