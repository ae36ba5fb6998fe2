// Every input of the action (and flag of the CLI) is read and validated here, in one place, so a
// bad value fails before anything is built and the message says which input to change.
import { accessSync, constants, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { shownPath } from '../analysis/paths.js';
import type { FindingKind, Settings } from '../model.js';
import { globFiles, globProblem } from './globs.js';
import { classifyGoTestFlags, GoFlagsError, splitShellWords } from './goflags.js';

/** A bad input. The message has one line per problem, each naming the input. */
export class SettingsError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

/** Returns the input's value, or '' when it was not given (like `core.getInput`). */
export type InputReader = (name: string) => string;

export interface SettingsDefaults {
  /** Absolute repository root that `working-directory` is relative to. */
  repoRoot: string;
  /** Absolute path of the JSON report. */
  reportPath: string;
  /** Default for `parallel`. */
  cpus: number;
}

export const MAX_COUNT = 10_000;

/** Go's longest time.Duration (2^63-1 ns), in milliseconds. */
export const MAX_GO_DURATION_MS = 9_223_372_036_854.775;

/** The words `fail-on` accepts besides `never`. `build` failures count under `failure`. */
export const FAIL_ON_WORDS = ['race', 'panic', 'fatal', 'timeout', 'failure', 'overlap'] as const;

/**
 * The default: everything but `overlap`, a test that failed only while other runs overlapped it
 * and passed every time alone (a collision race-rerun's parallel runs caused, not a flaky test).
 */
export const DEFAULT_FAIL_ON = FAIL_ON_WORDS.filter((w) => w !== 'overlap');

/** The action's inputs: the single source for action.yml and the README (tests check both). */
export const INPUTS: readonly { name: string; default: string; description: string }[] = [
  {
    name: 'packages',
    default: './...',
    description:
      'Go package patterns to test, separated by spaces or newlines, relative to working-directory.',
  },
  {
    name: 'count',
    default: '10',
    description: `How many times to run each package's tests, each run a separate process (1 to ${MAX_COUNT}).`,
  },
  {
    name: 'run',
    default: '',
    description: 'Run only tests matching this regular expression (like go test -run). Empty runs all tests.',
  },
  {
    name: 'skip',
    default: '',
    description: 'Skip tests matching this regular expression (like go test -skip). Empty skips none.',
  },
  {
    name: 'tests-from',
    default: '',
    description:
      'Go test logs (-json or plain -v output) from earlier steps or jobs: paths, directories (every file under them) or globs such as logs/*/go-test.json, one a line or separated by spaces or commas, relative to the repository root. Only the tests that failed in any of them are rerun; when none failed, nothing runs (unless run is set).',
  },
  {
    name: 'working-directory',
    default: '.',
    description: 'Directory of the Go module (the one holding go.mod), relative to the repository root.',
  },
  {
    name: 'timeout',
    default: '10m',
    description:
      'Time limit for one run, as a Go duration such as 90s, 10m or 1h30m. A run over it counts as a timeout.',
  },
  {
    name: 'max-duration',
    default: '',
    description:
      'Time budget for building and all runs, as a Go duration such as 5m. When it is used up, runs stop and the report says how many each package got. Empty means no budget.',
  },
  {
    name: 'until',
    default: 'count',
    description:
      'When to stop: count (all count runs), first (at the first failing run), or stable (once every finding and test has a 95% interval within precision; count is then the most runs per package).',
  },
  {
    name: 'precision',
    default: '10',
    description:
      'For until: stable, the half-width of the 95% interval to reach, in percentage points (10 means ±10 points).',
  },
  {
    name: 'parallel',
    default: '',
    description: 'How many runs to execute at once. Empty means the number of CPUs.',
  },
  {
    name: 'go-test-flags',
    default: '',
    description:
      'Extra go test flags, e.g. "-tags=integration -shuffle=on". Build flags go to the build, test flags to every run; words after -args go to the test binary. -run, -skip and -timeout have inputs of their own; -count=K runs each test K times in every run. Vet is off unless -vet is given.',
  },
  {
    name: 'fail-on',
    default: DEFAULT_FAIL_ON.join(','),
    description:
      'Which findings fail the step, separated by commas or spaces: race, panic, fatal, timeout, failure (test failures and build errors), overlap (a test that failed only while other runs overlapped it and passed alone), or never.',
  },
  {
    name: 'baseline',
    default: '',
    description:
      'A JSON report from the base branch (a path or a glob such as reports/*.json; the newest match is used), relative to the repository root. Every finding is then new or known (with its rate there), and its findings not seen now are listed with the chance they would have shown. Missing or unreadable is a warning.',
  },
  {
    name: 'only-new',
    default: 'false',
    description:
      'With a baseline: fail-on applies to new findings only, and only new findings are annotated (known ones are listed in the summary and comment).',
  },
  {
    name: 'only-changed',
    default: 'false',
    description:
      'On pull requests: run only the packages whose files the pull request changed, and the packages of the module that import them. Needs the base commit in the checkout (fetch-depth: 0, or it is fetched with git fetch --depth=1).',
  },
  {
    name: 'github-token',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template.
    default: '${{ github.token }}',
    description: 'Token used to comment on the pull request.',
  },
  {
    name: 'comment',
    default: 'true',
    description:
      'Post (and update) one pull request comment with the findings. Needs pull-requests: write; skipped when the token cannot write. Off by default in a shard job (the merge comments).',
  },
  {
    name: 'annotations',
    default: 'commands',
    description:
      'Where annotations go: commands (workflow commands; GitHub shows 10 per level and step) or checks (a check run on the head commit with every annotation; needs checks: write, falls back to commands with one warning). A workflow_run merge always uses checks.',
  },
  {
    name: 'shard',
    default: '',
    description:
      "I/N, e.g. 2/4: run only shard I of N of the work, for a matrix of jobs. With fewer packages than shards each package's runs are split (shard 2/4 of count 100 runs 26–50); otherwise the packages are. A shard job annotates nothing and posts no comment: upload its report and merge.",
  },
  {
    name: 'merge',
    default: '',
    description:
      'Glob patterns (relative to the repository root, separated by spaces or newlines) of shard reports to merge instead of running tests; no Go is needed. The merged report is published like a run: annotations, summary, outputs, comment, SARIF. On a workflow_run event it publishes to the pull request the reports are for.',
  },
];

export const OUTPUTS: readonly { name: string; description: string }[] = [
  { name: 'runs', description: 'Test processes run, over all packages.' },
  {
    name: 'failed-runs',
    description: 'Runs that exited non-zero, were killed by the timeout, or printed a finding.',
  },
  { name: 'races', description: 'Distinct data races found.' },
  { name: 'panics', description: 'Distinct panics found.' },
  {
    name: 'flaky-tests',
    description:
      'JSON array of the tests that failed in at least one run, e.g. [{"package":"example.com/m/pkg","test":"TestX","failed":3,"runs":30,"status":"flaky"}]; status is flaky, or failing when every run failed.',
  },
  { name: 'report', description: 'Path of the JSON report.' },
  {
    name: 'sarif',
    description:
      'Path of the SARIF 2.1.0 file next to the report, for github/codeql-action/upload-sarif (needs security-events: write).',
  },
];

/** Nanoseconds per unit, as Go's time.ParseDuration knows them. */
const DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 micro sign
  μs: 1e3, // U+03BC Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Parses a Go duration (`10m`, `1h30m`, `1.5s`, `500ms`, `0`) into milliseconds. */
export function parseGoDuration(text: string): number {
  const bad = () => new Error(`invalid Go duration ${JSON.stringify(text)}`);
  let rest = text.trim();
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw bad();
  let ns = 0;
  const part = /^(\d*)(?:\.(\d*))?([^\d.]+)/;
  while (rest !== '') {
    const m = part.exec(rest);
    if (!m) {
      throw /^[\d.]+$/.test(rest)
        ? new Error(`missing unit in Go duration ${JSON.stringify(text)} (use e.g. s, m or h)`)
        : bad();
    }
    const [whole, int = '', frac = '', unit = ''] = m;
    const scale = DURATION_UNITS[unit];
    if ((int === '' && frac === '') || scale === undefined) throw bad();
    ns += Number(`${int || '0'}.${frac || '0'}`) * scale;
    rest = rest.slice(whole.length);
  }
  return (sign * ns) / 1e6;
}

export const UNTIL_WORDS = ['count', 'first', 'stable'] as const;

const TRUE_WORDS = ['true', 'True', 'TRUE'];
const FALSE_WORDS = ['false', 'False', 'FALSE'];

/**
 * Reads every input, applies defaults and validates. Throws one SettingsError that lists every
 * bad input, so a user fixes them all in one go.
 */
export function readSettings(input: InputReader, defaults: SettingsDefaults): Settings {
  const problems: string[] = [];
  const get = (name: string): string => input(name).trim();
  const defaultOf = (name: string): string => INPUTS.find((i) => i.name === name)?.default ?? '';
  const getOr = (name: string): string => get(name) || defaultOf(name);

  const packages = getOr('packages').split(/\s+/).filter(Boolean);
  for (const p of packages) {
    if (p.startsWith('-')) {
      problems.push(`Input "packages": ${JSON.stringify(p)} looks like a flag. Put flags in go-test-flags.`);
    }
  }

  const countText = getOr('count');
  let count = 0;
  if (!/^\d+$/.test(countText) || Number(countText) < 1) {
    problems.push(`Input "count" must be a whole number of runs ≥ 1, got ${JSON.stringify(countText)}.`);
  } else if (Number(countText) > MAX_COUNT) {
    problems.push(`Input "count" must be at most ${MAX_COUNT}, got ${JSON.stringify(countText)}.`);
  } else {
    count = Number(countText);
  }

  const run = regexInput('run', get('run'), problems);
  const skip = regexInput('skip', get('skip'), problems);

  const wdText = getOr('working-directory');
  const workingDirectory = resolve(defaults.repoRoot, wdText);
  const wdProblem = directoryProblem(workingDirectory);
  if (wdProblem) {
    problems.push(
      `Input "working-directory": ${JSON.stringify(wdText)} ${wdProblem} (resolved to ${workingDirectory}). Set it to the directory that holds go.mod, relative to the repository root.`,
    );
  }

  const timeout = getOr('timeout');
  let timeoutMs = 0;
  try {
    timeoutMs = parseGoDuration(timeout);
  } catch {
    // Handled below: the message is the same for bad syntax and for zero.
  }
  if (!(timeoutMs > 0)) {
    problems.push(
      `Input "timeout" must be a Go duration greater than zero such as 90s, 10m or 1h30m, got ${JSON.stringify(timeout)}.`,
    );
  }
  if (timeoutMs > MAX_GO_DURATION_MS) {
    problems.push(
      `Input "timeout" is longer than Go's longest duration (about 2562047h) and the test binary would refuse it, got ${JSON.stringify(timeout)}.`,
    );
  }

  const parallelText = get('parallel');
  let parallel = Math.max(1, Math.floor(defaults.cpus) || 1);
  if (parallelText !== '') {
    if (/^\d+$/.test(parallelText) && Number(parallelText) >= 1) {
      parallel = Number(parallelText);
    } else {
      problems.push(
        `Input "parallel" must be a whole number of runs at once ≥ 1 (or empty for the number of CPUs), got ${JSON.stringify(parallelText)}.`,
      );
    }
  }

  const goTestFlagsText = get('go-test-flags');
  let goTestFlags: string[] = [];
  let buildFlags: string[] = [];
  let testFlags: string[] = [];
  try {
    goTestFlags = splitShellWords(goTestFlagsText);
    ({ buildFlags, testFlags } = classifyGoTestFlags(goTestFlags));
  } catch (e) {
    if (!(e instanceof GoFlagsError)) throw e;
    problems.push(`Input "go-test-flags": ${e.message}.`);
  }

  const failOn = failOnInput(getOr('fail-on'), problems);

  const testsFrom = testsFromInput(get('tests-from'), defaults.repoRoot, problems);

  const maxDurationText = get('max-duration');
  let maxDurationMs: number | undefined;
  if (maxDurationText !== '') {
    try {
      maxDurationMs = parseGoDuration(maxDurationText);
    } catch {
      // Same message as zero or negative, below.
    }
    if (!(maxDurationMs !== undefined && maxDurationMs > 0)) {
      problems.push(
        `Input "max-duration" must be a Go duration greater than zero such as 5m or 1h (or empty for no budget), got ${JSON.stringify(maxDurationText)}.`,
      );
    }
  }

  const untilText = getOr('until').toLowerCase();
  const until = (UNTIL_WORDS as readonly string[]).includes(untilText)
    ? (untilText as Settings['until'])
    : undefined;
  if (until === undefined) {
    problems.push(`Input "until" must be count, first or stable, got ${JSON.stringify(get('until'))}.`);
  }

  const precisionText = getOr('precision');
  // `10`, `10%`, `±10` and `+-10` all mean ±10 percentage points.
  const precisionMatch = /^(?:±|\+-|\+\/-)?\s*(\d+(?:\.\d*)?|\.\d+)\s*%?$/.exec(precisionText);
  const points = precisionMatch ? Number(precisionMatch[1]) : Number.NaN;
  if (!(points >= 0.5 && points <= 50)) {
    problems.push(
      `Input "precision" must be a number of percentage points from 0.5 to 50 (10 means ±10 points), got ${JSON.stringify(precisionText)}.`,
    );
  }

  const shard = shardInput(get('shard'), problems);
  const merge = get('merge').split(/\s+/).filter(Boolean);
  for (const g of merge) {
    if (globProblem(g)) problems.push(`Input "merge": ${JSON.stringify(g)} ${globProblem(g)}.`);
  }
  if (shard && merge.length > 0)
    problems.push(
      'Input "shard" and input "merge" cannot both be set: a job either runs a shard or merges them.',
    );
  const annotationsText = getOr('annotations').toLowerCase();
  if (annotationsText !== 'commands' && annotationsText !== 'checks') {
    problems.push(
      `Input "annotations" must be commands or checks, got ${JSON.stringify(get('annotations'))}.`,
    );
  }

  // A shard job comments only when asked to: the merge job posts the one comment.
  const commentText = get('comment') || (shard ? 'false' : defaultOf('comment'));
  let comment = true;
  if (TRUE_WORDS.includes(commentText)) comment = true;
  else if (FALSE_WORDS.includes(commentText)) comment = false;
  else problems.push(`Input "comment" must be true or false, got ${JSON.stringify(commentText)}.`);

  const onlyNew = boolInput('only-new', getOr('only-new'), problems);
  const onlyChanged = boolInput('only-changed', getOr('only-changed'), problems);
  const baseline = get('baseline');

  if (problems.length > 0) throw new SettingsError(problems);

  const settings: Settings = {
    packages,
    count,
    repoRoot: defaults.repoRoot,
    workingDirectory,
    timeout,
    timeoutMs,
    parallel,
    buildFlags,
    testFlags,
    goTestFlags,
    failOn,
    githubToken: get('github-token'),
    comment,
    reportPath: defaults.reportPath,
    until: until ?? 'count',
    precision: points / 100,
  };
  // Unset means the default, workflow commands.
  if (annotationsText === 'checks') settings.annotations = 'checks';
  if (shard) settings.shard = shard;
  if (merge.length > 0) settings.merge = merge;
  if (testsFrom !== undefined) settings.testsFrom = testsFrom;
  if (baseline !== '') settings.baseline = baseline;
  if (onlyNew) settings.onlyNew = true;
  if (onlyChanged) settings.onlyChanged = true;
  if (maxDurationMs !== undefined) {
    settings.maxDuration = maxDurationText;
    settings.maxDurationMs = maxDurationMs;
  }
  if (run !== undefined) settings.run = run;
  if (skip !== undefined) settings.skip = skip;
  return settings;
}

/** `I/N` with 1 ≤ I ≤ N ≤ 256. */
function shardInput(text: string, problems: string[]): Settings['shard'] {
  if (text === '') return undefined;
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || !(index >= 1 && index <= total && total <= MAX_SHARDS)) {
    problems.push(
      `Input "shard" must be I/N with 1 ≤ I ≤ N ≤ ${MAX_SHARDS}, e.g. \${{ matrix.shard }}/4, got ${JSON.stringify(text)}.`,
    );
    return undefined;
  }
  return { index, total };
}

export const MAX_SHARDS = 256;

function boolInput(name: string, text: string, problems: string[]): boolean {
  if (TRUE_WORDS.includes(text)) return true;
  if (FALSE_WORDS.includes(text)) return false;
  problems.push(`Input "${name}" must be true or false, got ${JSON.stringify(text)}.`);
  return false;
}

// Go's regexp syntax is not JavaScript's, so only what is wrong in both is rejected.
function regexInput(name: string, text: string, problems: string[]): string | undefined {
  if (text === '') return undefined;
  if (/[\r\n]/.test(text)) {
    problems.push(
      `Input "${name}" must be one regular expression on one line; join alternatives with | as in "TestA|TestB".`,
    );
  }
  return text;
}

/** At most this many tests-from logs (a glob over a whole tree is a mistake, not a matrix). */
export const MAX_TESTS_FROM_LOGS = 256;

const TESTS_FROM_HINT =
  'Give the output of earlier go test runs (-json or -v): paths, directories or globs relative to the repository root.';

/**
 * tests-from: paths, directories (every file under them) and globs, separated by spaces, commas
 * or newlines, each resolved against the repository root; the files, absolute and sorted. Only
 * what can be told without reading them: whether a log parses is the engine's to say.
 */
function testsFromInput(text: string, repoRoot: string, problems: string[]): string[] | undefined {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return undefined;
  const files = new Set<string>();
  for (const entry of entries) {
    const found = testsFromEntry(entry, repoRoot);
    if (typeof found === 'string') {
      problems.push(`Input "tests-from": ${JSON.stringify(entry)} ${found}. ${TESTS_FROM_HINT}`);
      continue;
    }
    for (const f of found) files.add(f);
  }
  const sorted = [...files].sort();
  for (const f of sorted) {
    const problem = logFileProblem(f);
    if (problem)
      problems.push(
        `Input "tests-from": ${JSON.stringify(shownPath(f, repoRoot))} ${problem} (resolved to ${f}). ${TESTS_FROM_HINT}`,
      );
  }
  if (sorted.length > MAX_TESTS_FROM_LOGS)
    problems.push(
      `Input "tests-from" matches ${sorted.length} files, more than ${MAX_TESTS_FROM_LOGS} logs: narrow the globs.`,
    );
  return sorted;
}

/** The files one entry names, or why it names none. */
function testsFromEntry(entry: string, repoRoot: string): string[] | string {
  const path = resolve(repoRoot, entry);
  const where = `(resolved to ${path})`;
  if (!/[*?]/.test(entry)) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      return `does not exist ${where}`;
    }
    if (!isDir) return [path];
    // actions/download-artifact writes each artifact into a directory of its own.
    const inside = globFiles(path, '**/*');
    return inside.length > 0 ? inside : `is a directory with no files in it ${where}`;
  }
  if (entry.includes('\\')) return 'must use / separators (a glob has no \\ escapes)';
  // The part before the first wildcard is a plain directory; the glob code matches the rest.
  const parts = path.split(sep);
  const wild = parts.findIndex((p) => /[*?]/.test(p));
  const base = parts.slice(0, wild).join(sep) || sep;
  const matched = globFiles(base, parts.slice(wild).join('/'));
  return matched.length > 0 ? matched : `matches no file ${where}`;
}

/** Why a file cannot be a log, without parsing it. */
function logFileProblem(file: string): string | undefined {
  try {
    const st = statSync(file);
    if (!st.isFile()) return 'is not a file';
    if (st.size === 0) return 'is empty';
    accessSync(file, constants.R_OK);
  } catch (err) {
    const code = (err as { code?: string }).code;
    return code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (err as Error).message})`;
  }
  return undefined;
}

function directoryProblem(path: string): string | undefined {
  try {
    return statSync(path).isDirectory() ? undefined : 'is not a directory';
  } catch {
    return 'does not exist';
  }
}

function failOnInput(text: string, problems: string[]): FindingKind[] {
  const words = [
    ...new Set(
      text
        .toLowerCase()
        .split(/[\s,]+/)
        .filter(Boolean),
    ),
  ];
  if (words.length === 0) {
    problems.push(`Input "fail-on" names no kinds; use any of ${FAIL_ON_WORDS.join(', ')}, or never.`);
    return [];
  }
  const valid: readonly string[] = FAIL_ON_WORDS;
  const unknown = words.filter((w) => w !== 'never' && !valid.includes(w));
  if (unknown.length > 0) {
    const hint = unknown.includes('build') ? ' (build errors count under "failure")' : '';
    problems.push(
      `Input "fail-on": unknown ${unknown.map((w) => JSON.stringify(w)).join(', ')}${hint}. Use any of ${FAIL_ON_WORDS.join(', ')}, or never.`,
    );
    return [];
  }
  if (words.includes('never')) {
    if (words.length > 1) {
      problems.push(
        `Input "fail-on": "never" cannot be combined with other kinds, got ${JSON.stringify(text)}.`,
      );
    }
    return [];
  }
  const kinds = FAIL_ON_WORDS.filter((k) => words.includes(k)) as FindingKind[];
  if (kinds.includes('failure')) kinds.push('build');
  return kinds;
}
