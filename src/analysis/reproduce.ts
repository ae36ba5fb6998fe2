// Commands that reproduce a finding locally, run from the repository root.
import type { Finding, FindingKind, Report } from '../model.js';
import { shQuote, testPattern } from './names.js';
import { relativeTo } from './paths.js';

export interface ReproduceInput {
  kind: FindingKind;
  /** Repo-relative Go module directory (`.` for the root). */
  workingDirectory: string;
  /** Package as go accepts it from the module directory: `./daemon`, `.`, or an import path. */
  packageArg: string;
  tests: readonly string[];
  /** The user's `-run`, used when the finding is not attributed to a test. */
  run?: string;
  goTestFlags: readonly string[];
  timeout?: string;
}

/** `./daemon` for a package in `examples/m/daemon` when the module is `examples/m`. */
export function packageArg(pkgDir: string | undefined, workingDirectory: string, importPath: string): string {
  if (pkgDir === undefined || pkgDir === '') return importPath;
  const wd = workingDirectory === '' || workingDirectory === '.' ? undefined : workingDirectory;
  const rel = wd === undefined ? (pkgDir === '.' ? '' : pkgDir) : relativeTo(pkgDir, wd);
  if (rel === undefined) return importPath;
  return rel === '' ? '.' : `./${rel}`;
}

function cdPrefix(workingDirectory: string): string {
  return workingDirectory === '' || workingDirectory === '.' ? '' : `cd ${shQuote(workingDirectory)} && `;
}

// Flags the reproduce command sets itself, or that would change the output format.
const OWN_FLAG = /^--?(?:count|race|json|run|v)(?:=|$)/;

function runPattern(i: ReproduceInput): string | undefined {
  if (i.kind === 'build') return '^$';
  return testPattern(i.tests) ?? i.run;
}

/**
 * `cd examples/m && go test -race -count=1 -run '^TestWriter$' ./daemon`. An `overlap` finding
 * passes alone: its command starts two at once, as race-rerun's parallel runs did.
 */
export function reproduceCommand(i: ReproduceInput): string {
  if (i.kind === 'overlap') {
    const one = reproduceCommand({ ...i, kind: 'failure', workingDirectory: '.' });
    return `${cdPrefix(i.workingDirectory)}for i in 1 2; do ${one} & done; wait`;
  }
  const words = ['go', 'test', '-race', '-count=1'];
  words.push(...i.goTestFlags.filter((f) => !OWN_FLAG.test(f)).map(shQuote));
  if (i.kind === 'timeout' && i.timeout) words.push(`-timeout=${shQuote(i.timeout)}`);
  const pattern = runPattern(i);
  if (pattern !== undefined) words.push('-run', shQuote(pattern));
  words.push(shQuote(i.packageArg));
  return cdPrefix(i.workingDirectory) + words.join(' ');
}

/**
 * How the CLI runs without installing it: the package is not on npm, so from its repository
 * (the README's placeholder; the README says how to install it for good).
 */
export const CLI_COMMAND = 'npx --yes github:org/race-rerun';

// Flags the rerun command sets itself or that race-rerun adds to every run.
const RERUN_OWN_FLAG = /^--?(?:race|json|run|v)(?:=|$)/;

/** The better way to check a fix: race-rerun itself, many runs. Undefined for build errors. */
export function rerunCommand(i: ReproduceInput, count: number): string | undefined {
  // A count of an overlap would only say again that the runs collide.
  if (i.kind === 'build' || i.kind === 'overlap') return undefined;
  const words = [CLI_COMMAND, 'run', '--count', String(count)];
  // The user's flags, as the go test line keeps them (-short, -tags=…).
  const flags = i.goTestFlags.filter((f) => !RERUN_OWN_FLAG.test(f));
  // With '=': parseArgs takes a value that starts with '-' only so.
  if (flags.length > 0) words.push(`--go-test-flags=${shQuote(flags.join(' '))}`);
  const pattern = runPattern(i);
  if (pattern !== undefined) words.push('--run', shQuote(pattern));
  words.push(shQuote(i.packageArg));
  return cdPrefix(i.workingDirectory) + words.join(' ');
}

/** The inputs above for a finding of a finished report (renderers use this). */
export function reproduceInputFor(report: Report, finding: Finding): ReproduceInput {
  const pkg = report.packages.find((p) => p.importPath === finding.package);
  const input: ReproduceInput = {
    kind: finding.kind,
    workingDirectory: report.context.workingDirectory,
    packageArg: packageArg(pkg?.dir, report.context.workingDirectory, finding.package),
    tests: finding.tests,
    goTestFlags: report.context.goTestFlags,
    timeout: report.context.timeout,
  };
  if (report.context.run !== undefined) input.run = report.context.run;
  return input;
}

/** Runs worth asking for when re-running: at least 30, or as many as this report used. */
export function rerunCount(report: Report): number {
  return Math.max(30, report.runs);
}
