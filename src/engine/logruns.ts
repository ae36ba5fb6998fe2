// Several go test logs read as runs of one verdict: each log is one run of every package in it,
// and a plain log that ran to its end is a passing run of the tests it does not name. Shared by
// `parse LOG...` and `tests-from`, so both count a test's failures the same way.
import type { Readable } from 'node:stream';
import type { ParsedOutput, RunRecord } from '../model.js';
import { parseLogFile, parseStream } from './logs.js';

/** A log to read: a file on disk (a huge one is parsed in parallel), or a stream such as stdin. */
export type LogSource = { name: string; file: string } | { name: string; open(): Readable };

/** What became of one log: parsed, unreadable (the error), or holding no Go test output. */
export type LogOutcome =
  | { name: string; parsed: ParsedOutput; index: number }
  | { name: string; error: string }
  | { name: string; notGo: true };

export interface LogRuns {
  /** One run per package and log (run index = the log's 1-based position), implied passes added. */
  runs: RunRecord[];
  /** Each log in order, and what became of it. */
  logs: LogOutcome[];
}

/** Parses each log (`parse` reads a file; by default parseLogFile) into runs. */
export async function readLogRuns(
  logs: readonly LogSource[],
  parse: (file: string) => Promise<ParsedOutput> = (f) => parseLogFile(f),
): Promise<LogRuns> {
  const runs: RunRecord[] = [];
  const outcomes: LogOutcome[] = [];
  for (const [i, log] of logs.entries()) {
    let parsed: ParsedOutput;
    try {
      parsed = await ('file' in log ? parse(log.file) : parseStream(log.open()));
    } catch (err) {
      outcomes.push({ name: log.name, error: (err as Error).message });
      continue;
    }
    if (!parsed.sawGoOutput) {
      outcomes.push({ name: log.name, notGo: true });
      continue;
    }
    outcomes.push({ name: log.name, parsed, index: i + 1 });
    runs.push(...runsOfLog(parsed, i + 1));
  }
  addImpliedPasses(runs);
  return { runs, logs: outcomes };
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
 * Plain (non `-v`) logs print nothing for a test that passed: such a log is a passing run of
 * every test the other logs name in that package that it does not name itself, so 2 failures in
 * 5 logs read 2/5, not 2/2, also when the package failed in another log because of other tests.
 * Only runs that name no passing test (a `-v` log names what it ran, and an absent test did not
 * run) and that ran to the end: a panic, fatal error, timeout or build failure stops the tests
 * after it.
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
    if (!ranToTheEnd(r)) continue;
    const named = new Set(r.parsed.tests.filter((t) => t.package === r.package).map((t) => t.name));
    for (const name of testsOf.get(r.package) ?? []) {
      if (!named.has(name) && !hasNamedSubtest(named, name))
        r.parsed.tests.push({ package: r.package, name, action: 'pass' });
    }
  }
}

/** A plain log of this package that printed its result line after every test had run. */
function ranToTheEnd(r: RunRecord): boolean {
  const { packages, tests, findings } = r.parsed;
  if (!packages.some((p) => p.name === r.package && (p.action === 'pass' || p.action === 'fail')))
    return false;
  if (tests.some((t) => t.package === r.package && t.action !== 'fail')) return false;
  return !findings.some(
    (f) => f.kind === 'panic' || f.kind === 'fatal' || f.kind === 'timeout' || f.kind === 'build',
  );
}

/** `TestA` is named through a failed `TestA/sub`: its own line may be cut, it did not pass. */
function hasNamedSubtest(named: Set<string>, name: string): boolean {
  for (const n of named) if (n.startsWith(`${name}/`)) return true;
  return false;
}
