// The pull request comment end to end: the bundled action (dist/index.js) as a subprocess with a
// runner's environment and a pull_request event, talking to a local fake of GitHub's REST API
// (GITHUB_API_URL) that records every request. Real Go modules from test/go/, small counts.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, parseHistory } from '../../src/render/comment.js';
import { type FakeGitHub, startFakeGitHub } from '../publish/server.js';
import { detailsBalance, prose } from '../render/markdown-check.js';
import { schemaErrors } from '../render/sarif-schema.js';
import { type ActionResult, pullRequestEvent, runAction } from './runner.js';

const TOKEN = 'ghs_e2eSecretTokenThatMustNeverBePrinted';
const SHA1 = '1111111111111111111111111111111111111111';
const SHA2 = '2222222222222222222222222222222222222222';
const SHA3 = '3333333333333333333333333333333333333333';
const ISSUE = 'octo/app#12';

let gh: FakeGitHub;
const outputs: ActionResult[] = [];

beforeAll(async () => {
  gh = await startFakeGitHub();
});
afterAll(async () => {
  await gh.close();
  // Whatever happened, the token was never printed.
  for (const r of outputs) {
    // `::add-mask::` is how the runner learns to mask it; the runner does not print that line.
    const printed = r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    expect(printed).not.toContain(TOKEN);
    expect(r.stderr).not.toContain(TOKEN);
  }
});
beforeEach(() => {
  gh.requests.length = 0;
  gh.failures.length = 0;
  gh.comments.clear();
});

async function onPullRequest(
  inputs: Record<string, string>,
  opts: {
    sha?: string;
    number?: number;
    env?: Record<string, string>;
    fork?: boolean;
    workspace?: string;
  } = {},
): Promise<ActionResult> {
  const r = await runAction(
    { 'github-token': TOKEN, timeout: '1m', ...inputs },
    {
      eventName: 'pull_request',
      event: pullRequestEvent(opts.number ?? 12, opts.sha ?? SHA1, { fork: opts.fork ?? false }),
      env: { GITHUB_API_URL: gh.url, GORACE: 'atexit_sleep_ms=0', ...opts.env },
      ...(opts.workspace ? { workspace: opts.workspace } : {}),
    },
  );
  outputs.push(r);
  return r;
}

const warnings = (r: ActionResult) => r.commands.filter((c) => c.command === 'warning' && !c.properties.file);
const ours = () => gh.commentsOf(ISSUE).filter((c) => c.body.startsWith('<!-- race-rerun'));

describe('pull request comment', () => {
  it('is created, then updated in place, then says what was not seen since, with the history', async () => {
    const first = await onPullRequest({ 'working-directory': 'test/go/race', count: '2' });
    expect(first.status).toBe(1);
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/octo/app/issues/12/comments?per_page=100',
      'POST /repos/octo/app/issues/12/comments',
    ]);
    expect(gh.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(ours()).toHaveLength(1);
    const body1 = ours()[0]?.body ?? '';
    expect(body1.split('\n')[0]).toBe('<!-- race-rerun: workflow=CI; job=race; matrix=none -->');
    expect(body1).toMatch(/^❌ \*\*1 data race( · 1 failing test)?\*\* — 2 runs at \[`1111111`\]/m);
    expect(body1).toContain(`(https://github.com/octo/app/blob/${SHA1}/test/go/race/race.go#L13)`);
    expect(body1).toContain(`(https://github.com/octo/app/blob/${SHA1}/test/go/race/race.go#L18)`);
    expect(body1).toContain('| **2/2**\u00a0<sub>95%\u00a0CI\u00a034–\u2060100%</sub><br>`▌▌` |');
    expect(body1).toContain("go test -race -count=1 -run '^TestRace$' .");
    expect(body1).toContain('[workflow run](https://github.com/octo/app/actions/runs/42)');
    expect(first.stdout).toMatch(/Pull request comment created/);
    // The job summary carries the same content.
    expect(first.summary).toContain(`(https://github.com/octo/app/blob/${SHA1}/test/go/race/race.go#L13)`);

    gh.requests.length = 0;
    await onPullRequest({ 'working-directory': 'test/go/race', count: '2' }, { sha: SHA2 });
    expect(gh.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(gh.requests[1]?.path).toBe(`/repos/octo/app/issues/comments/${ours()[0]?.id}`);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.body).toContain('at [`2222222`]');

    gh.requests.length = 0;
    const fixed = await onPullRequest(
      { 'working-directory': 'test/go/race', count: '2', run: '^TestClean$' },
      { sha: SHA3 },
    );
    expect(fixed.status).toBe(0);
    expect(gh.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(ours()).toHaveLength(1);
    const body3 = ours()[0]?.body ?? '';
    expect(body3).toMatch(/^✅ \*\*No data race, panic or failure\*\* — 2 runs at \[`3333333`\]/m);
    expect(body3).toMatch(
      /Since \[`2222222`\]\(.*\):\n\n- the data race at `race\.go:\d+` \(2\/2 there\): not seen in 2 runs \(at its earlier 100% it would have shown with 100% probability\): likely fixed\./,
    );
    expect(parseHistory(body3).map((e) => [e.sha, e.runs, e.findings])).toEqual([
      [SHA3, 2, 0],
      [SHA2, 2, 1],
      [SHA1, 2, 1],
    ]);
  });

  it('with a baseline from the base branch: known races are known, only-new passes the step', async () => {
    const push = await runAction(
      { 'working-directory': 'test/go/race', count: '2', comment: 'false' },
      { eventName: 'push', env: { GORACE: 'atexit_sleep_ms=0', GITHUB_REF_NAME: 'main' } },
    );
    outputs.push(push);
    expect(push.report?.context.branch).toBe('main');
    const r = await onPullRequest({
      'working-directory': 'test/go/race',
      count: '2',
      baseline: push.reportPath,
      'only-new': 'true',
    });
    expect(r.status).toBe(0);
    expect(r.report?.findings.map((f) => [f.kind, f.baseline, f.known?.runsSeen, f.known?.runs])).toEqual([
      ['race', 'known', 2, 2],
    ]);
    const body = ours()[0]?.body ?? '';
    expect(body).toMatch(
      /^⚠️ \*\*1 known data race( · 1 failing test)?\*\* — 2 runs at \[`1111111`\]\(.*\) \(vs main: no change\)/m,
    );
    expect(body).toContain('| **Data race** · known: 2/2 on main<br>');
    // Known findings are listed, not annotated, and do not fail the step.
    expect(r.commands.filter((c) => c.properties.file)).toEqual([]);

    const missing = await onPullRequest({
      'working-directory': 'test/go/race',
      count: '1',
      baseline: 'nowhere/*.json',
    });
    expect(warnings(missing).map((w) => w.message)).toContainEqual(
      expect.stringMatching(/^Baseline "nowhere\/\*\.json" matches no file\./),
    );
    expect(missing.status).toBe(1);
  });

  it('is not created for a clean run, and keeps one comment per matrix job', async () => {
    await onPullRequest({ 'working-directory': 'test/go/clean', count: '1' });
    expect(gh.requests.map((r) => r.method)).toEqual(['GET']);

    const matrix = (go: string) => ({ env: { RACE_RERUN_MATRIX: `{\n  "go": "${go}"\n}` } });
    await onPullRequest({ 'working-directory': 'test/go/race', count: '1' }, matrix('1.22'));
    await onPullRequest({ 'working-directory': 'test/go/race', count: '1' }, matrix('1.23'));
    await onPullRequest({ 'working-directory': 'test/go/race', count: '1' }, matrix('1.22'));
    expect(ours().map((c) => c.body.split('\n').slice(0, 2).join('\n'))).toEqual([
      '<!-- race-rerun: workflow=CI; job=race; matrix={"go":"1.22"} -->\n## race-rerun: CI / race (go: 1.22)',
      '<!-- race-rerun: workflow=CI; job=race; matrix={"go":"1.23"} -->\n## race-rerun: CI / race (go: 1.23)',
    ]);
    expect(gh.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(gh.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('403: one warning naming the fix, annotations and summary kept, exit status per fail-on', async () => {
    gh.failures.push({ status: 403, message: 'Resource not accessible by integration', method: 'POST' });
    const r = await onPullRequest({ 'working-directory': 'test/go/race', count: '1' });
    expect(r.status).toBe(1);
    const w = warnings(r);
    expect(w).toHaveLength(1);
    expect(w[0]?.message).toMatch(
      /403 Resource not accessible by integration.*permissions: pull-requests: write/,
    );
    expect(r.commands.filter((c) => c.command === 'error' && c.properties.file)).toHaveLength(2);
    expect(r.summary).toContain('## race-rerun');
    // The step fails for the race, not for the comment.
    expect(r.commands.filter((c) => c.command === 'error' && !c.properties.file).at(-1)?.message).toMatch(
      /1 data race/,
    );

    gh.failures.push({ status: 403, message: 'Resource not accessible by integration', method: 'POST' });
    const fork = await onPullRequest(
      { 'working-directory': 'test/go/race', count: '1', 'fail-on': 'never' },
      { fork: true },
    );
    expect(fork.status).toBe(0);
    expect(warnings(fork)[0]?.message).toMatch(/fork.*workflow_run/);
  });

  it('retries a 500, then posts', async () => {
    gh.failures.push({ status: 500, message: 'Server Error', method: 'GET' });
    const t0 = Date.now();
    const r = await onPullRequest({ 'working-directory': 'test/go/race', count: '1' });
    const ms = Date.now() - t0;
    expect(gh.requests.map((x) => x.method)).toEqual(['GET', 'GET', 'POST']);
    expect(warnings(r)).toEqual([]);
    expect(ours()).toHaveLength(1);
    console.info(`500 then 200: posted after one retry; whole action run ${ms} ms`);
  });

  it('makes no request on push events or with comment: false', async () => {
    const push = await runAction(
      { 'github-token': TOKEN, 'working-directory': 'test/go/race', count: '1' },
      { eventName: 'push', env: { GITHUB_API_URL: gh.url } },
    );
    outputs.push(push);
    expect(push.stdout).toMatch(/No pull request comment: the push event has no pull request/);
    await onPullRequest({ 'working-directory': 'test/go/race', count: '1', comment: 'false' });
    expect(gh.requests).toEqual([]);
  });

  it('escapes hostile test names and panic messages', async () => {
    const r = await onPullRequest({ 'working-directory': 'test/go/hostile', count: '1' });
    expect(r.report?.findings.map((f) => f.kind).sort()).toEqual(['failure', 'panic']);
    const body = ours()[0]?.body ?? '';
    for (const md of [body, r.summary]) {
      const live = prose(md);
      expect(live).not.toContain('<script>');
      expect(live).not.toMatch(/@octocat|@org\/team/);
      expect(live).not.toMatch(/\]\(http:\/\/evil|http:\/\/evil/);
      const { open, close } = detailsBalance(md);
      expect(open).toBe(close);
    }
    expect(body).toContain('hostile.go#L12');
  });

  it('keeps a huge report under the size limit, and annotations within the per-step budget', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'race-rerun-huge-'));
    const dir = join(workspace, 'big');
    mkdirSync(dir);
    const n = 150;
    writeFileSync(join(dir, 'go.mod'), 'module example.com/rr/big\n\ngo 1.21\n');
    const src = ['package big', ''];
    for (let k = 0; k < n; k++) {
      src.push(`var v${k} int`, `func W${k}() { v${k}++ }`, `func R${k}() int { return v${k} }`);
    }
    src.push(`var Ws = []func(){${Array.from({ length: n }, (_, k) => `W${k}`).join(', ')}}`);
    src.push(`var Rs = []func() int{${Array.from({ length: n }, (_, k) => `R${k}`).join(', ')}}`);
    writeFileSync(join(dir, 'big.go'), `${src.join('\n')}\n`);
    writeFileSync(
      join(dir, 'big_test.go'),
      [
        'package big',
        '',
        'import (',
        '\t"sync"',
        '\t"testing"',
        ')',
        '',
        'func TestBig(t *testing.T) {',
        '\tvar wg sync.WaitGroup',
        '\tfor _, w := range Ws {',
        '\t\twg.Add(1)',
        '\t\tgo func(w func()) { defer wg.Done(); w() }(w)',
        '\t}',
        '\tfor _, r := range Rs {',
        '\t\t_ = r()',
        '\t}',
        '\twg.Wait()',
        '}',
        '',
      ].join('\n'),
    );
    const r = await onPullRequest({ 'working-directory': 'big', count: '3' }, { workspace });
    const races = r.report?.findings.filter((f) => f.kind === 'race').length ?? 0;
    expect(races).toBeGreaterThanOrEqual(60);
    const body = ours()[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toMatch(/Shortened to stay under GitHub's limit of 65,536 characters/);
    expect(body).toMatch(/Everything is in the job summary of the \[workflow run\]/);
    expect(r.summary.length).toBeGreaterThan(COMMENT_LIMIT);
    console.info(
      `huge report: ${races} races; summary ${r.summary.length} chars; comment ${body.length} chars (limit ${COMMENT_LIMIT})`,
    );
    // GitHub shows 10 per level and step: the failure message counts as an error annotation.
    const count = (level: string) => r.commands.filter((c) => c.command === level).length;
    expect(count('error')).toBeLessThanOrEqual(10);
    expect(count('warning')).toBeLessThanOrEqual(10);
    expect(count('notice')).toBeLessThanOrEqual(10);
    expect(count('error') + count('warning') + count('notice')).toBeGreaterThanOrEqual(28);
    expect(body).toContain('### Not annotated');
    expect(r.summary).toContain('### Not annotated');
    // Code scanning gets every finding, in a SARIF file valid against the 2.1.0 schema.
    const sarifText = readFileSync(r.outputs.sarif ?? '', 'utf8');
    const sarif = JSON.parse(sarifText) as { runs: { results: unknown[] }[] };
    expect(schemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]?.results).toHaveLength(r.report?.findings.length ?? -1);
    console.info(`huge report: SARIF ${sarifText.length} bytes for ${sarif.runs[0]?.results.length} results`);
  });
});
