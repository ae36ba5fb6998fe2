// Beyond one job, with the bundled action as a runner runs it: shards of a real Go module as
// separate processes, then a merge job; a fork-safe workflow_run publisher talking to the local
// API server (comment on the pull request, a check run with every annotation on its head commit);
// and shard reports that must be refused.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { wilson } from '../../src/analysis/stats.js';
import type { Finding, Report } from '../../src/model.js';
import { type FakeGitHub, startFakeGitHub } from '../publish/server.js';
import { schemaErrors } from '../render/sarif-schema.js';
import { type ActionResult, pullRequestEvent, runAction } from './runner.js';

const TOKEN = 'ghs_shardTokenThatMustNeverBePrinted';
const SHA = '5555555555555555555555555555555555555555';
const RACE_LINES = ['test/go/race/race.go:13', 'test/go/race/race.go:18'];

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub();
});
afterAll(async () => {
  await gh.close();
});
beforeEach(() => {
  gh.requests.length = 0;
  gh.failures.length = 0;
  gh.comments.clear();
  gh.checkRuns.length = 0;
  gh.pulls.clear();
});

const fileAnnotations = (r: ActionResult) =>
  r.commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command) && c.properties.file);
const plainWarnings = (r: ActionResult) =>
  r.commands.filter((c) => c.command === 'warning' && !c.properties.file);
const failure = (r: ActionResult) =>
  r.commands.filter((c) => c.command === 'error' && !c.properties.file).at(-1)?.message;

/** A workspace holding the reports as download-artifact leaves them: shards/<artifact>/report.json. */
function workspaceWith(reports: (Report | string)[]): string {
  const ws = mkdtempSync(join(tmpdir(), 'race-rerun-merge-'));
  reports.forEach((r, i) => {
    mkdirSync(join(ws, 'shards', `race-report-${i + 1}`), { recursive: true });
    writeFileSync(
      join(ws, 'shards', `race-report-${i + 1}`, 'report.json'),
      typeof r === 'string' ? r : JSON.stringify(r),
    );
  });
  return ws;
}

const prEnv = { GITHUB_API_URL: '', GORACE: 'atexit_sleep_ms=0' };

describe('4 shards of a real module, then a merge', () => {
  it('gives the findings and runs of one unsharded job, with global run numbers and one comment', async () => {
    const event = pullRequestEvent(12, SHA);
    const env = { ...prEnv, GITHUB_API_URL: gh.url };
    const inputs = { 'working-directory': 'test/go/race', count: '8', timeout: '1m', 'github-token': TOKEN };
    const shards: ActionResult[] = [];
    for (let i = 1; i <= 4; i++) {
      shards.push(
        await runAction(
          { ...inputs, shard: `${i}/4` },
          { eventName: 'pull_request', event, env: { ...env, RACE_RERUN_MATRIX: `{"shard": ${i}}` } },
        ),
      );
    }
    // A shard annotates nothing, posts nothing, and says which shard it is.
    expect(gh.requests).toEqual([]);
    for (const [i, s] of shards.entries()) {
      expect(fileAnnotations(s)).toEqual([]);
      expect(s.summary).toContain(`(shard ${i + 1} of 4)`);
      expect(s.report?.shard).toMatchObject({
        index: i + 1,
        total: 4,
        split: 'runs',
        firstRun: 2 * i + 1,
        lastRun: 2 * i + 2,
      });
      expect(s.report?.context.commit).toBe(SHA);
      expect(s.report?.pullRequest).toEqual({ number: 12, headSha: SHA });
      expect(s.report?.job).toMatchObject({
        workflow: 'CI',
        job: 'race',
        runId: '42',
        matrix: `{"shard":${i + 1}}`,
      });
      // Global run numbers: shard 2 of 4 with count 8 ran runs 3 and 4.
      expect(s.report?.findings.find((f) => f.kind === 'race')?.seenIn).toEqual([2 * i + 1, 2 * i + 2]);
      expect(s.outputs.runs).toBe('2');
    }

    const ws = workspaceWith(shards.map((s) => s.report as Report));
    const merged = await runAction(
      { merge: 'shards/*/report.json', 'github-token': TOKEN },
      { eventName: 'pull_request', event, env, workspace: ws },
    );
    const one = await runAction(inputs, { eventName: 'pull_request', event: pullRequestEvent(13, SHA), env });

    const r = merged.report as Report;
    const u = one.report as Report;
    expect(r.totalRuns).toBe(8);
    expect(r.totalRuns).toBe(u.totalRuns);
    const shape = (f: Finding) => ({
      kind: f.kind,
      signature: f.signature,
      runsSeen: f.runsSeen,
      runs: f.runs,
      seenIn: f.seenIn,
      tests: f.tests,
      where: f.locations.map((l) => `${l.file}:${l.line}`).sort(),
    });
    expect(r.findings.map(shape)).toEqual(u.findings.map(shape));
    expect(r.findings[0]?.seenIn).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.tests.map((t) => [t.name, t.runs, t.failed, t.status])).toEqual(
      u.tests.map((t) => [t.name, t.runs, t.failed, t.status]),
    );
    expect(r.summary).toBe(`${u.summary} (merged from 4 jobs: 4 of 4 shards)`);
    // The merge publishes as one job would: annotations on both race lines, one comment.
    expect(
      fileAnnotations(merged)
        .map((a) => `${a.properties.file}:${a.properties.line}`)
        .sort(),
    ).toEqual(RACE_LINES);
    expect(merged.status).toBe(1);
    expect(merged.outputs.runs).toBe('8');
    expect(merged.outputs.races).toBe('1');
    expect(merged.summary).toContain('merged from 4 jobs');
    const comments12 = gh.commentsOf('octo/app#12');
    expect(comments12).toHaveLength(1);
    expect(comments12[0]?.body).toContain('merged from 4 jobs: 4 of 4 shards');
    // SARIF next to the report, valid.
    expect(merged.outputs.sarif).toBe(join(merged.reportPath, '..', 'report.sarif'));
    expect(schemaErrors(JSON.parse(readFileSync(merged.outputs.sarif ?? '', 'utf8')))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Synthetic shard reports (no Go): 60 panics at 60 lines, 30 per shard.

function panic(i: number, run: number): Finding {
  return {
    id: `0000${String(i).padStart(4, '0')}`,
    kind: 'panic',
    signature: `panic\u0000boom ${i}\u0000p.F${i}`,
    title: `Panic: boom ${i}`,
    message: `boom ${i}`,
    package: 'example.com/p',
    runsSeen: 1,
    runs: 1,
    interval: wilson(1, 1),
    seenIn: [run],
    tests: ['TestP'],
    locations: [{ file: 'p/p.go', line: i + 1, function: `p.F${i}`, role: 'panic' }],
    stacks: [],
    sample: `panic: boom ${i}`,
    reproduce: "go test -race -count=1 -run '^TestP$' ./p",
  };
}

function shardOf(index: number, opts: { commit?: string; pr?: number } = {}): Report {
  const findings = Array.from({ length: 30 }, (_, k) => panic((index - 1) * 30 + k, index));
  return {
    schemaVersion: 1,
    tool: { name: 'race-rerun', version: '0.1.0' },
    mode: 'run',
    runs: 2,
    totalRuns: 1,
    failedRuns: 1,
    packages: [{ importPath: 'example.com/p', dir: 'p', built: true, runs: 1, failedRuns: 1 }],
    findings,
    tests: [
      {
        package: 'example.com/p',
        name: 'TestP',
        runs: 1,
        failed: 1,
        status: 'failing',
        interval: wilson(1, 1),
      },
    ],
    verdict: 'findings',
    summary: `30 panics in 1 run of 1 package (shard ${index} of 2)`,
    errors: [],
    notes: [],
    context: {
      workingDirectory: '.',
      packages: ['./...'],
      count: 2,
      timeout: '10m',
      goTestFlags: [],
      commit: opts.commit ?? SHA,
    },
    shard: { index, total: 2, split: 'runs', firstRun: index, lastRun: index },
    job: { workflow: 'CI', job: 'race', runId: '41', matrix: `{"shard":${index}}` },
    pullRequest: { number: opts.pr ?? 77, headSha: opts.commit ?? SHA },
  };
}

function workflowRunEvent(headSha: string, pullRequests: object[] = []): object {
  return {
    action: 'completed',
    workflow_run: {
      id: 41,
      event: 'pull_request',
      head_sha: headSha,
      head_repository: { full_name: 'someone/app' },
      pull_requests: pullRequests,
    },
  };
}

async function publishOnWorkflowRun(
  reports: (Report | string)[],
  opts: { headSha?: string; inputs?: Record<string, string>; pulls?: object[] } = {},
): Promise<ActionResult> {
  return runAction(
    { merge: 'shards/*/report.json', 'github-token': TOKEN, ...opts.inputs },
    {
      eventName: 'workflow_run',
      event: workflowRunEvent(opts.headSha ?? SHA, opts.pulls),
      env: {
        GITHUB_API_URL: gh.url,
        GITHUB_WORKFLOW: 'Publish race-rerun',
        GITHUB_JOB: 'publish',
        GITHUB_RUN_ID: '43',
      },
      workspace: workspaceWith(reports),
    },
  );
}

describe('workflow_run: publishing for a fork pull request', () => {
  it('comments on the pull request the reports name and puts all 60 annotations in a check run (2 requests)', async () => {
    gh.pulls.set('octo/app#77', SHA);
    const r = await publishOnWorkflowRun([shardOf(1), shardOf(2)]);
    expect(r.stderr).toBe('');
    expect(gh.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'GET /repos/octo/app/pulls/77',
      'POST /repos/octo/app/check-runs',
      `PATCH /repos/octo/app/check-runs/${gh.checkRuns[0]?.id}`,
      'GET /repos/octo/app/issues/77/comments?per_page=100',
      'POST /repos/octo/app/issues/77/comments',
    ]);
    const annotationRequests = gh.requests.filter((q) => q.path.includes('/check-runs'));
    expect(
      annotationRequests.map(
        (q) => (q.body as { output: { annotations: unknown[] } }).output.annotations.length,
      ),
    ).toEqual([50, 10]);
    const check = gh.checkRuns[0];
    expect(check).toMatchObject({
      name: 'race-rerun (race)',
      head_sha: SHA,
      status: 'completed',
      conclusion: 'failure',
    });
    expect(check?.annotations).toHaveLength(60);
    expect(check?.annotations[0]).toMatchObject({
      path: expect.stringMatching(/^p\/p\.go$/),
      annotation_level: 'failure',
    });
    expect(new Set(check?.annotations.map((a) => a.start_line)).size).toBe(60);
    // No workflow-command annotations: they would land on this run, not on the pull request.
    expect(fileAnnotations(r)).toEqual([]);
    const body = gh.commentsOf('octo/app#77')[0]?.body ?? '';
    expect(body).toContain('60 panics');
    expect(body).toContain('merged from 2 jobs: 2 of 2 shards');
    expect(body).toContain(`/blob/${SHA}/p/p.go#L1`);
    // `::add-mask::` is how the runner learns to mask it; the runner does not print that line.
    expect(r.stdout.replace(/^::add-mask::.*$/m, '')).not.toContain(TOKEN.slice(4));
  });

  it('uses the pull request the event lists (same-repository pull request) without asking', async () => {
    const r = await publishOnWorkflowRun([shardOf(1), shardOf(2)], {
      pulls: [{ number: 77, head: { sha: SHA } }],
      inputs: { 'fail-on': 'never' },
    });
    expect(r.status).toBe(0);
    expect(gh.requests.map((q) => q.method)).toEqual(['POST', 'PATCH', 'GET', 'POST']);
    expect(gh.checkRuns[0]?.conclusion).toBe('success');
  });

  it('does not believe a pull request number whose head is another commit', async () => {
    gh.pulls.set('octo/app#77', '9999999999999999999999999999999999999999');
    const r = await publishOnWorkflowRun([shardOf(1), shardOf(2)]);
    expect(gh.requests.some((q) => q.path.includes('/issues/'))).toBe(false);
    expect(plainWarnings(r).map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /reports name pull request #77, whose head is 999999999999, not the tested commit 555555555555; no comment/,
      ),
    );
    // The check run still goes on the tested commit, which the trusted event names.
    expect(gh.checkRuns[0]?.head_sha).toBe(SHA);
  });

  it('refuses reports of another commit than the run that triggered it', async () => {
    const other = '6666666666666666666666666666666666666666';
    const r = await publishOnWorkflowRun([shardOf(1, { commit: other }), shardOf(2, { commit: other })]);
    expect(gh.requests).toEqual([]);
    expect(plainWarnings(r)).toHaveLength(1);
    expect(
      plainWarnings(r)
        .map((w) => w.message)
        .join('\n'),
    ).toMatch(
      /the reports are for commit 666666666666, but the run that triggered this workflow tested 555555555555/,
    );
  });

  it('falls back to workflow commands with one warning when the Checks API refuses', async () => {
    gh.failures.push({ status: 403, message: 'Resource not accessible by integration', method: 'POST' });
    const r = await runAction(
      { merge: 'shards/*/report.json', 'github-token': TOKEN, annotations: 'checks', comment: 'false' },
      {
        eventName: 'push',
        env: { GITHUB_API_URL: gh.url },
        workspace: workspaceWith([shardOf(1), shardOf(2)]),
      },
    );
    expect(gh.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['POST /repos/octo/app/check-runs']);
    const w = plainWarnings(r);
    expect(w).toHaveLength(1);
    expect(w[0]?.message).toMatch(
      /could not create the check run: POST \/repos\/octo\/app\/check-runs: 403 Resource not accessible by integration\. Give the job `permissions: checks: write`\..*workflow commands instead/,
    );
    const a = fileAnnotations(r);
    expect(a.length).toBeGreaterThan(0);
    expect(a.length).toBeLessThanOrEqual(30);
  });
});

describe('annotations: checks in a normal run', () => {
  it('puts both race lines in a check run on the commit instead of workflow commands', async () => {
    const r = await runAction(
      {
        'working-directory': 'test/go/race',
        count: '2',
        timeout: '1m',
        annotations: 'checks',
        'github-token': TOKEN,
      },
      { eventName: 'push', env: { GITHUB_API_URL: gh.url, GORACE: 'atexit_sleep_ms=0' } },
    );
    expect(gh.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['POST /repos/octo/app/check-runs']);
    const check = gh.checkRuns[0];
    expect(check).toMatchObject({
      head_sha: 'abc123abc123abc123abc123abc123abc123abcd',
      conclusion: 'failure',
    });
    expect(check?.annotations.map((a) => `${a.path}:${a.start_line}`).sort()).toEqual(RACE_LINES);
    expect(check?.annotations[0]?.title).toMatch(/^Data race \(2\/2 runs\)/);
    expect(fileAnnotations(r)).toEqual([]);
    expect(plainWarnings(r)).toEqual([]);
    expect(r.status).toBe(1);
  });
});

describe('merge refuses bad reports with a clear error, never a crash', () => {
  const refused = async (reports: (Report | string)[]) => {
    const r = await runAction({ merge: 'shards/*/report.json' }, { workspace: workspaceWith(reports) });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/\n\s+at /);
    expect(r.report?.verdict).toBe('error');
    expect(r.summary).toContain('## race-rerun');
    return failure(r) ?? '';
  };

  it('malformed JSON', async () => {
    expect(await refused([shardOf(1), '{"schemaVersion": 1,'])).toMatch(
      /^shards\/race-report-2\/report\.json is not JSON/,
    );
  });

  it('a foreign commit', async () => {
    expect(
      await refused([shardOf(1), shardOf(2, { commit: 'abcabcabcabcabcabcabcabcabcabcabcabcabca' })]),
    ).toMatch(
      /Cannot merge shards\/race-report-2\/report\.json with shards\/race-report-1\/report\.json: their commit differ/,
    );
  });

  it('a path that leaves the repository', async () => {
    const evil = shardOf(2);
    const f = evil.findings[3];
    if (f?.locations[0]) f.locations[0].file = 'p/../../../../home/runner/.ssh/id_rsa';
    expect(await refused([shardOf(1), evil])).toMatch(/findings\[3\]\.locations\[0\]\.file contains \.\./);
  });

  it('a report of another shape', async () => {
    expect(await refused([shardOf(1), JSON.stringify({ hello: 'world' })])).toMatch(
      /is not a valid race-rerun report: report has no schemaVersion/,
    );
  });

  it('a missing shard is a warning, not an error', async () => {
    const three = JSON.parse(JSON.stringify(shardOf(1))) as Report;
    if (three.shard) three.shard.total = 3;
    const other = JSON.parse(JSON.stringify(shardOf(2))) as Report;
    if (other.shard) other.shard.total = 3;
    const r = await runAction(
      { merge: 'shards/*/report.json', 'fail-on': 'never' },
      { workspace: workspaceWith([three, other]) },
    );
    expect(r.status).toBe(0);
    expect(plainWarnings(r).map((w) => w.message)).toContain(
      'Merged 2 of 3 shards: shard 3 of 3 is missing, so fewer runs were counted than one job would have run.',
    );
    expect(r.summary).toContain('2 of 3 shards');
  });
});
