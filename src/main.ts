// The action's main job: read inputs, run, and always leave a report, a summary and outputs behind.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as core from '@actions/core';
import { MergeError, mergeReports } from './analysis/merge.js';
import { applyBaseline } from './engine/baseline.js';
import { type Cancellation, onCancel } from './engine/cancel.js';
import { createGitTool } from './engine/changed.js';
import { testEnvironment } from './engine/environment.js';
import { writeWhole } from './engine/files.js';
import { createGoTool, type GoTool } from './engine/go.js';
import { errorReport, runAndReport } from './engine/pipeline.js';
import { nodeProcessRunner, type ProcessRunner } from './engine/process.js';
import type { Report, Settings } from './model.js';
import { createCheckRun } from './publish/checks.js';
import { API_DEADLINE_MS, createClient, type GitHubClient } from './publish/client.js';
import { identityOf, type PullRequest, pullRequestOf, upsertComment } from './publish/comment.js';
import { readEvent } from './publish/event.js';
import { addEnvSecrets, addSecret, redact, redactDeep } from './publish/secrets.js';
import { type Target, workflowRunTarget } from './publish/workflow-run.js';
import { type Annotation, planAnnotations } from './render/annotations.js';
import { canonicalMatrix } from './render/comment.js';
import { failingFindings } from './render/outcome.js';
import { describeRun } from './render/progress.js';
import { renderSarif } from './render/sarif.js';
import { renderSummary } from './render/summary.js';
import { ReportError, readReports } from './settings/reports.js';
import { readSettings, SettingsError } from './settings/settings.js';

export interface ActionDeps {
  env: NodeJS.ProcessEnv;
  runner: ProcessRunner;
  go: GoTool;
  /** SIGINT/SIGTERM handling; default: listen for them while run() works. */
  cancellation?: Cancellation;
}

/** Time kept, after the comment's deadline, to exit before EXIT_WITHIN_MS of a cancel. */
const EXIT_MARGIN_MS = 1000;

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
      env: deps.env,
      ...(deps.cancellation ? { signal: deps.cancellation.signal } : {}),
      git: createGitTool(deps.runner, deps.env),
      workDir,
      workDirLabel: 'RUNNER_TEMP',
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

/** The job that wrote a report and the pull request it ran for: what a later merge publishes to. */
function stampJob(report: Report, env: NodeJS.ProcessEnv, payload: Record<string, unknown>): void {
  const matrix = canonicalMatrix(env.RACE_RERUN_MATRIX);
  report.job = {
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID } : {}),
    ...(env.GITHUB_RUN_ATTEMPT ? { runAttempt: env.GITHUB_RUN_ATTEMPT } : {}),
    ...(matrix !== undefined ? { matrix } : {}),
  };
  const pr = pullRequestOf(env, payload);
  if (pr) report.pullRequest = { number: pr.number, ...(pr.headSha ? { headSha: pr.headSha } : {}) };
}

/** `merge`: the shard reports, validated and merged; a bad or foreign report is the report's error. */
function mergeFromFiles(settings: Settings, repoRoot: string): Report {
  try {
    const named = readReports(repoRoot, settings.merge ?? []);
    core.info(
      `Merging ${named.length} report${named.length === 1 ? '' : 's'}: ${named.map((n) => n.name).join(', ')}`,
    );
    const { report, warnings } = mergeReports(named);
    for (const w of warnings) core.warning(w);
    return report;
  } catch (err) {
    if (err instanceof ReportError || err instanceof MergeError) return errorReport(err.message, repoRoot);
    return errorReport(
      `race-rerun could not merge the reports: ${(err as Error).stack ?? String(err)}`,
      repoRoot,
    );
  }
}

/** Runs the action; `cancelled` names the signal when the job was cancelled (exit at once then). */
export async function run(partial: Partial<ActionDeps> = {}): Promise<{ cancelled?: string }> {
  const cancellation = partial.cancellation ?? onCancel({ say: (m) => core.info(m) });
  try {
    await runAction(partial, cancellation);
  } finally {
    cancellation.dispose();
  }
  if (cancellation.by === undefined) return {};
  if (!process.exitCode) core.setFailed(`race-rerun was cancelled (${cancellation.by}).`);
  return { cancelled: cancellation.by };
}

async function runAction(partial: Partial<ActionDeps>, cancellation: Cancellation): Promise<void> {
  const env = partial.env ?? process.env;
  const runner = partial.runner ?? nodeProcessRunner;
  const go = partial.go ?? createGoTool(runner, { env: testEnvironment(env), signal: cancellation.signal });
  const deps: ActionDeps = { env, runner, go, cancellation };
  const repoRoot = resolve(env.GITHUB_WORKSPACE || process.cwd());
  // Off a runner: a directory of our own, not a fixed path in /tmp that anyone could have made.
  const tempRoot = env.RUNNER_TEMP || mkdtempSync(join(tmpdir(), 'race-rerun-'));
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

  if (settings?.merge) report ??= mergeFromFiles(settings, repoRoot);
  if (!report) {
    mkdirSync(tempRoot, { recursive: true });
    const workDir = mkdtempSync(join(tempRoot, 'race-rerun-'));
    try {
      report =
        (await produceReport(settings, deps, repoRoot, workDir, event.payload)) ??
        errorReport('No settings', repoRoot);
    } finally {
      // Before the report is written: on a full disk, this is the space it needs.
      rmSync(workDir, { recursive: true, force: true });
    }
    stampJob(report, env, event.payload);
  }
  const warned = compareWithBase(report, settings, env, repoRoot);
  await publish(report, settings, reportPath, env, { payload: event.payload, warned, cancellation });
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
  // A merged report keeps the shards' branch (a workflow_run job runs on the default branch).
  if (branch && !report.context.branch) report.context.branch = branch;
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
  target: Target | undefined,
): PullRequest | undefined {
  if (target?.problem) {
    // Said even with comment: false when it stops the check run too (no trusted head commit).
    const what = target.headSha ? 'No pull request comment' : 'No pull request comment or check run';
    if (settings?.comment || !target.headSha) core.warning(redact(`${what}: ${target.problem}.`));
    return undefined;
  }
  if (!settings?.comment) return undefined;
  const pr = target ? target.pr : pullRequestOf(env, payload);
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

/** A client for this step's API calls, within the publishing deadline and the cancel signal. */
function clientFor(settings: Settings, env: NodeJS.ProcessEnv, opts: PublishOptions): GitHubClient {
  return createClient(settings.githubToken, {
    baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
    log: (m) => core.info(m),
    deadline: Math.min(Date.now() + API_DEADLINE_MS, opts.deadline ?? Number.POSITIVE_INFINITY),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
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
    const client = clientFor(settings, env, opts);
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

/**
 * Waits for the comment unless the job is (or gets) cancelled and the time to exit runs out: then
 * the comment is left behind with one warning (the process exits right after).
 */
async function inTime(
  work: (signal: AbortSignal) => Promise<void>,
  cancellation: Cancellation,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let arm: (() => void) | undefined;
  const stop = new AbortController();
  const late = new Promise<'late'>((resolve) => {
    arm = () => {
      const left = Math.max(0, cancellation.remainingMs() - EXIT_MARGIN_MS);
      timer = setTimeout(() => {
        stop.abort();
        resolve('late');
      }, left);
    };
    if (cancellation.signal.aborted) arm();
    else cancellation.signal.addEventListener('abort', arm, { once: true });
  });
  const outcome = await Promise.race([work(stop.signal).then(() => 'done' as const), late]);
  if (timer) clearTimeout(timer);
  if (arm) cancellation.signal.removeEventListener('abort', arm);
  if (outcome === 'late') {
    core.warning(
      `The pull request comment was not updated: the job was cancelled (${cancellation.by}) and there was no time left.`,
    );
  }
}

/** The step's outputs; a missing GITHUB_OUTPUT file is one warning, not a crash. */
function setOutputs(report: Report, reportPath: string, sarifPath: string | undefined): void {
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
    if (sarifPath) core.setOutput('sarif', sarifPath);
  } catch (err) {
    core.warning(`Could not set the step outputs (GITHUB_OUTPUT): ${(err as Error).message}`);
  }
}

/** Writes a file of the report's; a failure is one warning. */
function writeOut(path: string, text: string, what: string): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeWhole(path, text);
    core.info(`${what} written to ${path}`);
    return true;
  } catch (err) {
    core.warning(`Could not write the ${what} to ${path}: ${(err as Error).message}`);
    return false;
  }
}

function printCommands(annotations: Annotation[]): void {
  for (const a of annotations) {
    const props = { title: redact(a.title), file: a.file, startLine: a.startLine };
    const message = redact(a.message);
    if (a.level === 'error') core.error(message, props);
    else if (a.level === 'warning') core.warning(message, props);
    else core.notice(message, props);
  }
}

interface PublishPlan {
  /** Annotations as workflow commands (within the per-step budget), or none. */
  commands: Annotation[];
  /** Every annotation, for a check run. */
  checks?: Annotation[];
  unannotated: string[];
}

/**
 * Where the annotations go: nowhere from a shard (the merge annotates), a check run when asked or
 * when a workflow_run job publishes for a pull request, else workflow commands.
 */
function planPublish(
  report: Report,
  settings: Settings | undefined,
  env: NodeJS.ProcessEnv,
  reserved: { error: number; warning: number },
): PublishPlan {
  if (settings?.shard) return { commands: [], unannotated: [] };
  const wantChecks =
    settings?.annotations === 'checks' || (settings?.merge && env.GITHUB_EVENT_NAME === 'workflow_run');
  const onlyNew = settings?.onlyNew === true;
  const commands = planAnnotations(report, { reserved, onlyNew });
  if (!wantChecks || !settings?.githubToken)
    return { commands: commands.annotations, unannotated: commands.unannotated };
  const all = planAnnotations(report, { perLevel: Number.MAX_SAFE_INTEGER, onlyNew });
  return { commands: commands.annotations, checks: all.annotations, unannotated: all.unannotated };
}

/** The check run with every annotation; on refusal, workflow commands and one warning. */
async function annotateWithChecks(
  report: Report,
  settings: Settings,
  env: NodeJS.ProcessEnv,
  plan: PublishPlan,
  headSha: string | undefined,
  summary: string,
  opts: PublishOptions,
): Promise<void> {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || !headSha) {
    core.warning(
      'race-rerun cannot create a check run without GITHUB_REPOSITORY and a head commit; the annotations are printed as workflow commands.',
    );
    printCommands(plan.commands);
    return;
  }
  const failing =
    failingFindings(report, settings.failOn, settings.onlyNew === true).length > 0 ||
    report.verdict === 'error';
  const url = runUrl(env);
  const result = await createCheckRun({
    client: clientFor(settings, env, opts),
    owner,
    repo,
    headSha,
    name: `race-rerun (${report.job?.job || env.GITHUB_JOB || 'race'})`,
    title: report.summary,
    summary,
    conclusion: failing ? 'failure' : 'success',
    annotations: (plan.checks ?? []).map((a) => ({
      ...a,
      title: redact(a.title),
      message: redact(a.message),
    })),
    ...(url ? { detailsUrl: url } : {}),
  });
  if (result.ok) {
    core.info(
      `Check run created with ${plan.checks?.length ?? 0} annotations: ${result.url ?? `#${result.id}`}`,
    );
    return;
  }
  core.warning(redact(result.warning));
  printCommands(plan.commands);
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
  opts: PublishOptions & {
    payload?: Record<string, unknown>;
    warned?: number;
    cancellation?: Cancellation;
  } = {},
): Promise<void> {
  const report = redactDeep(unredacted);
  const payload = opts.payload ?? readEvent(env).payload;
  writeOut(reportPath, `${JSON.stringify(report, null, 2)}\n`, 'JSON report');
  const repo = repoUrl(env);
  const sarifPath = join(dirname(reportPath), 'report.sarif');
  const sarif = renderSarif(report, {
    ...(settings ? { failOn: settings.failOn } : {}),
    ...(repo ? { repoUrl: repo } : {}),
  });
  const sarifWritten = writeOut(sarifPath, `${JSON.stringify(sarif)}\n`, 'SARIF file');

  // Every error is printed once; the last reason becomes the step's failure message. They are
  // annotations too, so they come out of the same per-step budget.
  const reasons = report.errors.map(redact);
  const failing = failingFindings(report, settings?.failOn ?? [], settings?.onlyNew === true);
  if (failing.length > 0) {
    const kinds = [...new Set(failing.map((f) => f.kind))].join(', ');
    const onlyNew = settings?.onlyNew ? `; only-new: ${failing.length} new` : '';
    reasons.push(`${report.summary} (fail-on: ${settings?.failOn.join(',')}${onlyNew}; found: ${kinds}).`);
  }
  const c = report.cancelled;
  if (c) {
    reasons.push(
      `race-rerun was cancelled (${c.signal}) after ${c.runsDone} of ${c.runsPlanned} runs; the report covers those.`,
    );
  }
  const onWorkflowRun = Boolean(settings?.merge) && env.GITHUB_EVENT_NAME === 'workflow_run';
  const target =
    onWorkflowRun && settings
      ? await workflowRunTarget(
          env,
          payload,
          report,
          settings.githubToken ? clientFor(settings, env, opts) : undefined,
        )
      : undefined;
  const pr = commentTarget(settings, env, payload, target);
  // A pull request run may print one warning about the comment (before or after the annotations),
  // and one about the check run.
  const mayWarn = settings?.comment === true && (pullRequestOf(env, payload) !== undefined || onWorkflowRun);
  const plan = planPublish(report, settings, env, {
    error: reasons.length,
    warning:
      (mayWarn ? 1 : 0) + (settings?.annotations === 'checks' || onWorkflowRun ? 1 : 0) + (opts.warned ?? 0),
  });

  const url = runUrl(env);
  const sha = target?.headSha ?? pr?.headSha ?? report.context.commit;
  const markdown = redact(
    renderSummary(report, {
      ...(url ? { runUrl: url } : {}),
      ...(repo && sha ? { blobUrl: `${repo}/blob/${sha}/`, commitUrl: `${repo}/commit/${sha}` } : {}),
      ...(sha ? { sha } : {}),
      ...(settings?.onlyNew ? { onlyNew: true } : {}),
      unannotated: plan.unannotated,
    }),
  );
  if (plan.checks && settings && !(target?.problem && !target.headSha)) {
    await annotateWithChecks(report, settings, env, plan, sha, markdown, opts);
  } else {
    printCommands(plan.commands);
  }

  if (env.GITHUB_STEP_SUMMARY) {
    try {
      writeFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`, { flag: 'a' });
    } catch (err) {
      core.warning(`Could not write the job summary: ${(err as Error).message}`);
    }
  } else {
    core.info(markdown);
  }

  setOutputs(report, reportPath, sarifWritten ? sarifPath : undefined);

  if (pr && settings) {
    const send = (signal?: AbortSignal) =>
      comment(report, settings, pr, env, plan.unannotated, { ...opts, ...(signal ? { signal } : {}) });
    await (opts.cancellation ? inTime(send, opts.cancellation) : send());
  }

  const last = reasons.pop();
  for (const r of reasons) core.error(r);
  if (last) core.setFailed(last);
}
