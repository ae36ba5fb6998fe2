// `tests-from`: which tests failed in an earlier log, and a -test.run that selects exactly those.
import type { ParsedOutput } from '../model.js';

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
