// Keeps one pull request comment per workflow, job and matrix combination up to date through the
// REST issue-comments API: find ours by its hidden marker, update it, create it only when there is
// something to say. Failures are returned as a warning for the caller, never thrown.
import { readFileSync } from 'node:fs';
import type { Report } from '../model.js';
import { type CommentIdentity, canonicalMatrix, commentMarker, renderComment } from '../render/comment.js';
import type { GitHubClient } from './client.js';

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

/** The pull request this run is for, from the event payload; undefined for push, schedule, … */
export function pullRequestOf(env: NodeJS.ProcessEnv): PullRequest | undefined {
  if (!PR_EVENTS.has(env.GITHUB_EVENT_NAME ?? '') || !env.GITHUB_EVENT_PATH) return undefined;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return undefined;
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
      number?: number;
      pull_request?: {
        number?: number;
        head?: { sha?: string; repo?: { full_name?: string } | null };
        base?: { repo?: { full_name?: string } };
      };
    };
    const pr = event.pull_request;
    const number = pr?.number ?? event.number;
    if (typeof number !== 'number' || !Number.isInteger(number) || number <= 0) return undefined;
    const head = pr?.head?.repo?.full_name;
    const base = pr?.base?.repo?.full_name ?? env.GITHUB_REPOSITORY;
    return {
      owner,
      repo,
      number,
      ...(pr?.head?.sha ? { headSha: pr.head.sha } : {}),
      fromFork: head !== undefined && head !== base,
    };
  } catch {
    return undefined;
  }
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

/** Our comment: the body starts with the marker (a quote of it in another comment does not). */
async function findComment(
  client: GitHubClient,
  pr: PullRequest,
  marker: string,
  count: () => void,
): Promise<IssueComment | undefined> {
  const ours: IssueComment[] = [];
  await client.paginate(
    client.rest.issues.listComments,
    { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100 },
    (response) => {
      count();
      for (const c of response.data as IssueComment[]) if (c.body?.startsWith(marker)) ours.push(c);
      return [];
    },
  );
  // Several (two runs raced to create it): the oldest, preferring a bot's, is the one kept current.
  return ours.find((c) => c.user?.type === 'Bot') ?? ours[0];
}

/** The warning for a failed API call: what to change so that the comment can be posted. */
export function explainFailure(err: unknown, pr: PullRequest): { warning: string; status?: number } {
  const e = err as { status?: unknown; message?: unknown };
  const status = typeof e.status === 'number' ? e.status : undefined;
  // Octokit appends the documentation URL: ` - https://docs.github.com/…`.
  const message = (String(e.message ?? err).split('\n')[0] ?? '').replace(/ - https?:\/\/\S+$/, '');
  const prefix = `race-rerun could not comment on pull request #${pr.number}`;
  const kept = 'The annotations, the job summary and the JSON report are not affected.';
  if (status === 403 && /not accessible by integration/i.test(message)) {
    const fix = pr.fromFork
      ? 'This pull request comes from a fork, and GitHub gives such runs a read-only token whatever the workflow asks for. To comment on pull requests from forks, post the comment from a separate workflow triggered by `workflow_run` (it runs with a write token) that downloads the JSON report this job uploads as an artifact; or set `comment: false` to silence this warning.'
      : 'Give the job `permissions: pull-requests: write` (or set `comment: false`).';
    return { warning: `${prefix}: the token cannot write comments (403 ${message}). ${fix} ${kept}`, status };
  }
  if (status === 404) {
    return {
      warning: `${prefix}: not found (404). The token cannot see this repository's pull requests; check \`github-token\` and the job's \`permissions\`. ${kept}`,
      status,
    };
  }
  const code = status !== undefined ? ` (${status})` : '';
  return { warning: `${prefix}${code}: ${message} ${kept}`, ...(status !== undefined ? { status } : {}) };
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
    const body = renderComment(report, {
      identity: input.identity,
      ...(pr.headSha ? { sha: pr.headSha } : {}),
      ...(input.repoUrl ? { repoUrl: input.repoUrl } : {}),
      ...(input.runUrl ? { runUrl: input.runUrl } : {}),
      ...(input.unannotated ? { unannotated: input.unannotated } : {}),
      ...(input.onlyNew ? { onlyNew: true } : {}),
      ...(existing ? { previousBody: existing.body ?? '' } : {}),
    });
    if (body === undefined) return { action: 'none', reason: 'no findings and no earlier comment', requests };
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
