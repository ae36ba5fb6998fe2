// The findings table of the job summary and the comment: one row per finding saying what it is
// (kind, short title, new or known, the tests it fails, what follows it), where (links whose text
// leaves out the directory every row shares) and how often (k/N, the 95% interval, and a strip of
// the runs it was seen in, so rate and co-occurrence show at a glance).
import { KIND_NOUN } from '../analysis/report.js';
import type { Finding, Location, Report } from '../model.js';
import { code, escapeMarkdown, shorten, WJ } from './escape.js';
import { baselineText, KIND_LABEL, stackRecoveryText, titleRest, whereTexts } from './format.js';

/** One mark per run up to this many runs; above, one mark per group of runs. */
export const STRIP_MARKS = 30;
// Bars on a baseline, like a sparkline: a bar per run it was seen in, with a gap between bars.
export const SEEN_MARK = '▌';
export const UNSEEN_MARK = '▁';
const MAX_TITLE = 120;
const MAX_LINK_TEXT = 40;
const MAX_TESTS = 3;
const MAX_FOLLOWERS = 3;
const NBSP = '\u00a0';

export interface TableOptions {
  /** Base of links to lines at the head commit: `https://github.com/o/r/blob/<sha>/`. */
  blobUrl?: string;
  /** What the baseline is called (`main`), when there is one. */
  baselineLabel?: string;
}

export function kindNoun(kind: Finding['kind']): string {
  return KIND_NOUN[kind];
}

/** `https://github.com/o/r/blob/<sha>/` + path + `#L<line>`, each path segment encoded. */
function lineUrl(blobUrl: string, file: string, line: number): string {
  return `${blobUrl}${file.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}

/** Both sides of a race (once when they are the same line), else the first location. */
function shownLocations(f: Finding): Location[] {
  if (f.kind !== 'race') return f.locations.slice(0, 1);
  const [a, b] = f.locations;
  if (a && b && a.file === b.file && a.line === b.line) return [a];
  return f.locations.slice(0, 2);
}

/** `examples/flaky-daemon/daemon/`: the directory all shown files are in, or ''. */
export function commonDir(findings: readonly Finding[]): string {
  const dirs = findings.flatMap((f) => shownLocations(f).map((l) => l.file.split('/').slice(0, -1)));
  const first = dirs[0];
  if (!first) return '';
  let n = Math.min(...dirs.map((d) => d.length));
  for (let i = 0; i < n; i++) {
    if (!dirs.every((d) => d[i] === first[i])) n = i;
  }
  return n === 0 ? '' : `${first.slice(0, n).join('/')}/`;
}

/** The path without the shared directory; a long rest keeps its last two parts. */
export function shortPath(file: string, common: string): string {
  const rest = common && file.startsWith(common) ? file.slice(common.length) : file;
  if (rest.length <= MAX_LINK_TEXT) return rest;
  return `…/${rest.split('/').slice(-2).join('/')}`;
}

function placeText(l: Location, common: string): string {
  return `${shortPath(l.file, common)}:${l.line}`;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function link(l: Location, common: string, blobUrl: string | undefined, short = false): string {
  const text = code(short ? `${baseName(l.file)}:${l.line}` : placeText(l, common));
  return blobUrl ? `[${text}](${lineUrl(blobUrl, l.file, l.line)})` : text;
}

/** `daemon.go:51 ↔ daemon.go:31`, linked to the lines at the head commit when the URL is known. */
export function whereCell(f: Finding, common: string, blobUrl?: string): string {
  const locs = shownLocations(f);
  if (locs.length === 0) {
    const where = whereTexts(f).map((w) => code(w));
    return where.length > 0 ? where.join(' ↔ ') : code(f.package || '?');
  }
  // The other side in the same file: its directory once is enough.
  const cell = locs.map((l, i) => link(l, common, blobUrl, i > 0 && l.file === locs[0]?.file)).join(' ↔ ');
  return f.kind === 'race' && locs.length === 1 && f.locations.length > 1 ? `${cell} (both sides)` : cell;
}

/** Which of its runs a finding was seen in: `▌▁▌▌▁…`, one mark per run or per group of runs. */
export function runStrip(f: Pick<Finding, 'runs' | 'seenIn'>): string {
  if (f.runs <= 1) return '';
  const seen = new Set(f.seenIn);
  const per = Math.ceil(f.runs / STRIP_MARKS);
  let strip = '';
  for (let start = 1; start <= f.runs; start += per) {
    let hit = false;
    for (let i = start; i < start + per && i <= f.runs; i++) if (seen.has(i)) hit = true;
    strip += hit ? SEEN_MARK : UNSEEN_MARK;
  }
  return strip;
}

/** Runs per mark of the strip (1 up to STRIP_MARKS runs). */
export function runsPerMark(runs: number): number {
  return Math.max(1, Math.ceil(runs / STRIP_MARKS));
}

/** `**9/30**`, the interval in a `<sub>` that does not break inside the range, and the strip. */
export function seenCell(f: Finding): string {
  if (f.kind === 'build') return 'build';
  const low = Math.round(f.interval.low * 100);
  const high = Math.round(f.interval.high * 100);
  const ci = `<sub>95%${NBSP}CI${NBSP}${low}–${WJ}${high}%</sub>`;
  const strip = runStrip(f);
  return `**${f.runsSeen}/${f.runs}**${NBSP}${ci}${strip ? `<br>${code(strip)}` : ''}`;
}

function testList(tests: readonly string[]): string {
  const shown = tests.slice(0, MAX_TESTS).map((t) => code(shorten(t, 80)));
  const more = tests.length > MAX_TESTS ? ` and ${tests.length - MAX_TESTS} more` : '';
  return `${shown.join(', ')}${more}`;
}

function share(part: number, whole: number): string {
  return part === whole && whole === 2 ? 'both runs' : `${part} of ${whole} runs`;
}

/** Where a finding is, in words for a note: `config.go:22`. */
function placeOf(f: Finding, common: string): string {
  const l = f.locations[0];
  return code(l ? placeText(l, common) : (whereTexts(f)[0] ?? f.package));
}

/** The tests it fails, what follows it (for a race) or what likely causes it (for the others). */
function rowNotes(report: Report, f: Finding, common: string): string[] {
  const notes: string[] = [];
  if (f.known?.movedFrom) notes.push(`moved from ${code(f.known.movedFrom)}`);
  if (f.failsTests && f.failsTests.length > 0) notes.push(`fails ${testList(f.failsTests)}`);
  else if (f.tests.length > 0 && f.kind !== 'failure') notes.push(`in ${testList(f.tests)}`);
  if (f.kind === 'race') {
    const followers = report.findings
      .map((s) => ({ s, c: s.cooccurringRaces?.find((c) => c.id === f.id) }))
      .filter((x): x is { s: Finding; c: { id: string; runs: number } } => x.c !== undefined)
      .slice(0, MAX_FOLLOWERS);
    for (const { s, c } of followers) {
      notes.push(`${KIND_NOUN[s.kind]} at ${placeOf(s, common)} follows it in ${share(c.runs, s.runsSeen)}`);
    }
  } else {
    const cause = f.cooccurringRaces?.[0];
    const race = cause && report.findings.find((r) => r.id === cause.id);
    if (cause && race) {
      notes.push(
        `likely cause: the data race at ${placeOf(race, common)} (in ${share(cause.runs, f.runsSeen)})`,
      );
    }
  }
  const recovery = stackRecoveryText(f);
  if (recovery) notes.push(recovery);
  return notes;
}

function findingCell(report: Report, f: Finding, common: string, opts: TableOptions): string {
  const tag = opts.baselineLabel ? baselineText(f, opts.baselineLabel, false) : undefined;
  const status = tag === 'new' ? ' · **new**' : tag ? ` · ${escapeMarkdown(tag)}` : '';
  const notes = rowNotes(report, f, common);
  const sub = notes.length > 0 ? `<br><sub>${notes.join('; ')}</sub>` : '';
  return `**${KIND_LABEL[f.kind]}**${status}<br>${escapeMarkdown(shorten(titleRest(f), MAX_TITLE))}${sub}`;
}

/** Rows shown before the fold; the others are in a collapsed table under the top command. */
export const OPEN_ROWS = 5;

function tableLines(
  report: Report,
  findings: readonly Finding[],
  common: string,
  opts: TableOptions,
): string[] {
  const lines = ['| Finding | Where | Seen |', '| --- | --- | --- |'];
  for (const f of findings) {
    lines.push(
      `| ${findingCell(report, f, common, opts)} | ${whereCell(f, common, opts.blobUrl)} | ${seenCell(f)} |`,
    );
  }
  return lines;
}

function legend(findings: readonly Finding[], common: string): string[] {
  const parts: string[] = [];
  if (common) parts.push(`Files in ${code(common)}.`);
  const counted = findings.filter((f) => f.kind !== 'build' && f.runs > 1);
  const grouped = Math.max(0, ...counted.map((f) => runsPerMark(f.runs)));
  if (counted.length > 0) {
    const per = grouped > 1 ? ` (a mark stands for up to ${grouped} runs)` : '';
    parts.push(`Runs in order: ${code(SEEN_MARK)} seen, ${code(UNSEEN_MARK)} not seen${per}.`);
  }
  return parts.length > 0 ? ['', `<sub>${parts.join(' ')}</sub>`] : [];
}

/**
 * The table of the first OPEN_ROWS findings with its legend (`open`), and the rest in a
 * collapsed table (`more`, empty when there is no rest). Both drop the same shared directory.
 */
export function findingsTable(
  report: Report,
  findings: readonly Finding[],
  opts: TableOptions = {},
): { open: string[]; more: string[] } {
  const common = commonDir(findings);
  const first = findings.slice(0, OPEN_ROWS);
  const rest = findings.slice(OPEN_ROWS);
  const open = [...tableLines(report, first, common, opts), ...legend(findings, common)];
  if (rest.length === 0) return { open, more: [] };
  return {
    open,
    more: [
      `<details><summary>${rest.length} more finding${rest.length === 1 ? '' : 's'}</summary>`,
      '',
      ...tableLines(report, rest, common, opts),
      '',
      '</details>',
    ],
  };
}
