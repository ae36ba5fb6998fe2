// The pull request comment: the job summary's content (markdown.ts) under a hidden marker that
// says which workflow, job and matrix combination it belongs to, with a short history of earlier
// results kept in a hidden JSON line at its very end. Pure: the GitHub calls are in src/publish.
import { sortKeys } from '../analysis/hash.js';
import type { Report } from '../model.js';
import { code, escapeMarkdown, renderDocument, safeUrl } from './markdown.js';

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
}

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
    const count = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
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
      .map((e) => ({ sha: e.sha, runs: e.runs, findings: e.findings }))
      .slice(0, MAX_HISTORY);
  } catch {
    return [];
  }
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
  const history = opts.sha
    ? [{ sha: opts.sha, runs, findings: report.findings.length }, ...earlier].slice(0, MAX_HISTORY)
    : earlier;
  const { identity } = opts;
  const label = [identity.workflow, identity.job].filter((s) => s !== '').join(' / ');
  const matrix = identity.matrix ? ` (${matrixLabel(identity.matrix)})` : '';
  const heading = `## race-rerun${label || matrix ? `: ${escapeMarkdown(`${label}${matrix}`)}` : ''}`;

  const afterVerdict: string[] = [];
  const before = earlier.find((e) => e.findings > 0);
  if (report.findings.length === 0 && report.verdict === 'clean' && before) {
    afterVerdict.push(
      `Fixed: the ${before.findings === 1 ? 'finding' : `${before.findings} findings`} reported at ${commitCell(before.sha, opts.repoUrl)} ${before.findings === 1 ? 'was' : 'were'} not seen again.`,
    );
  }
  const blobUrl = opts.repoUrl && opts.sha ? `${opts.repoUrl}/blob/${opts.sha}/` : undefined;
  const where = opts.runUrl
    ? `the job summary of the [workflow run](${safeUrl(opts.runUrl)}) and its JSON report`
    : 'the job summary and the JSON report';
  return renderDocument(report, {
    head: [commentMarker(identity)],
    heading,
    ...(opts.sha ? { verdictSuffix: ` at ${code(shortSha(opts.sha))}` } : {}),
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
