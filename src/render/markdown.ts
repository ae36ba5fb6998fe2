// Markdown shared by the job summary and the pull request comment, so both say the same thing.
// Messages, test names and stacks come from test output: everything outside a code block is
// escaped (no HTML, no links, no @mentions, no #references) and code blocks use fences longer than
// any backtick run inside, so nothing from a test can close them.
import type { Finding, Location, Report } from '../model.js';
import {
  KIND_LABEL,
  percent,
  rankFindings,
  rerunFor,
  runList,
  seenText,
  stackRecoveryText,
  stackText,
  titleRest,
  whereTexts,
} from './format.js';

/** Findings whose details are written out; the JSON report has the rest. */
export const MAX_DETAILS = 30;
const MAX_TEST_ROWS = 50;
const MAX_LIST = 20;
/** Longest test name, message or sample kept in one place: one huge line must not eat the budget. */
const MAX_NAME = 200;
const MAX_MESSAGE = 2000;
const MAX_SAMPLE = 8000;

// Zero-width space: breaks mentions, references and autolinks without changing what is read.
const ZWSP = '\u200b';

function defuse(s: string): string {
  return s
    .replace(/@(?=\w)/g, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/www\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

/** Text for markdown and HTML: entities for `& < >`, `\` before markdown punctuation, no mentions. */
export function escapeMarkdown(s: string): string {
  return defuse(
    s
      .replace(/[\r\n]+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]|~])/g, '\\$1'),
  );
}

/** For HTML (`<summary>`): markdown does not apply there, mentions and autolinks still do. */
export function escapeHtml(s: string): string {
  return (
    defuse(
      s
        .replace(/[\r\n]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;'),
    )
      // Literal in HTML anyway; entities keep them so should a renderer read markdown there.
      // After defuse, whose `#` rule would break `&#96;`.
      .replace(/[`[\]]/g, (c) => `&#${c.charCodeAt(0)};`)
  );
}

/**
 * Control characters from test output (NUL, ESC, BEL, a lone CR, C1) shown as escapes such as
 * `\x1b`, so that what a test printed is seen, not acted on by whatever displays the markdown.
 * Newlines and tabs stay; CRLF becomes LF.
 */
export function showControls(s: string): string {
  return (
    s
      .replace(/\r\n/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
      .replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) =>
        c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
      )
  );
}

export function shorten(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
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
export function block(text: string, lang: string): string {
  const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text}\n${fence}`;
}

export function verdictLine(report: Report, suffix = ''): string {
  const badTests = report.tests.some((t) => t.status === 'flaky' || t.status === 'failing');
  const icon = report.verdict === 'findings' ? '❌' : report.verdict === 'error' || badTests ? '⚠️' : '✅';
  return `${icon} **${escapeMarkdown(report.summary)}**${suffix}`;
}

/** `https://github.com/o/r/blob/<sha>/` + path + `#L<line>`, each path segment encoded. */
function lineUrl(blobUrl: string, file: string, line: number): string {
  return `${blobUrl}${file.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}

function locationLink(l: Location, blobUrl: string | undefined): string {
  const text = code(`${l.file}:${l.line}`);
  return blobUrl ? `[${text}](${lineUrl(blobUrl, l.file, l.line)})` : text;
}

/** `file:line ↔ file:line`, linked to the lines at the head commit when the URL is known. */
export function whereCell(f: Finding, blobUrl?: string): string {
  const locs = f.kind === 'race' ? f.locations.slice(0, 2) : f.locations.slice(0, 1);
  if (locs.length > 0) return locs.map((l) => locationLink(l, blobUrl)).join(' ↔ ');
  const where = whereTexts(f).map((w) => code(w));
  return where.length > 0 ? where.join(' ↔ ') : code(f.package || '?');
}

function testsCell(tests: readonly string[]): string {
  if (tests.length === 0) return '';
  const shown = tests.slice(0, 5).map((t) => code(shorten(t, MAX_NAME)));
  return tests.length > 5 ? `${shown.join(', ')} and ${tests.length - 5} more` : shown.join(', ');
}

export function findingsTable(findings: readonly Finding[], blobUrl?: string): string[] {
  const lines = ['| Kind | Where | Seen | Tests |', '| --- | --- | --- | --- |'];
  for (const f of findings) {
    const kind = `**${KIND_LABEL[f.kind]}**<br>${escapeMarkdown(titleRest(f))}`;
    const seen = f.kind === 'build' ? 'build' : escapeMarkdown(seenText(f));
    lines.push(`| ${kind} | ${whereCell(f, blobUrl)} | ${seen} | ${testsCell(f.tests)} |`);
  }
  return lines;
}

const SYMPTOM: Record<Finding['kind'], string> = {
  race: 'race',
  panic: 'panic',
  fatal: 'fatal error',
  timeout: 'timeout',
  failure: 'failure',
  build: 'build failure',
};

/**
 * "In all 7 runs with this panic, the data race at daemon.go:88 ↔ daemon.go:76 was also
 * reported": from the symptom to the race that likely causes it.
 */
export function likelyCauses(report: Report, findings: readonly Finding[], blobUrl?: string): string[] {
  const byId = new Map(report.findings.map((f) => [f.id, f]));
  const items: string[] = [];
  for (const f of findings) {
    for (const c of f.cooccurringRaces ?? []) {
      const race = byId.get(c.id);
      if (!race) continue;
      const share =
        c.runs === f.runsSeen
          ? `in ${f.runsSeen === 1 ? 'the run' : f.runsSeen === 2 ? 'both runs' : `all ${f.runsSeen} runs`} with this ${SYMPTOM[f.kind]}`
          : `in ${c.runs} of the ${f.runsSeen} runs with this ${SYMPTOM[f.kind]}`;
      items.push(
        `- **${KIND_LABEL[f.kind]}** at ${whereCell(f, blobUrl)} (${escapeMarkdown(titleRest(f))}): ${share}, the data race at ${whereCell(race, blobUrl)} (${escapeMarkdown(titleRest(race))}) was also reported.`,
      );
    }
  }
  if (items.length === 0) return [];
  return ['### Likely causes', '', ...items];
}

export function testsTable(report: Report): string[] {
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
    const status = t.status === 'failing' ? 'always failing' : 'flaky';
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
    `<summary><b>${escapeHtml(KIND_LABEL[f.kind])}</b>: ${escapeHtml(titleRest(f))}${counted}</summary>`,
    '',
  ];
  // The title already shows a short message in full.
  if (f.message && f.kind !== 'race' && !f.title.endsWith(f.message))
    lines.push(block(shorten(f.message, MAX_MESSAGE), 'text'), '');
  const text = stackText(f);
  const hasStacks = text.length > 0 && f.kind !== 'failure' && f.kind !== 'build';
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
  const n = report.mode === 'parse' ? report.runs : report.totalRuns;
  parts.push(
    report.mode === 'parse' ? `${n} log${n === 1 ? '' : 's'} parsed` : `${n} test run${n === 1 ? '' : 's'}`,
  );
  if (report.context.goVersion) parts.push(escapeMarkdown(report.context.goVersion));
  if (runUrl) parts.push(`[workflow run](${safeUrl(runUrl)})`);
  return `<sub>${parts.join(' · ')}</sub>`;
}

/** A URL from the environment, made safe inside `(…)`. */
export function safeUrl(url: string): string {
  return url.replace(/[()\s<>]/g, encodeURIComponent);
}

export interface DocumentOptions {
  /** Lines before the heading (the comment's hidden marker). */
  head?: string[];
  /** Defaults to `## race-rerun`. */
  heading?: string;
  /** Appended to the verdict line (the comment's ` at `abc1234``). */
  verdictSuffix?: string;
  /** Lines right after the verdict (the comment's "fixed" sentence). */
  afterVerdict?: string[];
  runUrl?: string;
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
  out.push(opts.heading ?? '## race-rerun', '', verdictLine(report, opts.verdictSuffix), '');
  if (opts.afterVerdict && opts.afterVerdict.length > 0) out.push(...opts.afterVerdict, '');
  out.push(...cutNote(ranked.length, cut, opts));
  const kept = ranked.slice(0, cut.keep);
  if (kept.length > 0) out.push(...findingsTable(kept, opts.blobUrl), '');
  const causes = likelyCauses(report, kept, opts.blobUrl);
  if (causes.length > 0) out.push(...causes, '');
  const tests = testsTable(report);
  if (tests.length > 0) out.push(...tests, '');
  if (kept.length > 0) {
    out.push('### Findings', '');
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
  const ranked = rankFindings(report.findings);
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
