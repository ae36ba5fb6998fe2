// Orchestration: go env → go list → build each test binary once with -race → run each `count`
// times (or until the answer is known). Problems the user caused end up in `errors` with what was
// done so far; nothing throws.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  BuildResult,
  FocusReport,
  GoPackage,
  OverlapCheck,
  RawFinding,
  RunRecord,
  Settings,
  ShardInfo,
  TestsFromReport,
} from '../model.js';
import { focusOnChanges, type GitTool } from './changed.js';
import { isNoSpace } from './disk.js';
import { testEnvironment } from './environment.js';
import { type GoEnv, GoError, type GoTool } from './go.js';
import { confirmOverlaps, MIN_OVERLAP_BUDGET_MS } from './overlap.js';
import { checkPatterns } from './patterns.js';
import type { ProcessRunner } from './process.js';
import {
  fileNames,
  type RunDeps,
  type RunJob,
  rerunAlone,
  type ScheduleResult,
  schedule,
  testBinaryArgs,
} from './scheduler.js';
import { shareOf, shareText } from './shard.js';
import { readTestsFrom, runPattern } from './testsfrom.js';

export interface EngineDeps {
  go: GoTool;
  runner: ProcessRunner;
  parse: RunDeps['parse'];
  log: (message: string) => void;
  /** Scratch directory: test binaries go to `bin/`, run logs to `logs/`. */
  workDir: string;
  onRun?: RunDeps['onRun'];
  /**
   * The step's environment (GORACE included); default process.env. Test runs get it without the
   * action's inputs and the runner's tokens (see testEnvironment).
   */
  env?: NodeJS.ProcessEnv;
  /** Cancellation (SIGINT/SIGTERM): stops the builds and runs; what finished is kept. */
  signal?: AbortSignal;
  /** Keep run logs and test binaries in workDir (default: deleted once no longer needed). */
  keepFiles?: boolean;
  /** How messages name workDir's place, e.g. `RUNNER_TEMP` (default: its path). */
  workDirLabel?: string;
  /** For `only-changed`: which files the pull request changed. */
  git?: GitTool;
}

export interface EngineResult {
  goEnv?: GoEnv;
  modules: { path: string; dir: string }[];
  packages: GoPackage[];
  builds: BuildResult[];
  runs: RunRecord[];
  errors: string[];
  notes: string[];
  /** `shard: I/N`: the share this job ran. */
  shard?: ShardInfo;
  /** Processes that outlived their test run (left its process group) and were killed. */
  escaped?: number;
  /** Set when deps.signal was aborted: the runs that finished, of the runs planned. */
  cancelled?: { signal: string; runsDone: number; runsPlanned: number };
  /** `only-changed`: the packages run and why. */
  focus?: FocusReport;
  /** `tests-from`: the logs read and the tests chosen from them. */
  testsFrom?: TestsFromReport;
  /** Tests that failed while runs overlapped, rerun alone. */
  overlap: OverlapCheck[];
}

/**
 * GORACE options race-rerun adds before the user's own (TSan applies them in order, so the
 * user's win). atexit_sleep_ms=0: a passing race binary otherwise sleeps 1 s at exit, which
 * for fast tests is most of the run (see the README's Performance section).
 */
export const DEFAULT_GORACE = ['atexit_sleep_ms=0'];

/** The most runs at once (see cappedParallel). */
export const MAX_PARALLEL = 64;

/** The largest history the race runtime keeps (GORACE history_size, 0–7). */
export const MAX_HISTORY_SIZE = 7;
/** Reruns tried per race whose stack could not be restored. */
export const HISTORY_RERUNS = 3;
/** Races with a missing stack rerun at most (each one rerun up to HISTORY_RERUNS times). */
const MAX_HISTORY_GROUPS = 5;

export function withGorace(
  env: NodeJS.ProcessEnv,
  before: string[],
  after: string[] = [],
): NodeJS.ProcessEnv {
  const gorace = [...before, env.GORACE ?? '', ...after].map((s) => s.trim()).filter(Boolean);
  return { ...env, GORACE: gorace.join(' ') };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function goMinor(version: string | undefined): number | undefined {
  const m = version?.match(/^go1\.(\d+)/);
  return m ? Number(m[1]) : undefined;
}

/** Test iterations per run from -test.count and -test.cpu (each listed CPU count repeats the tests). */
export function iterationsPerRun(testFlags: string[]): number {
  let count = 1;
  let cpus = 1;
  for (const f of testFlags) {
    const m = /^-test\.(count|cpu)=(.*)$/.exec(f);
    if (m?.[1] === 'count') count = Number(m[2]) || 1;
    if (m?.[1] === 'cpu') cpus = (m[2] ?? '').split(',').filter((c) => c.trim() !== '').length || 1;
  }
  return count * cpus;
}

/** `only-changed`: the packages the pull request touches (all of them when that cannot be told). */
async function focusIfAsked(
  settings: Settings,
  listed: GoPackage[],
  deps: EngineDeps,
  result: EngineResult,
): Promise<GoPackage[]> {
  if (!settings.onlyChanged) return listed;
  if (!settings.changedSince || !deps.git) {
    result.notes.push(
      'only-changed applies to pull requests (it needs their base commit): every package was run.',
    );
    return listed;
  }
  const { buildFlags, packages: patterns, workingDirectory: wd } = settings;
  const focus = await focusOnChanges(settings.changedSince, listed, patterns, buildFlags, wd, {
    ...deps,
    git: deps.git,
  });
  if ('note' in focus) {
    result.notes.push(focus.note);
    deps.log(focus.note);
    return listed;
  }
  result.focus = focus.report;
  const base = settings.changedSince.slice(0, 7);
  const n = focus.packages.length;
  if (n === 0) {
    const note = `only-changed: no Go code of the tested packages changed since ${base} (${plural(focus.report.changedFileCount, 'file')} changed): nothing was run.`;
    result.notes.push(note);
    deps.log(note);
  } else {
    deps.log(`only-changed: ${plural(n, 'package')} of ${listed.length} touched since ${base}`);
  }
  return focus.packages;
}

export async function execute(settings: Settings, deps: EngineDeps): Promise<EngineResult> {
  const result: EngineResult = {
    modules: [],
    packages: [],
    builds: [],
    runs: [],
    errors: [],
    notes: [],
    overlap: [],
  };
  const started = Date.now();
  try {
    await executeSteps(settings, deps, result, started);
  } catch (err) {
    // A go command killed by the cancellation fails: that is the cancellation, said below.
    if (deps.signal?.aborted) cancelledNote(settings, undefined, result, String(deps.signal.reason));
    else if (err instanceof GoError) result.errors.push(err.message);
    else {
      const message = err instanceof Error ? err.message : String(err);
      result.errors.push(`race-rerun failed unexpectedly: ${message}`);
    }
  } finally {
    // The report holds what it needs (each finding's first occurrence): logs and binaries go.
    if (!deps.keepFiles) await removeScratch(deps.workDir);
  }
  return result;
}

/** Logs, binaries and the TMPDIRs of the history and alone reruns (each removed after its run; this is their root). */
async function removeScratch(workDir: string): Promise<void> {
  for (const dir of ['bin', 'logs', 'tmp']) {
    await rm(join(workDir, dir), { recursive: true, force: true }).catch(() => {});
  }
}

/** The steps of execute, in order; a step that ends the work early returns with result filled in. */
async function executeSteps(
  settings: Settings,
  deps: EngineDeps,
  result: EngineResult,
  started: number,
): Promise<void> {
  const deadline = settings.maxDurationMs !== undefined ? started + settings.maxDurationMs : undefined;
  // tests-from first: a bad log should fail before anything is built.
  const failed = await testsFromFailures(settings, deps, result);
  if (failed === 'stop') return;
  const go = await goCommands(settings, deps, result);
  if (!go) return;
  const plan = await planPackages(settings, deps, result, go.listed, go.goEnv, failed);
  if (!plan) return;
  const env = withGorace(testEnvironment(deps.env ?? process.env), DEFAULT_GORACE);
  const built = await buildJobs(settings, deps, result, plan, go.goEnv, env, failed, started);
  const sched = await runJobs(settings, deps, result, plan, built.jobs, env, deadline);
  recordRuns(deps, result, plan.packages, built.builds, sched, started);

  if (deps.signal?.aborted) {
    cancelledNote(settings, sched, result, String(deps.signal.reason));
    stoppedFindingsNote(sched, result);
    escapedNote(result);
    return;
  }
  stopNotes(settings, sched, result, built.lastBuildEnd() - started);
  stoppedFindingsNote(sched, result);
  lostIterationNotes(settings, result);
  const mainMs = Date.now() - started;
  await recoverStacks(settings, deps, result, plan.argsOf, plan.testArgs, env, deadline);
  result.overlap = await confirmOverlaps(
    result.runs,
    settings,
    {
      binaries: builtBinaries(result),
      dirs: new Map(result.packages.map((p) => [p.importPath, p.dir])),
      argsOf: (pkg) => plan.argsOf.get(pkg) ?? plan.testArgs,
      env,
      firstRun: result.runs.length + 1,
      budgetMs: Math.max(MIN_OVERLAP_BUDGET_MS, mainMs / 4),
      ...(deadline !== undefined ? { deadline } : {}),
    },
    deps,
  ).catch((err: unknown) => {
    // The main runs are measured already: a failed confirmation must not lose them.
    result.notes.push(
      `Could not rerun the tests that failed while runs overlapped alone: ${(err as Error).message}`,
    );
    return [];
  });
  escapedNote(result);
}

/** tests-from: the failed tests per package, undefined to run as usual, 'stop' when nothing is to run. */
async function testsFromFailures(
  settings: Settings,
  deps: EngineDeps,
  result: EngineResult,
): Promise<Map<string, string[]> | undefined | 'stop'> {
  if (settings.testsFrom === undefined) return undefined;
  const read = await readTestsFrom(settings.testsFrom, settings.repoRoot, (f) => deps.parse(f, ''));
  if ('errors' in read) {
    result.errors.push(...read.errors);
    return 'stop';
  }
  result.testsFrom = read.report;
  const where = logsText(read.report.logs);
  if (read.failed.size === 0 && !settings.run) {
    result.notes.push(`No test failed in ${where}: nothing to rerun.`);
    deps.log(`No test failed in ${where}: nothing to rerun.`);
    return 'stop';
  }
  if (read.failed.size === 0) {
    result.notes.push(`No test failed in ${where}: running the tests that match run instead.`);
    return undefined;
  }
  return read.failed;
}

/** report.testsFrom names what is rerun: tests of packages not run here are in a note. */
function keepRerunTests(result: EngineResult, packages: readonly { importPath: string }[]): void {
  const t = result.testsFrom;
  if (!t) return;
  const chosen = new Set(packages.map((p) => p.importPath));
  t.tests = t.tests.filter((x) => x.package === '' || chosen.has(x.package));
}

/** `a.log`, or `3 logs (a.log, b.log, c.log)`: the tests-from logs in a sentence. */
function logsText(logs: readonly string[]): string {
  if (logs.length === 1) return logs[0] ?? '';
  const more = logs.length > 3 ? ` and ${logs.length - 3} more` : '';
  return `${logs.length} logs (${logs.slice(0, 3).join(', ')}${more})`;
}

/** go env, the module list and the test packages; undefined (with an error) when no package matches. */
async function goCommands(
  settings: Settings,
  deps: EngineDeps,
  result: EngineResult,
): Promise<{ goEnv: GoEnv; listed: GoPackage[] } | undefined> {
  const wd = settings.workingDirectory;
  // The three go commands do not depend on each other: start them together (each one is a
  // go process start-up plus module loading). Awaited in order, so errors read as before.
  const envP = deps.go.env(wd);
  const modulesP = deps.go.modules(wd);
  const listedP = deps.go.listTestPackages(wd, settings.packages, settings.buildFlags);
  // When an earlier one throws, a later rejection must not go unhandled.
  modulesP.catch(() => {});
  listedP.catch(() => {});
  const goEnv = await envP;
  result.goEnv = goEnv;
  deps.log(`Using ${goEnv.version || 'go'} in ${wd}`);
  const minor = goMinor(goEnv.version);
  if (minor !== undefined && minor < 20 && settings.skip) {
    result.notes.push(
      `${goEnv.version} has no -test.skip (added in Go 1.20): the skip input will fail the runs.`,
    );
  }

  result.modules = await modulesP;

  const listed = await listedP;
  result.errors.push(...listed.errors);
  if (listed.withoutTests.length > 0) {
    const shown = listed.withoutTests.slice(0, 10).join(', ');
    const more = listed.withoutTests.length > 10 ? ` and ${listed.withoutTests.length - 10} more` : '';
    result.notes.push(
      `${plural(listed.withoutTests.length, 'package')} without test files: ${shown}${more}.`,
    );
  }
  if (listed.packages.length === 0) {
    result.errors.push(
      `No test packages match ${settings.packages.join(' ')} in ${wd}: check the packages input.`,
    );
    return undefined;
  }
  return { goEnv, listed: listed.packages };
}

interface PackagePlan {
  packages: GoPackage[];
  /** Test binary arguments of packages whose tests tests-from chose. */
  argsOf: Map<string, string[]>;
  /** Test binary arguments of the other packages. */
  testArgs: string[];
  share?: ReturnType<typeof shareOf>;
}

/** The packages to run (only-changed, tests-from, shard) and their test binary arguments. */
async function planPackages(
  settings: Settings,
  deps: EngineDeps,
  result: EngineResult,
  listed: GoPackage[],
  goEnv: GoEnv,
  failed: Map<string, string[]> | undefined,
): Promise<PackagePlan | undefined> {
  const baseArgs = {
    timeout: settings.timeout,
    skip: settings.skip,
    testFlags: settings.testFlags,
    goVersion: goEnv.version,
  };
  const argsOf = new Map<string, string[]>();
  let packages = await focusIfAsked(settings, listed, deps, result);
  if (packages.length === 0) return undefined;
  if (failed !== undefined) {
    packages = selectFailed(packages, failed, settings, result);
    for (const p of packages) {
      const tests = failed.get(p.importPath) ?? failed.get('') ?? [];
      // An empty list: the package failed without a test to name, so all of it runs.
      argsOf.set(
        p.importPath,
        testBinaryArgs({ ...baseArgs, run: tests.length > 0 ? runPattern(tests) : undefined }),
      );
    }
    if (packages.length === 0) {
      result.errors.push(
        `None of the packages that failed in ${logsText(result.testsFrom?.logs ?? [])} is among ${settings.packages.join(' ')} in ${settings.workingDirectory}.`,
      );
      return undefined;
    }
    keepRerunTests(result, packages);
  }
  const share = settings.shard ? shareOf(packages, settings.count, settings.shard) : undefined;
  if (share) {
    packages = share.packages;
    result.shard = share.info;
    result.notes.push(shareText(share.info, settings.count));
  }
  result.packages = packages;
  const testArgs = testBinaryArgs({ ...baseArgs, run: settings.run });
  return share ? { packages, argsOf, testArgs, share } : { packages, argsOf, testArgs };
}

/** One job per package; its build runs in a run slot, and is recorded in `builds`. */
async function buildJobs(
  settings: Settings,
  deps: EngineDeps,
  result: EngineResult,
  plan: PackagePlan,
  goEnv: GoEnv,
  env: NodeJS.ProcessEnv,
  failed: Map<string, string[]> | undefined,
  started: number,
): Promise<{ jobs: RunJob[]; builds: Map<string, BuildResult>; lastBuildEnd: () => number }> {
  const { packages, argsOf } = plan;
  const wd = settings.workingDirectory;
  const binDir = join(deps.workDir, 'bin');
  await mkdir(binDir, { recursive: true });
  const names = fileNames(packages.map((p) => p.importPath));
  const builds = new Map<string, BuildResult>();
  let lastBuildEnd = started;
  const batch = batchBuilder(packages, settings, deps, goEnv, binDir);
  // tests-from chooses the tests itself: then only skip is the user's pattern.
  const patterns = {
    ...(failed === undefined && settings.run ? { run: settings.run } : {}),
    ...(settings.skip ? { skip: settings.skip } : {}),
  };
  const patternsOk = patternGate(patterns, deps, env, result);
  const jobs: RunJob[] = packages.map((pkg, i) => {
    const job: RunJob = {
      package: pkg,
      // One build per package, in a run slot: the first runs start while later packages build.
      // With several packages, one go command builds them all (the first slot starts it, the
      // others wait for it); a package it could not build is built alone, for its own output.
      build: async () => {
        const build =
          (await batch?.())?.get(pkg.importPath) ??
          (await deps.go.buildTest(pkg, join(binDir, `${names[i]}.test`), settings.buildFlags, wd));
        // A build stopped by cancellation is not a build failure: it is left out.
        if (!build.ok && deps.signal?.aborted) return undefined;
        if (!build.ok && isNoSpace(build.output)) {
          noSpace(result, deps, 0, `the test binary of ${pkg.importPath} could not be written`);
          return undefined;
        }
        builds.set(pkg.importPath, build);
        lastBuildEnd = Date.now();
        if (!build.ok) deps.log(`Build failed: ${pkg.importPath}`);
        if (!build.ok || build.binary === undefined) return undefined;
        return (await patternsOk(build.binary, pkg.dir)) ? build.binary : undefined;
      },
    };
    const args = argsOf.get(pkg.importPath);
    if (args) job.testArgs = args;
    return job;
  });
  return { jobs, builds, lastBuildEnd: () => lastBuildEnd };
}

/** Says what will run, then builds and runs through the scheduler. */
async function runJobs(
  settings: Settings,
  deps: EngineDeps,
  result: EngineResult,
  plan: PackagePlan,
  jobs: RunJob[],
  env: NodeJS.ProcessEnv,
  deadline: number | undefined,
): Promise<ScheduleResult> {
  const { share } = plan;
  const parallel = cappedParallel(settings.parallel, result.notes);
  const until = settings.until ?? 'count';
  const precision = settings.precision ?? 0.1;
  deps.log(
    `Building ${plural(plan.packages.length, 'test binary', 'test binaries')} with -race and running each ` +
      `${untilText(settings)}, at most ${parallel} at once (timeout ${settings.timeout} per run` +
      `${settings.maxDuration ? `, ${settings.maxDuration} in all` : ''})`,
  );
  return schedule(
    jobs,
    {
      count: share?.count ?? settings.count,
      ...(share ? { firstRun: share.firstRun } : {}),
      parallel,
      timeout: settings.timeout,
      timeoutMs: settings.timeoutMs,
      testArgs: plan.testArgs,
      logDir: join(deps.workDir, 'logs'),
      tmpRoot: join(deps.workDir, 'tmp'),
      env,
      until,
      precision,
      ...(deadline !== undefined ? { deadline } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
      ...(deps.keepFiles ? { keepLogs: true } : {}),
    },
    { runner: deps.runner, parse: deps.parse, onRun: deps.onRun, log: deps.log },
  );
}

/** The builds and runs into the result, and one log line saying what was done. */
function recordRuns(
  deps: EngineDeps,
  result: EngineResult,
  packages: GoPackage[],
  builds: Map<string, BuildResult>,
  sched: ScheduleResult,
  started: number,
): void {
  result.builds = packages.flatMap((p) => {
    const b = builds.get(p.importPath);
    return b ? [b] : [];
  });
  result.runs = sched.records;
  result.escaped = sched.escaped;
  if (sched.diskFullAfter !== undefined) {
    noSpace(result, deps, sched.diskFullAfter, "a run's output could not all be written");
  }
  const builtCount = result.builds.filter((b) => b.ok).length;
  const failedBuilds = result.builds.length - builtCount;
  const killed = result.runs.filter((r) => r.killed).length;
  deps.log(
    `Built ${plural(builtCount, 'test binary', 'test binaries')}${failedBuilds > 0 ? ` (${failedBuilds} failed)` : ''}; ` +
      `ran ${plural(result.runs.length, 'test process', 'test processes')} in ${seconds(Date.now() - started)}` +
      (killed > 0 ? ` (${killed} killed after the timeout)` : ''),
  );
}

/** The error for a full disk: said once, with how many runs had finished. */
function noSpace(result: EngineResult, deps: EngineDeps, runs: number, what: string): void {
  if (result.errors.some((e) => e.startsWith('No space left'))) return;
  result.errors.push(
    `No space left in ${deps.workDirLabel ?? deps.workDir} after ${plural(runs, 'run')}: ${what} (${deps.workDir}). ` +
      'Free space there; the runs that ended on the full disk are not counted (their output may be cut).',
  );
}

/** "2 processes outlived their test run", with what that means. */
function escapedNote(result: EngineResult): void {
  const escaped = result.escaped ?? 0;
  if (escaped === 0) {
    delete result.escaped;
    return;
  }
  result.notes.push(
    `${plural(escaped, 'process', 'processes')} outlived their test run and ${escaped === 1 ? 'was' : 'were'} killed: ` +
      'they had left its process group (setsid, a daemon). A test should stop what it starts.',
  );
}

/**
 * One `go test -race -c -o dir/ pkg…` for all packages, started on first call and shared: one go
 * start-up and package load instead of one per package, and go links them in parallel (measured
 * on the bench's 8 small packages: 2.1 s, against 2.8 s for the eight builds one after another,
 * with one core busy elsewhere). Go 1.21+ only.
 */
function batchBuilder(
  packages: GoPackage[],
  settings: Settings,
  deps: EngineDeps,
  goEnv: GoEnv,
  binDir: string,
): (() => Promise<Map<string, BuildResult>>) | undefined {
  const buildTests = deps.go.buildTests?.bind(deps.go);
  const minor = goMinor(goEnv.version);
  if (!buildTests || packages.length < 2 || minor === undefined || minor < 21) return undefined;
  let pending: Promise<Map<string, BuildResult>> | undefined;
  return () => {
    pending ??= (async () => {
      try {
        const dir = await mkdtemp(join(binDir, 'all-'));
        const built = await buildTests(packages, dir, settings.buildFlags, settings.workingDirectory);
        return new Map(built.map((b) => [b.package.importPath, b]));
      } catch {
        return new Map<string, BuildResult>(); // every package is then built on its own
      }
    })();
    return pending;
  };
}

function untilText(settings: Settings): string {
  switch (settings.until) {
    case 'first':
      return `up to ${plural(settings.count, 'time')} until the first failure`;
    case 'stable':
      return `up to ${plural(settings.count, 'time')} until every rate is known to ±${points(settings.precision)} points`;
    default:
      return plural(settings.count, 'time');
  }
}

function points(precision: number | undefined): string {
  return String(Math.round((precision ?? 0.1) * 1000) / 10);
}

/** The listed packages that failed in the logs; says which failed ones are not listed. */
function selectFailed(
  listed: GoPackage[],
  failed: Map<string, string[]>,
  settings: Settings,
  result: EngineResult,
): GoPackage[] {
  const unknown = failed.get('');
  const logs = result.testsFrom?.logs ?? [];
  const where = logsText(logs);
  // Tests the log does not tie to a package (plain output cut short): look for them everywhere.
  const chosen = unknown !== undefined ? listed : listed.filter((p) => failed.has(p.importPath));
  const names = new Set(listed.map((p) => p.importPath));
  const missing = [...failed.keys()].filter((p) => p !== '' && !names.has(p));
  if (missing.length > 0) {
    result.notes.push(
      `Failed in ${where} but not among the packages (${settings.packages.join(' ')}): ${missing.join(', ')}.`,
    );
  }
  const described = chosen.map((p) => {
    const tests = failed.get(p.importPath) ?? unknown ?? [];
    return `${p.importPath} (${tests.length > 0 ? tests.join(', ') : 'all tests: the package failed without a failed test'})`;
  });
  if (described.length > 0) {
    result.notes.push(
      `Rerunning only what failed in ${where}: ${described.join('; ')}.` +
        (settings.run
          ? ` The run input is not used: the ${logs.length === 1 ? 'log' : 'logs'} chose the tests.`
          : ''),
    );
  }
  return chosen;
}

/** Why the runs stopped and which packages got fewer runs, for the summary. */
function stopNotes(settings: Settings, sched: ScheduleResult, result: EngineResult, buildMs: number): void {
  const built = sched.packages.filter((p) => p.built);
  const short = (p: string) => p;
  const stopped = sched.packages.reduce((n, p) => n + p.stopped, 0);
  const stoppedText =
    stopped > 0
      ? ` ${plural(stopped, 'run')} still running then ${stopped === 1 ? 'was' : 'were'} stopped and not counted.`
      : '';
  if (result.runs.length === 0 && sched.stop === 'budget') {
    result.errors.push(
      `max-duration ${settings.maxDuration} was too short for even one run (building took ${seconds(buildMs)}): nothing was measured. Raise max-duration.`,
    );
    return;
  }
  if (built.length === 0) return;
  const counts = built.map((p) => `${short(p.importPath)} ${p.runs}`).join(', ');
  switch (sched.stop) {
    case 'first': {
      const r = sched.firstFailure;
      result.notes.push(
        `Stopped at the first failing run (until: first): run ${r?.index} of ${r?.package}, after ${plural(result.runs.length, 'run')} in all.${stoppedText}`,
      );
      break;
    }
    case 'stable':
      result.notes.push(
        `Stopped once every finding and test was known to ±${points(settings.precision)} points at 95% (until: stable). Runs per package: ${counts}.`,
      );
      break;
    case 'budget':
      result.notes.push(
        `Stopped at max-duration ${settings.maxDuration} before all ${settings.count} runs. Runs per package: ${counts}.${stoppedText}`,
      );
      break;
    case 'count':
      if (settings.until === 'stable') {
        const unstable = built.filter((p) => !p.stable).map((p) => p.importPath);
        result.notes.push(
          `Reached count (${settings.count} runs) before every rate was known to ±${points(settings.precision)} points` +
            ` in ${unstable.join(', ')}: raise count for a narrower interval.`,
        );
      } else if (settings.until === 'first') {
        result.notes.push(`No run failed in ${settings.count} runs of each package (until: first).`);
      }
      break;
  }
  if (sched.stop === 'budget' || sched.stop === 'stable') {
    // Say it rather than hide it: a slow package's rate rests on fewer runs.
    const most = Math.max(...built.map((p) => p.runs));
    for (const p of built) {
      if (p.runs < most && !(sched.stop === 'stable' && p.stable)) {
        result.notes.push(
          `${p.importPath} got fewer runs under the budget: ${p.runs} of ${settings.count}` +
            (p.runs > 0 ? ` (its runs take ${seconds(p.meanMs)} each)` : '') +
            '; its rates are less certain.',
        );
      }
    }
  }
}

/**
 * Checks run and skip with the first binary built (see patterns.ts), once for all packages: a bad
 * pattern is an input error and nothing runs, instead of every run failing as a "test failure".
 */
function patternGate(
  patterns: { run?: string; skip?: string },
  deps: EngineDeps,
  env: NodeJS.ProcessEnv,
  result: EngineResult,
): (binary: string, cwd: string) => Promise<boolean> {
  let verdict: Promise<boolean> | undefined;
  return (binary, cwd) => {
    verdict ??= checkPatterns(
      deps.runner,
      { binary, cwd, env, ...(deps.signal ? { signal: deps.signal } : {}) },
      patterns,
    )
      .catch(() => undefined) // could not ask: the runs will tell
      .then((problem) => {
        if (problem) result.errors.push(problem);
        return problem === undefined;
      });
    return verdict;
  };
}

/**
 * Runs at once, at most MAX_PARALLEL: every race-enabled test process takes memory and a core of
 * its own, and more at once than that slows each run rather than the whole.
 */
function cappedParallel(parallel: number, notes: string[]): number {
  if (parallel <= MAX_PARALLEL) return parallel;
  notes.push(
    `parallel ${parallel} is more than race-rerun runs at once: ran at most ${MAX_PARALLEL} at a time (each race-enabled test process needs its own memory and core).`,
  );
  return MAX_PARALLEL;
}

/** `daemon.go:88 in (*Daemon).Shutdown`: where a raw finding's first stack starts. */
function firstFrameText(f: RawFinding): string {
  const fr = f.stacks[0]?.frames[0];
  if (!fr) return '';
  const file = fr.file.split(/[\\/]/).pop() ?? fr.file;
  const fn = fr.func.slice(fr.func.lastIndexOf('/') + 1);
  return ` at ${file}:${fr.line} in ${fn}`;
}

/**
 * Runs stopped half way are not counted (the stop could have caused a failure), but a race or a
 * panic they had already printed is real: said in a note, so that stopping never hides one.
 */
function stoppedFindingsNote(sched: ScheduleResult, result: EngineResult): void {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const f of sched.stoppedFindings) {
    const text = `${f.kind === 'race' ? 'a data race' : f.kind === 'panic' ? 'a panic' : 'a fatal error'}${firstFrameText(f)} (${f.package})`;
    if (seen.has(text)) continue;
    seen.add(text);
    items.push(text);
  }
  if (items.length === 0) return;
  const shown = items.slice(0, 5).join('; ');
  const more = items.length > 5 ? ` and ${items.length - 5} more` : '';
  result.notes.push(
    `Runs stopped before they finished had already printed ${shown}${more}: not counted, since a stopped run is neither a pass nor a failure.`,
  );
}

/** The report's note and `cancelled` field: k of N runs finished before the signal. */
function cancelledNote(
  settings: Settings,
  sched: ScheduleResult | undefined,
  result: EngineResult,
  signal: string,
): void {
  const failedBuilds = result.builds.filter((b) => !b.ok).length;
  const runsPlanned = Math.max(0, result.packages.length - failedBuilds) * settings.count;
  const runsDone = result.runs.length;
  result.cancelled = { signal, runsDone, runsPlanned };
  const stopped = sched?.packages.reduce((n, p) => n + p.stopped, 0) ?? 0;
  result.notes.push(
    `Cancelled (${signal}) after ${runsDone} of ${plural(runsPlanned, 'run')}: the report covers the runs that finished.` +
      (stopped > 0
        ? ` ${plural(stopped, 'run')} still running ${stopped === 1 ? 'was' : 'were'} stopped and not counted.`
        : ''),
  );
}

/** With -count=K (or a -cpu list) a panic ends the process, so the iterations after it never ran. */
function lostIterationNotes(settings: Settings, result: EngineResult): void {
  const k = iterationsPerRun(settings.testFlags);
  if (k <= 1) return;
  const byPkg = new Map<string, RunRecord[]>();
  for (const r of result.runs) byPkg.set(r.package, [...(byPkg.get(r.package) ?? []), r]);
  for (const [pkg, runs] of byPkg) {
    const topLevel = new Set(
      runs.flatMap((r) => r.parsed.tests.filter((t) => !t.name.includes('/')).map((t) => t.name)),
    );
    let lost = 0;
    let cut = 0;
    for (const r of runs) {
      const ended = r.parsed.tests.filter(
        (t) => !t.name.includes('/') && t.action !== 'interrupted' && t.package === pkg,
      ).length;
      const missing = Math.max(0, k * topLevel.size - ended);
      if (missing > 0 && (r.exitCode !== 0 || r.killed)) {
        lost += missing;
        cut++;
      }
    }
    if (lost > 0) {
      result.notes.push(
        `${pkg}: ${plural(cut, 'run')} ended early (a panic, fatal error or timeout ends the process), so ` +
          `${plural(lost, 'test iteration')} of the ${k} per test in a run never ran. Each run counts once, failed if any iteration failed.`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Races whose stack the detector could not restore: rerun with the largest history.

const ACCESS = new Set(['current', 'previous']);

function missingStack(f: RawFinding): boolean {
  return f.kind === 'race' && f.stacks.some((s) => ACCESS.has(s.role) && s.frames.length === 0);
}

function accessTops(f: RawFinding): string[] {
  return f.stacks
    .filter((s) => ACCESS.has(s.role) && s.frames.length > 0)
    .map((s) => `${s.frames[0]?.func}:${s.frames[0]?.line}`);
}

function builtBinaries(result: EngineResult): Map<string, string> {
  return new Map(result.builds.flatMap((b) => (b.ok && b.binary ? [[b.package.importPath, b.binary]] : [])));
}

async function recoverStacks(
  settings: Settings,
  deps: EngineDeps,
  result: EngineResult,
  argsOf: Map<string, string[]>,
  testArgs: string[],
  env: NodeJS.ProcessEnv,
  deadline: number | undefined,
): Promise<void> {
  const groups = new Map<string, { pkg: string; test?: string; tops: string[]; findings: RawFinding[] }>();
  for (const run of result.runs) {
    for (const f of run.parsed.findings) {
      if (!missingStack(f)) continue;
      const pkg = f.package || run.package;
      const tops = accessTops(f);
      const key = [pkg, f.test ?? '', ...tops].join('\u0000');
      const g = groups.get(key) ?? { pkg, ...(f.test ? { test: f.test } : {}), tops, findings: [] };
      g.findings.push(f);
      groups.set(key, g);
    }
  }
  if (groups.size === 0) return;
  const binaries = builtBinaries(result);
  const dirs = new Map(result.packages.map((p) => [p.importPath, p.dir]));
  const historyEnv = withGorace(env, [], [`history_size=${MAX_HISTORY_SIZE}`]);
  let tried = 0;
  for (const g of groups.values()) {
    const binary = binaries.get(g.pkg);
    const dir = dirs.get(g.pkg);
    let found: RawFinding | undefined;
    let tries = 0;
    const outOfTime = () =>
      (deadline !== undefined && Date.now() >= deadline) || deps.signal?.aborted === true;
    if (binary && dir && tried < MAX_HISTORY_GROUPS && !outOfTime()) {
      tried++;
      const base = (argsOf.get(g.pkg) ?? testArgs).filter((a) => !a.startsWith('-test.run='));
      const args = g.test ? [...base, `-test.run=${runPattern([g.test])}`] : (argsOf.get(g.pkg) ?? testArgs);
      const logDir = join(deps.workDir, 'logs', 'history');
      await mkdir(logDir, { recursive: true });
      for (; tries < HISTORY_RERUNS && !found && !outOfTime(); ) {
        tries++;
        const logFile = join(logDir, `${fileNames([g.pkg])[0]}-${tried}-${tries}.log`);
        // Nothing else runs now: any run index is free.
        const rerun = await rerunAlone(
          deps.runner,
          { command: binary, args, cwd: dir, env: historyEnv, logFile },
          {
            tmpRoot: join(deps.workDir, 'tmp'),
            name: `history-${tried}-${tries}`,
            run: result.runs.length + tries,
            timeoutMs: settings.timeoutMs,
            signal: deps.signal,
          },
        );
        result.escaped = (result.escaped ?? 0) + (rerun.escaped ?? 0);
        const parsed = await deps.parse(logFile, g.pkg).catch(() => undefined);
        if (!deps.keepFiles) await rm(logFile, { force: true }).catch(() => {});
        found = parsed?.findings.find((f) => {
          if (f.kind !== 'race' || missingStack(f)) return false;
          const tops = new Set(accessTops(f));
          return g.tops.every((t) => tops.has(t));
        });
      }
    }
    const who = g.test ? `${g.test} in ${g.pkg}` : g.pkg;
    for (const f of g.findings) {
      if (found) {
        f.stacks = structuredClone(found.stacks);
        f.raw = `${found.raw.replace(/\s+$/, '')}\n(race-rerun: this report comes from a rerun of ${who} with GORACE=history_size=${MAX_HISTORY_SIZE}; the original run's report had [failed to restore the stack].)\n`;
        f.stackRecovery = 'recovered';
      } else {
        f.stackRecovery = 'unrecovered';
        f.raw = `${f.raw.replace(/\s+$/, '')}\n(race-rerun: a stack of this race could not be restored${tries > 0 ? `, not even in ${plural(tries, 'rerun')} with GORACE=history_size=${MAX_HISTORY_SIZE}` : ''}.)\n`;
      }
    }
    if (found) {
      result.notes.push(
        `A race in ${who} had [failed to restore the stack]; a rerun with GORACE=history_size=${MAX_HISTORY_SIZE} gave the full report, used for its annotations.`,
      );
    } else {
      result.notes.push(
        `A race in ${who} had [failed to restore the stack] and ` +
          (tries > 0
            ? `${plural(tries, 'rerun')} with GORACE=history_size=${MAX_HISTORY_SIZE} did not restore it: one side of it is unknown.`
            : 'there was no time (or binary) left to rerun it: one side of it is unknown.'),
      );
    }
  }
}
