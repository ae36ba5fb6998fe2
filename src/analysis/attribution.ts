// Which finding each failed test fails because of, and which test's goroutine made a race that
// was reported during another test. Pure.
import type { Finding, RawFinding, RunRecord, TestReport } from '../model.js';

const top = (name: string): string => name.split('/')[0] ?? name;

/** `example.com/m/pkg.TestA.func1` → `TestA` when the function belongs to package `pkg`. */
function testOfFunc(func: string, pkg: string): string | undefined {
  for (const prefix of [`${pkg}.`, `${pkg}_test.`]) {
    if (!func.startsWith(prefix)) continue;
    const name = /^((?:Test|Fuzz|Example)[^.(]*)/.exec(func.slice(prefix.length))?.[1];
    if (name && name !== 'TestMain') return name;
  }
  return undefined;
}

// `testing` prints this as a t.Error-style line of the test the race was detected in.
export const RACE_NOTICE =
  /^(?:testing: )?race detected (?:during execution of (?:test|benchmark)|outside of test execution)/;

/**
 * A race printed during test B whose stacks only show test A (a goroutine A started and did not
 * wait for): A. Undefined when the stacks name B itself, or no test.
 */
function testsInStacks(f: RawFinding, pkg: string): Set<string> {
  const named = new Set<string>();
  for (const s of f.stacks) {
    for (const fr of s.frames) {
      const t = testOfFunc(fr.func, pkg);
      if (t) named.add(t);
    }
  }
  return named;
}

function stackOwner(f: RawFinding, pkg: string): string | undefined {
  if (f.kind !== 'race' || !f.test) return undefined;
  const named = testsInStacks(f, pkg);
  if (named.size === 0 || named.has(top(f.test))) return undefined;
  return [...named].sort()[0];
}

export interface RaceOwner {
  /** The test whose goroutine made the race. */
  owner: string;
  /** The test it was reported during, which it fails. */
  during: string;
}

/**
 * Races of one run made by a goroutine that outlived its test A and reported during a later
 * test B, which it fails. Two shapes: the race is attributed to B and its stacks only name A;
 * or it is attributed to A (from its stacks), A passed, and B failed with no finding of its own
 * (`race detected during execution of test` is all B printed). B is then one the stacks name,
 * or the only such failed test of the run.
 */
export function outlivingRaces(run: RunRecord): Map<RawFinding, RaceOwner> {
  const out = new Map<RawFinding, RaceOwner>();
  const pkg = run.package;
  const raws = run.parsed.findings;
  const races = raws.filter((f) => f.kind === 'race');
  const own = (test: string) =>
    raws.some(
      (f) =>
        !(f.kind === 'failure' && RACE_NOTICE.test(f.message.trim())) &&
        [...(f.test ? [f.test] : []), ...(f.runningTests ?? [])].some(
          (n) => covers(test, n) || covers(n, test),
        ),
    );
  const outcome = (name: string) =>
    run.parsed.tests.find((t) => t.name === name && (t.package === pkg || !t.package));
  const unexplained = run.parsed.tests
    .filter((t) => t.action === 'fail' && !t.name.includes('/') && !own(t.name))
    .map((t) => t.name)
    .sort();
  for (const r of races) {
    const owner = stackOwner(r, pkg);
    if (owner && r.test) {
      out.set(r, { owner, during: r.test });
      continue;
    }
    if (!r.test || outcome(top(r.test))?.action !== 'pass') continue;
    const named = testsInStacks(r, pkg);
    const during =
      unexplained.find((t) => named.has(t)) ?? (unexplained.length === 1 ? unexplained[0] : undefined);
    if (during && during !== top(r.test)) out.set(r, { owner: top(r.test), during });
  }
  return out;
}

/** `TestA` is `TestA/sub` or a parent of it. */
function covers(parent: string, test: string): boolean {
  return test === parent || test.startsWith(`${parent}/`);
}

/** The tests a raw finding names: its test and, for a timeout, the tests that were running. */
function namedTests(f: RawFinding): string[] {
  return [...(f.test ? [f.test] : []), ...(f.runningTests ?? [])];
}

export interface RunFindings {
  run: RunRecord;
  /**
   * The run's raw findings with the id of the report finding each one was grouped into, and
   * the test a race was reported during when that is not its own.
   */
  findings: { raw: RawFinding; id: string; during?: string }[];
}

/**
 * A test fails only because of findings when, in every run it failed, a race, panic, fatal error
 * or timeout named it or one of its subtests, and no t.Error/t.Fatal of its own did. Sets
 * `TestReport.failedBy` and `Finding.failsTests`.
 */
export function foldFailedTests(
  runs: readonly RunFindings[],
  tests: TestReport[],
  findings: Finding[],
): void {
  const byTest = new Map<string, { ids: Set<string>; alone: boolean }>();
  for (const { run, findings: raws } of runs) {
    for (const t of run.parsed.tests) {
      if (t.action !== 'fail' && t.action !== 'interrupted') continue;
      const key = `${t.package}\u0000${t.name}`;
      const e = byTest.get(key) ?? { ids: new Set<string>(), alone: false };
      byTest.set(key, e);
      const mine = raws.filter(
        (r) =>
          (r.raw.package || run.package) === t.package &&
          [...namedTests(r.raw), ...(r.during ? [r.during] : [])].some((n) => covers(t.name, n)),
      );
      // Its own t.Error (or a collision with other runs) is its own failure, not a finding's.
      const own = (r: { raw: RawFinding }) => r.raw.kind === 'failure' || r.raw.kind === 'overlap';
      const causes = mine.filter((r) => !own(r) && r.raw.kind !== 'build');
      if (causes.length === 0 || mine.some(own)) e.alone = true;
      for (const c of causes) e.ids.add(c.id);
    }
  }
  const byId = new Map(findings.map((f) => [f.id, f]));
  for (const t of tests) {
    const e = byTest.get(`${t.package}\u0000${t.name}`);
    if (!e || e.alone || e.ids.size === 0) continue;
    t.failedBy = [...e.ids].sort();
    for (const id of t.failedBy) {
      const f = byId.get(id);
      if (f) f.failsTests = [...(f.failsTests ?? []), t.name].sort();
    }
  }
}

/** Error text that names a resource two processes can fight over. */
const EVIDENCE =
  /address already in use|database is locked|text file busy|device or resource busy|resource temporarily unavailable|file exists|too many open files|only one usage of each socket address|lock(?:ed)? by another process|already locked/i;

/** The first line of a test's failing output that names a shared resource. */
export function evidenceLine(findings: readonly RawFinding[]): string | undefined {
  for (const f of findings) {
    for (const line of `${f.message}\n${f.raw}`.split('\n')) {
      if (EVIDENCE.test(line)) {
        const text = line.trim();
        return text.length > 200 ? `${text.slice(0, 199)}…` : text;
      }
    }
  }
  return undefined;
}

/** `bind: address already in use` → `address already in use`. */
export function evidencePhrase(line: string): string | undefined {
  return EVIDENCE.exec(line)?.[0].toLowerCase();
}

/** Only the innermost of `TestA`, `TestA/sub`, for short lists: the parents fail with them. */
export function innermost(tests: readonly string[]): string[] {
  return tests.filter((t) => !tests.some((o) => o !== t && o.startsWith(`${t}/`)));
}

/** `TestA`, `TestA, TestB and 2 more`. */
export function shortTestList(tests: readonly string[], max = 3): string {
  const shown = innermost(tests);
  const head = shown.slice(0, max).join(', ');
  return shown.length > max ? `${head} and ${shown.length - max} more` : head;
}
