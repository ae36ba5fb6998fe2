// The first lines of the summary and the comment: counts (new and known against the baseline),
// runs, commit and deltas on one line; what only-changed focused on; what the baseline had that
// was not seen now. Run counts are worded by one function for the verdict and the footer alike.
import { mergedText } from '../analysis/merge.js';
import {
  FINDING_KINDS,
  type Finding,
  type FindingKind,
  type Report,
  type TestReport,
  type TestsFromTest,
} from '../model.js';
import { code, escapeMarkdown, plural, safeUrl, shorten } from './escape.js';
import { KIND_LABEL, notSeenText } from './format.js';
import { kindNoun } from './table.js';

const MAX_GONE_SHOWN = 10;
const MAX_FOCUS_SHOWN = 15;

export interface HeadlineOptions {
  /** Head commit: `at abc1234`, linked when `commitUrl` is given. */
  sha?: string;
  commitUrl?: string;
  runUrl?: string;
  /** `only-new`: known findings alone do not make the verdict red. */
  onlyNew?: boolean;
}

const key = (pkg: string, name: string) => `${pkg}\u0000${name}`;

/** Tests that failed because of a finding: counted with the finding, not again as flaky tests. */
function explainedTests(report: Report): Set<string> {
  const out = new Set<string>();
  for (const f of report.findings) {
    for (const t of f.failsTests ?? []) out.add(key(f.package, t));
    // A test failure finding is the failing test itself.
    if (f.kind === 'failure') for (const t of f.tests) out.add(key(f.package, t));
  }
  for (const t of report.tests) if (t.failedBy && t.failedBy.length > 0) out.add(key(t.package, t.name));
  return out;
}

/** Flaky and failing tests that no finding explains. */
export function unexplainedTests(report: Report): TestReport[] {
  const explained = explainedTests(report);
  return report.tests.filter(
    (t) => (t.status === 'flaky' || t.status === 'failing') && !explained.has(key(t.package, t.name)),
  );
}

/** `30 runs`, `30 runs of each of 3 packages`, `75 runs over 3 packages`, `4 logs`. */
export function runsPhrase(report: Report): string {
  if (report.mode === 'parse') return plural(report.runs, 'log');
  const ran = report.packages.filter((p) => p.runs > 0);
  const per = [...new Set(ran.map((p) => p.runs))];
  if (ran.length <= 1) return plural(ran[0]?.runs ?? report.totalRuns, 'run');
  if (per.length === 1) return `${plural(per[0] ?? 0, 'run')} of each of ${ran.length} packages`;
  return `${plural(report.totalRuns, 'run')} over ${ran.length} packages`;
}

function countParts(report: Report): string[] {
  const parts: string[] = [];
  const compared = report.baseline !== undefined;
  for (const kind of FINDING_KINDS) {
    const all = report.findings.filter((f) => f.kind === kind);
    if (!compared) {
      if (all.length > 0) parts.push(plural(all.length, kindNoun(kind)));
      continue;
    }
    const fresh = all.filter((f) => f.baseline !== 'known').length;
    if (fresh > 0) parts.push(plural(fresh, `new ${kindNoun(kind)}`));
    if (all.length - fresh > 0) parts.push(plural(all.length - fresh, `known ${kindNoun(kind)}`));
  }
  const tests = unexplainedTests(report);
  const flaky = tests.filter((t) => t.status === 'flaky').length;
  const failing = tests.length - flaky;
  if (flaky > 0) parts.push(plural(flaky, 'flaky test'));
  if (failing > 0) parts.push(plural(failing, 'failing test'));
  return parts;
}

const SHORT: Record<FindingKind, string> = {
  race: 'race',
  panic: 'panic',
  fatal: 'fatal error',
  timeout: 'timeout',
  failure: 'failure',
  build: 'build failure',
  overlap: 'collision between runs',
};

/** `vs main: +1 race, −1 panic`: new findings and baseline findings not seen now, per kind. */
export function deltaText(report: Report, label: (s: string) => string = escapeMarkdown): string | undefined {
  const b = report.baseline;
  if (!b) return undefined;
  const parts: string[] = [];
  for (const kind of FINDING_KINDS) {
    const added = report.findings.filter((f) => f.kind === kind && f.baseline === 'new').length;
    const gone = b.gone.filter((g) => g.kind === kind).length;
    if (added > 0) parts.push(`+${plural(added, SHORT[kind])}`);
    if (gone > 0) parts.push(`−${plural(gone, SHORT[kind])}`);
  }
  return `vs ${label(b.label)}: ${parts.length > 0 ? parts.join(', ') : 'no change'}`;
}

function icon(report: Report, parts: string[], onlyNew: boolean): string {
  // A cancelled job or a lost part (an error) measured less than asked: never a green tick.
  const partial = report.cancelled !== undefined || report.errors.length > 0;
  if (report.findings.length === 0) return parts.length > 0 || partial ? '⚠️' : '✅';
  // Collisions between race-rerun's own runs only: a warning, not a failure.
  if (report.findings.every((f) => f.kind === 'overlap')) return '⚠️';
  if (onlyNew && report.findings.every((f: Finding) => f.baseline === 'known')) return '⚠️';
  return '❌';
}

/** `shard 2 of 4`, or for a merged report `merged from 4 jobs: 4 of 4 shards`: how many jobs ran. */
export function jobsText(report: Report): string | undefined {
  if (report.shard) return `shard ${report.shard.index} of ${report.shard.total}`;
  if (report.merged && (report.merged.total > 1 || report.merged.jobs > 1)) return mergedText(report.merged);
  return undefined;
}

/** `❌ **1 new data race · 1 known panic** — 30 runs at `abc1234` (vs main: +1 race) · [workflow run](…)` */
export function headline(report: Report, opts: HeadlineOptions = {}): string {
  const run = opts.runUrl ? ` · [workflow run](${safeUrl(opts.runUrl)})` : '';
  const focus = report.focus;
  if (focus && focus.packages.length === 0) {
    return `✅ **No Go code changed since ${code(focus.base.slice(0, 7))}: nothing was run**${run}`;
  }
  if (report.verdict === 'error' || report.totalRuns === 0) {
    return `⚠️ **${escapeMarkdown(report.summary)}**${run}`;
  }
  const parts = countParts(report);
  const what = parts.length > 0 ? parts.join(' · ') : 'No data race, panic or failure';
  const sha = opts.sha ? code(opts.sha.slice(0, 7)) : '';
  const at = sha ? ` at ${opts.commitUrl ? `[${sha}](${safeUrl(opts.commitUrl)})` : sha}` : '';
  const delta = deltaText(report);
  const jobs = jobsText(report);
  const c = report.cancelled;
  const cut = c ? ` · cancelled (${c.signal}) after ${c.runsDone} of ${plural(c.runsPlanned, 'run')}` : '';
  return `${icon(report, parts, opts.onlyNew === true)} **${what}** — ${runsPhrase(report)}${jobs ? ` (${jobs})` : ''}${at}${delta ? ` (${delta})` : ''}${cut}${run}`;
}

/** `only-changed`: which packages ran and why, in one paragraph. */
export function focusLines(report: Report): string[] {
  const f = report.focus;
  if (!f) return [];
  const base = code(f.base.slice(0, 7));
  const files = plural(f.changedFileCount, 'file');
  if (f.packages.length === 0) {
    return [
      `**Only changed:** ${files} changed since ${base}, none of them Go code of a tested package, so no test ran.`,
    ];
  }
  const shown = f.packages.slice(0, MAX_FOCUS_SHOWN).map((p) => {
    const why =
      p.reason === 'imports' ? `imports ${code(p.via ?? '?')}` : p.via ? `${code(p.via)} changed` : 'changed';
    return `${code(p.importPath)} (${why})`;
  });
  const more = f.packages.length > MAX_FOCUS_SHOWN ? ` and ${f.packages.length - MAX_FOCUS_SHOWN} more` : '';
  const skipped = f.skipped > 0 ? `; ${plural(f.skipped, 'other test package')} not run` : '';
  return [
    `**Only changed:** ${files} changed since ${base}; ran ${plural(f.packages.length, 'package')}: ${shown.join(', ')}${more}${skipped}.`,
  ];
}

/**
 * `3 logs read; reran TestA (failed in 2 of 3 logs), TestB (failed in 1 of 3 logs) of pkg`:
 * what tests-from read and chose, in words shared by the summary and the terminal.
 */
export function testsFromText(report: Report, quote: (s: string) => string = (s) => s): string | undefined {
  const t = report.testsFrom;
  if (!t) return undefined;
  const read =
    t.logs.length === 1 ? `${quote(t.logs[0] ?? '')} read` : `${plural(t.logs.length, 'log')} read`;
  if (t.tests.length === 0) return `${read}; no test failed in ${t.logs.length === 1 ? 'it' : 'them'}.`;
  const byPackage = new Map<string, string[]>();
  for (const test of t.tests.slice(0, MAX_FOCUS_SHOWN)) {
    const list = byPackage.get(test.package) ?? [];
    byPackage.set(test.package, list);
    list.push(
      test.test ? `${quote(test.test)} (${failedInText(test)})` : `all tests (${failedInText(test)})`,
    );
  }
  const parts = [...byPackage].map(
    ([pkg, tests]) => `${tests.join(', ')} of ${pkg ? quote(pkg) : 'no named package'}`,
  );
  const more = t.tests.length > MAX_FOCUS_SHOWN ? ` and ${t.tests.length - MAX_FOCUS_SHOWN} more` : '';
  return `${read}; reran ${parts.join('; ')}${more}.`;
}

/** `failed in 2 of 5 logs`: how a rerun test (or whole package) did in the logs read. */
export function failedInText(t: TestsFromTest): string {
  return `failed in ${t.failed} of ${t.logs} ${t.logs === 1 ? 'log' : 'logs'}`;
}

/** The summary's line for tests-from. */
export function testsFromLines(report: Report): string[] {
  const text = testsFromText(report, (s) => code(s));
  return text ? [`**Tests from:** ${text}`] : [];
}

function goneTitle(g: { kind: FindingKind; title: string }): string {
  const prefix = `${KIND_LABEL[g.kind]}: `;
  return g.title.startsWith(prefix) ? g.title.slice(prefix.length) : g.title;
}

function baseNames(where: string): string {
  return where
    .split(' ↔ ')
    .map((w) => w.slice(w.lastIndexOf('/') + 1))
    .join(' ↔ ');
}

/** The baseline's findings not seen now, each with the chance it would have shown. */
export function goneLines(report: Report): string[] {
  const b = report.baseline;
  if (!b || b.gone.length === 0) return [];
  const label = escapeMarkdown(b.label);
  const out = [`**Not seen now**, but seen on ${label} before:`, ''];
  for (const g of b.gone.slice(0, MAX_GONE_SHOWN)) {
    const where = g.where ? ` at ${code(baseNames(g.where))}` : '';
    out.push(
      `- **${KIND_LABEL[g.kind]}**${where} (${escapeMarkdown(shorten(goneTitle(g), 100))}, ${g.runsSeen}/${g.runs} on ${label}): ${notSeenText(g)}.`,
    );
  }
  if (b.gone.length > MAX_GONE_SHOWN)
    out.push(`- … and ${b.gone.length - MAX_GONE_SHOWN} more in the JSON report.`);
  return out;
}
