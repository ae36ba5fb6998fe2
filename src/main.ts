// The action's main job: read inputs, run, and always leave a report, a summary and outputs behind.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as core from '@actions/core';
import { createGoTool, type GoTool } from './engine/go.js';
import { nodeProcessRunner, type ProcessRunner } from './engine/process.js';
import type { Report, Settings } from './model.js';
import { errorReport, runAndReport } from './pipeline.js';
import { describeRun } from './progress.js';
import { renderAnnotations } from './render/annotations.js';
import { failingFindings } from './render/outcome.js';
import { renderSummary } from './render/summary.js';
import { readSettings, SettingsError } from './settings.js';

export interface ActionDeps {
  env: NodeJS.ProcessEnv;
  runner: ProcessRunner;
  go: GoTool;
}

/** The commit the reviewer sees: a pull request's head, not the merge commit GITHUB_SHA names. */
export function headCommit(env: NodeJS.ProcessEnv): string | undefined {
  try {
    if (env.GITHUB_EVENT_PATH) {
      const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
        pull_request?: { head?: { sha?: string } };
      };
      const sha = event.pull_request?.head?.sha;
      if (sha) return sha;
    }
  } catch {
    // A missing or unreadable event only costs the link's precision.
  }
  return env.GITHUB_SHA || undefined;
}

function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

async function produceReport(
  settings: Settings | undefined,
  deps: ActionDeps,
  repoRoot: string,
  workDir: string,
) {
  if (!settings) return undefined;
  let total = 0;
  return runAndReport(
    settings,
    {
      go: deps.go,
      runner: deps.runner,
      workDir,
      log: (m) => core.info(m),
      onRun: (r, done, all) => {
        total = all;
        core.info(`[${done}/${total}] ${r.package} run ${r.index}: ${describeRun(r)}`);
      },
    },
    headCommit(deps.env),
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
      err instanceof SettingsError ? err.message : `Cannot read inputs: ${(err as Error).message}`;
    report = errorReport(message, repoRoot);
  }
  if (settings?.githubToken) core.setSecret(settings.githubToken);

  mkdirSync(tempRoot, { recursive: true });
  const workDir = mkdtempSync(join(tempRoot, 'race-rerun-'));
  report ??= (await produceReport(settings, deps, repoRoot, workDir)) ?? errorReport('No settings', repoRoot);
  publish(report, settings, reportPath, env);
}

/** Writes the report, annotations, summary and outputs; each step survives the others failing. */
function publish(report: Report, settings: Settings | undefined, reportPath: string, env: NodeJS.ProcessEnv) {
  try {
    mkdirSync(dirname(reportPath), { recursive: true });
    writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    core.info(`JSON report written to ${reportPath}`);
  } catch (err) {
    core.warning(`Could not write the JSON report to ${reportPath}: ${(err as Error).message}`);
  }

  for (const a of renderAnnotations(report)) {
    const props = { title: a.title, file: a.file, startLine: a.startLine };
    if (a.level === 'error') core.error(a.message, props);
    else if (a.level === 'warning') core.warning(a.message, props);
    else core.notice(a.message, props);
  }

  const url = runUrl(env);
  const markdown = renderSummary(report, url ? { runUrl: url } : {});
  if (env.GITHUB_STEP_SUMMARY) {
    try {
      writeFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`, { flag: 'a' });
    } catch (err) {
      core.warning(`Could not write the job summary: ${(err as Error).message}`);
    }
  } else {
    core.info(markdown);
  }

  const flaky = report.tests
    .filter((t) => t.status === 'flaky' || t.status === 'failing')
    .map((t) => ({ package: t.package, test: t.name, failed: t.failed, runs: t.runs, status: t.status }));
  core.setOutput('runs', report.totalRuns);
  core.setOutput('failed-runs', report.failedRuns);
  core.setOutput('races', report.findings.filter((f) => f.kind === 'race').length);
  core.setOutput('panics', report.findings.filter((f) => f.kind === 'panic').length);
  core.setOutput('flaky-tests', JSON.stringify(flaky));
  core.setOutput('report', reportPath);

  // Every error is printed once; the last reason becomes the step's failure message.
  const reasons = [...report.errors];
  const failing = failingFindings(report, settings?.failOn ?? []);
  if (failing.length > 0) {
    const kinds = [...new Set(failing.map((f) => f.kind))].join(', ');
    reasons.push(`${report.summary} (fail-on: ${settings?.failOn.join(',')}; found: ${kinds}).`);
  }
  const last = reasons.pop();
  for (const r of reasons) core.error(r);
  if (last) core.setFailed(last);
}
