// race-rerun on the command line: the same engine and report as the action, shown as text.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MergeError, mergeReports } from '../analysis/merge.js';
import { shownPath } from '../analysis/paths.js';
import { applyBaseline } from '../engine/baseline.js';
import { onCancel, signalExitCode } from '../engine/cancel.js';
import { testEnvironment } from '../engine/environment.js';
import { writeWhole } from '../engine/files.js';
import { createGoTool } from '../engine/go.js';
import { errorReport, type LogSource, parseLogsToReport, runAndReport } from '../engine/pipeline.js';
import { nodeProcessRunner } from '../engine/process.js';
import type { FindingKind, Report, Settings } from '../model.js';
import { addEnvSecrets, redact, redactDeep } from '../publish/secrets.js';
import { failingFindings } from '../render/outcome.js';
import { describeRun } from '../render/progress.js';
import { renderSarif } from '../render/sarif.js';
import { renderTerminal } from '../render/terminal.js';
import { ReportError, readReport } from '../settings/reports.js';
import { readSettings, SettingsError } from '../settings/settings.js';
import { VERSION } from '../version.js';

const USAGE = `race-rerun ${VERSION}: run Go tests N times under the race detector and report how often each race, panic and failure reproduces.

Usage:
  race-rerun run [flags] [packages...]   run the tests of the Go module in the current directory (default ./...)
  race-rerun parse [flags] LOG...        read existing go test output (plain or -json; - for stdin), one run per log
  race-rerun merge [flags] REPORT...     merge the JSON reports of shards (run with --shard I/N) into one; no Go needed

Flags for run:
  --count N            runs per package (default 10)
  --parallel P         runs at once (default: number of CPUs)
  --run RE             only tests matching RE, as go test -run
  --skip RE            skip tests matching RE, as go test -skip
  --timeout D          per-run timeout, a Go duration (default 10m)
  --go-test-flags F    extra go test flags, e.g. "-tags=integration -shuffle=on"
  --tests-from LOG     rerun only the tests that failed in this go test log (-json or -v); repeat it,
                       or give a directory or a quoted glob ('logs/*.json'), to read several
  --max-duration D     time budget for all builds and runs, a Go duration (default: none)
  --until WHEN         count (all runs, default), first (stop at the first failure) or stable
  --precision P        for --until stable: ± percentage points of the 95% interval (default 10)
  --shard I/N          run only shard I of N of the work (merge the N reports with race-rerun merge)
Flags for all:
  --json FILE          also write the JSON report to FILE
  --sarif FILE         also write a SARIF 2.1.0 file (for GitHub code scanning) to FILE
  --baseline FILE      a JSON report from the base branch (path or glob): findings are new or known
  --only-new           with --baseline: --fail-on applies to new findings only
  --fail-on LIST       exit 1 when findings of these kinds are found: race,panic,fatal,timeout,failure,overlap
                       or never (default: all but overlap, a test that failed only while runs overlapped)
  --no-color           plain text even on a terminal
  -h, --help, --version

Exit status: 0 nothing matched --fail-on, 1 findings matched --fail-on, 2 bad usage, nothing could be run,
or (parse) a log could not be read or none holds Go test output; 130 interrupted (Ctrl-C: the runs that
finished are reported, and written to --json).`;

class UsageError extends Error {}

function usage(code: number): number {
  process.stdout.write(`${USAGE}\n`);
  return code;
}

/**
 * The engine and the settings speak of action inputs; on the command line the same things are
 * flags and the current directory.
 */
export function cliWording(text: string): string {
  return text
    .replace(/Input "([a-z-]+)"/g, '--$1')
    .replace(
      /Set (?:working-directory|it) to the directory that holds go\.mod(?:, relative to the repository root)?\./g,
      'Run race-rerun in the directory that holds go.mod.',
    )
    .replace(/(paths, directories or globs) relative to the repository root/g, '$1')
    .replace(/check the packages input/g, 'check the packages given on the command line')
    .replace(/\bthe (run|skip) input\b/g, '--$1')
    .replace(/\bThe (run|skip) input\b/g, '--$1')
    .replace(/(?<![-\w])(max-duration|count|parallel|precision|until)( \d|:| \()/g, '--$1$2')
    .replace(/Raise max-duration/g, 'Raise --max-duration')
    .replace(/(?<![-\w])parallel 1\b/g, '--parallel 1');
}

function withCliWording(report: Report): Report {
  return {
    ...report,
    summary: cliWording(report.summary),
    errors: report.errors.map(cliWording),
    notes: report.notes.map(cliWording),
    findings: report.findings.map((f) =>
      f.kind === 'overlap' ? { ...f, message: cliWording(f.message) } : f,
    ),
  };
}

/** `--tests-from logs/*.json` unquoted: the shell made the second log a package pattern. */
function strayLog(positionals: string[], cwd: string): void {
  const stray = positionals.find(
    (p) => !p.endsWith('.go') && existsSync(resolve(cwd, p)) && statSync(resolve(cwd, p)).isFile(),
  );
  if (stray)
    throw new UsageError(
      `${stray} is a file, not a package: to read several logs, repeat --tests-from or quote the glob (--tests-from 'logs/*.json') so that the shell does not expand it.`,
    );
}

/** A path or glob given relative to cwd, as the settings read it: relative to the repository root. */
function fromRepoRoot(repoRoot: string, cwd: string, path: string): string {
  return shownPath(resolve(cwd, path), repoRoot);
}

/** The checkout holding cwd (what `git rev-parse --show-toplevel` says, without starting git). */
function gitTopLevel(cwd: string): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    // `.git` is a directory, or a file in worktrees and submodules.
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}

/** The checked-out branch, from .git/HEAD (a worktree's .git file points at its own HEAD). */
function gitBranch(repoRoot: string): string | undefined {
  try {
    let dir = join(repoRoot, '.git');
    if (!statSync(dir).isDirectory()) {
      const m = /^gitdir: (.+)$/m.exec(readFileSync(dir, 'utf8'));
      if (!m?.[1]) return undefined;
      dir = resolve(repoRoot, m[1].trim());
    }
    return /^ref: refs\/heads\/(.+)$/m.exec(readFileSync(join(dir, 'HEAD'), 'utf8'))?.[1]?.trim();
  } catch {
    return undefined;
  }
}

function writeJson(file: string | undefined, report: Report): void {
  if (!file) return;
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeWhole(file, `${JSON.stringify(redactDeep(report), null, 2)}\n`);
  process.stderr.write(`JSON report written to ${file}\n`);
}

function writeSarif(file: string | undefined, report: Report, failOn: FindingKind[]): void {
  if (!file) return;
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeWhole(file, `${JSON.stringify(renderSarif(redactDeep(report), { failOn }))}\n`);
  process.stderr.write(`SARIF written to ${file}\n`);
}

/** The text, JSON and SARIF outputs every command ends with. */
function show(
  report: Report,
  values: { json?: string; sarif?: string; 'no-color'?: boolean },
  color: boolean,
  failOn: FindingKind[],
): void {
  process.stdout.write(`${redact(renderTerminal(report, { color: color && !values['no-color'] }))}\n`);
  writeJson(values.json, report);
  writeSarif(values.sarif, report, failOn);
}

const OUTPUT_FLAGS = {
  json: { type: 'string' },
  sarif: { type: 'string' },
  'fail-on': { type: 'string' },
  'no-color': { type: 'boolean' },
} as const;

async function cmdMerge(args: string[], color: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: REPORT_FLAGS,
  });
  if (values.help) return usage(0);
  if (positionals.length === 0) throw new UsageError('merge needs at least one REPORT file.');
  const failOn = failOnOf(values['fail-on'], gitTopLevel(process.cwd()));
  let merged: ReturnType<typeof mergeReports>;
  try {
    merged = mergeReports(positionals.map((file) => ({ name: file, report: readReport(file) })));
  } catch (err) {
    if (!(err instanceof ReportError || err instanceof MergeError)) throw err;
    process.stderr.write(`race-rerun: ${err.message}\n`);
    return 2;
  }
  for (const w of merged.warnings) process.stderr.write(`race-rerun: warning: ${w}\n`);
  compare(merged.report, values.baseline, process.cwd());
  show(merged.report, values, color, failOn);
  return exitCodeOf(merged.report, failOn, values['only-new'] === true);
}

/** Reads --fail-on through the same validation as the action's input. */
function failOnOf(value: string | undefined, repoRoot: string): FindingKind[] {
  const inputs: Record<string, string> = { 'working-directory': '.' };
  if (value !== undefined) inputs['fail-on'] = value;
  return readSettings((n) => inputs[n] ?? '', { repoRoot, reportPath: '', cpus: 1 }).failOn;
}

function exitCodeOf(report: Report, failOn: FindingKind[], onlyNew: boolean): number {
  if (report.errors.length > 0 && report.totalRuns === 0) return 2;
  return failingFindings(report, failOn, onlyNew).length > 0 ? 1 : 0;
}

/** --baseline: compares before anything is shown; a missing or bad file is a warning. */
function compare(report: Report, baseline: string | undefined, cwd: string): void {
  if (!baseline || report.verdict === 'error') return;
  const warning = applyBaseline(report, baseline, cwd);
  if (warning) process.stderr.write(`race-rerun: warning: ${warning}\n`);
}

const BASELINE_OPTIONS = {
  baseline: { type: 'string' },
  'only-new': { type: 'boolean' },
} as const;

/** The flags of the commands that read reports or logs instead of running Go (parse, merge). */
const REPORT_FLAGS = { ...OUTPUT_FLAGS, ...BASELINE_OPTIONS, help: { type: 'boolean', short: 'h' } } as const;

async function cmdRun(args: string[], color: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      count: { type: 'string' },
      parallel: { type: 'string' },
      run: { type: 'string' },
      skip: { type: 'string' },
      timeout: { type: 'string' },
      'go-test-flags': { type: 'string' },
      'tests-from': { type: 'string', multiple: true },
      'max-duration': { type: 'string' },
      until: { type: 'string' },
      precision: { type: 'string' },
      shard: { type: 'string' },
      ...OUTPUT_FLAGS,
      ...BASELINE_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return usage(0);
  const cwd = process.cwd();
  const repoRoot = gitTopLevel(cwd);
  if (values['tests-from']) strayLog(positionals, cwd);
  const inputs: Record<string, string> = {
    packages: positionals.join(' '),
    count: values.count ?? '',
    parallel: values.parallel ?? '',
    run: values.run ?? '',
    skip: values.skip ?? '',
    timeout: values.timeout ?? '',
    'go-test-flags': values['go-test-flags'] ?? '',
    'tests-from': (values['tests-from'] ?? []).map((v) => fromRepoRoot(repoRoot, cwd, v)).join('\n'),
    'max-duration': values['max-duration'] ?? '',
    until: values.until ?? '',
    precision: values.precision ?? '',
    shard: values.shard ?? '',
    'fail-on': values['fail-on'] ?? '',
    'working-directory': relative(repoRoot, cwd) || '.',
  };
  // Empty means "default" for every input, as with an action input that is not set.
  const defaults: Record<string, string> = { packages: './...', count: '10', timeout: '10m' };
  const settings = readSettings((n) => inputs[n] || defaults[n] || '', {
    repoRoot,
    reportPath: values.json ? resolve(values.json) : '',
    cpus: availableParallelism(),
  });
  // Ctrl-C: the runs stop, the ones that finished are reported (and written to --json), exit 130.
  const cancellation = onCancel();
  try {
    const report = await runOnce(settings, repoRoot, cancellation.signal);
    const branch = gitBranch(repoRoot);
    // Recorded so that a later --baseline of this report can say "vs main".
    if (branch) report.context.branch = branch;
    compare(report, values.baseline, cwd);
    show(report, values, color, settings.failOn);
    if (cancellation.by) return signalExitCode(cancellation.by);
    return exitCodeOf(report, settings.failOn, values['only-new'] === true);
  } finally {
    cancellation.dispose();
  }
}

/** The engine's report for these settings, in a scratch directory removed afterwards. */
async function runOnce(settings: Settings, repoRoot: string, signal: AbortSignal): Promise<Report> {
  const workDir = mkdtempSync(join(tmpdir(), 'race-rerun-'));
  const go = createGoTool(nodeProcessRunner, { env: testEnvironment(process.env), signal });
  let report: Report;
  try {
    report = await runAndReport(settings, {
      go,
      runner: nodeProcessRunner,
      signal,
      workDir,
      log: (m) => process.stderr.write(`${m}\n`),
      onRun: (r, done, total) =>
        process.stderr.write(`[${done}/${total}] ${r.package} run ${r.index}: ${describeRun(r)}\n`),
    });
  } catch (err) {
    report = errorReport(`race-rerun failed unexpectedly: ${(err as Error).stack ?? String(err)}`, repoRoot);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  // The engine speaks of action inputs: here they are flags.
  return withCliWording(report);
}

/**
 * Standard input, read as the stream it is: reopening /dev/stdin fails (ENXIO) when it is a
 * socket, as Node's child processes get.
 */
const STDIN_NAMES = new Set(['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

async function cmdParse(args: string[], color: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: REPORT_FLAGS,
  });
  if (values.help) return usage(0);
  if (positionals.length === 0) throw new UsageError('parse needs at least one LOG file (or - for stdin).');
  const cwd = process.cwd();
  const repoRoot = gitTopLevel(cwd);
  const failOn = failOnOf(values['fail-on'], repoRoot);
  const logs: LogSource[] = positionals.map((file) =>
    STDIN_NAMES.has(file)
      ? { name: file === '-' ? 'stdin' : file, open: () => process.stdin }
      : { name: file, file },
  );
  // Module paths and GOROOT make -trimpath frames and the standard library recognisable; Go is optional here.
  const go = createGoTool(nodeProcessRunner);
  const goEnv = await go.env(cwd).catch(() => undefined);
  const modules = goEnv ? await go.modules(cwd).catch(() => []) : [];
  const { report } = await parseLogsToReport(logs, {
    repoRoot,
    moduleDir: cwd,
    modules,
    ...(goEnv ? { goroot: goEnv.goroot, gomodcache: goEnv.gomodcache } : {}),
  });
  compare(report, values.baseline, cwd);
  show(report, values, color, failOn);
  // A log that cannot be read, or no log holding Go output: nothing could be read (the report says which).
  if (report.errors.length > 0) return 2;
  return failingFindings(report, failOn, values['only-new'] === true).length > 0 ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // A token in the environment (GITHUB_TOKEN in CI) never reaches the report a test printed it into.
  addEnvSecrets(process.env);
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  try {
    switch (command) {
      case 'run':
        return await cmdRun(rest, color);
      case 'parse':
        return await cmdParse(rest, color);
      case 'merge':
        return await cmdMerge(rest, color);
      case '--version':
      case 'version':
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}".`);
    }
  } catch (err) {
    if (err instanceof SettingsError) {
      // The settings speak of action inputs; on the command line the same thing is a flag.
      const message = cliWording(err.message);
      process.stderr.write(`race-rerun: ${message}\nRun race-rerun --help for usage.\n`);
      return 2;
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`race-rerun: ${(err as Error).message}\nRun race-rerun --help for usage.\n`);
      return 2;
    }
    process.stderr.write(`race-rerun: ${(err as Error).stack ?? String(err)}\n`);
    return 2;
  }
}

// Tests import main() without running the program (set only around that import).
