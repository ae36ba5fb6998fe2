// The pull request comment: the job summary's content (markdown.ts) under a hidden marker that
// says which workflow, job and matrix combination it belongs to, with a short history of earlier
// results kept in a hidden JSON line at its very end. Pure: the GitHub calls are in src/publish.
import { chanceToShow } from '../analysis/baseline.js';
import { sortKeys } from '../analysis/hash.js';
import type { FindingKind, Report } from '../model.js';
import { FINDING_KINDS } from '../model.js';
import { notSeenText } from './format.js';
import { code, escapeMarkdown, renderDocument, safeUrl } from './markdown.js';
import { kindNoun } from './table.js';

/** GitHub rejects comment bodies over 65,536 characters. */
export const COMMENT_LIMIT = 65_536;
/** Earlier results kept at the bottom. */
export const MAX_HISTORY = 10;

export interface CommentIdentity {
  workflow: string;
  job: string;
  /** Canonical matrix values (see `canonicalMatrix`), or undefined for a job without a matrix. */
  matrix?: string;
}

/** One result: the head commit, the runs and the findings seen there. */
export interface HistoryEntry {
  sha: string;
  runs: number;
  findings: number;
  /**
   * The findings' rates (kept on the newest entry with findings only, for the "not seen since"
   * sentence): id, kind, runs seen, runs, and `file:line`.
   */
  seen?: HistorySeen[];
}

export interface HistorySeen {
  id: string;
  kind: FindingKind;
  k: number;
  n: number;
  where?: string;
}

/** Findings whose rates the history keeps. */
const MAX_SEEN = 10;

// Values cannot end the HTML comment (`--`), split the fields (`;`) or span lines.
function markerValue(s: string): string {
  return s
    .replace(/%/g, '%25')
    .replace(/;/g, '%3B')
    .replace(/-(?=-)/g, '%2D')
    .replace(/>/g, '%3E')
    .replace(/[\r\n]+/g, ' ')
    .trim();
}

/** `<!-- race-rerun: workflow=CI; job=race; matrix={"go":"1.22"} -->`: the comment's identity. */
export function commentMarker(id: CommentIdentity): string {
  const matrix = id.matrix === undefined ? 'none' : markerValue(id.matrix);
  return `<!-- race-rerun: workflow=${markerValue(id.workflow)}; job=${markerValue(id.job)}; matrix=${matrix} -->`;
}

/**
 * `${{ toJSON(matrix) }}` as one compact line with sorted keys, so the same combination always
 * gives the same marker; undefined for no matrix (`null`, `{}`, empty). Text that is not JSON is
 * used as it is, whitespace collapsed.
 */
export function canonicalMatrix(text: string | undefined): string | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  try {
    const value = JSON.parse(t) as unknown;
    if (value === null || (typeof value === 'object' && Object.keys(value).length === 0)) return undefined;
    return JSON.stringify(sortKeys(value));
  } catch {
    return t.replace(/\s+/g, ' ');
  }
}

/** Matrix values for humans: `go: 1.22, os: ubuntu-latest`. */
function matrixLabel(matrix: string): string {
  try {
    const value = JSON.parse(matrix) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(', ');
    }
  } catch {
    // Not JSON: shown as it is.
  }
  return matrix;
}

const HISTORY_PREFIX = '<!-- race-rerun-history: ';

/** A whole number of runs or findings, as the hidden history line must hold. */
function count(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/**
 * The history written at the end of an earlier comment; [] when there is none. Only the last
 * history line counts, and only well-formed entries: test output quoted higher up in the comment
 * cannot forge one.
 */
export function parseHistory(body: string | undefined): HistoryEntry[] {
  if (!body) return [];
  const at = body.lastIndexOf(HISTORY_PREFIX);
  if (at < 0) return [];
  const end = body.indexOf(' -->', at);
  if (end < 0) return [];
  try {
    const value = JSON.parse(body.slice(at + HISTORY_PREFIX.length, end)) as unknown;
    if (!Array.isArray(value)) return [];
    return value
      .filter(
        (e): e is HistoryEntry =>
          typeof e === 'object' &&
          e !== null &&
          typeof e.sha === 'string' &&
          /^[0-9a-f]{7,64}$/i.test(e.sha) &&
          count(e.runs) &&
          count(e.findings),
      )
      .map((e) => {
        const seen = parseSeen((e as { seen?: unknown }).seen);
        return { sha: e.sha, runs: e.runs, findings: e.findings, ...(seen.length > 0 ? { seen } : {}) };
      })
      .slice(0, MAX_HISTORY);
  } catch {
    return [];
  }
}

function parseSeen(value: unknown): HistorySeen[] {
  if (!Array.isArray(value)) return [];
  const kinds: readonly string[] = FINDING_KINDS;
  return value
    .filter(
      (s): s is HistorySeen =>
        typeof s === 'object' &&
        s !== null &&
        typeof s.id === 'string' &&
        /^[0-9a-f]{1,16}$/.test(s.id) &&
        kinds.includes(s.kind) &&
        count(s.k) &&
        count(s.n) &&
        s.k <= s.n &&
        (s.where === undefined || (typeof s.where === 'string' && /^[\w./-]{1,80}:\d+$/.test(s.where))),
    )
    .map((s) => ({ id: s.id, kind: s.kind, k: s.k, n: s.n, ...(s.where ? { where: s.where } : {}) }))
    .slice(0, MAX_SEEN);
}

function seenOf(report: Report): HistorySeen[] {
  return report.findings.slice(0, MAX_SEEN).map((f) => {
    const l = f.locations[0];
    const where = l ? `${l.file.slice(l.file.lastIndexOf('/') + 1)}:${l.line}` : undefined;
    const safe = where && /^[\w./-]{1,80}:\d+$/.test(where) ? { where } : {};
    return { id: f.id, kind: f.kind, k: f.runsSeen, n: f.runs, ...safe };
  });
}

/** Rates are kept on one entry only (the newest with findings): the history line stays short. */
function withHistory(current: HistoryEntry, earlier: readonly HistoryEntry[]): HistoryEntry[] {
  let kept = current.findings > 0 && current.seen !== undefined;
  return [current, ...earlier].slice(0, MAX_HISTORY).map((e, i) => {
    if (i === 0) return e;
    if (kept || !e.seen) {
      const { seen: _, ...rest } = e;
      return rest;
    }
    kept = true;
    return e;
  });
}

/**
 * "Since `abc1234`: the data race at daemon.go:51 (9/30 there) was not seen in 30 runs (at its
 * earlier 30% it would have shown with over 99.9% probability): likely fixed." One line per
 * finding of the newest earlier result with findings that is not in this report.
 */
function sinceLines(report: Report, earlier: readonly HistoryEntry[], repoUrl: string | undefined): string[] {
  const before = earlier.find((e) => e.findings > 0);
  if (!before) return [];
  const now = new Set(report.findings.map((f) => f.id));
  const runsNow = (report.packages.find((p) => p.runs > 0)?.runs ?? report.runs) || 0;
  if (!before.seen) {
    if (report.findings.length > 0 || report.verdict !== 'clean') return [];
    const what = before.findings === 1 ? 'the finding' : `the ${before.findings} findings`;
    return [
      `Since ${commitCell(before.sha, repoUrl)}: ${what} reported there ${before.findings === 1 ? 'was' : 'were'} not seen in ${runsNow} run${runsNow === 1 ? '' : 's'}.`,
    ];
  }
  const gone = before.seen.filter((s) => !now.has(s.id));
  if (gone.length === 0) return [];
  const items = gone.map((s) => {
    const at = s.where ? ` at ${code(s.where)}` : '';
    const text = notSeenText({ runsSeen: s.k, runs: s.n, runsNow, chance: chanceToShow(s.k, s.n, runsNow) });
    return `- the ${kindNoun(s.kind)}${at} (${s.k}/${s.n} there): ${text}.`;
  });
  return [`Since ${commitCell(before.sha, repoUrl)}:`, '', ...items];
}

export interface CommentOptions {
  identity: CommentIdentity;
  /** The pull request's head commit: links to lines, and the history. */
  sha?: string;
  /** `https://github.com/owner/repo`. */
  repoUrl?: string;
  runUrl?: string;
  unannotated?: string[];
  /** The earlier comment's body, when there is one: its history is carried on. */
  previousBody?: string;
  limit?: number;
  /** `only-new`: known findings alone do not make the verdict red. */
  onlyNew?: boolean;
}

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

function commitCell(sha: string, repoUrl: string | undefined): string {
  return repoUrl ? `[${code(shortSha(sha))}](${safeUrl(`${repoUrl}/commit/${sha}`)})` : code(shortSha(sha));
}

function historyTable(history: readonly HistoryEntry[], repoUrl: string | undefined): string[] {
  if (history.length < 2) return [];
  const lines = ['### History', '', '| Commit | Runs | Findings |', '| --- | --- | --- |'];
  history.forEach((e, i) => {
    const findings = e.findings === 0 ? 'none' : String(e.findings);
    lines.push(`| ${commitCell(e.sha, repoUrl)}${i === 0 ? ' (this run)' : ''} | ${e.runs} | ${findings} |`);
  });
  return lines;
}

/**
 * The comment's markdown, under `limit` characters. With no finding and no earlier comment there
 * is nothing to say: the caller does not comment (undefined).
 */
export function renderComment(report: Report, opts: CommentOptions): string | undefined {
  const earlier = parseHistory(opts.previousBody);
  if (report.findings.length === 0 && opts.previousBody === undefined) return undefined;
  const runs = report.mode === 'parse' ? report.runs : report.totalRuns;
  const seen = seenOf(report);
  const current: HistoryEntry = {
    ...(opts.sha ? { sha: opts.sha } : { sha: '' }),
    runs,
    findings: report.findings.length,
    ...(seen.length > 0 ? { seen } : {}),
  };
  const history = opts.sha ? withHistory(current, earlier) : earlier;
  const { identity } = opts;
  const label = [identity.workflow, identity.job].filter((s) => s !== '').join(' / ');
  const matrix = identity.matrix ? ` (${matrixLabel(identity.matrix)})` : '';
  const heading = `## race-rerun${label || matrix ? `: ${escapeMarkdown(`${label}${matrix}`)}` : ''}`;

  const afterVerdict = sinceLines(report, earlier, opts.repoUrl);
  const blobUrl = opts.repoUrl && opts.sha ? `${opts.repoUrl}/blob/${opts.sha}/` : undefined;
  const where = opts.runUrl
    ? `the job summary of the [workflow run](${safeUrl(opts.runUrl)}) and its JSON report`
    : 'the job summary and the JSON report';
  return renderDocument(report, {
    head: [commentMarker(identity)],
    heading,
    ...(opts.sha ? { sha: opts.sha } : {}),
    ...(opts.sha && opts.repoUrl ? { commitUrl: `${opts.repoUrl}/commit/${opts.sha}` } : {}),
    ...(opts.onlyNew ? { onlyNew: true } : {}),
    afterVerdict,
    ...(opts.runUrl ? { runUrl: opts.runUrl } : {}),
    ...(blobUrl ? { blobUrl } : {}),
    ...(opts.unannotated ? { unannotated: opts.unannotated } : {}),
    tail: historyTable(history, opts.repoUrl),
    end: [`${HISTORY_PREFIX}${JSON.stringify(history)} -->`],
    fullReport: where,
    limit: opts.limit ?? COMMENT_LIMIT,
    limitText: "GitHub's limit of 65,536 characters for a comment",
  });
}
