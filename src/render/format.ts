// Wording shared by the renderers, so the annotation, the job summary and the terminal agree.
import { LIKELY_FIXED } from '../analysis/baseline.js';
import { shortFunc } from '../analysis/names.js';
import { reproduceInputFor, rerunCommand, rerunCount } from '../analysis/reproduce.js';
import type { Finding, FindingKind, Location, Report, ReportFrame, ReportStack } from '../model.js';

export const KIND_LABEL: Record<FindingKind, string> = {
  race: 'Data race',
  panic: 'Panic',
  fatal: 'Fatal error',
  timeout: 'Timeout',
  failure: 'Test failure',
  build: 'Build failed',
  overlap: 'Fails only when runs overlap',
};

/** The title without its `Data race: ` prefix: `write in Shutdown vs read in write`. */
export function titleRest(f: Finding): string {
  const prefix = `${KIND_LABEL[f.kind]}: `;
  return f.title.startsWith(prefix) ? f.title.slice(prefix.length) : f.title;
}

/** `Data race (7/30 runs): write in Shutdown vs read in write`; a build error has no count. */
export function countedTitle(f: Finding, rest: string = titleRest(f)): string {
  if (f.kind === 'build') return `${KIND_LABEL.build}: ${rest}`;
  return `${KIND_LABEL[f.kind]} (${f.runsSeen}/${f.runs} runs): ${rest}`;
}

const KIND_RANK: Record<FindingKind, number> = {
  race: 0,
  panic: 1,
  fatal: 2,
  timeout: 3,
  failure: 4,
  build: 5,
  overlap: 6,
};

/**
 * Most important first: how reproducible (share of runs), then kind. A build failure counts as
 * 1 of 1: nothing of its package ran. Stable, so ties keep the report's order.
 */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  const share = (f: Finding) => (f.runs > 0 ? f.runsSeen / f.runs : 0);
  return [...findings].sort((a, b) => share(b) - share(a) || KIND_RANK[a.kind] - KIND_RANK[b.kind]);
}

/** What a history_size rerun did for a race whose stack the detector had lost, or undefined. */
export function stackRecoveryText(f: Finding): string | undefined {
  if (f.stackRecovery === 'recovered') return 'stack recovered with a longer race history';
  if (f.stackRecovery === 'unrecovered') return 'one stack could not be recovered';
  return undefined;
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** `7/30 (23%, 95% CI 12–41%)` */
export function seenText(f: {
  runsSeen: number;
  runs: number;
  interval: { low: number; high: number };
}): string {
  const share = f.runs > 0 ? f.runsSeen / f.runs : 0;
  const ci = `${Math.round(f.interval.low * 100)}–${percent(f.interval.high)}`;
  return `${f.runsSeen}/${f.runs} (${percent(share)}, 95% CI ${ci})`;
}

/** `3, 7, 9`, or the first ten and `… (25 runs)`. */
export function runList(seenIn: readonly number[], max = 10): string {
  if (seenIn.length <= max) return seenIn.join(', ');
  return `${seenIn.slice(0, max).join(', ')}, … (${seenIn.length} runs)`;
}

/** Repository frames, plus the frame that called into them or that they called (`panic`, `runtime.mapassign`). */
export function trimFrames(frames: readonly ReportFrame[]): ReportFrame[] {
  const firstUser = frames.findIndex((f) => f.origin === 'repo');
  if (firstUser < 0) return frames.slice(0, 3);
  const out: ReportFrame[] = [];
  frames.forEach((f, i) => {
    if (f.origin === 'repo' || i === firstUser - 1) out.push(f);
  });
  return out;
}

const PRIMARY = new Set(['current', 'previous', 'panic', 'failure', 'build']);

/**
 * The stacks worth showing: the access/panic stacks, creation stacks that reach the repository
 * (`created by testing.(*T).Run` says nothing), and for a timeout the stuck tests' goroutines.
 */
export function shownStacks(f: Finding): ReportStack[] {
  const main = f.stacks.filter(
    (s) =>
      s.role !== 'goroutine' &&
      s.frames.length > 0 &&
      (PRIMARY.has(s.role) || s.frames.some((fr) => fr.origin === 'repo')),
  );
  if (f.kind !== 'timeout') return main;
  const stuck = f.stacks.filter((s) => s.role === 'goroutine' && s.frames.some((fr) => fr.origin === 'repo'));
  return [...main, ...stuck.slice(0, 4)];
}

/** Toolchain and module cache files from where the interesting part starts: `runtime/panic.go`. */
export function displayFile(frame: Pick<ReportFrame, 'file' | 'origin'>): string {
  if (frame.origin === 'goroot') {
    const i = frame.file.lastIndexOf('/src/');
    return i >= 0 ? frame.file.slice(i + 5) : frame.file;
  }
  if (frame.origin === 'modcache') {
    const i = frame.file.lastIndexOf('/pkg/mod/');
    return i >= 0 ? frame.file.slice(i + 9) : frame.file;
  }
  return frame.file;
}

export function frameLines(frame: ReportFrame, indent: string): string[] {
  const where = `${displayFile(frame)}:${frame.line}`;
  if (!frame.function) return [`${indent}${where}`];
  return [`${indent}${shortFunc(frame.function)}`, `${indent}    ${where}`];
}

/** Trimmed stacks as text: header, then `function` / `    file:line` per frame. */
export function stackText(f: Finding, indent = ''): string[] {
  const lines: string[] = [];
  for (const s of shownStacks(f)) {
    if (lines.length > 0) lines.push('');
    lines.push(`${indent}${(s.header || s.role).replace(/:?\s*$/, ':')}`);
    const frames = s.frames;
    const kept = trimFrames(frames);
    for (const fr of kept) lines.push(...frameLines(fr, `${indent}  `));
    const more = frames.length - kept.length;
    if (more > 0) lines.push(`${indent}  … ${more} more frame${more === 1 ? '' : 's'}`);
  }
  return lines;
}

/** Where a finding is, for tables: `file:line`, or the first frame outside the repository. */
export function whereTexts(f: Finding): string[] {
  const race = f.kind === 'race';
  const locs = race ? f.locations.slice(0, 2) : f.locations.slice(0, 1);
  if (locs.length > 0) return locs.map((l) => `${l.file}:${l.line}`);
  const frame = shownStacks(f)[0]?.frames[0];
  return frame ? [`${displayFile(frame)}:${frame.line}`] : [];
}

export function raceSides(f: Finding): { current?: Location; previous?: Location } {
  const out: { current?: Location; previous?: Location } = {};
  const cur = f.locations.find((l) => l.role === 'current' || l.role === 'current-creation');
  const prev = f.locations.find((l) => l.role === 'previous' || l.role === 'previous-creation');
  if (cur) out.current = cur;
  if (prev) out.previous = prev;
  return out;
}

/** `write`, or `write (in a goroutine started here)` when located at the goroutine's creation. */
export function accessWords(l: Location): string {
  const access = l.access ?? 'access';
  return l.role.endsWith('-creation') ? `${access} (in a goroutine started here)` : access;
}

export function rerunFor(report: Report, f: Finding): string | undefined {
  return rerunCommand(reproduceInputFor(report, f), rerunCount(report));
}

/** Control characters (ANSI escapes, CR) from test output must not reach a terminal or a log. */
export function clean(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/** A chance for humans: `89%`, `over 99.9%`, `under 1%`. */
export function chanceText(x: number): string {
  if (x >= 1) return '100%';
  if (x >= 0.9995) return 'over 99.9%';
  if (x > 0 && x < 0.005) return 'under 1%';
  return percent(x);
}

/** `known: 12/30 on main (moved from daemon.go:76)`, or `new`; undefined without a baseline. */
export function baselineText(f: Finding, label: string, withMoved = true): string | undefined {
  if (f.baseline === 'new') return 'new';
  if (f.baseline !== 'known' || !f.known) return undefined;
  const moved = withMoved && f.known.movedFrom ? ` (moved from ${f.known.movedFrom})` : '';
  return `known: ${f.known.runsSeen}/${f.known.runs} on ${label}${moved}`;
}

/**
 * `not seen in 30 runs (at its earlier 7% it would have shown with 89% probability)`, and
 * `: likely fixed` only when that chance is over 95%.
 */
export function notSeenText(g: { runsSeen: number; runs: number; runsNow: number; chance: number }): string {
  const runs = `${g.runsNow} run${g.runsNow === 1 ? '' : 's'}`;
  const rate = percent(g.runs > 0 ? g.runsSeen / g.runs : 0);
  const text = `not seen in ${runs} (at its earlier ${rate} it would have shown with ${chanceText(g.chance)} probability)`;
  return g.chance > LIKELY_FIXED ? `${text}: likely fixed` : text;
}
