// Wires engine → parser → analysis into a Report. Shared by the action and the CLI, which only
// differ in where settings come from and how the report is shown.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { shardSummary } from '../analysis/merge.js';
import {
  createPathMapper,
  modulesFromFiles,
  normalizePath,
  type PathContext,
  type PathDisk,
  relativeTo,
} from '../analysis/paths.js';
import { buildReport, type ReportInput } from '../analysis/report.js';
import type { ParsedOutput, Report, RunRecord, Settings } from '../model.js';
import { parseBuildOutput } from '../parse/build.js';
import { VERSION } from '../version.js';
import { type EngineDeps, execute } from './engine.js';
import { parseLogFile, parseStream } from './logs.js';

export type RunPipelineDeps = Omit<EngineDeps, 'parse'>;

type PathAlias = NonNullable<PathContext['aliases']>[number];

/** This machine's file system, for the path mapper: symlinked checkouts, files of other machines' logs. */
export const nodePathDisk: PathDisk = {
  realpath(p) {
    try {
      return realpathSync(p);
    } catch {
      return undefined;
    }
  },
  isFile(p) {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  },
};

function readText(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** The path mapper for these runs, looking things up on this machine's disk. */
function mapperFor(ctx: PathContext, disk: PathDisk = nodePathDisk) {
  return createPathMapper(ctx, disk);
}

function repoRelative(repoRoot: string, dir: string): string {
  const rel = relativeTo(normalizePath(dir), normalizePath(repoRoot));
  if (rel === undefined) return dir;
  return rel === '' ? '.' : rel;
}

export function reportContext(settings: Settings, goVersion?: string, commit?: string): Report['context'] {
  return {
    workingDirectory: repoRelative(settings.repoRoot, settings.workingDirectory),
    packages: settings.packages,
    count: settings.count,
    ...(settings.run ? { run: settings.run } : {}),
    ...(settings.skip ? { skip: settings.skip } : {}),
    timeout: settings.timeout,
    goTestFlags: settings.goTestFlags,
    ...(goVersion ? { goVersion } : {}),
    ...(commit ? { commit } : {}),
    ...(settings.until === 'first' || settings.until === 'stable' ? { until: settings.until } : {}),
    ...(settings.until === 'stable' && settings.precision !== undefined
      ? { precision: settings.precision }
      : {}),
    ...(settings.maxDuration ? { maxDuration: settings.maxDuration } : {}),
  };
}

/** Runs the tests as the settings say and reports. Never throws for user-caused problems. */
export async function runAndReport(
  settings: Settings,
  deps: RunPipelineDeps,
  commit?: string,
): Promise<Report> {
  const result = await execute(settings, { ...deps, parse: parseLogFile });
  const buildFindings = result.builds
    .filter((b) => !b.ok)
    .flatMap((b) => parseBuildOutput(b.output, b.package.importPath));
  const mapper = mapperFor({
    repoRoot: settings.repoRoot,
    ...(result.goEnv ? { goroot: result.goEnv.goroot, gomodcache: result.goEnv.gomodcache } : {}),
    modules: result.modules,
  });
  const built = new Set(result.builds.filter((b) => b.ok).map((b) => b.package.importPath));
  const input: ReportInput = {
    mode: 'run',
    version: VERSION,
    context: reportContext(settings, result.goEnv?.version, commit),
    count: settings.count,
    packages: result.packages.map((p) => ({
      importPath: p.importPath,
      dir: p.dir,
      built: built.has(p.importPath),
    })),
    moduleDir: settings.workingDirectory,
    builds: result.builds,
    runs: result.runs,
    buildFindings,
    mapper,
    errors: result.errors,
    notes: result.notes,
    ...(result.overlap.length > 0 ? { overlap: result.overlap } : {}),
  };
  const report = buildReport(input);
  if (result.cancelled) report.cancelled = result.cancelled;
  if (result.escaped) report.escapedProcesses = result.escaped;
  if (result.focus) report.focus = result.focus;
  // Even a shard that stopped before its share was known says which shard it is, for the merge.
  const shard = result.shard ?? (settings.shard && { ...settings.shard, split: 'packages', packages: [] });
  if (shard) {
    report.shard = shard;
    report.summary = shardSummary(report.summary, shard);
  }
  return report;
}

/** A report for when nothing could be run (bad settings): still written, so users see why. */
export function errorReport(
  message: string | string[],
  repoRoot: string,
  context?: Report['context'],
): Report {
  return buildReport({
    mode: 'run',
    version: VERSION,
    context: context ?? {
      workingDirectory: '.',
      packages: [],
      count: 0,
      timeout: '',
      goTestFlags: [],
    },
    count: 0,
    packages: [],
    moduleDir: repoRoot,
    builds: [],
    runs: [],
    buildFindings: [],
    mapper: createPathMapper({ repoRoot }),
    errors: typeof message === 'string' ? [message] : message,
    notes: [],
  });
}

/** A log to read: a file on disk (a huge one is parsed in parallel), or a stream such as stdin. */
export type LogSource = { name: string; file: string } | { name: string; open(): Readable };

export interface ParseOptions {
  repoRoot: string;
  /** Module dir used to resolve relative paths (compiler errors); defaults to repoRoot. */
  moduleDir?: string;
  modules?: { path: string; dir: string }[];
  goroot?: string;
  gomodcache?: string;
  /** Known other spellings of directories (tests; symlinks on this machine are found on disk). */
  aliases?: PathAlias[];
  /** The disk lookups of the path mapper (tests); this machine's file system by default. */
  disk?: PathDisk;
}

/** Splits one log's parse into one run per package, so k/N is counted per package as in run mode. */
function runsOfLog(parsed: ParsedOutput, index: number): RunRecord[] {
  const byPackage = new Map<string, ParsedOutput>();
  const get = (pkg: string): ParsedOutput => {
    let out = byPackage.get(pkg);
    if (!out) {
      out = { tests: [], findings: [], packages: [], sawGoOutput: true };
      byPackage.set(pkg, out);
    }
    return out;
  };
  for (const t of parsed.tests) get(t.package).tests.push(t);
  for (const f of parsed.findings) get(f.package).findings.push(f);
  for (const p of parsed.packages) get(p.name).packages.push(p);
  return [...byPackage].map(([pkg, out]) => {
    const failed =
      out.findings.length > 0 ||
      out.packages.some((p) => p.action === 'fail') ||
      out.tests.some((t) => t.action === 'fail' || t.action === 'interrupted');
    return {
      package: pkg,
      index,
      exitCode: failed ? 1 : 0,
      signal: null,
      killed: false,
      durationMs: 0,
      parsed: out,
    };
  });
}

/**
 * Plain (non `-v`) logs print nothing for a package that passed: such a log is a passing run of
 * every test the other logs name in that package, so 2 failures in 5 logs read 2/5, not 2/2.
 * Only runs with no test lines at all for a passed package: a `-v` log names what it ran.
 */
export function addImpliedPasses(runs: RunRecord[]): void {
  const testsOf = new Map<string, Set<string>>();
  for (const r of runs) {
    for (const t of r.parsed.tests) {
      const set = testsOf.get(t.package) ?? new Set<string>();
      testsOf.set(t.package, set);
      set.add(t.name);
    }
  }
  for (const r of runs) {
    const passed = r.parsed.packages.some((p) => p.name === r.package && p.action === 'pass');
    if (!passed || r.parsed.findings.length > 0 || r.parsed.tests.some((t) => t.package === r.package))
      continue;
    for (const name of testsOf.get(r.package) ?? [])
      r.parsed.tests.push({ package: r.package, name, action: 'pass' });
  }
}

/** A package's directory from the module it belongs to (longest module path prefix). */
export function packageDir(
  importPath: string,
  modules: { path: string; dir: string }[],
  fallback: string,
): string {
  let best: { path: string; dir: string } | undefined;
  for (const m of modules) {
    const inside = importPath === m.path || importPath.startsWith(`${m.path}/`);
    if (inside && (!best || m.path.length > best.path.length)) best = m;
  }
  if (!best) return fallback;
  const rest = importPath.slice(best.path.length);
  return rest ? `${best.dir}${rest}` : best.dir;
}

export interface ParsedLogs {
  report: Report;
  /** Logs that could not be read at all (missing file, permission). */
  unreadable: number;
}

/** Reads existing logs (plain `go test` output or `go test -json`); each log counts as one run. */
export async function parseLogsToReport(logs: LogSource[], opts: ParseOptions): Promise<ParsedLogs> {
  const runs: RunRecord[] = [];
  const errors: string[] = [];
  const notes: string[] = [];
  let withGoOutput = 0;
  let unreadable = 0;
  for (const [i, log] of logs.entries()) {
    let parsed: ParsedOutput;
    try {
      parsed = await ('file' in log ? parseLogFile(log.file) : parseStream(log.open()));
    } catch (err) {
      errors.push(`Cannot read ${log.name}: ${(err as Error).message}`);
      unreadable++;
      continue;
    }
    if (!parsed.sawGoOutput) {
      notes.push(
        `${log.name} holds no Go test output (no test results, race reports or panics were found in it).`,
      );
      continue;
    }
    withGoOutput++;
    runs.push(...runsOfLog(parsed, i + 1));
  }
  if (withGoOutput === 0 && logs.length > 0 && errors.length === 0) {
    // Said once, as the error, rather than once more per log as a note.
    notes.length = 0;
    errors.push(
      logs.length === 1
        ? `${logs[0]?.name} is not Go test output: give the output of go test (plain or -json).`
        : 'None of the logs holds Go test output: give the output of go test (plain or -json).',
    );
  }
  addImpliedPasses(runs);
  const packages = [...new Set(runs.map((r) => r.package))].sort();
  // Without Go here (`go list -m` gave nothing), the checkout's go.work / go.mod still name the modules.
  const modules =
    opts.modules && opts.modules.length > 0
      ? opts.modules
      : modulesFromFiles(opts.moduleDir ?? opts.repoRoot, opts.repoRoot, readText);
  const mapper = mapperFor(
    {
      repoRoot: opts.repoRoot,
      ...(opts.goroot ? { goroot: opts.goroot } : {}),
      ...(opts.gomodcache ? { gomodcache: opts.gomodcache } : {}),
      modules,
      ...(opts.aliases ? { aliases: opts.aliases } : {}),
    },
    opts.disk,
  );
  const report = buildReport({
    mode: 'parse',
    version: VERSION,
    context: { workingDirectory: '.', packages, count: logs.length, timeout: '', goTestFlags: [] },
    count: logs.length,
    packages: packages.map((p) => ({
      importPath: p,
      dir: packageDir(p, modules, opts.repoRoot),
      built: true,
    })),
    moduleDir: opts.moduleDir ?? opts.repoRoot,
    builds: [],
    runs,
    buildFindings: [],
    mapper,
    errors,
    notes,
  });
  return { report, unreadable };
}
