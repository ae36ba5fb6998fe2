// Wires engine → parser → analysis into a Report. Shared by the action and the CLI, which only
// differ in where settings come from and how the report is shown.
import { readFileSync, realpathSync, statSync } from 'node:fs';
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
import type { Report, Settings } from '../model.js';
import { parseBuildOutput } from '../parse/build.js';
import { VERSION } from '../version.js';
import { type EngineDeps, execute } from './engine.js';
import { type LogSource, readLogRuns } from './logruns.js';
import { parseLogFile } from './logs.js';

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
  if (result.testsFrom) report.testsFrom = result.testsFrom;
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

export type { LogSource };

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
  const { runs, logs: outcomes } = await readLogRuns(logs);
  const errors: string[] = [];
  const notes: string[] = [];
  for (const o of outcomes) {
    if ('error' in o) errors.push(`Cannot read ${o.name}: ${o.error}`);
    else if ('notGo' in o)
      notes.push(
        `${o.name} holds no Go test output (no test results, race reports or panics were found in it).`,
      );
  }
  const unreadable = errors.length;
  const withGoOutput = outcomes.filter((o) => 'parsed' in o).length;
  if (withGoOutput === 0 && logs.length > 0 && errors.length === 0) {
    // Said once, as the error, rather than once more per log as a note.
    notes.length = 0;
    errors.push(
      logs.length === 1
        ? `${logs[0]?.name} is not Go test output: give the output of go test (plain or -json).`
        : 'None of the logs holds Go test output: give the output of go test (plain or -json).',
    );
  }
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
