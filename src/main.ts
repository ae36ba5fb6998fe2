// The action's main job: read inputs, run, and always leave a report, a summary and outputs behind.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as core from '@actions/core';
import { applyBaseline } from './engine/baseline.js';
import { createGitTool } from './engine/changed.js';
import { createGoTool, type GoTool } from './engine/go.js';
import { errorReport, runAndReport } from './engine/pipeline.js';
import { nodeProcessRunner, type ProcessRunner } from './engine/process.js';
import type { Report, Settings } from './model.js';
import { API_DEADLINE_MS, createClient } from './publish/client.js';
import { identityOf, type PullRequest, pullRequestOf, upsertComment } from './publish/comment.js';
import { readEvent } from './publish/event.js';
import { addEnvSecrets, addSecret, redact, redactDeep } from './publish/secrets.js';
import { planAnnotations } from './render/annotations.js';
import { failingFindings } from './render/outcome.js';
import { describeRun } from './render/progress.js';
import { renderSummary } from './render/summary.js';
import { readSettings, SettingsError } from './settings/settings.js';

export interface ActionDeps {
  env: NodeJS.ProcessEnv;
  runner: ProcessRunner;
  go: GoTool;
}

/** How publishing may be cut short: the job is being cancelled (i10a's signal handling). */
export interface PublishOptions {
  /** Stops the API calls at once. */
  signal?: AbortSignal;
  /** Epoch ms: the comment's API calls end by then (and within API_DEADLINE_MS anyway). */
  deadline?: number;
}

/** The commit the reviewer sees: a pull request's head, not the merge commit GITHUB_SHA names. */
export function headCommit(
  env: NodeJS.ProcessEnv,
  payload: Record<string, unknown> = readEvent(env).payload,
): string | undefined {
  // A missing or unreadable event only costs the link's precision.
  const sha = (payload as { pull_request?: { head?: { sha?: unknown } } }).pull_request?.head?.sha;
  return (typeof sha === 'string' && sha) || env.GITHUB_SHA || undefined;
}

/** `only-changed`: the pull request's base commit from the event, when it looks like one. */
function baseCommit(payload: Record<string, unknown>): string | undefined {
  const sha = (payload as { pull_request?: { base?: { sha?: unknown } } }).pull_request?.base?.sha;
  return typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : undefined;
}

/** The token and the runner's own secrets: masked in the log by the runner, redacted by us everywhere else. */
function registerSecrets(settings: Settings | undefined, env: NodeJS.ProcessEnv): void {
  const token = settings?.githubToken ?? env['INPUT_GITHUB-TOKEN'];
  if (token) core.setSecret(token);
  addSecret(token);
  addEnvSecrets(env);
}

function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

function repoUrl(env: NodeJS.ProcessEnv): string | undefined {
  const repo = env.GITHUB_REPOSITORY;
  return repo ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${repo}` : undefined;
}

async function produceReport(
  settings: Settings | undefined,
  deps: ActionDeps,
  repoRoot: string,
  workDir: string,
  payload: Record<string, unknown>,
) {
  if (!settings) return undefined;
  let total = 0;
  return runAndReport(
    settings,
    {
      go: deps.go,
      runner: deps.runner,
      git: createGitTool(deps.runner, deps.env),
      workDir,
      log: (m) => core.info(m),
      onRun: (r, done, all) => {
        total = all;
        core.info(`[${done}/${total}] ${r.package} run ${r.index}: ${describeRun(r)}`);
      },
    },
    headCommit(deps.env, payload),
  ).catch((err: unknown) =>
    errorReport(`race-rerun failed unexpectedly: ${(err as Error).stack ?? String(err)}`, repoRoot),
  );
}

export async function run(partial: Partial<ActionDeps> = {}): Promise<void> {
  const env = partial.env ?? process.env;
  const runner = partial.runner ?? nodeProcessRunner;
  const deps: ActionDeps = { env, runner, go: partial.go ?? createGoTool(runner, { env }) };
  const repoRoot = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const tempRoot = env.RUNNER_TEMP || tmpdir();
  const reportPath = join(tempRoot, 'race-rerun', 'report.json');

  let settings: Settings | undefined;
  let report: Report | undefined;
  try {
    settings = readSettings((name) => core.getInput(name), {
      repoRoot,
      reportPath,
      cpus: availableParallelism(),
    });
  } catch (err) {
    const message =
      err instanceof SettingsError ? err.problems : `Cannot read inputs: ${(err as Error).message}`;
    report = errorReport(message, repoRoot);
  }
  registerSecrets(settings, env);
  // Read once: @actions/github would throw at import on an unreadable file; here it is a warning.
  const event = readEvent(env);
  if (event.problem)
    core.warning(
      `${event.problem}. Carrying on without it: no pull request comment, and links use GITHUB_SHA.`,
    );
  const base = settings?.onlyChanged ? baseCommit(event.payload) : undefined;
  if (settings && base) settings.changedSince = base;

  mkdirSync(tempRoot, { recursive: true });
  const workDir = mkdtempSync(join(tempRoot, 'race-rerun-'));
  report ??=
    (await produceReport(settings, deps, repoRoot, workDir, event.payload)) ??
    errorReport('No settings', repoRoot);
  const warned = compareWithBase(report, settings, env, repoRoot);
  await publish(report, settings, reportPath, env, { payload: event.payload, warned });
}

/**
 * The branch of this run, and with a `baseline` input the comparison with the base branch.
 * Returns the warnings printed (they come out of the annotation budget).
 */
function compareWithBase(
  report: Report,
  settings: Settings | undefined,
  env: NodeJS.ProcessEnv,
  repoRoot: string,
): number {
  const branch = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME;
  if (branch) report.context.branch = branch;
  if (!settings?.baseline || report.verdict === 'error') return 0;
  try {
    const warning = applyBaseline(report, settings.baseline, repoRoot, env.GITHUB_BASE_REF || undefined);
    if (!warning) return 0;
    core.warning(warning);
  } catch (err) {
    core.warning(`Could not compare with the baseline ${settings.baseline}: ${(err as Error).message}`);
  }
  return 1;
}

/** The pull request to comment on, or why there is none (said once in the log). */
function commentTarget(
  settings: Settings | undefined,
  env: NodeJS.ProcessEnv,
  payload: Record<string, unknown>,
): PullRequest | undefined {
  if (!settings?.comment) return undefined;
  const pr = pullRequestOf(env, payload);
  if (!pr) {
    core.info(
      `No pull request comment: the ${env.GITHUB_EVENT_NAME || 'unknown'} event has no pull request; the job summary has the report.`,
    );
    return undefined;
  }
  if (!settings.githubToken) {
    core.warning('No pull request comment: the github-token input is empty (set it, or set comment: false).');
    return undefined;
  }
  return pr;
}

/** Posts or updates the comment; any failure is one warning, never the step's failure. */
async function comment(
  report: Report,
  settings: Settings,
  pr: PullRequest,
  env: NodeJS.ProcessEnv,
  unannotated: string[],
  opts: PublishOptions,
): Promise<void> {
  try {
    const client = createClient(settings.githubToken, {
      baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
      log: (m) => core.info(m),
      deadline: Math.min(Date.now() + API_DEADLINE_MS, opts.deadline ?? Number.POSITIVE_INFINITY),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const url = runUrl(env);
    const repo = repoUrl(env);
    const result = await upsertComment({
      client,
      pr,
      identity: identityOf(env),
      report,
      ...(repo ? { repoUrl: repo } : {}),
      ...(url ? { runUrl: url } : {}),
      ...(settings.onlyNew ? { onlyNew: true } : {}),
      unannotated,
    });
    if (result.action === 'failed') core.warning(redact(result.warning));
    else if (result.action === 'none') core.info(`No pull request comment: ${result.reason}.`);
    else core.info(`Pull request comment ${result.action}: ${result.url ?? `#${result.id}`}`);
  } catch (err) {
    core.warning(
      redact(`race-rerun could not comment on pull request #${pr.number}: ${(err as Error).message}`),
    );
  }
}

/** The step's outputs; a missing GITHUB_OUTPUT file is one warning, not a crash. */
function setOutputs(report: Report, reportPath: string): void {
  const flaky = report.tests
    .filter((t) => t.status === 'flaky' || t.status === 'failing')
    .map((t) => ({ package: t.package, test: t.name, failed: t.failed, runs: t.runs, status: t.status }));
  try {
    core.setOutput('runs', report.totalRuns);
    core.setOutput('failed-runs', report.failedRuns);
    core.setOutput('races', report.findings.filter((f) => f.kind === 'race').length);
    core.setOutput('panics', report.findings.filter((f) => f.kind === 'panic').length);
    core.setOutput('flaky-tests', redact(JSON.stringify(flaky)));
    core.setOutput('report', reportPath);
  } catch (err) {
    core.warning(`Could not set the step outputs (GITHUB_OUTPUT): ${(err as Error).message}`);
  }
}

/**
 * Writes the report, annotations, summary and outputs; each step survives the others failing.
 * Everything published is redacted (the token, the runner's secrets) first.
 */
export async function publish(
  unredacted: Report,
  settings: Settings | undefined,
  reportPath: string,
  env: NodeJS.ProcessEnv,
  opts: PublishOptions & { payload?: Record<string, unknown>; warned?: number } = {},
): Promise<void> {
  const report = redactDeep(unredacted);
  const payload = opts.payload ?? readEvent(env).payload;
  try {
    mkdirSync(dirname(reportPath), { recursive: true });
    writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    core.info(`JSON report written to ${reportPath}`);
  } catch (err) {
    core.warning(`Could not write the JSON report to ${reportPath}: ${(err as Error).message}`);
  }

  // Every error is printed once; the last reason becomes the step's failure message. They are
  // annotations too, so they come out of the same per-step budget.
  const reasons = report.errors.map(redact);
  const failing = failingFindings(report, settings?.failOn ?? [], settings?.onlyNew === true);
  if (failing.length > 0) {
    const kinds = [...new Set(failing.map((f) => f.kind))].join(', ');
    const onlyNew = settings?.onlyNew ? `; only-new: ${failing.length} new` : '';
    reasons.push(`${report.summary} (fail-on: ${settings?.failOn.join(',')}${onlyNew}; found: ${kinds}).`);
  }
  const pr = commentTarget(settings, env, payload);
  // A pull request run may print one warning about the comment (before or after the annotations).
  const mayWarn = settings?.comment === true && pullRequestOf(env, payload) !== undefined;
  const plan = planAnnotations(report, {
    reserved: { error: reasons.length, warning: (mayWarn ? 1 : 0) + (opts.warned ?? 0) },
    onlyNew: settings?.onlyNew === true,
  });
  for (const a of plan.annotations) {
    const props = { title: redact(a.title), file: a.file, startLine: a.startLine };
    const message = redact(a.message);
    if (a.level === 'error') core.error(message, props);
    else if (a.level === 'warning') core.warning(message, props);
    else core.notice(message, props);
  }

  const url = runUrl(env);
  const repo = repoUrl(env);
  const sha = pr?.headSha ?? report.context.commit;
  const markdown = redact(
    renderSummary(report, {
      ...(url ? { runUrl: url } : {}),
      ...(repo && sha ? { blobUrl: `${repo}/blob/${sha}/`, commitUrl: `${repo}/commit/${sha}` } : {}),
      ...(sha ? { sha } : {}),
      ...(settings?.onlyNew ? { onlyNew: true } : {}),
      unannotated: plan.unannotated,
    }),
  );
  if (env.GITHUB_STEP_SUMMARY) {
    try {
      writeFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`, { flag: 'a' });
    } catch (err) {
      core.warning(`Could not write the job summary: ${(err as Error).message}`);
    }
  } else {
    core.info(markdown);
  }

  setOutputs(report, reportPath);

  if (pr && settings) await comment(report, settings, pr, env, plan.unannotated, opts);

  const last = reasons.pop();
  for (const r of reasons) core.error(r);
  if (last) core.setFailed(last);
}
