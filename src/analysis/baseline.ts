// Compares a report with one from the base branch: which findings are new, which were known
// there (and how often), and which of the base branch's findings were not seen now, with the
// chance they would have shown at their base rate. Pure: the baseline comes in as a Report.
import type { BaselineComparison, Finding, GoneFinding, KnownFinding, Location, Report } from '../model.js';

/** Lines a location may move and still be the same finding when nothing else matched. */
export const NEARBY_LINES = 40;
/** Above this chance of having shown, a finding not seen now is "likely fixed". */
export const LIKELY_FIXED = 0.95;
/** Gone findings listed at most (the rest are counted). */
const MAX_GONE = 50;

/** 1 − (1 − p)^n: the chance to see at least once in n runs what showed in k of m runs. */
export function chanceToShow(k: number, m: number, n: number): number {
  if (m <= 0 || k <= 0 || n <= 0) return 0;
  const p = Math.min(1, k / m);
  return 1 - (1 - p) ** n;
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The places without their lines: survives code above them moving. */
function placesKey(f: Finding): string {
  const locs = f.locations.map((l) => `${l.file}|${l.function}|${l.access ?? ''}`).sort();
  const extra = f.kind === 'failure' ? f.tests.join(',') : f.kind === 'build' ? f.message : '';
  return `${f.kind}|${f.package}|${locs.join(';')}|${extra}`;
}

function sameFilesNearby(a: Finding, b: Finding): boolean {
  if (a.kind !== b.kind || a.package !== b.package || a.locations.length === 0) return false;
  if (a.locations.length !== b.locations.length) return false;
  const sorted = (f: Finding) =>
    [...f.locations].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line));
  const [xs, ys] = [sorted(a), sorted(b)];
  return xs.every((x, i) => {
    const y = ys[i] as Location;
    return x.file === y.file && Math.abs(x.line - y.line) <= NEARBY_LINES;
  });
}

function movedFrom(now: Finding, then: Finding): string | undefined {
  // A race's sides swap roles between runs (whichever access the detector saw first).
  const left = [...then.locations];
  const take = (same: (b: Location) => boolean): Location | undefined => {
    const i = left.findIndex(same);
    return i < 0 ? undefined : left.splice(i, 1)[0];
  };
  const moved: string[] = [];
  for (const l of now.locations) {
    const was =
      take((b) => b.file === l.file && b.function === l.function && b.access === l.access) ??
      take((b) => b.file === l.file && b.access === l.access) ??
      take((b) => b.file === l.file);
    if (was && was.line !== l.line) moved.push(`${fileName(was.file)}:${was.line}`);
  }
  return moved.length > 0 ? moved.join(', ') : undefined;
}

/** Which baseline finding each finding of the report is, matched at most once each. */
export function matchFindings(now: readonly Finding[], base: readonly Finding[]): Map<Finding, KnownFinding> {
  const out = new Map<Finding, KnownFinding>();
  const used = new Set<Finding>();
  const known = (f: Finding, b: Finding, match: KnownFinding['match']) => {
    used.add(b);
    const k: KnownFinding = { id: b.id, runsSeen: b.runsSeen, runs: b.runs, match };
    const moved = match === 'signature' ? undefined : movedFrom(f, b);
    if (moved) k.movedFrom = moved;
    out.set(f, k);
  };
  const passes: [KnownFinding['match'], (f: Finding, b: Finding) => boolean][] = [
    ['signature', (f, b) => f.kind === b.kind && f.package === b.package && f.signature === b.signature],
    ['functions', (f, b) => f.locations.length > 0 && placesKey(f) === placesKey(b)],
    ['nearby', sameFilesNearby],
  ];
  for (const [match, same] of passes) {
    for (const f of now) {
      if (out.has(f)) continue;
      const b = base.find((x) => !used.has(x) && same(f, x));
      if (b) known(f, b, match);
    }
  }
  return out;
}

/** `main`, `abc1234`, or `the baseline`: what "vs …" names. */
export function baselineLabel(base: Report): string {
  if (base.context.branch) return base.context.branch;
  if (base.context.commit) return base.context.commit.slice(0, 7);
  return 'the baseline';
}

/**
 * Marks every finding of `report` new or known and lists the baseline's findings not seen now
 * (only those of packages that ran now: a package left out says nothing about them).
 */
export function compareWithBaseline(report: Report, base: Report, source: string, baseBranch?: string): void {
  const matched = matchFindings(report.findings, base.findings);
  for (const f of report.findings) {
    const k = matched.get(f);
    f.baseline = k ? 'known' : 'new';
    if (k) f.known = k;
    else delete f.known;
  }
  const matchedIds = new Set([...matched.values()].map((k) => k.id));
  const runsNow = new Map(report.packages.map((p) => [p.importPath, p.runs]));
  const gone: GoneFinding[] = [];
  for (const b of base.findings) {
    if (matchedIds.has(b.id) || b.kind === 'build') continue;
    const n = runsNow.get(b.package) ?? 0;
    if (n === 0) continue;
    const shown = b.locations.slice(0, b.kind === 'race' ? 2 : 1);
    const g: GoneFinding = {
      id: b.id,
      kind: b.kind,
      title: b.title,
      package: b.package,
      runsSeen: b.runsSeen,
      runs: b.runs,
      runsNow: n,
      chance: chanceToShow(b.runsSeen, b.runs, n),
    };
    if (shown.length > 0) g.where = shown.map((l) => `${l.file}:${l.line}`).join(' ↔ ');
    gone.push(g);
  }
  gone.sort((a, b) => b.chance - a.chance);
  const comparison: BaselineComparison = {
    source,
    label: base.context.branch || baseBranch || baselineLabel(base),
    gone: gone.slice(0, MAX_GONE),
  };
  if (base.context.commit) comparison.commit = base.context.commit;
  report.baseline = comparison;
}

/** Whether a value read from a file looks like a race-rerun report (enough to compare with it). */
export function isReport(value: unknown): value is Report {
  const r = value as Partial<Report> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.tool?.name === 'race-rerun' &&
    Array.isArray(r.findings) &&
    Array.isArray(r.packages) &&
    typeof r.context === 'object' &&
    r.findings.every(
      (f) => typeof f?.id === 'string' && typeof f.signature === 'string' && Array.isArray(f.locations),
    )
  );
}
