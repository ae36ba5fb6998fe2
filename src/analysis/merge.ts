// Merges shard reports into the report one job would have written had it run them all: findings by
// signature (runs seen summed, `seenIn` united: run numbers are global), tests and packages summed,
// intervals recomputed, notes kept. Associative and commutative: the inputs are put in shard order
// first, and everything else is a sum, a union or "the one from the lowest shard". Pure.
import type { Finding, MergeInfo, PackageReport, Report, TestReport, Verdict } from '../model.js';
import { sortKeys } from './hash.js';
import {
  addCooccurrence,
  assignIds,
  compareFindings,
  compareTests,
  summarize,
  testStatus,
} from './report.js';
import { reproduceCommand, reproduceInputFor } from './reproduce.js';
import { wilson } from './stats.js';

// Fields other parts of race-rerun add under agreed names; merged whenever present.
type WithFails = Finding & { failsTests?: string[] };
type WithFailedBy = TestReport & { failedBy?: string[] };
type Cancelled = { signal: string; runsDone: number; runsPlanned: number };
type WithCancelled = Report & { cancelled?: Cancelled };

/** Reports that cannot be merged: different commits, settings, or shards given twice. */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

export interface NamedReport {
  /** Where it came from, for messages (a file name). */
  name: string;
  report: Report;
}

export interface MergeResult {
  report: Report;
  /** Said once as a warning by the caller (a missing shard). */
  warnings: string[];
}

/** The shards a report stands for: its own, those merged into it, or 1 of 1 for one job's report. */
export function shardsOf(r: Report): number[] {
  return r.shard ? [r.shard.index] : (r.merged?.shards ?? [1]);
}

function totalOf(r: Report): number {
  return r.shard?.total ?? r.merged?.total ?? 1;
}

function describeShards(shards: number[], total: number): string {
  return shards.length === 1 ? `shard ${shards[0]} of ${total}` : `shards ${shards.join(', ')} of ${total}`;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));

/** Throws a MergeError saying which report differs from the first, and in what. */
function checkCompatible(inputs: NamedReport[]): void {
  const [first, ...rest] = inputs;
  if (!first) throw new MergeError('No reports to merge.');
  const f = first.report;
  const fields: [string, (r: Report) => unknown][] = [
    ['commit', (r) => r.context.commit],
    ['number of shards', totalOf],
    ['mode', (r) => r.mode],
    ['race-rerun version', (r) => r.tool.version],
    ['schema version', (r) => r.schemaVersion],
    ['pull request', (r) => r.pullRequest?.number],
    ['settings', (r) => ({ ...r.context, commit: undefined })],
  ];
  for (const { name, report } of rest) {
    for (const [what, get] of fields) {
      if (same(get(report), get(f))) continue;
      const show = (r: Report) => JSON.stringify(get(r) ?? null);
      throw new MergeError(
        `Cannot merge ${name} with ${first.name}: their ${what} differ (${show(report)} vs ${show(f)}). Merge only the shards of one run, with the same settings.`,
      );
    }
  }
  const seen = new Map<number, string>();
  for (const { name, report } of inputs) {
    for (const s of shardsOf(report)) {
      const other = seen.get(s);
      if (other !== undefined)
        throw new MergeError(
          `Shard ${s} is given twice: in ${other} and in ${name}. Give each shard once (a report of a job without shard counts as shard 1 of 1).`,
        );
      seen.set(s, name);
    }
  }
}

/** Notes or errors with the shard each came from; the merge's own (shard 0) are said anew. */
function mergeTexts(inputs: Report[], field: 'notes' | 'errors'): { texts: string[]; shards: number[] } {
  const first = new Map<string, number>();
  for (const r of inputs) {
    const origin = field === 'notes' ? r.merged?.noteShards : r.merged?.errorShards;
    r[field].forEach((text, i) => {
      const shard = origin ? (origin[i] ?? 0) : (r.shard?.index ?? 0);
      if (shard === 0 || first.has(text)) return;
      first.set(text, shard);
    });
  }
  // Stable: texts of one shard come from one input, in that shard's order.
  const sorted = [...first].sort((a, b) => a[1] - b[1]);
  return { texts: sorted.map((e) => e[0]), shards: sorted.map((e) => e[1]) };
}

function mergePackages(inputs: Report[]): PackageReport[] {
  const byPath = new Map<string, PackageReport>();
  for (const r of inputs) {
    for (const p of r.packages) {
      const m = byPath.get(p.importPath);
      if (!m) byPath.set(p.importPath, { ...p });
      else {
        m.runs += p.runs;
        m.failedRuns += p.failedRuns;
        m.built ||= p.built;
      }
    }
  }
  return [...byPath.values()].sort((a, b) => (a.importPath < b.importPath ? -1 : 1));
}

function findingKey(f: Finding): string {
  return `${f.kind === 'build' ? 'build' : 'run'}\u0000${f.package}\u0000${f.signature}`;
}

function union<T>(lists: (readonly T[] | undefined)[]): T[] {
  return [...new Set(lists.flatMap((l) => l ?? []))];
}

/** One finding from its occurrences in the inputs (in shard order), counted against `runs`. */
function mergeFinding(parts: Finding[], runs: number): Finding {
  // The first occurrence is the one of the lowest run number (ties: the lowest shard).
  const rep = parts.reduce((a, b) => ((b.seenIn[0] ?? 0) < (a.seenIn[0] ?? 0) ? b : a));
  const seenIn = union(parts.map((p) => p.seenIn)).sort((a, b) => a - b);
  const isBuild = rep.kind === 'build';
  const runsSeen = isBuild ? 1 : seenIn.length;
  const total = isBuild ? 1 : runs;
  const merged: WithFails = {
    ...structuredClone(rep),
    runsSeen,
    runs: total,
    interval: wilson(runsSeen, total),
    seenIn,
    tests: union(parts.map((p) => p.tests)).sort(),
  };
  delete merged.cooccurringRaces;
  const recovery = parts.map((p) => p.stackRecovery);
  if (recovery.includes('unrecovered')) merged.stackRecovery = 'unrecovered';
  else if (recovery.includes('recovered')) merged.stackRecovery = 'recovered';
  const alone = parts.filter((p) => p.aloneRuns !== undefined);
  if (alone.length > 0) merged.aloneRuns = alone.reduce((n, p) => n + (p.aloneRuns ?? 0), 0);
  // Said anew from the merged tests (see foldFailures).
  delete merged.failsTests;
  // A race made by another test's goroutine: said as its first such occurrence says it.
  const owned = parts
    .filter((p) => p.goroutineOf !== undefined)
    .sort((a, b) => (a.seenIn[0] ?? 0) - (b.seenIn[0] ?? 0))[0];
  if (owned && merged.goroutineOf === undefined) {
    merged.goroutineOf = owned.goroutineOf as string;
    merged.message += /; made by a goroutine of .*$/.exec(owned.message)?.[0] ?? '';
  }
  return merged;
}

function mergeFindings(
  inputs: Report[],
  packages: PackageReport[],
): { findings: Finding[]; idOf: Map<string, string> } {
  const pkgRuns = new Map(packages.map((p) => [p.importPath, p.runs]));
  const groups = new Map<string, Finding[]>();
  const keyOfOld = new Map<string, string>();
  for (const r of inputs) {
    for (const f of r.findings) {
      const key = findingKey(f);
      keyOfOld.set(f.id, key);
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
  }
  const findings: Finding[] = [];
  for (const parts of groups.values()) {
    const pkg = parts[0]?.package ?? '';
    // A package the reports do not list (parse mode): its runs are those of the parts.
    const runs = pkgRuns.get(pkg) ?? parts.reduce((n, p) => n + p.runs, 0);
    findings.push(mergeFinding(parts, runs));
  }
  findings.sort(compareFindings);
  assignIds(findings);
  addCooccurrence(findings);
  const idOfKey = new Map(findings.map((f) => [findingKey(f), f.id]));
  const idOf = new Map<string, string>();
  for (const [old, key] of keyOfOld) {
    const id = idOfKey.get(key);
    if (id) idOf.set(old, id);
  }
  return { findings, idOf };
}

function mergeTests(inputs: Report[], idOf: Map<string, string>): TestReport[] {
  // A test failed only because of findings when it did in every shard where it failed.
  const byTest = new Map<
    string,
    { t: TestReport; skipped: boolean; failedBy?: Set<string>; explained: boolean }
  >();
  for (const r of inputs) {
    for (const t of r.tests as WithFailedBy[]) {
      const key = `${t.package}\u0000${t.name}`;
      const e = byTest.get(key);
      const failedBy = t.failedBy?.map((id) => idOf.get(id) ?? id);
      const explained = t.failed === 0 || (failedBy !== undefined && failedBy.length > 0);
      if (!e) {
        byTest.set(key, {
          t: { ...t, ...(t.alone ? { alone: { ...t.alone } } : {}) },
          skipped: t.status === 'skipped',
          explained,
          ...(failedBy ? { failedBy: new Set(failedBy) } : {}),
        });
        continue;
      }
      e.t.runs += t.runs;
      e.t.failed += t.failed;
      if (t.alone) {
        const a = e.t.alone ?? { runs: 0, failed: 0 };
        e.t.alone = { runs: a.runs + t.alone.runs, failed: a.failed + t.alone.failed };
      }
      e.skipped &&= t.status === 'skipped';
      e.explained &&= explained;
      if (failedBy) e.failedBy = new Set([...(e.failedBy ?? []), ...failedBy]);
    }
  }
  const tests = [...byTest.values()].map(({ t, skipped, failedBy, explained }) => {
    // As one job says it: rerun alone without a failure, and failed with others running.
    const overlap = t.alone !== undefined && t.alone.failed === 0 && t.failed > 0;
    const { failedBy: _old, ...rest } = t as WithFailedBy;
    const out: WithFailedBy = {
      ...rest,
      status: overlap ? 'overlap' : testStatus(t.failed, t.runs, skipped),
      interval: wilson(t.failed, t.runs),
    };
    if (failedBy && failedBy.size > 0 && explained && t.failed > 0) out.failedBy = [...failedBy].sort();
    return out;
  });
  return tests.sort(compareTests);
}

/** `Finding.failsTests` from the merged tests' `failedBy`, as one job derives it. */
function foldFailures(findings: Finding[], tests: TestReport[]): void {
  const byId = new Map(findings.map((f) => [f.id, f as WithFails]));
  for (const t of tests as WithFailedBy[]) {
    for (const id of t.failedBy ?? []) {
      const f = byId.get(id);
      if (f) f.failsTests = [...(f.failsTests ?? []), t.name].sort();
    }
  }
}

/** The merge's own notes: missing shards, and what applied per shard. */
function mergeNotes(base: Report, shards: number[], total: number): { notes: string[]; warnings: string[] } {
  const notes: string[] = [];
  const warnings: string[] = [];
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((s) => !shards.includes(s));
  if (missing.length > 0) {
    const w = `Merged ${shards.length} of ${total} shards: ${describeShards(missing, total)} ${missing.length === 1 ? 'is' : 'are'} missing, so fewer runs were counted than one job would have run.`;
    notes.push(w);
    warnings.push(w);
  }
  const perShard: string[] = [];
  if (base.context.until) perShard.push(`until: ${base.context.until}`);
  if (base.context.maxDuration) perShard.push(`max-duration ${base.context.maxDuration}`);
  if (perShard.length > 0) {
    notes.push(
      `${perShard.join(' and ')} applied per shard: each job stopped on its own, and the runs counted here are what the shards ran.`,
    );
  }
  return { notes, warnings };
}

/** Merges shard reports (or merged ones) into one; throws a MergeError when they do not belong together. */
export function mergeReports(named: NamedReport[]): MergeResult {
  checkCompatible(named);
  const inputs = named
    .map((n) => n.report)
    .sort((a, b) => Math.min(...shardsOf(a)) - Math.min(...shardsOf(b)));
  const base = inputs[0] as Report;
  const total = totalOf(base);
  const shards = inputs.flatMap(shardsOf).sort((a, b) => a - b);
  const packages = mergePackages(inputs);
  const { findings, idOf } = mergeFindings(inputs, packages);
  const tests = mergeTests(inputs, idOf);
  foldFailures(findings, tests);
  const own = mergeNotes(base, shards, total);
  const notes = mergeTexts(inputs, 'notes');
  const errors = mergeTexts(inputs, 'errors');
  const totalRuns = inputs.reduce((n, r) => n + r.totalRuns, 0);
  const allErrors = errors.texts;
  const verdict: Verdict =
    allErrors.length > 0 && totalRuns === 0 ? 'error' : findings.length > 0 ? 'findings' : 'clean';
  const jobs = inputs.reduce((n, r) => n + (r.merged?.jobs ?? 1), 0);
  const merged: MergeInfo = {
    total,
    shards,
    jobs,
    noteShards: [...own.notes.map(() => 0), ...notes.shards],
    errorShards: errors.shards,
  };
  const ranCounts = packages.filter((p) => p.runs > 0).map((p) => p.runs);
  const summary = summarize(
    { mode: base.mode, count: base.runs, errors: allErrors },
    findings,
    tests,
    verdict,
    totalRuns,
    ranCounts,
  );
  const report: Report = {
    schemaVersion: 1,
    tool: { ...base.tool },
    mode: base.mode,
    runs: base.runs,
    totalRuns,
    failedRuns: inputs.reduce((n, r) => n + r.failedRuns, 0),
    packages,
    findings,
    tests,
    verdict,
    summary: total > 1 || jobs > 1 ? `${summary} (${mergedText(merged)})` : summary,
    errors: allErrors,
    notes: [...own.notes, ...notes.texts],
    context: structuredClone(base.context),
    merged,
  };
  const job = inputs.find((r) => r.job)?.job;
  if (job) {
    const { matrix: _matrix, ...rest } = job;
    report.job = rest;
  }
  // Said anew from the merged tests and the settings, so the command covers every shard's tests
  // and no report (an untrusted artifact) chooses what a reader is told to run.
  for (const f of findings) f.reproduce = reproduceCommand(reproduceInputFor(report, f));
  // only-changed: every shard chose from the same commit, so the first one's choice is everyone's.
  if (base.focus) report.focus = structuredClone(base.focus);
  // tests-from: every shard read the same logs and chose the same tests.
  if (base.testsFrom) report.testsFrom = structuredClone(base.testsFrom);
  const pr = inputs.find((r) => r.pullRequest)?.pullRequest;
  if (pr) report.pullRequest = { ...pr };
  const escaped = inputs.filter((r) => r.escapedProcesses !== undefined);
  if (escaped.length > 0)
    report.escapedProcesses = escaped.reduce((n, r) => n + (r.escapedProcesses ?? 0), 0);
  const cancelled = (inputs as WithCancelled[]).filter((r) => r.cancelled);
  if (cancelled.length > 0) {
    (report as WithCancelled).cancelled = {
      signal: cancelled[0]?.cancelled?.signal ?? '',
      runsDone: cancelled.reduce((n, r) => n + (r.cancelled?.runsDone ?? 0), 0),
      runsPlanned: cancelled.reduce((n, r) => n + (r.cancelled?.runsPlanned ?? 0), 0),
    };
  }
  return { report, warnings: own.warnings };
}

/** `4 jobs, 4 of 4 shards` / `3 jobs, 3 of 4 shards`. */
export function mergedText(m: MergeInfo): string {
  return `merged from ${m.jobs} job${m.jobs === 1 ? '' : 's'}: ${m.shards.length} of ${m.total} shards`;
}

/** The shard's own summary sentence says which shard it is. */
export function shardSummary(summary: string, shard: { index: number; total: number }): string {
  return `${summary} (shard ${shard.index} of ${shard.total})`;
}
