// Plain-text report for the CLI and the step log, with optional ANSI colour.
import { funcWithoutPackage } from '../analysis/names.js';
import type { Finding, FindingKind, Location, Report, TestReport } from '../model.js';
import {
  baselineText,
  clean,
  displayFile,
  KIND_LABEL,
  notSeenText,
  rerunFor,
  runList,
  shownStacks,
  stackRecoveryText,
  titleRest,
  trimFrames,
} from './format.js';
import { deltaText, testsFromText } from './headline.js';

const TAG: Record<FindingKind, string> = {
  race: 'RACE',
  panic: 'PANIC',
  fatal: 'FATAL',
  timeout: 'TIMEOUT',
  failure: 'FAILURE',
  build: 'BUILD',
  overlap: 'OVERLAP',
};

type Paint = (s: string) => string;

function palette(color: boolean) {
  const wrap =
    (open: string): Paint =>
    (s) =>
      color ? `\x1b[${open}m${s}\x1b[0m` : s;
  return {
    red: wrap('1;31'),
    yellow: wrap('33'),
    cyan: wrap('36'),
    dim: wrap('2'),
    bold: wrap('1'),
    green: wrap('32'),
  };
}

function locationLine(l: Location, paint: ReturnType<typeof palette>): string {
  const what = l.access
    ? l.role.endsWith('-creation')
      ? `${l.access}, goroutine created here`
      : l.access
    : l.role;
  const fn = l.function ? `  ${funcWithoutPackage(l.function)}` : '';
  return `  ${paint.cyan(`${l.file}:${l.line}`)}${fn}  [${what}]`;
}

function findingBlock(report: Report, f: Finding, paint: ReturnType<typeof palette>): string[] {
  const count = f.kind === 'build' ? 'build' : `${f.runsSeen}/${f.runs} runs`;
  if (f.kind === 'overlap') {
    // One line: not a flaky test, a collision between race-rerun's own runs.
    const fix = f.message.slice(f.message.indexOf('passed alone'));
    return [
      `${paint.yellow(TAG.overlap)} ${paint.yellow(count)}  ${paint.bold(clean(titleRest(f).replace(/^(\S+)/, '$1 fails only when runs overlap')))}: ${clean(fix)}`,
    ];
  }
  const lines = [
    `${paint.red(TAG[f.kind].padEnd(7))} ${paint.yellow(count)}  ${paint.bold(clean(titleRest(f)))}`,
  ];
  const shown = f.kind === 'race' ? f.locations.slice(0, 2) : f.locations.slice(0, 1);
  for (const l of shown) lines.push(locationLine(l, paint));
  if (shown.length === 0) {
    // No repository frame: the first frames still say where to look.
    const stack = shownStacks(f)[0];
    for (const fr of trimFrames(stack?.frames ?? []).slice(0, 2)) {
      lines.push(
        `  ${paint.cyan(`${clean(displayFile(fr))}:${fr.line}`)}  ${clean(funcWithoutPackage(fr.function))}`,
      );
    }
  }
  // Titles already carry panic and fatal messages; failures and build errors say theirs here.
  if ((f.kind === 'failure' || f.kind === 'build' || f.kind === 'timeout') && f.message) {
    // A failure's message whole (testify's Error Trace/Error/Messages block), already bounded.
    const shown = f.kind === 'failure' ? f.message.split('\n') : f.message.split('\n').slice(0, 1);
    for (const l of shown) lines.push(`  ${clean(l.replace(/\t/g, '  '))}`);
  }
  const made = f.goroutineOf ? f.message.indexOf('made by a goroutine of') : -1;
  if (made >= 0) lines.push(`  ${clean(f.message.slice(made))}`);
  const facts: string[] = [];
  const known = report.baseline ? baselineText(f, report.baseline.label) : undefined;
  if (known) facts.push(clean(known));
  if (f.tests.length > 0) facts.push(`tests: ${clean(f.tests.join(', '))}`);
  if (f.kind !== 'build') facts.push(`runs: ${runList(f.seenIn)}`);
  const recovery = stackRecoveryText(f);
  if (recovery) facts.push(recovery);
  if (facts.length > 0) lines.push(`  ${facts.join('  ')}`);
  const rerun = rerunFor(report, f);
  lines.push(`  reproduce: ${f.reproduce}${rerun ? paint.dim('  (may need several tries)') : ''}`);
  if (rerun) lines.push(`  or count:  ${rerun}`);
  return lines;
}

/** Why a test failed when a finding explains it, and its runs alone when it was rerun alone. */
function testNote(report: Report, t: TestReport): string {
  const notes: string[] = [];
  if (t.alone) notes.push(`alone: failed ${t.alone.failed} of ${t.alone.runs}`);
  const causes = (t.failedBy ?? []).map((id) => report.findings.find((f) => f.id === id));
  const named = causes
    .map((f) => (f ? `the ${KIND_LABEL[f.kind].toLowerCase()} ${f.id}` : ''))
    .filter(Boolean);
  if (named.length > 0) notes.push(`fails because of ${named.join(', ')}`);
  return notes.length > 0 ? `  (${clean(notes.join('; '))})` : '';
}

export function renderTerminal(report: Report, opts: { color?: boolean } = {}): string {
  const paint = palette(opts.color ?? false);
  const out: string[] = [];
  for (const f of report.findings) out.push(...findingBlock(report, f, paint), '');

  const bad = report.tests.filter((t) => t.status === 'flaky' || t.status === 'failing');
  if (bad.length > 0) {
    out.push(paint.bold('Tests'));
    const width = Math.max(...bad.map((t) => `${t.failed}/${t.runs}`.length));
    for (const t of bad) {
      const status = t.status === 'failing' ? paint.red('FAILING') : paint.yellow('FLAKY  ');
      out.push(
        `  ${status}  ${`${t.failed}/${t.runs}`.padStart(width)}  ${clean(t.package)}  ${clean(t.name)}${testNote(report, t)}`,
      );
    }
    out.push('');
  }
  const focus = report.focus;
  if (focus) {
    const ran = focus.packages.map(
      (p) => `${p.importPath} (${p.reason === 'imports' ? `imports ${p.via}` : 'changed'})`,
    );
    const what =
      ran.length > 0 ? `ran ${ran.join(', ')}; ${focus.skipped} not run` : 'no Go code changed, nothing ran';
    out.push(`${paint.dim('only-changed:')} ${clean(`since ${focus.base.slice(0, 7)}: ${what}`)}`);
  }
  const testsFrom = testsFromText(report);
  if (testsFrom) out.push(`${paint.dim('tests-from:')} ${clean(testsFrom)}`);
  for (const g of report.baseline?.gone ?? []) {
    const where = g.where ? ` at ${g.where}` : '';
    out.push(
      `${paint.dim('gone:')} ${clean(`${g.title}${where} (${g.runsSeen}/${g.runs} on ${report.baseline?.label}): ${notSeenText(g)}`)}`,
    );
  }
  for (const e of report.errors) out.push(`${paint.red('error:')} ${clean(e)}`);
  for (const n of report.notes) out.push(`${paint.dim('note:')} ${clean(n)}`);
  if (report.errors.length + report.notes.length > 0) out.push('');

  const onlyOverlap = report.findings.every((f) => f.kind === 'overlap');
  const mark =
    report.verdict === 'findings' && !onlyOverlap
      ? paint.red('✗')
      : report.verdict !== 'clean' || bad.length > 0 || report.cancelled
        ? paint.yellow('!')
        : paint.green('✓');
  const delta = deltaText(report, (s) => s);
  out.push(`${mark} ${paint.bold(clean(report.summary))}${delta ? ` (${clean(delta)})` : ''}`);
  return `${out.join('\n')}\n`;
}
