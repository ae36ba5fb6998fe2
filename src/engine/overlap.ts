// Confirms a failure before calling it flaky: a test that failed while other runs overlapped it
// may only collide with them (a fixed port, a file name in a shared directory, a database). It
// is rerun alone, nothing else running, a few times within a bounded budget.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { evidenceLine } from '../analysis/attribution.js';
import type { OverlapCheck, ParsedOutput, RunRecord, Settings } from '../model.js';
import type { ProcessRunner } from './process.js';
import { fileNames, rerunAlone } from './scheduler.js';
import { runPattern } from './testsfrom.js';

/** Alone runs per test. */
export const ALONE_RUNS = 3;
/** Tests confirmed at most (those that failed in the most overlapped runs first). */
export const MAX_OVERLAP_TESTS = 5;
/** The confirmation budget: this, or a quarter of the main runs' time when that is longer. */
export const MIN_OVERLAP_BUDGET_MS = 30_000;

export interface OverlapDeps {
  runner: ProcessRunner;
  parse: (logFile: string, pkg: string) => Promise<ParsedOutput>;
  log: (message: string) => void;
  workDir: string;
  /** Cancellation: no alone run starts once it is aborted, a running one is stopped. */
  signal?: AbortSignal;
}

export interface OverlapPlan {
  binaries: Map<string, string>;
  dirs: Map<string, string>;
  /** A package's run arguments; their -test.run is replaced by the test's own. */
  argsOf: (pkg: string) => string[];
  env: NodeJS.ProcessEnv;
  /** Global run index of the first alone run (after the main runs). */
  firstRun: number;
  budgetMs: number;
  deadline?: number;
}

const top = (name: string): string => name.split('/')[0] ?? name;

/** Findings a run's failed test can be blamed on that no other run causes: races, crashes. */
function crashedIn(run: RunRecord, test: string): boolean {
  return run.parsed.findings.some(
    (f) => f.kind !== 'failure' && (f.test === undefined || top(f.test) === test),
  );
}

/**
 * Top-level tests that failed (by t.Error/t.Fatal, not a race or crash) in an overlapped run,
 * never in a run that had the machine to itself, and passed in some run.
 */
export function overlapCandidates(
  runs: readonly RunRecord[],
): { pkg: string; test: string; runs: number[] }[] {
  const byTest = new Map<string, { pkg: string; test: string; runs: number[] }>();
  const failedOf = (run: RunRecord) =>
    new Set(
      run.parsed.tests
        .filter((t) => t.package === run.package && t.action === 'fail')
        .map((t) => top(t.name)),
    );
  // A test that already failed in a run that had the machine to itself needs no confirmation.
  const failedAlone = new Set(
    runs.filter((r) => !r.overlapped).flatMap((r) => [...failedOf(r)].map((t) => `${r.package}\u0000${t}`)),
  );
  // Runs that collide have a winner: a test that failed in every run is not colliding.
  const passed = new Set(
    runs.flatMap((r) =>
      r.parsed.tests.filter((t) => t.action === 'pass').map((t) => `${t.package}\u0000${top(t.name)}`),
    ),
  );
  for (const run of runs) {
    if (!run.overlapped || run.killed) continue;
    for (const test of failedOf(run)) {
      const key = `${run.package}\u0000${test}`;
      if (failedAlone.has(key) || !passed.has(key)) continue;
      if (crashedIn(run, test)) continue;
      const e = byTest.get(key) ?? { pkg: run.package, test, runs: [] };
      e.runs.push(run.index);
      byTest.set(key, e);
    }
  }
  return [...byTest.values()].sort((a, b) => b.runs.length - a.runs.length).slice(0, MAX_OVERLAP_TESTS);
}

function aloneFailed(parsed: ParsedOutput | undefined, test: string, exitCode: number | null): boolean {
  const own = parsed?.tests.filter((t) => top(t.name) === test) ?? [];
  return exitCode !== 0 || own.some((t) => t.action === 'fail' || t.action === 'interrupted');
}

export async function confirmOverlaps(
  runs: readonly RunRecord[],
  settings: Settings,
  plan: OverlapPlan,
  deps: OverlapDeps,
): Promise<OverlapCheck[]> {
  const candidates = overlapCandidates(runs);
  if (candidates.length === 0) return [];
  const logDir = join(deps.workDir, 'logs', 'alone');
  await mkdir(logDir, { recursive: true });
  const started = Date.now();
  const outOfTime = () =>
    Date.now() - started >= plan.budgetMs ||
    (plan.deadline !== undefined && Date.now() >= plan.deadline) ||
    deps.signal?.aborted === true;
  const checks: OverlapCheck[] = [];
  let run = plan.firstRun;
  for (const c of candidates) {
    const binary = plan.binaries.get(c.pkg);
    const dir = plan.dirs.get(c.pkg);
    if (!binary || !dir || outOfTime()) continue;
    const failedRuns = runs.filter((r) => r.package === c.pkg && c.runs.includes(r.index));
    const evidence = evidenceLine(
      failedRuns.flatMap((r) => r.parsed.findings.filter((f) => f.test && top(f.test) === c.test)),
    );
    const args = [
      ...plan.argsOf(c.pkg).filter((a) => !a.startsWith('-test.run=')),
      `-test.run=${runPattern([c.test])}`,
    ];
    const t0 = Date.now();
    let n = 0;
    let failed = 0;
    for (; n < ALONE_RUNS && !outOfTime(); n++) {
      const logFile = join(logDir, `${fileNames([c.pkg])[0]}-${c.test}-${n + 1}.log`);
      const res = await rerunAlone(
        deps.runner,
        { command: binary, args, cwd: dir, env: plan.env, logFile },
        {
          tmpRoot: join(deps.workDir, 'tmp'),
          name: `alone-${run}`,
          run: run++,
          timeoutMs: settings.timeoutMs,
          signal: deps.signal,
        },
      );
      // Stopped by the cancellation: neither a pass nor a failure.
      if (res.aborted) break;
      const parsed = await deps.parse(logFile, c.pkg).catch(() => undefined);
      if (aloneFailed(parsed, c.test, res.exitCode)) failed++;
    }
    if (n === 0) continue;
    const check: OverlapCheck = {
      package: c.pkg,
      test: c.test,
      overlappedFailedIn: c.runs,
      aloneRuns: n,
      aloneFailed: failed,
      durationMs: Date.now() - t0,
    };
    if (evidence) check.evidence = evidence;
    checks.push(check);
    const took = ` (${n} alone run${n === 1 ? '' : 's'} in ${(check.durationMs / 1000).toFixed(1)}s)`;
    deps.log(
      failed === 0
        ? `${c.test} (${c.pkg}) failed in ${c.runs.length} overlapping run${c.runs.length === 1 ? '' : 's'} but passed alone ${n} of ${n} times: it fails only when runs overlap${evidence ? ` (${evidence})` : ''}${took}.`
        : `${c.test} (${c.pkg}) also failed alone: ${failed} of ${n} runs${took}.`,
    );
  }
  return checks;
}
