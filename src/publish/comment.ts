// Keeps one pull request comment per workflow, job and matrix combination up to date through the
// REST issue-comments API: find ours by its hidden marker, update it, create it only when there is
// something to say. Failures are returned as a warning for the caller, never thrown.
import type { Report } from '../model.js';
import { type CommentIdentity, canonicalMatrix, commentMarker, renderComment } from '../render/comment.js';
import { ApiError, asApiError, type GitHubClient } from './client.js';
import { readEvent } from './event.js';
import { redact } from './secrets.js';

export interface PullRequest {
  owner: string;
  repo: string;
  number: number;
  /** Head commit (links point at the lines the reviewer sees). */
  headSha?: string;
  /** Opened from another repository: GITHUB_TOKEN is read-only there. */
  fromFork: boolean;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

interface PullRequestPayload {
  number?: number;
  pull_request?: {
    number?: number;
    head?: { sha?: string; repo?: { full_name?: string } | null };
    base?: { repo?: { full_name?: string } };
  };
}

/** The pull request this run is for, from the event payload; undefined for push, schedule, … */
export function pullRequestOf(
  env: NodeJS.ProcessEnv,
  payload: Record<string, unknown> = readEvent(env).payload,
): PullRequest | undefined {
  if (!PR_EVENTS.has(env.GITHUB_EVENT_NAME ?? '') || !env.GITHUB_EVENT_PATH) return undefined;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return undefined;
  const event = payload as PullRequestPayload;
  const pr =
    typeof event.pull_request === 'object' && event.pull_request !== null ? event.pull_request : undefined;
  const number = pr?.number ?? event.number;
  if (typeof number !== 'number' || !Number.isInteger(number) || number <= 0) return undefined;
  const head = pr?.head?.repo?.full_name;
  const base = pr?.base?.repo?.full_name ?? env.GITHUB_REPOSITORY;
  const sha = pr?.head?.sha;
  return {
    owner,
    repo,
    number,
    ...(typeof sha === 'string' && sha ? { headSha: sha } : {}),
    fromFork: head !== undefined && head !== base,
  };
}

/**
 * Which comment is ours. A matrix has no environment variable of its own: the workflow passes
 * `RACE_RERUN_MATRIX: ${{ toJSON(matrix) }}` so that matrix jobs keep one comment each.
 */
export function identityOf(env: NodeJS.ProcessEnv): CommentIdentity {
  const matrix = canonicalMatrix(env.RACE_RERUN_MATRIX);
  return {
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    ...(matrix !== undefined ? { matrix } : {}),
  };
}

export type CommentResult =
  | { action: 'created' | 'updated'; id: number; url?: string; requests: number }
  | { action: 'none'; reason: string; requests: number }
  | { action: 'failed'; warning: string; status?: number; requests: number };

export interface UpsertInput {
  client: GitHubClient;
  pr: PullRequest;
  identity: CommentIdentity;
  report: Report;
  repoUrl?: string;
  runUrl?: string;
  unannotated?: string[];
  onlyNew?: boolean;
}

interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
  user?: { type?: string } | null;
}

/** Pages of comments read at most (100 each): an endless `Link: next` must not mean endless requests. */
export const MAX_PAGES = 30;

/** The `rel="next"` URL of a `Link` header. */
function nextLink(header: unknown): string | undefined {
  return typeof header === 'string' ? /<([^>]+)>;\s*rel="next"/.exec(header)?.[1] : undefined;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}

function sameOrigin(url: string, base: string): boolean {
  return originOf(url) === originOf(base);
}

/**
 * Our comment: the body starts with the marker (a quote of it in another comment does not).
 * Comments come oldest first, so reading stops at the first of ours written by a bot.
 */
async function findComment(
  client: GitHubClient,
  pr: PullRequest,
  marker: string,
  count: () => void,
): Promise<IssueComment | undefined> {
  const ours: IssueComment[] = [];
  const seen = new Set<string>();
  count();
  let res: { data: unknown; headers: { link?: string } } = await client.rest.issues.listComments({
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    per_page: 100,
  });
  for (let page = 1; ; page++) {
    const list: unknown = res.data;
    if (!Array.isArray(list)) throw new ApiError('not-json', 'the list of comments is not a JSON array');
    for (const c of list as IssueComment[]) if (c.body?.startsWith(marker)) ours.push(c);
    const bot = ours.find((c) => c.user?.type === 'Bot');
    if (bot) return bot;
    const next = nextLink(res.headers.link);
    // GitHub never links to a page it served already, nor past an empty one.
    if (!next || seen.has(next) || list.length === 0) break;
    // The token goes with every request: never to another server than the API's.
    if (!sameOrigin(next, client.request.endpoint.DEFAULTS.baseUrl)) {
      throw new ApiError(
        'http',
        `the next page of comments is on another server (${originOf(next)}); not followed`,
      );
    }
    if (page >= MAX_PAGES) {
      throw new ApiError(
        'http',
        `the comments did not end after ${MAX_PAGES} pages (${MAX_PAGES * 100} comments); not commenting, to avoid a duplicate`,
      );
    }
    seen.add(next);
    count();
    res = await client.request({ method: 'GET', url: next });
  }
  // Several (two runs raced to create it): the oldest is the one kept current.
  return ours[0];
}

/** The warning for a failed API call: what to change so that the comment can be posted. */
export function explainFailure(err: unknown, pr: PullRequest): { warning: string; status?: number } {
  const e = asApiError(err);
  const status = e.status;
  // Octokit appends the documentation URL: ` - https://docs.github.com/…`.
  const message = (e.message.split('\n')[0] ?? '').replace(/ - https?:\/\/\S+/, '');
  const prefix = `race-rerun could not comment on pull request #${pr.number}`;
  const kept = 'The annotations, the job summary and the JSON report are not affected.';
  const withStatus = status !== undefined ? { status } : {};
  if (status === 403 && /not accessible by integration/i.test(message)) {
    const fix = pr.fromFork
      ? 'This pull request comes from a fork, and GitHub gives such runs a read-only token whatever the workflow asks for. To comment on pull requests from forks, post the comment from a separate workflow triggered by `workflow_run` (it runs with a write token) that downloads the JSON report this job uploads as an artifact; or set `comment: false` to silence this warning.'
      : 'Give the job `permissions: pull-requests: write` (or set `comment: false`).';
    return { warning: `${prefix}: the token cannot write comments (${message}). ${fix} ${kept}`, status };
  }
  if (status === 404) {
    return {
      warning: `${prefix}: not found (${message}). The token cannot see this repository's pull requests; check \`github-token\` and the job's \`permissions\`. ${kept}`,
      status,
    };
  }
  if (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'deadline') {
    const api = 'Check that the runner reaches the GitHub API (GITHUB_API_URL, proxy settings).';
    return { warning: `${prefix}: ${message}. ${api} ${kept}`, ...withStatus };
  }
  return { warning: `${prefix}: ${message}. ${kept}`, ...withStatus };
}

/**
 * Updates our comment, or creates it when there are findings and none exists yet. With no
 * finding and no earlier comment nothing is written; a run where nothing could be run does not
 * touch the comment (its last real result stays).
 */
export async function upsertComment(input: UpsertInput): Promise<CommentResult> {
  const { client, pr, report } = input;
  let requests = 0;
  const count = () => {
    requests++;
  };
  if (report.verdict === 'error')
    return { action: 'none', reason: 'nothing was run, so the comment is left as it was', requests };
  try {
    const marker = commentMarker(input.identity);
    const existing = await findComment(client, pr, marker, count);
    const rendered = renderComment(report, {
      identity: input.identity,
      ...(pr.headSha ? { sha: pr.headSha } : {}),
      ...(input.repoUrl ? { repoUrl: input.repoUrl } : {}),
      ...(input.runUrl ? { runUrl: input.runUrl } : {}),
      ...(input.unannotated ? { unannotated: input.unannotated } : {}),
      ...(input.onlyNew ? { onlyNew: true } : {}),
      ...(existing ? { previousBody: existing.body ?? '' } : {}),
    });
    if (rendered === undefined)
      return { action: 'none', reason: 'no findings and no earlier comment', requests };
    // What leaves the process holds no secret, whatever a test printed.
    const body = redact(rendered);
    const repo = { owner: pr.owner, repo: pr.repo };
    if (existing) {
      count();
      const res = await client.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
      return {
        action: 'updated',
        id: existing.id,
        ...(res.data.html_url ? { url: res.data.html_url } : {}),
        requests,
      };
    }
    count();
    const res = await client.rest.issues.createComment({ ...repo, issue_number: pr.number, body });
    return {
      action: 'created',
      id: res.data.id,
      ...(res.data.html_url ? { url: res.data.html_url } : {}),
      requests,
    };
  } catch (err) {
    return { action: 'failed', ...explainFailure(err, pr), requests };
  }
}
