// The job summary (GitHub-flavoured markdown). Messages, test names and stacks come from test
// output, so everything that is not inside a code block is escaped: a panic value must not be able
// to break a table, open HTML, or @-mention someone.
import type { Finding, Report } from '../model.js';
import {
  KIND_LABEL,
  percent,
  rerunFor,
  runList,
  seenText,
  stackText,
  titleRest,
  whereTexts,
} from './format.js';

/** Findings whose details are written out; the JSON report has the rest. */
const MAX_DETAILS = 30;
const MAX_TEST_ROWS = 50;

/** Text for markdown and HTML: entities for `& < >`, `\` before markdown punctuation, no mentions. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/@(?=\w)/g, '@\u200b')
    .replace(/#(?=\d)/g, '#\u200b');
}

/** For HTML (`<summary>`): markdown does not apply there, mentions still do. */
function escapeHtml(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/@(?=\w)/g, '@\u200b')
    .replace(/#(?=\d)/g, '#\u200b');
}

/** An inline code span that survives backticks in the text and `|` in a table cell. */
export function code(s: string, inTable = true): string {
  const text = s.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  const body = inTable ? text.replace(/\|/g, '\\|') : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside. */
function block(text: string, lang: string): string {
  const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text}\n${fence}`;
}

function verdictLine(report: Report): string {
  const badTests = report.tests.some((t) => t.status === 'flaky' || t.status === 'failing');
  const icon = report.verdict === 'findings' ? '❌' : report.verdict === 'error' || badTests ? '⚠️' : '✅';
  return `${icon} **${escapeMarkdown(report.summary)}**`;
}

function testsCell(tests: readonly string[]): string {
  if (tests.length === 0) return '';
  const shown = tests.slice(0, 5).map((t) => code(t));
  return tests.length > 5 ? `${shown.join(', ')} and ${tests.length - 5} more` : shown.join(', ');
}

function findingsTable(report: Report): string[] {
  const lines = ['| Kind | Where | Seen | Tests |', '| --- | --- | --- | --- |'];
  for (const f of report.findings) {
    const kind = `**${KIND_LABEL[f.kind]}**<br>${escapeMarkdown(titleRest(f))}`;
    const where = whereTexts(f).map((w) => code(w));
    const whereCell = where.length > 0 ? where.join(' ↔ ') : code(f.package || '?');
    const seen = f.kind === 'build' ? 'build' : escapeMarkdown(seenText(f));
    lines.push(`| ${kind} | ${whereCell} | ${seen} | ${testsCell(f.tests)} |`);
  }
  return lines;
}

function testsTable(report: Report): string[] {
  const bad = report.tests.filter((t) => t.status === 'flaky' || t.status === 'failing');
  if (bad.length === 0) return [];
  const lines = [
    '### Flaky and failing tests',
    '',
    '| Package | Test | Failed | Status |',
    '| --- | --- | --- | --- |',
  ];
  for (const t of bad.slice(0, MAX_TEST_ROWS)) {
    const share = t.runs > 0 ? ` (${percent(t.failed / t.runs)})` : '';
    lines.push(`| ${code(t.package)} | ${code(t.name)} | ${t.failed}/${t.runs}${share} | ${t.status} |`);
  }
  if (bad.length > MAX_TEST_ROWS)
    lines.push('', `… and ${bad.length - MAX_TEST_ROWS} more in the JSON report.`);
  return lines;
}

function details(report: Report, f: Finding): string[] {
  const counted = f.kind === 'build' ? '' : ` (${f.runsSeen}/${f.runs} runs)`;
  const lines = [
    '<details>',
    `<summary><b>${escapeHtml(KIND_LABEL[f.kind])}</b>: ${escapeHtml(titleRest(f))}${counted}</summary>`,
    '',
  ];
  // The title already shows a short message in full.
  if (f.message && f.kind !== 'race' && !f.title.endsWith(f.message))
    lines.push(block(f.message, 'text'), '');
  const stacks = stackText(f);
  if (stacks.length > 0 && f.kind !== 'failure' && f.kind !== 'build')
    lines.push(block(stacks.join('\n'), 'text'), '');
  const facts: string[] = [];
  if (f.kind !== 'build') facts.push(`Seen in runs ${runList(f.seenIn)} of ${f.runs}`);
  if (f.tests.length > 0) facts.push(`tests: ${f.tests.map((t) => code(t, false)).join(', ')}`);
  facts.push(`package ${code(f.package, false)}`);
  facts.push(`id ${code(f.id, false)}`);
  lines.push(`${facts.join(' · ')}.`, '');
  const rerun = rerunFor(report, f);
  if (rerun) {
    lines.push(
      'Reproduce from the repository root (a race or flaky failure may need several tries):',
      '',
      block(f.reproduce, 'sh'),
      '',
      'or let race-rerun repeat it and count:',
      '',
      block(rerun, 'sh'),
      '',
    );
  } else {
    lines.push('Reproduce from the repository root:', '', block(f.reproduce, 'sh'), '');
  }
  if (f.sample) {
    lines.push(
      '<details><summary>Output of the first occurrence</summary>',
      '',
      block(f.sample, 'text'),
      '',
      '</details>',
      '',
    );
  }
  lines.push('</details>');
  return lines;
}

export function renderSummary(
  report: Report,
  opts: { runUrl?: string; unannotated?: string[] } = {},
): string {
  const out: string[] = ['## race-rerun', '', verdictLine(report), ''];
  if (report.findings.length > 0) out.push(...findingsTable(report), '');
  const tests = testsTable(report);
  if (tests.length > 0) out.push(...tests, '');
  if (report.findings.length > 0) {
    out.push('### Findings', '');
    for (const f of report.findings.slice(0, MAX_DETAILS)) out.push(...details(report, f), '');
    if (report.findings.length > MAX_DETAILS) {
      out.push(`… and ${report.findings.length - MAX_DETAILS} more findings in the JSON report.`, '');
    }
  }
  if (opts.unannotated && opts.unannotated.length > 0) {
    out.push('### Not annotated', '', 'GitHub limits annotations per step; these findings have none:', '');
    for (const u of opts.unannotated) out.push(`- ${escapeMarkdown(u)}`);
    out.push('');
  }
  if (report.errors.length > 0) {
    out.push('### Errors', '');
    for (const e of report.errors) out.push(`- ${escapeMarkdown(e)}`);
    out.push('');
  }
  if (report.notes.length > 0) {
    out.push('### Notes', '');
    for (const n of report.notes) out.push(`- ${escapeMarkdown(n)}`);
    out.push('');
  }
  const footer = [`race-rerun ${escapeMarkdown(report.tool.version)}`];
  const n = report.mode === 'parse' ? report.runs : report.totalRuns;
  footer.push(
    report.mode === 'parse' ? `${n} log${n === 1 ? '' : 's'} parsed` : `${n} test run${n === 1 ? '' : 's'}`,
  );
  if (report.context.goVersion) footer.push(escapeMarkdown(report.context.goVersion));
  if (opts.runUrl) footer.push(`[workflow run](${opts.runUrl.replace(/[()\s]/g, encodeURIComponent)})`);
  out.push(`<sub>${footer.join(' · ')}</sub>`, '');
  return out.join('\n');
}
