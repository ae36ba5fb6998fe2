// Orchestration: go env → go list → build each test binary once with -race → run each `count`
// times. Problems the user caused end up in `errors` with what was done so far; nothing throws.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildResult, GoPackage, RunRecord, Settings } from '../model.js';
import { type GoEnv, GoError, type GoTool } from './go.js';
import type { ProcessRunner } from './process.js';
import { fileNames, type RunDeps, type RunJob, runAll, testBinaryArgs } from './scheduler.js';

export interface EngineDeps {
  go: GoTool;
  runner: ProcessRunner;
  parse: RunDeps['parse'];
  log: (message: string) => void;
  /** Scratch directory: test binaries go to `bin/`, run logs to `logs/`. */
  workDir: string;
  onRun?: RunDeps['onRun'];
}

export interface EngineResult {
  goEnv?: GoEnv;
  modules: { path: string; dir: string }[];
  packages: GoPackage[];
  builds: BuildResult[];
  runs: RunRecord[];
  errors: string[];
  notes: string[];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Runs fn over items with at most `limit` at once; results in input order. */
async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    for (let i = next++; i < items.length; i = next++) {
      results[i] = await fn(items[i] as T, i);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker()));
  return results;
}

function goMinor(version: string | undefined): number | undefined {
  const m = version?.match(/^go1\.(\d+)/);
  return m ? Number(m[1]) : undefined;
}

export async function execute(settings: Settings, deps: EngineDeps): Promise<EngineResult> {
  const result: EngineResult = { modules: [], packages: [], builds: [], runs: [], errors: [], notes: [] };
  const wd = settings.workingDirectory;
  try {
    const goEnv = await deps.go.env(wd);
    result.goEnv = goEnv;
    deps.log(`Using ${goEnv.version || 'go'} in ${wd}`);
    const minor = goMinor(goEnv.version);
    if (minor !== undefined && minor < 20 && settings.skip) {
      result.notes.push(
        `${goEnv.version} has no -test.skip (added in Go 1.20): the skip input will fail the runs.`,
      );
    }

    result.modules = await deps.go.modules(wd);

    const listed = await deps.go.listTestPackages(wd, settings.packages, settings.buildFlags);
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
      return result;
    }
    result.packages = listed.packages;

    // Build each package's test binary once; runs reuse it.
    const binDir = join(deps.workDir, 'bin');
    await mkdir(binDir, { recursive: true });
    const names = fileNames(listed.packages.map((p) => p.importPath));
    deps.log(`Building ${plural(listed.packages.length, 'test binary', 'test binaries')} with -race …`);
    const buildStart = Date.now();
    result.builds = await mapLimit(listed.packages, settings.parallel, async (pkg, i) => {
      const build = await deps.go.buildTest(pkg, join(binDir, `${names[i]}.test`), settings.buildFlags, wd);
      if (!build.ok) deps.log(`Build failed: ${pkg.importPath}`);
      return build;
    });
    const built = result.builds.filter((b) => b.ok && b.binary);
    const failed = result.builds.length - built.length;
    deps.log(
      `Built ${plural(built.length, 'test binary', 'test binaries')} in ${seconds(Date.now() - buildStart)}` +
        (failed > 0 ? ` (${failed} failed)` : ''),
    );
    if (built.length === 0) return result;

    const jobs: RunJob[] = built.map((b) => ({ package: b.package, binary: b.binary as string }));
    const testArgs = testBinaryArgs({
      timeout: settings.timeout,
      run: settings.run,
      skip: settings.skip,
      testFlags: settings.testFlags,
      goVersion: goEnv.version,
    });
    deps.log(
      `Running ${plural(jobs.length, 'package')} ${plural(settings.count, 'time')} each, ` +
        `at most ${settings.parallel} at once (timeout ${settings.timeout} per run)`,
    );
    const runStart = Date.now();
    result.runs = await runAll(
      jobs,
      {
        count: settings.count,
        parallel: settings.parallel,
        timeout: settings.timeout,
        timeoutMs: settings.timeoutMs,
        testArgs,
        logDir: join(deps.workDir, 'logs'),
      },
      { runner: deps.runner, parse: deps.parse, onRun: deps.onRun, log: deps.log },
    );
    const killed = result.runs.filter((r) => r.killed).length;
    deps.log(
      `Ran ${plural(result.runs.length, 'test process', 'test processes')} in ${seconds(Date.now() - runStart)}` +
        (killed > 0 ? ` (${killed} killed after the timeout)` : ''),
    );
  } catch (err) {
    if (err instanceof GoError) result.errors.push(err.message);
    else {
      const message = err instanceof Error ? err.message : String(err);
      result.errors.push(`race-rerun failed unexpectedly: ${message}`);
    }
  }
  return result;
}
