// The few `go` commands race-rerun needs: go env, go list, go test -race -c, go list -m.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ModulePackage } from '../analysis/focus.js';
import type { BuildResult, GoPackage } from '../model.js';
import type { ProcessResult, ProcessRunner } from './process.js';

/** A problem the user has to fix (no Go, no go.mod). The message is shown as is. */
export class GoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoError';
  }
}

export interface GoEnv {
  /** As Go prints it, e.g. `go1.22.5`. */
  version: string;
  goroot: string;
  gomodcache: string;
  /** Absolute path of go.mod; `/dev/null` in a workspace root without its own go.mod. */
  gomod: string;
  /** Absolute path of go.work when in workspace mode. */
  gowork?: string;
}

export interface TestPackages {
  packages: GoPackage[];
  /** Import paths of matched packages that have no test files. */
  withoutTests: string[];
  /** Readable problems: patterns that matched nothing, bad import paths, go list failures. */
  errors: string[];
}

export interface GoTool {
  env(cwd: string): Promise<GoEnv>;
  listTestPackages(cwd: string, patterns: string[], buildFlags: string[]): Promise<TestPackages>;
  buildTest(pkg: GoPackage, outFile: string, buildFlags: string[], cwd: string): Promise<BuildResult>;
  /**
   * Builds several packages' test binaries with one `go test -race -c -o outDir/` (Go 1.21+):
   * one go command instead of one per package. Only the packages whose binary was written are in
   * the result; the caller builds the others on their own (that gives a failing package its own
   * compiler output).
   */
  buildTests?(pkgs: GoPackage[], outDir: string, buildFlags: string[], cwd: string): Promise<BuildResult[]>;
  modules(cwd: string): Promise<{ path: string; dir: string }[]>;
  /** `only-changed`: the packages of `patterns` with what they import (`go list -deps -json`). */
  listDependencies?(cwd: string, patterns: string[], buildFlags: string[]): Promise<ModulePackage[]>;
}

/** Splits a stream of concatenated JSON values (what `go list -json` prints) into parsed values. */
export function parseJsonStream(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        try {
          values.push(JSON.parse(text.slice(start, i + 1)));
        } catch {
          // Not JSON after all (stray text); skip it.
        }
      }
    }
  }
  return values;
}

interface ListedPackage {
  ImportPath?: string;
  Dir?: string;
  TestGoFiles?: string[];
  XTestGoFiles?: string[];
  Module?: { Path?: string; Dir?: string };
  Error?: { Err?: string };
  Incomplete?: boolean;
}

function trimOutput(text: string, max = 4000): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max)}\n…` : t;
}

function noModule(dir: string): GoError {
  return new GoError(
    `No Go module in ${dir}: no go.mod found. Set working-directory to the directory that holds go.mod.`,
  );
}

function isNoModuleText(text: string): boolean {
  return /go: cannot find main module|go\.mod file not found/.test(text);
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The file `go test -c -o dir/` writes for a package: the import path's last element (the one
 * before a major version suffix such as `/v2`), plus `.test`. As cmd/go's testBinaryName.
 */
export function testBinaryName(importPath: string): string {
  const parts = importPath.split('/');
  let elem = parts.at(-1) ?? importPath;
  if (parts.length > 1 && /^v([2-9]|[1-9]\d+)$/.test(elem)) elem = parts.at(-2) ?? elem;
  return `${elem}.test`;
}

/** `-name`, `--name` or either with `=value`. */
function isFlag(word: string, name: string): boolean {
  const bare = word.replace(/^--?/, '');
  return bare !== word && (bare === name || bare.startsWith(`${name}=`));
}

/** Whether the user sets flag `-name` in the build flags or in GOFLAGS (which the command line overrides). */
function userSets(name: string, buildFlags: string[], env: NodeJS.ProcessEnv): boolean {
  return [...buildFlags, ...(env.GOFLAGS ?? '').split(/\s+/)].some((w) => isFlag(w, name));
}

/**
 * The build flags with race-rerun's defaults in front, each only when the user does not set it:
 * - `-ldflags=-w`: DWARF is only for debuggers, and leaving it out makes a race test binary's link
 *   about a quarter faster (0.37 → 0.28 s). Stack traces and race reports come from the pclntab,
 *   which stays: the same race report, line for line.
 * - `-vet=off`: `go test -c` runs vet like `go test` does, which finds no flaky failure (the
 *   usual test step reports vet's findings) and costs ~30 ms a package with a warm cache, ~1 s for
 *   the example module with a cold one.
 */
export function buildDefaults(buildFlags: string[], env: NodeJS.ProcessEnv): string[] {
  const defaults: string[] = [];
  if (!userSets('ldflags', buildFlags, env)) defaults.push('-ldflags=-w');
  if (!userSets('vet', buildFlags, env)) defaults.push('-vet=off');
  return [...defaults, ...buildFlags];
}

/** cgo on: see buildTest. */
function raceBuildEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...base };
  if (!env.CGO_ENABLED) env.CGO_ENABLED = '1';
  return env;
}

export function createGoTool(
  runner: ProcessRunner,
  opts: { goBinary?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {},
): GoTool {
  const goBinary = opts.goBinary ?? 'go';
  const baseEnv = () => opts.env ?? process.env;

  /** Runs go; turns "go is not installed" into the GoError every caller would give. */
  async function go(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<ProcessResult> {
    if (!isDirectory(cwd)) {
      throw new GoError(
        `Working directory ${cwd} does not exist. Set working-directory to the directory that holds go.mod.`,
      );
    }
    const result = await runner.run({
      command: goBinary,
      args,
      cwd,
      env: env ?? baseEnv(),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (result.spawnError !== undefined) {
      if (/ENOENT/.test(result.spawnError)) {
        throw new GoError(
          `Go toolchain not found: "${goBinary}" is not on PATH. Add actions/setup-go before this step (or install Go).`,
        );
      }
      throw new GoError(`Could not run "${goBinary}": ${result.spawnError}`);
    }
    return result;
  }

  return {
    async env(cwd) {
      const result = await go(['env', '-json', 'GOVERSION', 'GOROOT', 'GOMODCACHE', 'GOMOD', 'GOWORK'], cwd);
      const stdout = result.stdout ?? result.output;
      if (result.exitCode !== 0) {
        if (isNoModuleText(result.output)) throw noModule(cwd);
        throw new GoError(`"go env" failed in ${cwd}:\n${trimOutput(result.output)}`);
      }
      const [value] = parseJsonStream(stdout);
      const vars = (value ?? {}) as Record<string, string | undefined>;
      const gomod = vars.GOMOD ?? '';
      const gowork = vars.GOWORK ?? '';
      const inWorkspace = gowork !== '' && gowork !== 'off';
      // GOMOD is '' with GO111MODULE=off and /dev/null outside a module (a go.work root is fine).
      if ((gomod === '' || gomod === '/dev/null' || gomod === 'NUL') && !inWorkspace) throw noModule(cwd);
      const env: GoEnv = {
        version: vars.GOVERSION ?? '',
        goroot: vars.GOROOT ?? '',
        gomodcache: vars.GOMODCACHE ?? '',
        gomod,
      };
      if (inWorkspace) env.gowork = gowork;
      return env;
    },

    async listTestPackages(cwd, patterns, buildFlags) {
      const fields = 'ImportPath,Dir,TestGoFiles,XTestGoFiles,Module,Error,Incomplete';
      // -vet is a flag of go test only: go list refuses it.
      const listFlags = buildFlags.filter((f) => !isFlag(f, 'vet'));
      const result = await go(['list', '-e', `-json=${fields}`, ...listFlags, ...patterns], cwd);
      const out: TestPackages = { packages: [], withoutTests: [], errors: [] };
      const stderr = result.stderr ?? '';
      if (isNoModuleText(stderr)) throw noModule(cwd);

      for (const m of stderr.matchAll(/^go: warning: "(.*)" matched no packages$/gm)) {
        out.errors.push(`Pattern "${m[1]}" matched no packages.`);
      }
      const listed = parseJsonStream(result.stdout ?? result.output) as ListedPackage[];
      for (const p of listed) {
        const importPath = p.ImportPath ?? '';
        const hasTests = (p.TestGoFiles?.length ?? 0) + (p.XTestGoFiles?.length ?? 0) > 0;
        if (hasTests && p.Dir) {
          // Even with p.Error (e.g. a syntax error): the build reports it with file:line.
          const module =
            p.Module?.Path && p.Module.Dir ? { path: p.Module.Path, dir: p.Module.Dir } : undefined;
          out.packages.push({ importPath, dir: p.Dir, module: module ?? { path: '', dir: p.Dir } });
        } else if (p.Error?.Err) {
          const err = p.Error.Err.trim();
          out.errors.push(err.includes(importPath) ? err : `${importPath}: ${err}`);
        } else if (p.Dir) {
          out.withoutTests.push(importPath);
        }
      }
      if (result.exitCode !== 0 && listed.length === 0) {
        out.errors.push(`"go list" failed in ${cwd}:\n${trimOutput(stderr || result.output)}`);
      }
      return out;
    },

    async buildTest(pkg, outFile, buildFlags, cwd) {
      const env = raceBuildEnv(baseEnv());
      // The race detector needs cgo on linux/windows. go already enables cgo when a C compiler is
      // on PATH; setting it here only changes the failure without one from "-race requires cgo;
      // set CGO_ENABLED=1" (misleading) to "C compiler "gcc" not found" (says what to install).
      const started = Date.now();
      let result: ProcessResult;
      try {
        const flags = buildDefaults(buildFlags, env);
        result = await go(['test', '-race', '-c', '-o', outFile, ...flags, pkg.importPath], cwd, env);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return { package: pkg, ok: false, output: message, durationMs: Date.now() - started };
      }
      let output = result.output;
      let ok = result.exitCode === 0;
      if (ok && !existsSync(outFile)) {
        ok = false;
        output += `\nrace-rerun: "go test -c" wrote no test binary for ${pkg.importPath}.\n`;
      }
      if (!ok && /requires cgo|C compiler .* not found/.test(output)) {
        output +=
          '\nrace-rerun: the race detector needs cgo and a C compiler: install gcc and do not set CGO_ENABLED=0.\n';
      }
      const build: BuildResult = { package: pkg, ok, output, durationMs: Date.now() - started };
      if (ok) build.binary = outFile;
      return build;
    },

    async buildTests(pkgs, outDir, buildFlags, cwd) {
      const started = Date.now();
      const names = pkgs.map((p) => testBinaryName(p.importPath));
      // Two packages with the same file name make go refuse the whole batch: build those alone.
      const unique = pkgs.filter(
        (_, i) => names.indexOf(names[i] ?? '') === names.lastIndexOf(names[i] ?? ''),
      );
      if (unique.length < 2) return [];
      const env = raceBuildEnv(baseEnv());
      const flags = buildDefaults(buildFlags, env);
      try {
        await go(
          ['test', '-race', '-c', '-o', `${outDir}/`, ...flags, ...unique.map((p) => p.importPath)],
          cwd,
          env,
        );
      } catch {
        return [];
      }
      // go still writes the binaries of the packages that compiled when another one failed.
      const durationMs = Date.now() - started;
      return unique.flatMap((pkg) => {
        const binary = join(outDir, testBinaryName(pkg.importPath));
        return existsSync(binary) ? [{ package: pkg, ok: true, binary, output: '', durationMs }] : [];
      });
    },

    async listDependencies(cwd, patterns, buildFlags) {
      const fields = 'ImportPath,Dir,Deps,TestImports,XTestImports,Standard,DepOnly';
      const listFlags = buildFlags.filter((f) => !isFlag(f, 'vet'));
      // -deps lists the dependencies too; only the packages the patterns matched are kept.
      const result = await go(['list', '-e', '-deps', `-json=${fields}`, ...listFlags, ...patterns], cwd);
      const listed = parseJsonStream(result.stdout ?? result.output) as (ListedPackage & {
        Deps?: string[];
        TestImports?: string[];
        XTestImports?: string[];
        Standard?: boolean;
        DepOnly?: boolean;
      })[];
      if (result.exitCode !== 0 && listed.length === 0) {
        throw new GoError(`"go list -deps" failed in ${cwd}:\n${trimOutput(result.stderr || result.output)}`);
      }
      return listed
        .filter((p) => !p.Standard && !p.DepOnly && p.ImportPath && p.Dir)
        .map((p) => ({
          importPath: p.ImportPath ?? '',
          dir: (p.Dir ?? '').replace(/\\/g, '/'),
          deps: p.Deps ?? [],
          testImports: [...(p.TestImports ?? []), ...(p.XTestImports ?? [])],
        }));
    },

    async modules(cwd) {
      try {
        const result = await go(['list', '-m', '-json'], cwd);
        if (result.exitCode !== 0) return [];
        const mods = parseJsonStream(result.stdout ?? result.output) as { Path?: string; Dir?: string }[];
        // Outside a module go prints `command-line-arguments` without a Dir: not a module.
        return mods.flatMap((m) => (m.Path && m.Dir ? [{ path: m.Path, dir: m.Dir }] : []));
      } catch {
        return [];
      }
    },
  };
}
