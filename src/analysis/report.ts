// Turns the runs' raw findings and test outcomes into the Report: grouped by signature, counted
// per package run, located in the repository. Pure: everything it needs comes in ReportInput.
import type {
  BuildResult,
  Finding,
  FindingKind,
  Location,
  OverlapCheck,
  PackageReport,
  RawFinding,
  Report,
  ReportStack,
  RunRecord,
  TestReport,
  TestStatus,
  Verdict,
} from '../model.js';
import { FINDING_KINDS } from '../model.js';
import { MAX_DISTINCT_FINDINGS, MAX_FINDINGS } from '../parse/util.js';
import {
  evidencePhrase,
  foldFailedTests,
  outlivingRaces,
  RACE_NOTICE,
  type RaceOwner,
  type RunFindings,
  shortTestList,
} from './attribution.js';
import { fnv1a32 } from './hash.js';
import { shortFunc, titleFunc } from './names.js';
import { isStdFunc, normalizePath, type PathMapper } from './paths.js';
import { packageArg, type ReproduceInput, reproduceCommand } from './reproduce.js';
import {
  findingSignature,
  isUserSite,
  type KeyFrame,
  mapFrame,
  pointFrame,
  primaryFrame,
  type RaceSide,
  raceSide,
  runningTests,
} from './signature.js';
import { wilson } from './stats.js';

export interface ReportInput {
  mode: 'run' | 'parse';
  version: string;
  context: Report['context'];
  /** Runs per package (parse mode: number of logs). */
  count: number;
  /** `dir` is absolute. */
  packages: { importPath: string; dir: string; built: boolean }[];
  /** Absolute Go module dir: base for build-error paths. */
  moduleDir: string;
  builds: BuildResult[];
  runs: RunRecord[];
  mapper: PathMapper;
  errors: string[];
  notes: string[];
  /** Compiler errors of failed builds, from the parser's `parseBuildOutput`; one finding each. */
  buildFindings?: RawFinding[];
  /** Tests that failed while runs overlapped, rerun alone by the engine. */
  overlap?: OverlapCheck[];
}

/** Lines of the first occurrence kept in `Finding.sample`. */
export const SAMPLE_LINES = 60;

const KIND_ORDER: Record<FindingKind, number> = Object.fromEntries(
  FINDING_KINDS.map((k, i) => [k, i]),
) as Record<FindingKind, number>;

interface Occurrence {
  raw: RawFinding;
  runIndex: number;
}

interface Group {
  kind: FindingKind;
  pkg: string;
  signature: string;
  baseDir: string | undefined;
  /** Package runs the finding is counted against. */
  runs: number;
  occurrences: Occurrence[];
  seenIn: Set<number>;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every package a run printed something for: one in run mode, maybe several in a parsed log. */
function packagesOfRun(run: RunRecord): Set<string> {
  const out = new Set<string>();
  if (run.package) out.add(run.package);
  for (const p of run.parsed.packages) out.add(p.name);
  for (const t of run.parsed.tests) out.add(t.package);
  for (const f of run.parsed.findings) out.add(f.package || run.package);
  return out;
}

function syntheticTimeout(run: RunRecord, timeout: string): RawFinding {
  const pkg = run.package;
  const stuck = run.parsed.tests
    .filter((t) => t.package === pkg && t.action === 'interrupted')
    .map((t) => t.name)
    .sort();
  const message = `run killed after ${timeout}`;
  const f: RawFinding = {
    kind: 'timeout',
    package: pkg,
    message,
    stacks: [],
    raw: `race-rerun: ${message}: the test binary did not stop on its own -test.timeout (run ${run.index}, ${pkg}).`,
    runningTests: stuck,
  };
  if (stuck.length === 1 && stuck[0] !== undefined) f.test = stuck[0];
  return f;
}

/**
 * A run that failed with nothing to show for it (log.Fatal, os.Exit(1), t.FailNow without a
 * message, a crash the parser did not recognise) still gets a finding, so `fail-on` sees it.
 */
function syntheticFailure(run: RunRecord, failedTests: string[]): RawFinding {
  const pkg = run.package;
  const leaves = leafTests([...new Set(failedTests)].sort());
  const how = run.signal
    ? `was killed by ${run.signal}`
    : run.exitCode !== null && run.exitCode !== 0
      ? `exited with status ${run.exitCode}`
      : 'failed';
  const message =
    leaves.length > 0
      ? `${leaves.join(', ')} failed without a message (the test binary ${how})`
      : `the test binary ${how} without reporting a failed test (log.Fatal or os.Exit in a test?)`;
  const f: RawFinding = { kind: 'failure', package: pkg, message, stacks: [], raw: `race-rerun: ${message}` };
  if (leaves.length === 1 && leaves[0] !== undefined) f.test = leaves[0];
  // Several silent failures: named through runningTests, which the finding's test list includes.
  else if (leaves.length > 1) f.runningTests = leaves;
  return f;
}

/** Only the innermost of `TestA`, `TestA/sub`: the parent is just waiting for it. */
function leafTests(tests: readonly string[]): string[] {
  return tests.filter((t) => !tests.some((o) => o !== t && o.startsWith(`${t}/`)));
}

function trimSample(raw: string): string {
  const lines = raw.replace(/\s+$/, '').split('\n');
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  if (lines.length <= SAMPLE_LINES) return lines.join('\n');
  return [...lines.slice(0, SAMPLE_LINES), `… (${lines.length - SAMPLE_LINES} more lines)`].join('\n');
}

function truncate(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}

function location(
  k: KeyFrame | undefined,
  role: Location['role'],
  withFunction = true,
): Location | undefined {
  if (!k || (k.mapped.origin !== 'repo' && !(withFunction && (isUserSite(k) || isLastResort(k)))))
    return undefined;
  const loc: Location = {
    file: k.mapped.path,
    line: k.frame.line,
    function: withFunction ? shortFunc(k.frame.func) : '',
    role,
  };
  // Another machine's file that is not in this checkout: shown as printed, never annotated.
  if (k.mapped.origin !== 'repo') loc.origin = 'outside';
  return loc;
}

/**
 * A stack with no user frame at all, only a dependency's (a tool run from the module cache): its
 * first such frame is still where the report points, shown as printed.
 */
function isLastResort(k: KeyFrame): boolean {
  return k.mapped.origin === 'modcache' && !isStdFunc(k.frame.func);
}

function sideLocation(side: RaceSide): Location | undefined {
  const loc = location(side.key, side.role);
  if (loc && side.access) loc.access = side.access;
  return loc;
}

function sideTitle(side: RaceSide): string {
  const access = side.access ?? 'access';
  if (!side.key) return `${access} in unknown code`;
  const name = titleFunc(side.key.frame.func);
  return side.role === side.which ? `${access} in ${name}` : `${access} in goroutine started by ${name}`;
}

function sideText(side: RaceSide): string {
  const access = side.access ?? 'access';
  if (!side.key) return `${access} (no stack)`;
  const where = `${side.key.mapped.path}:${side.key.frame.line} in ${shortFunc(side.key.frame.func)}`;
  // No repository frame in the access stack: the location is where its goroutine was created.
  if (side.role !== side.which)
    return `${access} (stack outside the repository) by a goroutine created at ${where}`;
  return `${access} at ${where}`;
}

function timeoutDuration(message: string): string | undefined {
  return /\bafter\s+(\S+)/.exec(message)?.[1];
}

interface Described {
  title: string;
  message: string;
  locations: Location[];
}

function describe(
  f: RawFinding,
  mapper: PathMapper,
  baseDir: string | undefined,
  tests: string[],
): Described {
  switch (f.kind) {
    case 'race': {
      const cur = raceSide(f, 'current', mapper);
      const prev = raceSide(f, 'previous', mapper);
      const locations = [sideLocation(cur), sideLocation(prev)].filter((l): l is Location => l !== undefined);
      return {
        title: `Data race: ${sideTitle(cur)} vs ${sideTitle(prev)}`,
        message: `${sideText(cur)} races with ${sideText(prev)}`.replace(/^./, (c) => c.toUpperCase()),
        locations,
      };
    }
    case 'panic':
    case 'fatal': {
      const message = f.message.replace(/\s*\[recovered(?:, repanicked)?\]\s*$/, '').trim();
      const loc = location(primaryFrame(f, mapper), f.kind);
      const head = f.kind === 'panic' ? 'Panic' : 'Fatal error';
      return {
        title: `${head}: ${truncate(message || 'unknown', 80)}`,
        message,
        locations: loc ? [loc] : [],
      };
    }
    case 'timeout': {
      const loc = location(primaryFrame(f, mapper), 'timeout');
      const listed = leafTests(tests);
      const who = listed.length > 0 ? listed.join(', ') : f.package || 'the test binary';
      const after = timeoutDuration(f.message);
      return {
        title: `Timeout: ${truncate(who, 80)} did not finish${after ? ` in ${after}` : ''}`,
        message: f.message,
        locations: loc ? [loc] : [],
      };
    }
    case 'failure': {
      const loc = location(pointFrame(f, mapper, baseDir), 'failure', false);
      const name = f.test ?? (tests.length > 0 ? truncate(tests.join(', '), 80) : f.package);
      return { title: `Test failure: ${name}`, message: failureMessage(f), locations: loc ? [loc] : [] };
    }
    case 'build': {
      const loc = location(pointFrame(f, mapper, baseDir), 'build', false);
      return { title: `Build failed: ${f.package}`, message: f.message, locations: loc ? [loc] : [] };
    }
    case 'overlap': {
      const loc = location(pointFrame({ ...f, kind: 'failure' }, mapper, baseDir), 'failure', false);
      const phrase = evidencePhrase(f.message);
      return {
        title: `Fails only when runs overlap: ${f.test ?? f.package}${phrase ? ` (${phrase})` : ''}`,
        message: f.message,
        locations: loc ? [loc] : [],
      };
    }
  }
}

/** Lines and characters of a failure message kept (testify's block is 5 to 10 lines). */
export const MESSAGE_LINES = 20;
export const MESSAGE_CHARS = 2000;

/**
 * The whole t.Error message, not only its first line: testify prints `file:line: ` and then an
 * `Error Trace:` / `Error:` / `Messages:` block on the lines below. Indentation Go adds is removed.
 */
export function failureMessage(f: RawFinding): string {
  const first = f.message.trim();
  const lines = f.raw.replace(/\s+$/, '').split('\n');
  const head = lines.findIndex((l) => /^\s*[\w.-]+\.go:\d+: ?/.test(l));
  if (head < 0) return f.message;
  const body = [lines[head]?.replace(/^\s*[\w.-]+\.go:\d+: ?/, '') ?? ''];
  const indent = /^\s*/.exec(lines[head] ?? '')?.[0].length ?? 0;
  // Continuation lines are indented deeper than the `file:line:` line; the next report is not.
  for (const l of lines.slice(head + 1)) {
    if (l.trim() !== '' && (/^\s*/.exec(l)?.[0].length ?? 0) <= indent) break;
    body.push(l);
  }
  const deeper = body.slice(1).filter((l) => l.trim() !== '');
  const strip = Math.min(...deeper.map((l) => /^ */.exec(l)?.[0].length ?? 0));
  const text = body
    .map((l, i) => (i === 0 ? l : l.slice(Number.isFinite(strip) ? strip : 0)))
    .join('\n')
    .replace(/^\s*\n/, '')
    .replace(/\s+$/, '');
  if (text === '' || !text.includes(first)) return f.message;
  let kept = text.split('\n');
  if (kept.length > MESSAGE_LINES)
    kept = [...kept.slice(0, MESSAGE_LINES), `… (${kept.length - MESSAGE_LINES} more lines)`];
  const out = kept.join('\n');
  return out.length > MESSAGE_CHARS ? `${out.slice(0, MESSAGE_CHARS - 1)}…` : out;
}

/** What to do about a test that collides with other runs of itself. */
export const OVERLAP_FIX = 'parallel 1, or ports from RACE_RERUN_RUN or :0, files in t.TempDir()';

const topTest = (name: string): string => name.split('/')[0] ?? name;

/**
 * A failure in an overlapped run of a test that then passed every time alone becomes an
 * `overlap` finding of that test (one per test, whatever each run's message was).
 */
function asOverlap(f: RawFinding, pkg: string, confirmed: Map<string, OverlapCheck>): RawFinding | undefined {
  if (f.kind !== 'failure') return undefined;
  const tests = [...(f.test ? [f.test] : []), ...(f.runningTests ?? [])].map(topTest);
  const check = tests.length > 0 ? confirmed.get(`${pkg}\u0000${tests[0]}`) : undefined;
  if (!check || tests.some((t) => t !== check.test)) return undefined;
  const why = check.evidence ?? 'no line of its output names the shared resource';
  const raw = `${f.raw.replace(/\s+$/, '')}\n(race-rerun: ${check.test} failed in ${plural(check.overlappedFailedIn.length, 'run')} that overlapped other runs and passed alone ${check.aloneRuns} of ${check.aloneRuns} times.)\n`;
  const { runningTests: _, ...rest } = f;
  return {
    ...rest,
    kind: 'overlap',
    test: check.test,
    message: `${why}; passed alone ${check.aloneRuns} of ${check.aloneRuns} times; fix: ${OVERLAP_FIX}`,
    raw,
  };
}

function confirmedOverlaps(checks: readonly OverlapCheck[] | undefined): Map<string, OverlapCheck> {
  return new Map(
    (checks ?? [])
      .filter((c) => c.aloneRuns > 0 && c.aloneFailed === 0)
      .map((c) => [`${c.package}\u0000${c.test}`, c]),
  );
}

/** Tests rerun alone: `overlap` when they passed every time, else the alone runs beside the others. */
function markAloneRuns(tests: TestReport[], checks: readonly OverlapCheck[] | undefined): void {
  for (const c of checks ?? []) {
    for (const t of tests) {
      if (t.package !== c.package || topTest(t.name) !== c.test) continue;
      if (t.name === c.test) t.alone = { runs: c.aloneRuns, failed: c.aloneFailed };
      if (c.aloneFailed === 0 && t.failed > 0) t.status = 'overlap';
    }
  }
}

function mapStacks(f: RawFinding, mapper: PathMapper, baseDir: string | undefined): ReportStack[] {
  return f.stacks.map((s) => ({
    role: s.role,
    header: s.header,
    frames: s.frames.map((fr) => {
      const k = mapFrame(fr, s.role, mapper, baseDir);
      return { function: fr.func, file: k.mapped.path, line: fr.line, origin: k.mapped.origin };
    }),
  }));
}

/** First meaningful line of compiler output, for a failed build the parser found nothing in. */
function buildMessage(output: string): string {
  const line = output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#') && !/^FAIL\b/.test(l) && !/^ok\b/.test(l));
  return line ?? 'build failed';
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function joinList(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export const KIND_NOUN: Record<FindingKind, string> = {
  race: 'data race',
  panic: 'panic',
  fatal: 'fatal error',
  timeout: 'timeout',
  failure: 'test failure',
  build: 'build failure',
  overlap: 'test failing only when runs overlap',
};

export function buildReport(input: ReportInput): Report {
  // Oldest first, so "first occurrence" does not depend on which run finished first.
  const runs = [...input.runs].sort((a, b) => a.index - b.index || compare(a.package, b.package));
  const confirmed = confirmedOverlaps(input.overlap);
  const { findingsOf, owners } = collectRunFindings(runs, input.context.timeout, confirmed);
  const runsOf = runsByPackage(runs);
  const { groups, groupOf } = groupFindings(input, runs, findingsOf, runsOf);
  const packages = packageReports(input, runsOf, findingsOf);

  const findings: Finding[] = [];
  const findingOf = new Map<Group, Finding>();
  for (const g of groups.values()) {
    const finding = groupFinding(g, input, packages, owners, confirmed);
    if (!finding) continue;
    findings.push(finding);
    findingOf.set(g, finding);
  }
  findings.sort(compareFindings);
  assignIds(findings);

  addCooccurrence(findings);
  const tests = aggregateTests(runs);
  markAloneRuns(tests, input.overlap);
  const runFindings: RunFindings[] = runs.map((run) => ({
    run,
    findings: (findingsOf.get(run) ?? []).flatMap((raw) => {
      const f = groupOf.get(raw);
      const id = f ? findingOf.get(f)?.id : undefined;
      const during = owners.get(raw)?.during;
      return id ? [{ raw, id, ...(during ? { during } : {}) }] : [];
    }),
  }));
  foldFailedTests(runFindings, tests, findings);
  return assembleReport(input, runs, findingsOf, packages, findings, tests);
}

type FindingsOf = Map<RunRecord, RawFinding[]>;

/** Each run's findings: race notices dropped, a synthetic timeout or failure added, overlaps marked. */
function collectRunFindings(
  runs: readonly RunRecord[],
  timeout: string,
  confirmed: Map<string, OverlapCheck>,
): { findingsOf: FindingsOf; owners: Map<RawFinding, RaceOwner> } {
  const findingsOf: FindingsOf = new Map();
  const owners = new Map<RawFinding, RaceOwner>();
  for (const run of runs) {
    // Before the race notices are dropped: they name the test a race was reported during.
    for (const [raw, o] of outlivingRaces(run)) owners.set(raw, o);
    const list = run.parsed.findings.filter(
      (f) => !(f.kind === 'failure' && RACE_NOTICE.test(f.message.trim())),
    );
    if (run.killed && !list.some((f) => f.kind === 'timeout')) list.push(syntheticTimeout(run, timeout));
    const pkg = run.package;
    const own = list.filter((f) => (f.package || pkg) === pkg);
    const failedTests = run.parsed.tests
      .filter((t) => t.package === pkg && (t.action === 'fail' || t.action === 'interrupted'))
      .map((t) => t.name);
    const failed =
      (run.exitCode !== null && run.exitCode !== 0) ||
      run.signal !== null ||
      run.parsed.packages.some((p) => p.name === pkg && p.action === 'fail') ||
      failedTests.length > 0;
    if (own.length === 0 && failed) list.push(syntheticFailure(run, failedTests));
    findingsOf.set(
      run,
      run.overlapped ? list.map((f) => asOverlap(f, f.package || pkg, confirmed) ?? f) : list,
    );
  }
  return { findingsOf, owners };
}

/** The runs each package took part in. */
function runsByPackage(runs: readonly RunRecord[]): Map<string, RunRecord[]> {
  const runsOf = new Map<string, RunRecord[]>();
  for (const run of runs) {
    for (const pkg of packagesOfRun(run)) {
      const list = runsOf.get(pkg) ?? [];
      list.push(run);
      runsOf.set(pkg, list);
    }
  }
  return runsOf;
}

/** Occurrences grouped by scope, package and signature, in first-seen order. */
function groupFindings(
  input: ReportInput,
  runs: readonly RunRecord[],
  findingsOf: FindingsOf,
  runsOf: Map<string, RunRecord[]>,
): { groups: Map<string, Group>; groupOf: Map<RawFinding, Group> } {
  const { mapper } = input;
  const moduleDir = normalizePath(input.moduleDir);
  const info = new Map(input.packages.map((p) => [p.importPath, p]));
  /** Failures print bare file names, relative to the package directory (absolute, or the import path). */
  const pkgDir = (pkg: string): string | undefined => info.get(pkg)?.dir ?? (pkg === '' ? undefined : pkg);
  const baseDirFor = (f: RawFinding, pkg: string): string | undefined =>
    f.kind === 'build' ? moduleDir : f.kind === 'failure' || f.kind === 'overlap' ? pkgDir(pkg) : undefined;

  const groups = new Map<string, Group>();
  const groupOf = new Map<RawFinding, Group>();
  const add = (raw: RawFinding, pkg: string, runIndex: number, runCount: number, scope: string): void => {
    const baseDir = baseDirFor(raw, pkg);
    const signature = findingSignature(raw, mapper, baseDir);
    const key = `${scope}\u0000${pkg}\u0000${signature}`;
    let g = groups.get(key);
    if (!g) {
      g = { kind: raw.kind, pkg, signature, baseDir, runs: runCount, occurrences: [], seenIn: new Set() };
      groups.set(key, g);
    }
    g.occurrences.push({ raw, runIndex });
    groupOf.set(raw, g);
    g.seenIn.add(runIndex);
  };

  for (const run of runs) {
    for (const raw of findingsOf.get(run) ?? []) {
      const pkg = raw.package || run.package;
      add(raw, pkg, run.index, runsOf.get(pkg)?.length ?? 1, 'run');
    }
  }
  for (const raw of buildFailures(input)) add({ ...raw, kind: 'build' }, raw.package, 1, 1, 'build');
  return { groups, groupOf };
}

/** A failed build is one finding per compiler error, counted as 1 of 1. */
function buildFailures(input: ReportInput): RawFinding[] {
  const buildFindings = [...(input.buildFindings ?? [])];
  for (const b of input.builds) {
    if (b.ok || buildFindings.some((f) => f.package === b.package.importPath)) continue;
    buildFindings.push({
      kind: 'build',
      package: b.package.importPath,
      message: buildMessage(b.output),
      stacks: [],
      raw: b.output,
    });
  }
  return buildFindings;
}

/** Repo-relative directory of a package known only by import path, through the module list. */
function dirOfImportPath(mapper: PathMapper, pkg: string): string | undefined {
  if (pkg === '') return undefined;
  const mapped = mapper.map(`${pkg}/_`);
  return mapped.origin === 'repo' ? mapped.path.replace(/\/?_$/, '') || '.' : undefined;
}

function isFailedTest(t: { action: string }): boolean {
  return t.action === 'fail' || t.action === 'interrupted';
}

function runFailedFor(run: RunRecord, pkg: string, findingsOf: FindingsOf): boolean {
  return (
    run.killed ||
    (run.package === pkg && ((run.exitCode !== null && run.exitCode !== 0) || run.signal !== null)) ||
    run.parsed.packages.some((p) => p.name === pkg && p.action === 'fail') ||
    (findingsOf.get(run) ?? []).some((f) => (f.package || run.package) === pkg) ||
    run.parsed.tests.some((t) => t.package === pkg && isFailedTest(t))
  );
}

function runFailed(run: RunRecord, findingsOf: FindingsOf): boolean {
  return (
    run.killed ||
    (run.exitCode !== null && run.exitCode !== 0) ||
    run.signal !== null ||
    (findingsOf.get(run) ?? []).length > 0 ||
    run.parsed.packages.some((p) => p.action === 'fail') ||
    run.parsed.tests.some(isFailedTest)
  );
}

/** Package reports, needed for the reproduce commands' package arguments. */
function packageReports(
  input: ReportInput,
  runsOf: Map<string, RunRecord[]>,
  findingsOf: FindingsOf,
): PackageReport[] {
  const { mapper } = input;
  const failedRuns = (pr: RunRecord[], pkg: string): number =>
    pr.filter((r) => runFailedFor(r, pkg, findingsOf)).length;
  const packages: PackageReport[] = input.packages.map((p) => {
    const pr = runsOf.get(p.importPath) ?? [];
    return {
      importPath: p.importPath,
      dir: mapper.map(p.dir).path,
      built: p.built,
      runs: pr.length,
      failedRuns: failedRuns(pr, p.importPath),
    };
  });
  // Parse mode: packages only the logs know about. Their directory comes from the module list.
  const known = new Set(input.packages.map((p) => p.importPath));
  for (const [pkg, pr] of [...runsOf].sort((a, b) => compare(a[0], b[0]))) {
    if (known.has(pkg)) continue;
    const dir = dirOfImportPath(mapper, pkg) ?? '';
    packages.push({ importPath: pkg, dir, built: true, runs: pr.length, failedRuns: failedRuns(pr, pkg) });
  }
  return packages;
}

/** The tests a group's occurrences ran in, and the owner of an outliving goroutine if any. */
function groupTests(
  g: Group,
  owners: Map<RawFinding, RaceOwner>,
): { testList: string[]; outlived?: RaceOwner } {
  const tests = new Set<string>();
  let outlived: RaceOwner | undefined;
  for (const o of g.occurrences) {
    if (o.raw.test) tests.add(o.raw.test);
    for (const t of runningTests(o.raw)) tests.add(t);
    const who = owners.get(o.raw);
    outlived ??= who;
    // Both tests: with the exit sleep off, the owner alone exits before its goroutine races.
    if (who) for (const t of [who.owner, who.during]) tests.add(t);
  }
  // A timeout lists the parents of the stuck test too; the stuck one is what matters.
  const testList = (g.kind === 'timeout' ? leafTests([...tests]) : [...tests]).sort(compare);
  return outlived ? { testList, outlived } : { testList };
}

/** One occurrence that stayed incomplete is worth saying even when others were recovered. */
function groupRecovery(g: Group): Finding['stackRecovery'] {
  return g.occurrences.some((o) => o.raw.stackRecovery === 'unrecovered')
    ? 'unrecovered'
    : g.occurrences.some((o) => o.raw.stackRecovery === 'recovered')
      ? 'recovered'
      : undefined;
}

function groupReproduce(g: Group, input: ReportInput, packages: PackageReport[], tests: string[]): string {
  const ctx = input.context;
  const pr = packages.find((p) => p.importPath === g.pkg);
  const repro: ReproduceInput = {
    kind: g.kind,
    workingDirectory: ctx.workingDirectory,
    packageArg: packageArg(pr?.dir ?? dirOfImportPath(input.mapper, g.pkg), ctx.workingDirectory, g.pkg),
    tests,
    goTestFlags: ctx.goTestFlags,
    timeout: ctx.timeout,
  };
  if (ctx.run !== undefined) repro.run = ctx.run;
  return reproduceCommand(repro);
}

/** The finding a group stands for (id assigned later), or undefined for an empty group. */
function groupFinding(
  g: Group,
  input: ReportInput,
  packages: PackageReport[],
  owners: Map<RawFinding, RaceOwner>,
  confirmed: Map<string, OverlapCheck>,
): Finding | undefined {
  const { mapper } = input;
  const first = g.occurrences[0];
  if (!first) return undefined;
  const { testList, outlived } = groupTests(g, owners);
  const d = describe(first.raw, mapper, g.baseDir, testList);
  if (outlived) {
    d.message += `; made by a goroutine of ${outlived.owner}, reported during ${outlived.during}, which it fails`;
  }
  const runsSeen = g.seenIn.size;
  const recovery = groupRecovery(g);
  const finding: Finding = {
    id: '',
    kind: g.kind,
    signature: g.signature,
    title: d.title,
    message: d.message,
    package: g.pkg,
    runsSeen,
    runs: g.runs,
    interval: wilson(runsSeen, g.runs),
    seenIn: [...g.seenIn].sort((a, b) => a - b),
    tests: testList,
    locations: d.locations,
    stacks: mapStacks(first.raw, mapper, g.baseDir),
    sample: trimSample(first.raw.raw),
    reproduce: groupReproduce(g, input, packages, testList),
  };
  if (recovery) finding.stackRecovery = recovery;
  if (g.occurrences.every((o) => o.raw.truncated)) finding.truncated = true;
  const repeats = g.occurrences.reduce((n, o) => n + (o.raw.repeats ?? 0), 0);
  if (repeats > 0) finding.repeats = repeats;
  if (outlived) finding.goroutineOf = outlived.owner;
  if (g.kind === 'overlap') {
    const c = confirmed.get(`${g.pkg}\u0000${first.raw.test ?? ''}`);
    if (c) finding.aloneRuns = c.aloneRuns;
  }
  return finding;
}

function assembleReport(
  input: ReportInput,
  runs: RunRecord[],
  findingsOf: FindingsOf,
  packages: PackageReport[],
  findings: Finding[],
  tests: TestReport[],
): Report {
  const totalRuns = runs.length;
  const failedRuns = runs.filter((r) => runFailed(r, findingsOf)).length;
  const verdict: Verdict =
    input.errors.length > 0 && totalRuns === 0 ? 'error' : findings.length > 0 ? 'findings' : 'clean';
  const ranCounts = packages.filter((p) => p.runs > 0).map((p) => p.runs);
  return {
    schemaVersion: 1,
    tool: { name: 'race-rerun', version: input.version },
    mode: input.mode,
    runs: input.count,
    totalRuns,
    failedRuns,
    packages,
    findings,
    tests,
    verdict,
    summary: summarize(input, findings, tests, verdict, totalRuns, ranCounts),
    errors: [...input.errors],
    notes: [...input.notes, ...capNotes(runs)],
    context: input.context,
  };
}

/** The report's order of findings: most reproducible first, then by kind, signature, package. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    b.runsSeen - a.runsSeen ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compare(a.signature, b.signature) ||
    compare(a.package, b.package)
  );
}

/** The id hashes the signature; a signature shared by two packages also hashes the package. */
export function assignIds(findings: Finding[]): void {
  const sigCount = new Map<string, number>();
  for (const f of findings) sigCount.set(f.signature, (sigCount.get(f.signature) ?? 0) + 1);
  for (const f of findings) {
    f.id = fnv1a32((sigCount.get(f.signature) ?? 0) > 1 ? `${f.package}\n${f.signature}` : f.signature);
  }
}

/** Says when a run printed more reports than are kept one by one, and what became of them. */
function capNotes(runs: readonly RunRecord[]): string[] {
  const over = runs.filter((r) => r.parsed.beyondCap);
  if (over.length === 0) return [];
  const repeats = over.reduce((n, r) => n + (r.parsed.beyondCap?.repeats ?? 0), 0);
  const dropped = over.reduce((n, r) => n + (r.parsed.beyondCap?.dropped ?? 0), 0);
  const which = over.length === 1 ? '1 run' : `${over.length} runs`;
  let text = `${which} printed more than ${MAX_FINDINGS_SHOWN} reports: past that, each distinct report was kept once and ${repeats} repeated ${repeats === 1 ? 'copy was' : 'copies were'} counted, not kept`;
  if (dropped > 0)
    text += `; ${dropped} distinct ${dropped === 1 ? 'report was' : 'reports were'} dropped (more than ${MAX_DISTINCT_SHOWN} distinct reports in a run)`;
  return [`${text}.`];
}

const MAX_FINDINGS_SHOWN = MAX_FINDINGS.toLocaleString('en-US');
const MAX_DISTINCT_SHOWN = MAX_DISTINCT_FINDINGS.toLocaleString('en-US');

/** Races listed as a symptom's likely cause at most. */
const MAX_CAUSES = 5;

/**
 * For every panic, fatal error, timeout and failure, the races of the same package that were
 * reported in the same runs: a race that shows up whenever the panic does is the likely cause.
 * Run indexes are per package, so only races of the same package can share a run.
 */
export function addCooccurrence(findings: Finding[]): void {
  const races = findings.filter((f) => f.kind === 'race');
  for (const f of findings) {
    if (f.kind === 'race' || f.kind === 'build') continue;
    const runs = new Set(f.seenIn);
    const causes = races
      .filter((r) => r.package === f.package)
      .map((r) => ({ id: r.id, runs: r.seenIn.filter((i) => runs.has(i)).length }))
      .filter((c) => c.runs > 0)
      // Stable sort: ties keep the races' report order.
      .sort((a, b) => b.runs - a.runs)
      .slice(0, MAX_CAUSES);
    if (causes.length > 0) f.cooccurringRaces = causes;
  }
}

function aggregateTests(runs: RunRecord[]): TestReport[] {
  const byTest = new Map<
    string,
    { pkg: string; name: string; ran: Set<RunRecord>; failed: Set<RunRecord>; onlySkip: boolean }
  >();
  for (const run of runs) {
    for (const t of run.parsed.tests) {
      const key = `${t.package}\u0000${t.name}`;
      let e = byTest.get(key);
      if (!e) {
        e = { pkg: t.package, name: t.name, ran: new Set(), failed: new Set(), onlySkip: true };
        byTest.set(key, e);
      }
      e.ran.add(run);
      if (t.action === 'fail' || t.action === 'interrupted') e.failed.add(run);
      if (t.action !== 'skip') e.onlySkip = false;
    }
  }
  const out: TestReport[] = [];
  for (const e of byTest.values()) {
    const n = e.ran.size;
    const k = e.failed.size;
    out.push({
      package: e.pkg,
      name: e.name,
      runs: n,
      failed: k,
      status: testStatus(k, n, e.onlySkip),
      interval: wilson(k, n),
    });
  }
  return out.sort(compareTests);
}

export function testStatus(failed: number, runs: number, onlySkipped: boolean): TestStatus {
  if (failed > 0) return failed === runs ? 'failing' : 'flaky';
  return onlySkipped ? 'skipped' : 'passing';
}

/** The report's order of tests: flaky and failing first, most failures first. */
export function compareTests(a: TestReport, b: TestReport): number {
  const bad = (t: TestReport) => (t.status === 'failing' || t.status === 'flaky' ? 0 : 1);
  return (
    bad(a) - bad(b) ||
    b.failed - a.failed ||
    (a.status === 'failing' ? 0 : 1) - (b.status === 'failing' ? 0 : 1) ||
    compare(a.package, b.package) ||
    compare(a.name, b.name)
  );
}

export function summarize(
  input: Pick<ReportInput, 'mode' | 'count' | 'errors'>,
  findings: Finding[],
  tests: TestReport[],
  verdict: Verdict,
  totalRuns: number,
  ranCounts: number[],
): string {
  const ranPackages = ranCounts.length;
  // A test that fails only because of a finding is told with that finding, not counted again.
  const flaky = tests.filter((t) => t.status === 'flaky' && !t.failedBy).length;
  const failing = tests.filter((t) => t.status === 'failing' && !t.failedBy).length;
  const parts: string[] = [];
  for (const kind of FINDING_KINDS) {
    // Test failures are told through the flaky/failing test counts when there are any.
    if (kind === 'failure' && flaky + failing > 0) continue;
    const ofKind = findings.filter((f) => f.kind === kind);
    const n = ofKind.length;
    if (n === 0) continue;
    const noun =
      kind === 'overlap' ? `${n === 1 ? 'test' : 'tests'} failing only when runs overlap` : undefined;
    const fails = ofKind.flatMap((f) => f.failsTests ?? []);
    const failsText =
      fails.length > 0 ? ` (${n === 1 ? 'fails' : 'fail'} ${shortTestList([...new Set(fails)].sort())})` : '';
    parts.push(`${noun ? `${n} ${noun}` : plural(n, KIND_NOUN[kind])}${failsText}`);
  }
  if (flaky > 0) parts.push(plural(flaky, 'flaky test'));
  if (failing > 0) parts.push(plural(failing, 'failing test'));

  if (verdict === 'error') {
    const why = `Nothing was run: ${input.errors[0] ?? 'unknown error'}`;
    return parts.length > 0 ? `${joinList(parts)}; ${why.charAt(0).toLowerCase()}${why.slice(1)}` : why;
  }
  if (totalRuns === 0) {
    const why = input.errors[0] ? `nothing was run: ${input.errors[0]}` : 'no tests ran';
    return parts.length > 0 ? `${joinList(parts)}; ${why}` : `${why.charAt(0).toUpperCase()}${why.slice(1)}`;
  }
  const unit = input.mode === 'parse' ? 'log' : 'run';
  // Runs per package as they happened: fewer than asked when the engine stopped early.
  const perPackage = [...new Set(ranCounts)];
  const runs =
    input.mode === 'parse' ? input.count : perPackage.length === 1 ? (perPackage[0] ?? 0) : totalRuns;
  let scope = `in ${plural(runs, unit)}`;
  if (ranPackages > 0) scope += ` of ${plural(ranPackages, 'package')}`;
  if (parts.length === 0) return `No data race, panic or failure ${scope}`;
  return `${joinList(parts)} ${scope}`;
}
