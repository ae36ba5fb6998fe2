// Publishing from a `workflow_run` workflow: it has a write token and never runs the pull
// request's code, but its event lists no pull request for a fork. The reports say which pull
// request and commit they are for; since a fork can write those reports, the number is only
// believed when GitHub says that pull request's head is the commit the triggering run tested.
import type { Report } from '../model.js';
import { asApiError, type GitHubClient } from './client.js';
import type { PullRequest } from './comment.js';

interface WorkflowRunEvent {
  workflow_run?: {
    head_sha?: string;
    event?: string;
    pull_requests?: { number?: number; head?: { sha?: string } }[];
  };
}

export function workflowRunOf(
  env: NodeJS.ProcessEnv,
  payload: Record<string, unknown>,
): WorkflowRunEvent['workflow_run'] | undefined {
  if (env.GITHUB_EVENT_NAME !== 'workflow_run') return undefined;
  const run = (payload as WorkflowRunEvent).workflow_run;
  return run !== null && typeof run === 'object' ? run : undefined;
}

/** Where to publish; `problem` says why the comment (or everything, without headSha) is skipped. */
export interface Target {
  headSha?: string;
  pr?: PullRequest;
  problem?: string;
}

/** The pull request and head commit to publish to, checked against the trusted event. */
export async function workflowRunTarget(
  env: NodeJS.ProcessEnv,
  payload: Record<string, unknown>,
  report: Report,
  client: GitHubClient | undefined,
): Promise<Target> {
  const run = workflowRunOf(env, payload);
  const headSha = typeof run?.head_sha === 'string' ? run.head_sha : undefined;
  if (!run || !headSha) return { problem: 'the workflow_run event names no head commit' };
  const commit = report.context.commit;
  if (commit && commit !== headSha) {
    return {
      problem: `the reports are for commit ${commit.slice(0, 12)}, but the run that triggered this workflow tested ${headSha.slice(0, 12)}; nothing is published for them`,
    };
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return { headSha };
  const pulls = Array.isArray(run.pull_requests) ? run.pull_requests : [];
  const listed = pulls.find((p) => typeof p?.number === 'number');
  if (listed?.number)
    return { headSha, pr: { owner, repo, number: listed.number, headSha, fromFork: false } };
  const number = report.pullRequest?.number;
  if (!number || !client) return { headSha };
  // A fork's pull request: the event lists none, the (untrusted) report names one. Believe it
  // only when that pull request's head is the commit the triggering run tested.
  try {
    const res = await client.rest.pulls.get({ owner, repo, pull_number: number });
    const head = res.data.head?.sha;
    if (head !== headSha) {
      return {
        headSha,
        problem: `the reports name pull request #${number}, whose head is ${String(head).slice(0, 12)}, not the tested commit ${headSha.slice(0, 12)}; no comment is posted`,
      };
    }
  } catch (err) {
    return {
      headSha,
      problem: `cannot check pull request #${number} that the reports name: ${asApiError(err).message.split('\n')[0]}`,
    };
  }
  // This job's token can write: a refusal is about its permissions, not about the fork.
  return { headSha, pr: { owner, repo, number, headSha, fromFork: false } };
}
