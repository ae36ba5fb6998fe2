// Wires engine → parser → analysis into a Report. Shared by the action and the CLI, which only
// differ in where settings come from and how the report is shown.
import { realpathSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { shardSummary } from '../analysis/merge.js';
import {
  createPathMapper,
  isAbsolutePath,
  normalizePath,
  type PathContext,
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

/** Directories that frame paths may name: bounded, a report's stacks are bounded too. */
const MAX_ALIAS_DIRS = 1000;

/** Absolute directories of the frames the runs printed, as printed. */
function frameDirs(runs: readonly RunRecord[]): string[] {
  const dirs = new Set<string>();
  for (const run of runs) {
    for (const f of run.parsed.findings) {
      for (const s of f.stacks) {
        for (const fr of s.frames) {
          if (!isAbsolutePath(fr.file)) continue;
          const file = normalizePath(fr.file);
          const slash = file.lastIndexOf('/');
          if (slash > 0) dirs.add(file.slice(0, slash));
          if (dirs.size >= MAX_ALIAS_DIRS) return [...dirs];
        }
      }
    }
  }
  return [...dirs];
}

function tryRealpath(realpath: (p: string) => string, p: string): string | undefined {
  try {
    return normalizePath(realpath(p));
  } catch {
    return undefined;
  }
}

/**
 * Symlinked checkouts: Go prints the path it ran under (the link, when $PWD is one), while the
 * repository root may be the resolved path (`git rev-parse --show-toplevel` resolves links), or
 * the other way round. Finds, on disk, which printed directories are the repository under another
 * name, so the pure path mapper can take them as aliases. Directories that do not exist here (a
 * log from another machine) are left alone.
 */
export function findPathAliases(
  ctx: Omit<PathContext, 'aliases'>,
  dirs: readonly string[],
  realpath: (p: string) => string = realpathSync,
): PathAlias[] {
  const repoRoot = normalizePath(ctx.repoRoot);
  const aliases: PathAlias[] = [];
  const realRoot = tryRealpath(realpath, repoRoot) ?? repoRoot;
  if (realRoot !== repoRoot) aliases.push({ from: realRoot, to: repoRoot });
  for (const m of ctx.modules ?? []) {
    const dir = normalizePath(m.dir);
    const real = tryRealpath(realpath, dir);
    if (real && real !== dir) aliases.push({ from: real, to: dir });
  }
  const mapper = createPathMapper({ ...ctx, aliases });
  for (const dir of dirs.slice(0, MAX_ALIAS_DIRS)) {
    if (mapper.map(`${dir}/x.go`).origin !== 'unknown') continue;
    const real = tryRealpath(realpath, dir);
    if (!real || real === dir) continue;
    const rel = relativeTo(real, realRoot);
    if (rel === undefined) continue;
    aliases.push({ from: dir, to: rel === '' ? repoRoot : `${repoRoot}/${rel}` });
  }
  return aliases;
}

/** The path mapper for these runs, with the symlink aliases found on disk. */
function mapperFor(ctx: PathContext, runs: readonly RunRecord[]) {
  const found = findPathAliases(ctx, frameDirs(runs));
  return createPathMapper({ ...ctx, aliases: [...(ctx.aliases ?? []), ...found] });
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
  const mapper = mapperFor(
    {
      repoRoot: settings.repoRoot,
      ...(result.goEnv ? { goroot: result.goEnv.goroot, gomodcache: result.goEnv.gomodcache } : {}),
      modules: result.modules,
    },
    result.runs,
  );
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
  const packages = [...new Set(runs.map((r) => r.package))].sort();
  const modules = opts.modules ?? [];
  const mapper = mapperFor(
    {
      repoRoot: opts.repoRoot,
      ...(opts.goroot ? { goroot: opts.goroot } : {}),
      ...(opts.gomodcache ? { gomodcache: opts.gomodcache } : {}),
      modules,
      ...(opts.aliases ? { aliases: opts.aliases } : {}),
    },
    runs,
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
