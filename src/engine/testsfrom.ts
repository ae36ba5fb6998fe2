// `tests-from`: which tests failed in earlier logs, and a -test.run that selects exactly those.
import { shownPath } from '../analysis/paths.js';
import type { ParsedOutput, RunRecord, TestsFromReport, TestsFromTest } from '../model.js';
import { readLogRuns } from './logruns.js';

/**
 * Reads the tests-from logs as readLogRuns reads `parse LOG...`. Every log that cannot be read or
 * holds no test results is an error naming it (none is skipped: a rerun chosen from fewer logs
 * than given would look complete).
 */
export async function readTestsFrom(
  files: readonly string[],
  repoRoot: string,
  parse: (file: string) => Promise<ParsedOutput>,
): Promise<{ errors: string[] } | (TestsFromSelection & { report: TestsFromReport })> {
  const logs = files.map((file) => ({ name: shownPath(file, repoRoot), file }));
  const { runs, logs: outcomes } = await readLogRuns(logs, parse);
  const errors: string[] = [];
  const parsed: ParsedOutput[] = [];
  for (const o of outcomes) {
    if ('error' in o) errors.push(`Cannot read tests-from ${o.name}: ${o.error}`);
    else if ('notGo' in o || !hasResults(o.parsed))
      errors.push(
        `tests-from ${o.name} is not a go test log: it has no test results. Give the output of go test -json or go test -v.`,
      );
    else parsed.push(o.parsed);
  }
  if (errors.length > 0) return { errors };
  const selection = failedInLogs(parsed, runs);
  return { ...selection, report: { logs: logs.map((l) => l.name), tests: selection.tests } };
}

function hasResults(parsed: ParsedOutput): boolean {
  return parsed.tests.length > 0 || parsed.packages.length > 0 || parsed.findings.length > 0;
}

/**
 * Failed tests per package in a parsed log. A package that failed with no test to name (a crash
 * in TestMain or init, a build failure) maps to an empty list: rerun all of it. Tests the log does
 * not tie to a package are under ''.
 */
export function failedInLog(parsed: ParsedOutput): Map<string, string[]> {
  const failed = new Map<string, Set<string>>();
  const add = (pkg: string, test?: string) => {
    let set = failed.get(pkg);
    if (!set) {
      set = new Set();
      failed.set(pkg, set);
    }
    if (test) set.add(test);
  };
  for (const t of parsed.tests) {
    if (t.action === 'fail' || t.action === 'interrupted') add(t.package, t.name);
  }
  for (const f of parsed.findings) {
    add(f.package, f.test);
    for (const t of f.runningTests ?? []) add(f.package, t);
  }
  for (const p of parsed.packages) if (p.action === 'fail') add(p.name);
  return new Map(
    [...failed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, s]) => [p, leaves([...s])]),
  );
}

/** What several logs ask to rerun: per package the tests (empty: all of it), and each one's counts. */
export interface TestsFromSelection {
  failed: Map<string, string[]>;
  tests: TestsFromTest[];
}

/**
 * The union of what failed in each log (`logs[i]` is the log of run index i + 1; `runs` are the
 * logs' runs with implied passes, see readLogRuns). A package that failed without a test to name
 * in any log reruns whole; a test that failed on its own in one log covers the subtests that
 * failed in another. Each rerun test says in how many logs it failed and in how many it ran.
 */
export function failedInLogs(logs: readonly ParsedOutput[], runs: readonly RunRecord[]): TestsFromSelection {
  const perLog = logs.map(failedInLog);
  const union = new Map<string, Set<string> | 'all'>();
  for (const failed of perLog) {
    for (const [pkg, tests] of failed) {
      const set = union.get(pkg) ?? new Set<string>();
      union.set(pkg, tests.length === 0 || set === 'all' ? 'all' : new Set([...set, ...tests]));
    }
  }
  const failed = new Map<string, string[]>();
  const tests: TestsFromTest[] = [];
  for (const [pkg, set] of [...union].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const chosen = set === 'all' ? [] : covering([...set]);
    failed.set(pkg, chosen);
    const pkgRuns = runs.filter((r) => r.package === pkg);
    if (chosen.length === 0) {
      const failedLogs = perLog.filter((f) => f.has(pkg)).length;
      tests.push({ package: pkg, failed: failedLogs, logs: pkgRuns.length });
      continue;
    }
    for (const test of chosen) {
      const covers = (name: string) => name === test || name.startsWith(`${test}/`);
      const failedIn = new Set(perLog.flatMap((f, i) => ((f.get(pkg) ?? []).some(covers) ? [i + 1] : [])));
      const ranIn = new Set([
        ...failedIn,
        ...pkgRuns.filter((r) => r.parsed.tests.some((t) => covers(t.name))).map((r) => r.index),
      ]);
      tests.push({ package: pkg, test, failed: failedIn.size, logs: ranIn.size });
    }
  }
  return { failed, tests };
}

/** Drops a subtest when its parent is rerun whole: the parent's pattern selects it anyway. */
function covering(tests: string[]): string[] {
  return tests.filter((t) => !tests.some((o) => t.startsWith(`${o}/`))).sort();
}

/** Drops `TestA` when `TestA/sub` failed too: selecting the subtest runs its parent anyway. */
function leaves(tests: string[]): string[] {
  return tests.filter((t) => !tests.some((o) => o.startsWith(`${t}/`))).sort();
}

/** Go's regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * A -test.run pattern that selects exactly these tests. Go splits -run on `/` (one pattern per
 * subtest level) and on `|` outside parentheses (alternatives, each split by `/`), so top-level
 * tests share one `^(A|B)$` and each subtest is its own alternative `^A$/^sub$`, which does not
 * also select A's other subtests or `sub` under another parent.
 */
export function runPattern(tests: string[]): string {
  const top = tests.filter((t) => !t.includes('/'));
  const subs = tests.filter((t) => t.includes('/'));
  const alts: string[] = [];
  if (top.length === 1) alts.push(`^${quoteMeta(top[0] ?? '')}$`);
  else if (top.length > 1) alts.push(`^(${top.map(quoteMeta).join('|')})$`);
  for (const t of subs)
    alts.push(
      t
        .split('/')
        .map((level) => `^${quoteMeta(level)}$`)
        .join('/'),
    );
  return alts.join('|');
}
