// The shared data model. Everything between the parts of race-rerun is one of these plain types:
// settings → plan → runs (RunRecord) → Report → renderers. No I/O here.

/**
 * The kinds of finding, also the words accepted by `fail-on` (plus `never`). `overlap`: a test
 * that failed only while other runs overlapped it and passed every time alone.
 */
export const FINDING_KINDS = ['race', 'panic', 'fatal', 'timeout', 'failure', 'build', 'overlap'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

// ---------------------------------------------------------------------------------------------
// Parsing (pure: text in, these out). Frames are as printed; nothing is mapped to the repo yet.

/** One stack frame as Go printed it. */
export interface Frame {
  /** Function as printed, without arguments: `example.com/m/pkg.(*T).M`, `main.main.gowrap1`. */
  func: string;
  /** File as printed: absolute, `-trimpath` import path, Windows `C:/...`, or a bare `x_test.go`. */
  file: string;
  line: number;
  /** `(...)` in a panic trace: the frame was inlined. */
  inlined?: boolean;
}

/**
 * Which part of a report a stack is.
 * - race: `current` (Read/Write at), `previous` (Previous read/write at),
 *   `current-creation` / `previous-creation` (Goroutine N created at, matched by goroutine id)
 * - panic/fatal/timeout: `panic` (the goroutine that panicked/threw, or for a timeout the test's
 *   goroutine), `creation` (its `created by` frame), `goroutine` (other goroutines printed)
 * - failure: `failure` (the t.Error line), build: `build` (the compiler's line)
 */
export type StackRole =
  | 'current'
  | 'previous'
  | 'current-creation'
  | 'previous-creation'
  | 'panic'
  | 'creation'
  | 'goroutine'
  | 'failure'
  | 'build';

/** Every StackRole, for validating reports read from files. */
export const STACK_ROLES: readonly StackRole[] = [
  'current',
  'previous',
  'current-creation',
  'previous-creation',
  'panic',
  'creation',
  'goroutine',
  'failure',
  'build',
];

export interface Stack {
  role: StackRole;
  /** Header normalised for humans, e.g. `Write at 0x00c000… by goroutine 7` kept verbatim, or `goroutine 8 [running]`. */
  header: string;
  /** Race accesses only. */
  access?: 'read' | 'write';
  /** Race accesses and goroutine blocks: goroutine id, or `main`. */
  goroutine?: number | 'main';
  frames: Frame[];
}

/** A finding in one run's output, before it is mapped to repository paths and grouped. */
export interface RawFinding {
  kind: FindingKind;
  /** Import path of the package whose test binary printed it (from JSON events, or the run). */
  package: string;
  /** Test it is attributed to (`TestX` or `TestX/sub`); undefined when none can be told. */
  test?: string;
  /**
   * One line saying what happened: the panic value (`runtime error: invalid memory address or
   * nil pointer dereference`), the fatal error (`concurrent map writes`), `test timed out after 2s`,
   * the first t.Error message, the compiler message. Empty for races.
   */
  message: string;
  /** race: current, previous, and creation stacks; panic: panic (+ creation); failure/build: one frame. */
  stacks: Stack[];
  /** The report's text as printed (without JSON framing), for the "full report" sections. */
  raw: string;
  /** timeout: the tests listed under `running tests:`. */
  runningTests?: string[];
  /**
   * Races only, set by the engine when an access stack was `[failed to restore the stack]`:
   * `recovered` when a rerun with GORACE=history_size=7 gave the full report (whose stacks and
   * text are used here), `unrecovered` when it did not (the text then says so).
   */
  stackRecovery?: 'recovered' | 'unrecovered';
  /**
   * The report was cut: its start (a paste without the `WARNING: DATA RACE` or `panic:` line) or
   * its end (a crash, a log or paste that stops mid-report) is missing. What was there is parsed.
   */
  truncated?: boolean;
  /**
   * Set (from 0) on a report kept past the per-run findings cap because it was distinct: how many
   * more times the same report was printed in this run (counted, not kept). Also counted on a
   * report kept before the cap when later copies of it were dropped.
   */
  repeats?: number;
  /**
   * The text a report kept past the cap was told apart by (parse/util.ts `reportKey`): its own
   * text is kept short, so the key could not be made again from it (joining parsed parts).
   */
  key?: string;
}

export type TestAction = 'pass' | 'fail' | 'skip' | 'interrupted';

/** A test's outcome in one run. `interrupted` = it started but the process ended without pass/fail. */
export interface TestOutcome {
  package: string;
  /** `TestX` or `TestX/sub`. */
  name: string;
  action: TestAction;
  /** Seconds, when Go printed it. */
  elapsed?: number;
}

/** Everything parsed out of one run's output (or one log file). */
export interface ParsedOutput {
  tests: TestOutcome[];
  findings: RawFinding[];
  /** Packages seen with a final `ok`/`FAIL` line or a package-level pass/fail event. */
  packages: { name: string; action: 'pass' | 'fail' | 'skip' }[];
  /** False when nothing in the input looked like Go test output at all. */
  sawGoOutput: boolean;
  /**
   * The input printed more reports than the findings cap (1,000): `repeats` copies of kept
   * reports were counted, not kept; `dropped` distinct ones were lost past the 5,000 bound.
   */
  beyondCap?: { repeats: number; dropped: number };
}

// ---------------------------------------------------------------------------------------------
// Plan and runs

export interface GoPackage {
  /** Import path, e.g. `example.com/flaky-daemon/daemon`. */
  importPath: string;
  /** Absolute directory of the package. */
  dir: string;
  /** Module path and absolute module root. */
  module: { path: string; dir: string };
}

export interface BuildResult {
  package: GoPackage;
  ok: boolean;
  /** Absolute path of the test binary when ok. */
  binary?: string;
  /** Compiler output (`go test -race -c`), merged stdout and stderr. */
  output: string;
  durationMs: number;
}

export interface RunRecord {
  /** Package import path. */
  package: string;
  /** 1-based index of this run among the package's runs. */
  index: number;
  exitCode: number | null;
  signal: string | null;
  /** Killed by race-rerun's hard timeout (the binary's own -test.timeout did not end it). */
  killed: boolean;
  durationMs: number;
  /** Where the run's raw output (stdout+stderr, in order) was written (deleted once parsed). */
  logFile?: string;
  /** Processes of this run that had left its process group (setsid) and were killed after it. */
  escaped?: number;
  parsed: ParsedOutput;
  /** Another test process ran at some time during this one (parallel > 1). */
  overlapped?: boolean;
}

/**
 * A test that failed in runs that overlapped other runs, rerun alone (nothing else running) to
 * tell a flaky test from a collision between runs (a fixed port, a shared file).
 */
export interface OverlapCheck {
  package: string;
  /** Top-level test name. */
  test: string;
  /** Indexes of the package's runs in which it failed while another run overlapped it. */
  overlappedFailedIn: number[];
  /** Alone runs and how many of them failed. */
  aloneRuns: number;
  aloneFailed: number;
  /** The line of the failing output that names a shared resource (`bind: address already in use`). */
  evidence?: string;
  /** Time the alone runs took. */
  durationMs: number;
}

// ---------------------------------------------------------------------------------------------
// Locations (analysis maps printed file names to repository paths)

/**
 * Where a printed file lives. Only `repo` files are annotated. `outside`: not in this checkout
 * and not the toolchain's or a dependency's (a log from another machine whose file could not be
 * found here): the path is as printed.
 */
export type FileOrigin = 'repo' | 'vendor' | 'goroot' | 'modcache' | 'generated' | 'outside' | 'unknown';

export interface MappedFile {
  /** Repo-relative with `/` separators when origin is `repo` or `vendor`; else the file as printed. */
  path: string;
  origin: FileOrigin;
}

/**
 * What role a location plays in a finding (JSON report `locations[].role`):
 * `current`/`previous` (the two sides of a race), `current-creation`/`previous-creation` (the
 * goroutine creation site, used when an access stack has no repository frame), `panic` (the
 * panicking frame), `fatal`, `timeout` (where the test was stuck), `failure` (t.Error line),
 * `build` (compiler error), `test` (the test function in the stack).
 */
export type LocationRole =
  | 'current'
  | 'previous'
  | 'current-creation'
  | 'previous-creation'
  | 'panic'
  | 'fatal'
  | 'timeout'
  | 'failure'
  | 'build';

/** Every LocationRole, for validating reports read from files. */
export const LOCATION_ROLES: readonly LocationRole[] = [
  'current',
  'previous',
  'current-creation',
  'previous-creation',
  'panic',
  'fatal',
  'timeout',
  'failure',
  'build',
];

export interface Location {
  /** Repo-relative path, `/` separated; as printed when `origin` is `outside`. */
  file: string;
  /**
   * Set (to `outside`) only when the file is not in this checkout: a log from another machine
   * whose frame could not be mapped here. Such locations are shown but never annotated.
   */
  origin?: 'outside';
  line: number;
  /** Short function name (`daemon.(*Daemon).Shutdown`); empty for failure/build. */
  function: string;
  role: LocationRole;
  /** Race sides only. */
  access?: 'read' | 'write';
}

export interface ReportFrame {
  function: string;
  /** Repo-relative when origin is `repo`/`vendor`, else as printed. */
  file: string;
  line: number;
  origin: FileOrigin;
}

export interface ReportStack {
  role: StackRole;
  header: string;
  frames: ReportFrame[];
}

// ---------------------------------------------------------------------------------------------
// Report: the one model every renderer reads, and the JSON report's schema.

export interface Interval {
  low: number;
  high: number;
}

export interface Finding {
  /** Short stable id derived from the signature (8 hex chars). */
  id: string;
  kind: FindingKind;
  /** Stable across runs: no addresses, goroutine ids, offsets or run order. */
  signature: string;
  /** e.g. `Data race: write in Shutdown vs read in write` (no counts: renderers add them). */
  title: string;
  /** One-line description (panic value, fatal error, failure message). */
  message: string;
  package: string;
  /** Runs of the package in which it was seen, and how many runs the package had. */
  runsSeen: number;
  runs: number;
  /** 95% Wilson interval of runsSeen/runs. */
  interval: Interval;
  /** 1-based indexes of the runs it was seen in. */
  seenIn: number[];
  tests: string[];
  /** Annotatable places, repo-relative, most important first. */
  locations: Location[];
  /** All stacks of the first occurrence, mapped. */
  stacks: ReportStack[];
  /** The first occurrence as printed, trimmed. */
  sample: string;
  /** Shell command that reproduces it locally, run from the repository root. */
  reproduce: string;
  /**
   * Panics, fatal errors, timeouts and failures: the races of the same package reported in the
   * same runs ("likely causes"), most runs first. `runs` counts the runs that had both.
   */
  cooccurringRaces?: { id: string; runs: number }[];
  /** Races whose stack was `[failed to restore the stack]`: whether a history_size rerun restored it. */
  stackRecovery?: 'recovered' | 'unrecovered';
  /** Every occurrence of this report was cut (start or end missing): parsed from what was there. */
  truncated?: true;
  /**
   * Copies of this report past a run's findings cap (1,000 reports) that were counted, not kept
   * (e.g. GORACE=suppress_equal_stacks=0). Absent when none.
   */
  repeats?: number;
  /**
   * The tests (with their parents) that failed only because of this finding ("race detected
   * during execution of test", the test that panicked, its parents). Computed in analysis.
   */
  failsTests?: string[];
  /**
   * Races reported during one test but made by a goroutine another test started and did not wait
   * for: that test (the one reported during is in `tests` too).
   */
  goroutineOf?: string;
  /** kind `overlap`: the test passed every time it ran alone; `aloneRuns` says how often. */
  aloneRuns?: number;
  /** Set when a baseline report was given: whether the base branch had this finding too. */
  baseline?: 'new' | 'known';
  /** Known findings: how often the baseline saw it, and where it was when its lines moved. */
  known?: KnownFinding;
}

/** A finding of this report that the baseline report had too. */
export interface KnownFinding {
  /** The baseline finding's id. */
  id: string;
  runsSeen: number;
  runs: number;
  /** How it was matched: same signature, same functions and files, or nearby lines. */
  match: 'signature' | 'functions' | 'nearby';
  /** `daemon.go:76` when the lines moved since the baseline. */
  movedFrom?: string;
}

/** A baseline finding not seen in this report. */
export interface GoneFinding {
  id: string;
  kind: FindingKind;
  title: string;
  package: string;
  /** `file:line` of its location in the baseline (`file:line ↔ file:line` for a race), when it had one. */
  where?: string;
  /** Base rate: runs of the baseline it was seen in, and its runs. */
  runsSeen: number;
  runs: number;
  /** Runs of its package now, in which it was not seen. */
  runsNow: number;
  /** 1 − (1 − p)^N: the chance it would have shown now at its base rate. */
  chance: number;
}

/** The comparison with a report from the base branch (`baseline` input). */
export interface BaselineComparison {
  /** The file it was read from (as given). */
  source: string;
  /** Branch or commit the baseline came from, for "vs main". */
  label: string;
  commit?: string;
  /** Findings of the baseline in packages that ran now, not seen now. */
  gone: GoneFinding[];
}

/** Why a package was run under `only-changed`. */
export interface FocusedPackage {
  importPath: string;
  reason: 'changed' | 'imports';
  /** For `imports`: a changed package it depends on; for `changed`, the module file (`go.mod`) when that changed. */
  via?: string;
}

/** A test (or, without `test`, a whole package) that `tests-from` reran, and how it did in the logs. */
export interface TestsFromTest {
  package: string;
  /** Absent: the package failed without a test to name, so all of it was rerun. */
  test?: string;
  /** Logs in which it failed (or was interrupted, or a finding named it). */
  failed: number;
  /** Logs in which it ran: those naming it, and plain logs of its package that ran to their end. */
  logs: number;
}

/** `tests-from`: the logs read and what was chosen from them. */
export interface TestsFromReport {
  /** The logs, repository-relative when inside the repository. */
  logs: string[];
  tests: TestsFromTest[];
}

/** `only-changed`: which packages ran and why. */
export interface FocusReport {
  /** Base commit of the comparison. */
  base: string;
  /** Files changed since it (repository-relative), at most 100. */
  changedFiles: string[];
  changedFileCount: number;
  packages: FocusedPackage[];
  /** Test packages of the patterns that were left out. */
  skipped: number;
}

/** `overlap`: failed only while other runs overlapped it, passed every time alone. */
export type TestStatus = 'flaky' | 'failing' | 'passing' | 'skipped' | 'overlap';

export interface TestReport {
  package: string;
  name: string;
  /** Runs in which the test ran. */
  runs: number;
  /** Runs in which it failed or was interrupted. */
  failed: number;
  status: TestStatus;
  interval: Interval;
  /** Ids of the findings that explain this test's failures (it fails only because of them). */
  failedBy?: string[];
  /** Reruns of the test alone after it failed while runs overlapped (`overlap`: it passed them all). */
  alone?: { runs: number; failed: number };
}

export interface PackageReport {
  importPath: string;
  /** Repo-relative directory. */
  dir: string;
  built: boolean;
  runs: number;
  failedRuns: number;
}

export type Verdict = 'clean' | 'findings' | 'error';

export interface Report {
  schemaVersion: 1;
  tool: { name: 'race-rerun'; version: string };
  /** `run` (tests were run here) or `parse` (existing logs were read). */
  mode: 'run' | 'parse';
  /** Runs requested per package (`count`), or the number of logs in parse mode. */
  runs: number;
  /** Test processes that ran, over all packages. */
  totalRuns: number;
  /** Runs with a non-zero exit, a finding, or killed. */
  failedRuns: number;
  packages: PackageReport[];
  findings: Finding[];
  tests: TestReport[];
  verdict: Verdict;
  /** One sentence for humans, e.g. `2 data races and 1 panic in 30 runs of 1 package`. */
  summary: string;
  /** Problems that stopped part of the work (no Go, nothing matched, ...), for humans. */
  errors: string[];
  /** Other things worth saying (e.g. a log that held no Go test output). */
  notes: string[];
  /**
   * Set when the job was cancelled (SIGINT/SIGTERM): the report covers the `runsDone` runs that
   * finished of the `runsPlanned` (packages × count) it was to run.
   */
  cancelled?: { signal: string; runsDone: number; runsPlanned: number };
  /**
   * Processes that outlived their test run by leaving its process group (setsid, a daemon) and
   * were killed after it. Found on Linux only; absent when there were none.
   */
  escapedProcesses?: number;
  /** Settings that shape how to reproduce. */
  context: {
    /** Repo-relative Go module directory (`.` for the root). */
    workingDirectory: string;
    packages: string[];
    count: number;
    run?: string;
    skip?: string;
    timeout: string;
    goTestFlags: string[];
    goVersion?: string;
    commit?: string;
    /** Set when not `count`: when each job stopped (per shard when sharded). */
    until?: 'first' | 'stable';
    /** For `until: stable`: the 95% half-width asked for (0.1 = ±10 points). */
    precision?: number;
    /** The time budget as written (per shard when sharded). */
    maxDuration?: string;
    /** Branch the run was for (GITHUB_HEAD_REF or GITHUB_REF_NAME), so a later baseline can say "vs main". */
    branch?: string;
  };
  /** Set when a baseline report was given. */
  baseline?: BaselineComparison;
  /** Set under `only-changed`. */
  focus?: FocusReport;
  /** Set under `tests-from`: the logs read and the tests chosen from them. */
  testsFrom?: TestsFromReport;
  /** Set by a job that ran one shard of the work (`shard: I/N`). */
  shard?: ShardInfo;
  /** Set on a report merged from shard reports (`merge`). */
  merged?: MergeInfo;
  /** The workflow job that wrote the report (so a later `workflow_run` can publish for it). */
  job?: JobIdentity;
  /** The pull request the run was for, from its event. */
  pullRequest?: { number: number; headSha?: string };
}

export interface ShardInfo {
  /** 1-based. */
  index: number;
  total: number;
  /** `packages`: each shard runs all runs of its packages; `runs`: every package, a range of its runs. */
  split: 'packages' | 'runs';
  /** split `runs`: the global run numbers this shard ran (shard 2/4 of count 100: 26–50). */
  firstRun?: number;
  lastRun?: number;
  /** split `packages`: the import paths this shard ran. */
  packages?: string[];
}

export interface MergeInfo {
  /** Shards expected (N of `shard: I/N`). */
  total: number;
  /** The shard indexes merged, ascending. */
  shards: number[];
  /** Jobs whose reports went in. */
  jobs: number;
  /**
   * For each entry of `notes`/`errors`: the shard it first came from, 0 for what the merge itself
   * said (recomputed on every merge), so merging stays associative.
   */
  noteShards: number[];
  errorShards: number[];
}

export interface JobIdentity {
  workflow: string;
  job: string;
  runId?: string;
  runAttempt?: string;
  /** Canonical `RACE_RERUN_MATRIX`. */
  matrix?: string;
}

// ---------------------------------------------------------------------------------------------
// Settings: produced by src/settings/settings.ts from action inputs or CLI flags, validated.

export interface Settings {
  /** Go package patterns (`./...`). */
  packages: string[];
  /** Runs per package. >= 1. */
  count: number;
  /** `-run` regex, passed to the test binary as -test.run. */
  run?: string;
  /** `-skip` regex, passed as -test.skip. */
  skip?: string;
  /** Absolute path of the repository root (GITHUB_WORKSPACE, or the git top level for the CLI). */
  repoRoot: string;
  /** Absolute path of the Go module directory. */
  workingDirectory: string;
  /** Per-run timeout as the user wrote it (Go duration) and in milliseconds. */
  timeout: string;
  timeoutMs: number;
  /** Runs at once. >= 1. */
  parallel: number;
  /** Flags for `go test -c` (e.g. `-tags=integration`). */
  buildFlags: string[];
  /** Flags for the test binary, already in `-test.x` form (e.g. `-test.shuffle=on`). */
  testFlags: string[];
  /** The `go-test-flags` words as given, for display. */
  goTestFlags: string[];
  /** Finding kinds that fail the step; empty for `never`. */
  failOn: FindingKind[];
  githubToken: string;
  comment: boolean;
  /** Absolute path the JSON report is written to. */
  reportPath: string;
  /** Absolute paths of go test logs (`tests-from`): rerun only the tests that failed in any of them. */
  testsFrom?: string[];
  /** Total time budget (`max-duration`) as written and in milliseconds; unset means none. */
  maxDuration?: string;
  maxDurationMs?: number;
  /** When to stop: all `count` runs, at the `first` failing run, or once `stable` (see precision). */
  until?: 'count' | 'first' | 'stable';
  /** `until: stable` stops a package when every 95% interval is at most ± this (0.1 = ±10 points). */
  precision?: number;
  /** `baseline`: path or glob of a JSON report from the base branch, as given. */
  baseline?: string;
  /** `only-new`: fail-on applies to new findings only; annotations go to new ones. */
  onlyNew?: boolean;
  /** `only-changed`: run only the packages a pull request changed, and their importers. */
  onlyChanged?: boolean;
  /** Base commit for `only-changed` (from the pull request event). */
  changedSince?: string;
  /** `shard: I/N`: run only this share of the work. */
  shard?: { index: number; total: number };
  /** `merge`: globs of shard reports (relative to the repository root); no tests are run. */
  merge?: string[];
  /** Where annotations go: workflow commands (10 per level and step; unset) or a check run (all of them). */
  annotations?: 'commands' | 'checks';
}
