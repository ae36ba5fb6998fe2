// Shared by the engine tests: paths of the Go test modules, a Go environment that never
// downloads or switches toolchains, and a stand-in for the real parser.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedOutput, RawFinding, Settings } from '../../src/model.js';

export const GO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'go');

export function goModule(name: string): string {
  return join(GO_DIR, name);
}

/** Local toolchain only, no network (the modules have no dependencies). */
export const GO_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GOTOOLCHAIN: 'local',
  GOFLAGS: '-mod=mod',
  GOPROXY: 'off',
};

export function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Not the real parser: one `race` finding per race report, one `panic` per panic line. */
export async function stubParse(logFile: string, pkg: string): Promise<ParsedOutput> {
  const text = await readFile(logFile, 'utf8');
  const findings: RawFinding[] = [];
  for (let i = 0; i < countOf(text, 'WARNING: DATA RACE'); i++) {
    findings.push({ kind: 'race', package: pkg, message: '', stacks: [], raw: '' });
  }
  for (const m of text.matchAll(/^panic: (.*)$/gm)) {
    const kind = m[1]?.startsWith('test timed out') ? 'timeout' : 'panic';
    findings.push({ kind, package: pkg, message: m[1] ?? '', stacks: [], raw: '' });
  }
  return { tests: [], findings, packages: [], sawGoOutput: text.includes('=== RUN') };
}

/** True while the process exists and is not a zombie (an unreaped zombie has already died). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Format: pid (comm) state …; comm may contain spaces, so read after the last ')'.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export async function waitUntil(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

export function readPid(file: string): number {
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no pid in ${file}`);
  return pid;
}

/** A module with packages a, b, c/v2, d/a that build and bad whose test does not compile. */
export async function mixedModule(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'go.mod'), 'module example.com/mixed\n\ngo 1.21\n');
  for (const p of ['a', 'b', 'bad', 'c/v2', 'd/a']) {
    const name = p === 'c/v2' ? 'c' : (p.split('/').at(-1) ?? p);
    const body = p === 'bad' ? 'undefinedName()' : '';
    await mkdir(join(dir, p), { recursive: true });
    await writeFile(
      join(dir, p, 'x_test.go'),
      `package ${name}\n\nimport "testing"\n\nfunc TestX(t *testing.T) { ${body} }\n`,
    );
  }
  return dir;
}

/** Settings for an engine test on one of the Go modules in test/go. */
export function moduleSettings(module: string, reportPath: string, over: Partial<Settings> = {}): Settings {
  return {
    packages: ['./...'],
    count: 2,
    repoRoot: goModule(module),
    workingDirectory: goModule(module),
    timeout: '1m',
    timeoutMs: 60_000,
    parallel: 2,
    buildFlags: [],
    testFlags: [],
    goTestFlags: [],
    failOn: ['race'],
    githubToken: '',
    comment: false,
    reportPath,
    ...over,
  };
}
