// Shard reports to merge come from artifacts, which a fork's pull request can write: untrusted
// input. Each is checked against the report's schema and size limits before anything reads it;
// only the fields race-rerun knows are kept, and every path that gets annotated or linked must be
// repository-relative without `..`. A bad report is a ReportError naming the file and the field.
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { FINDING_KINDS, LOCATION_ROLES, type Report, STACK_ROLES } from '../model.js';
import { globFiles, globProblem } from './globs.js';

export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}

/** Limits: far above what race-rerun writes, far below what would hurt. */
export const REPORT_LIMITS = {
  fileBytes: 64 * 1024 * 1024,
  reports: 256,
  findings: 25_000,
  tests: 200_000,
  packages: 10_000,
  listItems: 10_000,
  stacks: 64,
  frames: 1_000,
  text: 1_000_000,
};

type Check = (v: unknown, at: string) => unknown;

const fail = (at: string, what: string): never => {
  throw new ReportError(`${at} ${what}`);
};

const str =
  (max = REPORT_LIMITS.text): Check =>
  (v, at) =>
    typeof v !== 'string'
      ? fail(at, 'must be a string')
      : v.length > max
        ? fail(at, `is longer than ${max} characters`)
        : v;

const int =
  (min = 0, max = Number.MAX_SAFE_INTEGER): Check =>
  (v, at) =>
    typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max
      ? fail(at, `must be a whole number from ${min} to ${max}`)
      : v;

const num: Check = (v, at) =>
  typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1
    ? fail(at, 'must be a number from 0 to 1')
    : v;

const bool: Check = (v, at) => (typeof v !== 'boolean' ? fail(at, 'must be true or false') : v);

const oneOf =
  (values: readonly string[]): Check =>
  (v, at) =>
    typeof v === 'string' && values.includes(v) ? v : fail(at, `must be one of ${values.join(', ')}`);

const arr =
  (item: Check, max = REPORT_LIMITS.listItems): Check =>
  (v, at) => {
    if (!Array.isArray(v)) return fail(at, 'must be a list');
    if (v.length > max) return fail(at, `has more than ${max} entries`);
    return v.map((x, i) => item(x, `${at}[${i}]`));
  };

/** A repository-relative path: no leading `/`, no drive, no `..`, no backslash or control character. */
export function repoPathProblem(p: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  if (/[\u0000-\u001f\u007f\\]/.test(p)) return 'contains a backslash or a control character';
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || /^[a-z][a-z0-9+.-]*:/i.test(p))
    return 'is not repository-relative';
  if (p.split('/').includes('..')) return 'contains ..';
  return undefined;
}

const repoPath: Check = (v, at) => {
  const s = str(4096)(v, at) as string;
  const problem = repoPathProblem(s);
  return problem ? fail(at, `${problem}: ${JSON.stringify(s.slice(0, 200))}`) : s;
};

type Shape = Record<string, [Check, 'required' | 'optional']>;

const obj =
  (shape: Shape, extra?: (o: Record<string, unknown>, at: string) => void): Check =>
  (v, at) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail(at, 'must be an object');
    const input = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, [check, need]] of Object.entries(shape)) {
      if (input[key] === undefined) {
        if (need === 'required') fail(at, `has no ${key}`);
        continue;
      }
      out[key] = check(input[key], `${at}.${key}`);
    }
    extra?.(out, at);
    return out;
  };

const R = 'required' as const;
const O = 'optional' as const;

const interval = obj({ low: [num, R], high: [num, R] });
const ORIGINS = ['repo', 'vendor', 'goroot', 'modcache', 'generated', 'unknown'];
const frame = obj(
  { function: [str(4096), R], file: [str(4096), R], line: [int(), R], origin: [oneOf(ORIGINS), R] },
  // Frames in the repository are linked and sent to code scanning: they must stay inside it.
  (o, at) => {
    if (o.origin === 'repo' || o.origin === 'vendor') repoPath(o.file, `${at}.file`);
  },
);
const stack = obj({
  role: [oneOf(STACK_ROLES), R],
  header: [str(4096), R],
  frames: [arr(frame, REPORT_LIMITS.frames), R],
});
const location = obj({
  file: [repoPath, R],
  line: [int(1), R],
  function: [str(4096), R],
  role: [oneOf(LOCATION_ROLES), R],
  access: [oneOf(['read', 'write']), O],
});
const names = arr(str(4096), REPORT_LIMITS.tests);
const finding = obj(
  {
    id: [str(64), R],
    kind: [oneOf(FINDING_KINDS), R],
    signature: [str(), R],
    title: [str(), R],
    message: [str(), R],
    package: [str(4096), R],
    runsSeen: [int(), R],
    runs: [int(), R],
    interval: [interval, R],
    seenIn: [arr(int(1)), R],
    tests: [names, R],
    locations: [arr(location, 1000), R],
    stacks: [arr(stack, REPORT_LIMITS.stacks), R],
    sample: [str(), R],
    reproduce: [str(), R],
    cooccurringRaces: [arr(obj({ id: [str(64), R], runs: [int(), R] }), 100), O],
    stackRecovery: [oneOf(['recovered', 'unrecovered']), O],
    failsTests: [names, O],
    goroutineOf: [str(4096), O],
    aloneRuns: [int(), O],
  },
  (o, at) => {
    const seen = o.seenIn as number[];
    if (o.runsSeen !== seen.length && o.kind !== 'build') fail(at, 'has runsSeen different from seenIn');
    if ((o.runsSeen as number) > (o.runs as number)) fail(at, 'was seen in more runs than it had');
  },
);
const test = obj({
  package: [str(4096), R],
  name: [str(4096), R],
  runs: [int(), R],
  failed: [int(), R],
  status: [oneOf(['flaky', 'failing', 'passing', 'skipped', 'overlap']), R],
  interval: [interval, R],
  failedBy: [arr(str(64), 1000), O],
  alone: [obj({ runs: [int(), R], failed: [int(), R] }), O],
});
const pkg = obj({
  importPath: [str(4096), R],
  dir: [(v, at) => ((v as unknown) === '' ? '' : repoPath(v, at)), R],
  built: [bool, R],
  runs: [int(), R],
  failedRuns: [int(), R],
});
const context = obj({
  workingDirectory: [repoPath, R],
  packages: [arr(str(4096), 1000), R],
  count: [int(), R],
  run: [str(4096), O],
  skip: [str(4096), O],
  timeout: [str(64), R],
  goTestFlags: [arr(str(4096), 1000), R],
  goVersion: [str(64), O],
  commit: [(v, at) => (/^[0-9a-f]{7,64}$/.test(String(v)) ? v : fail(at, 'must be a hex commit id')), O],
  until: [oneOf(['first', 'stable']), O],
  precision: [num, O],
  maxDuration: [str(64), O],
  branch: [str(1024), O],
});
const shard = obj(
  {
    index: [int(1, 256), R],
    total: [int(1, 256), R],
    split: [oneOf(['packages', 'runs']), R],
    firstRun: [int(), O],
    lastRun: [int(), O],
    packages: [arr(str(4096), REPORT_LIMITS.packages), O],
  },
  (o, at) => {
    if ((o.index as number) > (o.total as number)) fail(at, 'has an index above its total');
  },
);
const shardList = arr(int(0, 256), REPORT_LIMITS.listItems);
const merged = obj({
  total: [int(1, 256), R],
  shards: [arr(int(1, 256), 256), R],
  jobs: [int(1), R],
  noteShards: [shardList, R],
  errorShards: [shardList, R],
});
const job = obj({
  workflow: [str(1024), R],
  job: [str(1024), R],
  runId: [str(64), O],
  runAttempt: [str(64), O],
  matrix: [str(4096), O],
});
const focus = obj({
  base: [str(64), R],
  changedFiles: [arr(repoPath, 1000), R],
  changedFileCount: [int(), R],
  packages: [
    arr(
      obj({
        importPath: [str(4096), R],
        reason: [oneOf(['changed', 'imports']), R],
        via: [str(4096), O],
      }),
      REPORT_LIMITS.packages,
    ),
    R,
  ],
  skipped: [int(), R],
});
const testsFrom = obj({
  logs: [arr(str(4096), 1000), R],
  tests: [
    arr(
      obj({ package: [str(4096), R], test: [str(4096), O], failed: [int(), R], logs: [int(), R] }),
      REPORT_LIMITS.tests,
    ),
    R,
  ],
});
const report = obj(
  {
    schemaVersion: [(v, at) => (v === 1 ? v : fail(at, 'must be 1 (a report of another race-rerun?)')), R],
    tool: [obj({ name: [oneOf(['race-rerun']), R], version: [str(64), R] }), R],
    mode: [oneOf(['run', 'parse']), R],
    runs: [int(), R],
    totalRuns: [int(), R],
    failedRuns: [int(), R],
    packages: [arr(pkg, REPORT_LIMITS.packages), R],
    findings: [arr(finding, REPORT_LIMITS.findings), R],
    tests: [arr(test, REPORT_LIMITS.tests), R],
    verdict: [oneOf(['clean', 'findings', 'error']), R],
    summary: [str(10_000), R],
    errors: [arr(str()), R],
    notes: [arr(str()), R],
    context: [context, R],
    shard: [shard, O],
    merged: [merged, O],
    job: [job, O],
    pullRequest: [obj({ number: [int(1), R], headSha: [str(64), O] }), O],
    cancelled: [obj({ signal: [str(64), R], runsDone: [int(), R], runsPlanned: [int(), R] }), O],
    escapedProcesses: [int(), O],
    // A baseline comparison is not read: the merge job compares the merged report (its baseline input).
    focus: [focus, O],
    testsFrom: [testsFrom, O],
  },
  (o, at) => {
    const m = o.merged as { noteShards: number[]; errorShards: number[] } | undefined;
    if (m && m.noteShards.length !== (o.notes as string[]).length)
      fail(at, 'has merged.noteShards unlike its notes');
    if (m && m.errorShards.length !== (o.errors as string[]).length)
      fail(at, 'has merged.errorShards unlike its errors');
  },
);

/** The report in `json`, checked; throws a ReportError that names `name` and the field. */
export function validateReport(json: unknown, name: string): Report {
  try {
    return report(json, 'report') as Report;
  } catch (err) {
    if (err instanceof ReportError)
      throw new ReportError(`${name} is not a valid race-rerun report: ${err.message}.`);
    throw err;
  }
}

/** Reads and validates one report file. */
export function readReport(file: string, name = file): Report {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > REPORT_LIMITS.fileBytes)
      throw new ReportError(
        `${name} is ${size} bytes, over the ${REPORT_LIMITS.fileBytes}-byte limit for a report.`,
      );
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ReportError) throw err;
    throw new ReportError(`Cannot read ${name}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ReportError(`${name} is not JSON: ${(err as Error).message}`);
  }
  return validateReport(json, name);
}

/** Files under `root` matching the globs (relative to it), sorted; symlinks are not followed. */
export function expandGlobs(root: string, globs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const g of globs) {
    const problem = globProblem(g);
    if (problem) throw new ReportError(`merge pattern ${JSON.stringify(g)} ${problem}.`);
    for (const f of globFiles(root, g)) out.add(f);
  }
  return [...out].sort();
}

/** The reports the `merge` globs name, each read and validated. */
export function readReports(root: string, globs: readonly string[]): { name: string; report: Report }[] {
  const files = expandGlobs(root, globs);
  if (files.length === 0)
    throw new ReportError(
      `No report matches merge: ${globs.join(' ')} (relative to ${root}). Download the shard artifacts there first.`,
    );
  if (files.length > REPORT_LIMITS.reports)
    throw new ReportError(`merge matches ${files.length} files, more than ${REPORT_LIMITS.reports} reports.`);
  return files.map((f) => {
    const name = relative(root, f);
    return { name, report: readReport(f, name) };
  });
}
