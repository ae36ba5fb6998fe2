// Annotations through the Checks API: one check run on the head commit with every annotation,
// 50 per request (GitHub's limit), so nothing is lost to the 10-per-step limit of workflow
// commands, and a workflow_run job can annotate the pull request's commit. Failures are returned,
// never thrown: the caller falls back to workflow commands.
import type { Annotation } from '../render/annotations.js';
import { asApiError, type GitHubClient } from './client.js';

/** GitHub takes at most 50 annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Output text and summary limit of a check run. */
const OUTPUT_LIMIT = 65_535;
const MESSAGE_LIMIT = 64 * 1024 - 1;

export interface CheckRunInput {
  client: GitHubClient;
  owner: string;
  repo: string;
  headSha: string;
  name: string;
  title: string;
  /** Markdown; cut to the API's limit. */
  summary: string;
  conclusion: 'success' | 'failure' | 'neutral';
  annotations: Annotation[];
  detailsUrl?: string;
}

export type CheckRunResult =
  | { ok: true; id: number; url?: string; requests: number }
  | { ok: false; warning: string; status?: number; requests: number };

const LEVEL = { error: 'failure', warning: 'warning', notice: 'notice' } as const;

function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function apiAnnotation(a: Annotation) {
  return {
    path: a.file,
    start_line: a.startLine,
    end_line: a.startLine,
    annotation_level: LEVEL[a.level],
    title: cut(a.title, 255),
    message: cut(a.message, MESSAGE_LIMIT),
  };
}

/** Creates the completed check run with the first 50 annotations, then adds the rest 50 at a time. */
export async function createCheckRun(input: CheckRunInput): Promise<CheckRunResult> {
  const { client, owner, repo } = input;
  const batches: Annotation[][] = [];
  for (let i = 0; i < input.annotations.length; i += ANNOTATIONS_PER_REQUEST)
    batches.push(input.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const output = (batch: Annotation[] | undefined) => ({
    title: cut(input.title, 255),
    summary: cut(input.summary, OUTPUT_LIMIT),
    annotations: (batch ?? []).map(apiAnnotation),
  });
  let requests = 0;
  try {
    requests++;
    const created = await client.rest.checks.create({
      owner,
      repo,
      name: input.name,
      head_sha: input.headSha,
      status: 'completed',
      conclusion: input.conclusion,
      ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
      output: output(batches[0]),
    });
    const id = created.data.id;
    for (const batch of batches.slice(1)) {
      requests++;
      await client.rest.checks.update({ owner, repo, check_run_id: id, output: output(batch) });
    }
    return { ok: true, id, ...(created.data.html_url ? { url: created.data.html_url } : {}), requests };
  } catch (err) {
    const e = asApiError(err);
    const status = e.status;
    const message = (e.message.split('\n')[0] ?? '').replace(/ - https?:\/\/\S+/, '');
    const hint = status === 403 || status === 404 ? ' Give the job `permissions: checks: write`.' : '';
    return {
      ok: false,
      warning: `race-rerun could not create the check run: ${message}.${hint} The annotations are printed as workflow commands instead (GitHub shows 10 per level and step).`,
      ...(status !== undefined ? { status } : {}),
      requests,
    };
  }
}
