// The report as SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif): one
// rule per kind of finding, one result per finding at its current access or panic frame, the other
// side and the goroutine creation sites as related locations, the trimmed stacks as SARIF stacks,
// and a fingerprint from the signature so code scanning knows the same race on a later push.
// Within GitHub's limits (25,000 results per run, 1,000 locations per result). Pure.
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import { shortFunc } from '../analysis/names.js';
import type { Finding, FindingKind, Location, Report, ReportFrame } from '../model.js';
import { FINDING_KINDS } from '../model.js';
import { clean, displayFile, KIND_LABEL, rankFindings, seenText, shownStacks, trimFrames } from './format.js';

/** GitHub code scanning: results per run, and locations (all kinds together here) per result. */
export const SARIF_MAX_RESULTS = 25_000;
export const SARIF_MAX_LOCATIONS = 1_000;
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of `partialFingerprints`; bump the version when signatures change meaning. */
export const FINGERPRINT_KEY = 'raceRerunSignature/v1';

const RULE_HELP: Record<FindingKind, { short: string; help: string }> = {
  race: {
    short: 'Data race detected by the Go race detector',
    help: 'Two goroutines accessed the same memory at the same time, at least one of them writing, without synchronisation. The result is at the current access; the related locations are the other access and where the goroutines were started. Protect the shared state with a mutex, a channel or sync/atomic, and rerun with race-rerun to see the rate drop to 0.',
  },
  panic: {
    short: 'Test binary panicked',
    help: "A goroutine panicked and ended the test binary. The result is at the panicking frame of the repository; the stack shows how it got there. Panics that happen only in some runs usually come from a race (see the report's likely causes) or from test order.",
  },
  fatal: {
    short: 'Go runtime fatal error',
    help: 'The Go runtime stopped the test binary (for example "concurrent map writes"). These cannot be recovered; the usual cause is unsynchronised access to a map.',
  },
  timeout: {
    short: 'Test timed out',
    help: 'The test binary did not finish within its timeout; the result is where the stuck test was waiting. Look for a missing unlock, a channel nobody sends on, or a WaitGroup that never reaches zero.',
  },
  failure: {
    short: 'Test failed',
    help: 'A test failed (t.Error, t.Fatal, or a failure without a message). When it fails only in some runs it is flaky: the rate says how often.',
  },
  overlap: {
    short: 'Test fails only when runs overlap',
    help: 'The test failed only in runs that overlapped other runs of race-rerun and passed every time it was rerun alone: a collision between concurrent test processes (a fixed port, a shared file or directory), not a flaky test. Give each run its own resources (t.TempDir, port 0) or set parallel: 1.',
  },
  build: {
    short: 'Test binary did not build',
    help: "go test -race -c could not build the package's test binary, so none of its tests ran.",
  },
};

function rules(): Sarif.ReportingDescriptor[] {
  return FINDING_KINDS.map((kind) => ({
    id: `race-rerun/${kind}`,
    name: KIND_LABEL[kind].replace(/\s+(\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: RULE_HELP[kind].short },
    fullDescription: { text: RULE_HELP[kind].help },
    help: { text: RULE_HELP[kind].help, markdown: `**${KIND_LABEL[kind]}.** ${RULE_HELP[kind].help}` },
    defaultConfiguration: { level: 'error' },
    properties: {
      tags: ['go', 'concurrency', 'flaky-test'],
      precision: 'very-high',
      'problem.severity': 'error',
    },
  }));
}

function physical(file: string, line: number): Sarif.PhysicalLocation {
  return {
    artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' },
    region: { startLine: Math.max(1, line) },
  };
}

function sarifLocation(l: Location, id?: number): Sarif.Location {
  const fn = l.function || 'unknown code';
  const creation = l.role.endsWith('creation');
  const text = l.access
    ? `${l.access}${creation ? ' by a goroutine created here' : ''} in ${fn}`
    : creation
      ? `goroutine created in ${fn}`
      : `${l.role}${l.function ? ` in ${l.function}` : ''}`;
  return {
    ...(id !== undefined ? { id } : {}),
    physicalLocation: physical(l.file, l.line),
    message: { text: clean(text) },
  };
}

/** Creation sites in the repository that are not already a location. */
function creationSites(f: Finding): Location[] {
  const out: Location[] = [];
  for (const s of f.stacks) {
    if (s.role !== 'current-creation' && s.role !== 'previous-creation' && s.role !== 'creation') continue;
    const fr = s.frames.find((x) => x.origin === 'repo');
    if (!fr) continue;
    const dup = [...f.locations, ...out].some((l) => l.file === fr.file && l.line === fr.line);
    if (!dup)
      out.push({ file: fr.file, line: fr.line, function: shortFunc(fr.function), role: 'current-creation' });
  }
  return out;
}

function stackFrame(fr: ReportFrame): Sarif.StackFrame {
  const inRepo = fr.origin === 'repo' || fr.origin === 'vendor';
  const location: Sarif.Location = {
    ...(inRepo ? { physicalLocation: physical(fr.file, fr.line) } : {}),
    message: { text: clean(`${displayFile(fr)}:${fr.line}`) },
    ...(fr.function
      ? { logicalLocations: [{ fullyQualifiedName: clean(fr.function), kind: 'function' }] }
      : {}),
  };
  return { location };
}

function stacks(f: Finding, budget: number): { stacks: Sarif.Stack[]; cut: number } {
  const out: Sarif.Stack[] = [];
  let left = budget;
  let cut = 0;
  for (const s of shownStacks(f)) {
    const frames = trimFrames(s.frames);
    const kept = frames.slice(0, Math.max(0, left));
    cut += frames.length - kept.length;
    left -= kept.length;
    if (kept.length > 0)
      out.push({ message: { text: clean(s.header || s.role) }, frames: kept.map(stackFrame) });
  }
  return { stacks: out, cut };
}

export function fingerprint(f: Finding): string {
  return createHash('sha256').update(`${f.kind}\n${f.package}\n${f.signature}`).digest('hex').slice(0, 32);
}

function resultOf(f: Finding, failOn: ReadonlySet<FindingKind> | undefined): Sarif.Result {
  const [primary, ...others] = f.locations;
  const related = [...others, ...creationSites(f)].slice(0, SARIF_MAX_LOCATIONS - 1);
  const { stacks: st, cut } = stacks(f, SARIF_MAX_LOCATIONS - 1 - related.length);
  const share = seenText(f).replace(/^\S+\s*/, ' ');
  const seen = f.kind === 'build' ? '' : ` Seen in ${f.runsSeen} of ${f.runs} runs${share}.`;
  const tests =
    f.tests.length > 0
      ? ` Tests: ${f.tests.slice(0, 20).join(', ')}${f.tests.length > 20 ? ', …' : ''}.`
      : '';
  const detail = f.message && f.kind !== 'race' && !f.title.endsWith(f.message) ? ` ${f.message}` : '';
  const cutText =
    cut > 0
      ? ` (${cut} stack frames left out: GitHub takes at most ${SARIF_MAX_LOCATIONS} locations per result.)`
      : '';
  const result: Sarif.Result = {
    ruleId: `race-rerun/${f.kind}`,
    ruleIndex: FINDING_KINDS.indexOf(f.kind),
    level: failOn === undefined || failOn.has(f.kind) ? 'error' : 'warning',
    message: { text: clean(`${f.title}.${seen}${detail}${tests} Reproduce: ${f.reproduce}${cutText}`) },
    locations: primary ? [sarifLocation(primary)] : [],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
    properties: {
      id: f.id,
      package: f.package,
      runsSeen: f.runsSeen,
      runs: f.runs,
      interval: { low: f.interval.low, high: f.interval.high },
      tests: f.tests.slice(0, 100),
    },
  };
  if (related.length > 0) result.relatedLocations = related.map((l, i) => sarifLocation(l, i + 1));
  if (st.length > 0) result.stacks = st;
  return result;
}

export interface SarifOptions {
  /** `fail-on` kinds: their results are errors, others warnings. Default: all errors. */
  failOn?: readonly FindingKind[];
  /** `https://github.com/o/r` and the commit, for versionControlProvenance. */
  repoUrl?: string;
}

export function renderSarif(report: Report, opts: SarifOptions = {}): Sarif.Log {
  const ranked = rankFindings(report.findings);
  const kept = ranked.slice(0, SARIF_MAX_RESULTS);
  const failOn = opts.failOn ? new Set(opts.failOn) : undefined;
  const notes: Sarif.Notification[] = [];
  if (ranked.length > kept.length) {
    notes.push({
      level: 'warning',
      message: {
        text: `${ranked.length - kept.length} of ${ranked.length} findings left out: GitHub code scanning takes at most ${SARIF_MAX_RESULTS} results per run. The JSON report has them all.`,
      },
    });
  }
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'race-rerun',
        version: report.tool.version,
        semanticVersion: report.tool.version,
        rules: rules(),
      },
    },
    invocations: [
      {
        executionSuccessful: report.verdict !== 'error',
        ...(notes.length > 0 ? { toolExecutionNotifications: notes } : {}),
      },
    ],
    columnKind: 'utf16CodeUnits',
    results: kept.map((f) => resultOf(f, failOn)),
    properties: { summary: clean(report.summary), totalRuns: report.totalRuns },
  };
  const commit = report.context.commit;
  if (opts.repoUrl && commit)
    run.versionControlProvenance = [{ repositoryUri: opts.repoUrl, revisionId: commit }];
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}
