// Markdown shared by the job summary and the pull request comment, so both say the same thing.
// Messages, test names and stacks come from test output: everything outside a code block is
// escaped (no HTML, no links, no @mentions, no #references) and code blocks use fences longer than
// any backtick run inside, so nothing from a test can close them.
import type { Finding, Report } from '../model.js';
import { block, code, escapeHtml, escapeMarkdown, plural, safeUrl, shorten, showControls } from './escape.js';
import {
  KIND_LABEL,
  percent,
  rankFindings,
  rerunFor,
  runList,
  stackRecoveryText,
  stackText,
  titleRest,
  whereTexts,
} from './format.js';
import {
  focusLines,
  goneLines,
  type HeadlineOptions,
  headline,
  runsPhrase,
  testsFromLines,
  unexplainedTests,
} from './headline.js';
import { findingsTable, kindNoun } from './table.js';

export { block, code, escapeHtml, escapeMarkdown, safeUrl, shorten, showControls } from './escape.js';

/** Findings whose details are written out; the JSON report has the rest. */
export const MAX_DETAILS = 30;
const MAX_TEST_ROWS = 50;
const MAX_LIST = 20;
/** Longest test name, message or sample kept in one place: one huge line must not eat the budget. */
const MAX_NAME = 200;
const MAX_MESSAGE = 2000;
const MAX_SAMPLE = 8000;

/** Flaky and failing tests that no finding explains (those are in the finding's row). */
export function testsTable(report: Report): string[] {
  const bad = unexplainedTests(report);
  if (bad.length === 0) return [];
  const lines = [
    '### Flaky and failing tests',
    '',
    '| Package | Test | Failed | Status |',
    '| --- | --- | --- | --- |',
  ];
  for (const t of bad.slice(0, MAX_TEST_ROWS)) {
    const share = t.runs > 0 ? ` (${percent(t.failed / t.runs)})` : '';
    const alone = t.alone ? `, alone ${t.alone.failed}/${t.alone.runs}` : '';
    const status = `${t.status === 'failing' ? 'always failing' : 'flaky'}${alone}`;
    lines.push(
      `| ${code(t.package)} | ${code(shorten(t.name, MAX_NAME))} | ${t.failed}/${t.runs}${share} | ${status} |`,
    );
  }
  if (bad.length > MAX_TEST_ROWS)
    lines.push('', `… and ${bad.length - MAX_TEST_ROWS} more in the JSON report.`);
  return lines;
}

/** One finding's collapsed section. Without `stacks`, the stacks and the sample are left out. */
export function details(report: Report, f: Finding, stacks: boolean, fullReport: string): string[] {
  const counted = f.kind === 'build' ? '' : ` (${f.runsSeen}/${f.runs} runs)`;
  const lines = [
    '<details>',
    `<summary><b>${escapeHtml(KIND_LABEL[f.kind])}</b>${f.baseline ? ` (${f.baseline})` : ''}: ${escapeHtml(titleRest(f))}${counted}</summary>`,
    '',
  ];
  // The title already shows a short message in full.
  if (f.message && f.kind !== 'race' && !f.title.endsWith(f.message))
    lines.push(block(shorten(f.message, MAX_MESSAGE), 'text'), '');
  const text = stackText(f);
  const hasStacks = text.length > 0 && f.kind !== 'failure' && f.kind !== 'build' && f.kind !== 'overlap';
  if (stacks && hasStacks) lines.push(block(text.join('\n'), 'text'), '');
  if (!stacks && (hasStacks || f.sample)) {
    lines.push(`_Stacks and output left out to fit the size limit: see ${fullReport}._`, '');
  }
  const facts: string[] = [];
  if (f.kind !== 'build') facts.push(`Seen in runs ${runList(f.seenIn)} of ${f.runs}`);
  if (f.tests.length > 0) {
    const named = f.tests.slice(0, MAX_LIST).map((t) => code(shorten(t, MAX_NAME), false));
    const more = f.tests.length > MAX_LIST ? ` and ${f.tests.length - MAX_LIST} more` : '';
    facts.push(`tests: ${named.join(', ')}${more}`);
  }
  facts.push(`package ${code(f.package, false)}`);
  facts.push(`id ${code(f.id, false)}`);
  const recovery = stackRecoveryText(f);
  if (recovery) facts.push(recovery);
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
  if (stacks && f.sample) {
    lines.push(
      '<details><summary>Output of the first occurrence</summary>',
      '',
      block(shorten(f.sample, MAX_SAMPLE), 'text'),
      '',
      '</details>',
      '',
    );
  }
  lines.push('</details>');
  return lines;
}

function bulletSection(title: string, intro: string | undefined, items: readonly string[]): string[] {
  if (items.length === 0) return [];
  const out = [`### ${title}`, ''];
  if (intro) out.push(intro, '');
  for (const i of items.slice(0, MAX_LIST)) out.push(`- ${escapeMarkdown(shorten(i, MAX_MESSAGE))}`);
  if (items.length > MAX_LIST) out.push(`- … and ${items.length - MAX_LIST} more`);
  out.push('');
  return out;
}

function footer(report: Report, runUrl: string | undefined): string {
  const parts = [`race-rerun ${escapeMarkdown(report.tool.version)}`];
  // The same words as the verdict line, so the two never disagree.
  const ran = report.packages.filter((p) => p.runs > 0).length;
  const processes =
    report.mode === 'run' && ran > 1
      ? ` (${plural(report.totalRuns, 'test process', 'test processes')})`
      : '';
  parts.push(`${runsPhrase(report)}${processes}`);
  if (report.context.goVersion) parts.push(escapeMarkdown(report.context.goVersion));
  if (runUrl) parts.push(`[workflow run](${safeUrl(runUrl)})`);
  return `<sub>${parts.join(' · ')}</sub>`;
}

/** The top finding's command, above the fold: what a reviewer runs first. */
function reproduceTop(top: Finding | undefined): string[] {
  if (!top) return [];
  const where = whereTexts(top)[0];
  const at = where ? ` at ${code(where.slice(where.lastIndexOf('/') + 1))}` : '';
  const tries = top.kind === 'build' ? '' : ' (a race or flaky failure may need several tries)';
  return [
    `**Reproduce** the ${kindNoun(top.kind)}${at} from the repository root${tries}:`,
    '',
    block(top.reproduce, 'sh'),
    '',
  ];
}

export interface DocumentOptions extends HeadlineOptions {
  /** Lines before the heading (the comment's hidden marker). */
  head?: string[];
  /** Defaults to `## race-rerun`. */
  heading?: string;
  /** Lines right after the verdict (the comment's "not seen since" sentences). */
  afterVerdict?: string[];
  /** Base of links to lines at the head commit: `https://github.com/o/r/blob/<sha>/`. */
  blobUrl?: string;
  /** Findings that got no annotation (GitHub's per-step limit). */
  unannotated?: string[];
  /** Lines before the footer (the comment's history). */
  tail?: string[];
  /** Lines after the footer (the comment's hidden history). */
  end?: string[];
  /** Where everything left out can be found, e.g. `the job summary of the workflow run`. */
  fullReport: string;
  /** Size limit in UTF-16 code units (never fewer than the characters GitHub counts). */
  limit: number;
  /** For the note: `GitHub's limit of 65,536 characters for a comment`. */
  limitText: string;
}

/** What is kept: the first `keep` ranked findings, and the stacks of the first `stacks` of them. */
interface Cut {
  keep: number;
  stacks: number;
}

function cutNote(n: number, cut: Cut, opts: DocumentOptions): string[] {
  const detailed = Math.min(n, MAX_DETAILS);
  const noStacks = Math.min(cut.keep, detailed) - Math.min(cut.stacks, cut.keep, detailed);
  const dropped = n - cut.keep;
  if (noStacks <= 0 && dropped <= 0) return [];
  const parts: string[] = [];
  if (noStacks > 0) parts.push(`the stacks of ${noStacks} finding${noStacks === 1 ? '' : 's'}`);
  if (dropped > 0) parts.push(`the ${dropped} lowest-ranked finding${dropped === 1 ? '' : 's'} (of ${n})`);
  return [
    `> [!NOTE]`,
    `> Shortened to stay under ${opts.limitText}: ${parts.join(' and ')} ${dropped + noStacks === 1 ? 'was' : 'were'} left out. Everything is in ${opts.fullReport}.`,
    '',
  ];
}

function renderWith(report: Report, ranked: readonly Finding[], opts: DocumentOptions, cut: Cut): string {
  const out: string[] = [...(opts.head ?? [])];
  out.push(opts.heading ?? '## race-rerun', '', headline(report, opts), '');
  if (opts.afterVerdict && opts.afterVerdict.length > 0) out.push(...opts.afterVerdict, '');
  out.push(...cutNote(ranked.length, cut, opts));
  const focus = [...focusLines(report), ...testsFromLines(report)];
  if (focus.length > 0) out.push(...focus, '');
  const kept = ranked.slice(0, cut.keep);
  if (kept.length > 0) {
    const table = { ...(opts.blobUrl ? { blobUrl: opts.blobUrl } : {}) };
    const label = report.baseline?.label;
    const { open, more } = findingsTable(report, kept, label ? { ...table, baselineLabel: label } : table);
    out.push(...open, '', ...reproduceTop(kept[0]));
    if (more.length > 0) out.push(...more, '');
  }
  const gone = goneLines(report);
  if (gone.length > 0) out.push(...gone, '');
  const tests = testsTable(report);
  if (tests.length > 0) out.push(...tests, '');
  if (kept.length > 0) {
    out.push('### Details', '');
    kept.slice(0, MAX_DETAILS).forEach((f, i) => {
      out.push(...details(report, f, i < cut.stacks, opts.fullReport), '');
    });
    if (kept.length > MAX_DETAILS) {
      out.push(`… and ${kept.length - MAX_DETAILS} more findings in the JSON report.`, '');
    }
  }
  out.push(
    ...bulletSection(
      'Not annotated',
      'GitHub shows at most 10 error, 10 warning and 10 notice annotations per step; these findings have none:',
      opts.unannotated ?? [],
    ),
    ...bulletSection('Errors', undefined, report.errors),
    ...bulletSection('Notes', undefined, report.notes),
  );
  if (opts.tail && opts.tail.length > 0) out.push(...opts.tail, '');
  out.push(footer(report, opts.runUrl), '');
  if (opts.end && opts.end.length > 0) out.push(...opts.end, '');
  return out.join('\n');
}

/** Largest n in [lo, hi] with fits(n), given fits(lo); lengths only grow with n. */
function largest(lo: number, hi: number, fits: (n: number) => boolean): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = Math.ceil((a + b) / 2);
    if (fits(mid)) a = mid;
    else b = mid - 1;
  }
  return a;
}

/**
 * The whole document if it fits in `opts.limit`; else the stacks go first (lowest-ranked
 * findings first), then the lowest-ranked findings, with a note saying what was cut and where
 * everything is.
 */
export function renderDocument(report: Report, opts: DocumentOptions): string {
  // Against a baseline, what this change brought comes first (the table, the command, the cut).
  const byRank = rankFindings(report.findings);
  const ranked = [
    ...byRank.filter((f) => f.baseline !== 'known'),
    ...byRank.filter((f) => f.baseline === 'known'),
  ];
  const n = ranked.length;
  const all = Math.min(n, MAX_DETAILS);
  const render = (cut: Cut) => showControls(renderWith(report, ranked, opts, cut));
  const fits = (s: string) => s.length <= opts.limit;

  const full = render({ keep: n, stacks: all });
  if (fits(full)) return full;
  if (fits(render({ keep: n, stacks: 0 }))) {
    const stacks = largest(0, all, (s) => fits(render({ keep: n, stacks: s })));
    return render({ keep: n, stacks });
  }
  if (fits(render({ keep: 0, stacks: 0 }))) {
    const keep = largest(0, n, (k) => fits(render({ keep: k, stacks: 0 })));
    return render({ keep, stacks: 0 });
  }
  // Even without findings it is too long (thousands of tests, a huge error): keep the top.
  const bare = render({ keep: 0, stacks: 0 });
  const end = ['', '…', '', ...(opts.end ?? []), ''].join('\n');
  return `${bare.slice(0, Math.max(0, opts.limit - end.length))}${end}`;
}
