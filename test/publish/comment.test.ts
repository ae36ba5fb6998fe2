// The comment's GitHub side, in-process against the local fake API: finding our comment through
// pagination, create/update/leave alone, retries, and what a 403 turns into.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/publish/client.js';
import { identityOf, type PullRequest, pullRequestOf, upsertComment } from '../../src/publish/comment.js';
import { commentMarker } from '../../src/render/comment.js';
import { causeReport, cleanReport } from '../render/reports.js';
import { type FakeGitHub, startFakeGitHub } from './server.js';

const TOKEN = 'ghs_unitTestTokenNeverPrinted';
const ISSUE = 'octo/app#7';
const pr: PullRequest = { owner: 'octo', repo: 'app', number: 7, headSha: 'a'.repeat(40), fromFork: false };
const identity = { workflow: 'CI', job: 'race' };

let gh: FakeGitHub;
let clients = 0;
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(async () => {
  await gh.close();
});

function client(log: string[] = []) {
  // Own throttling queue per client, and 1 ms backoff units: retries without the wait.
  return createClient(TOKEN, {
    baseUrl: gh.url,
    retryAfterBaseValue: 1,
    throttleId: `test-${++clients}`,
    log: (m) => log.push(m),
  });
}

function event(name: string, payload: object, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'race-rerun-event-'));
  writeFileSync(join(dir, 'event.json'), JSON.stringify(payload));
  return {
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'octo/app',
    ...extra,
  };
}

describe('pullRequestOf and identityOf', () => {
  const payload = {
    number: 7,
    pull_request: {
      number: 7,
      head: { sha: 'b'.repeat(40), repo: { full_name: 'fork/app' } },
      base: { repo: { full_name: 'octo/app' } },
    },
  };

  it('reads the pull request of pull_request and pull_request_target events', () => {
    expect(pullRequestOf(event('pull_request', payload))).toEqual({
      owner: 'octo',
      repo: 'app',
      number: 7,
      headSha: 'b'.repeat(40),
      fromFork: true,
    });
    expect(pullRequestOf(event('pull_request_target', payload))?.number).toBe(7);
  });

  it('has none for push, schedule and workflow_dispatch', () => {
    for (const name of ['push', 'schedule', 'workflow_dispatch']) {
      expect(pullRequestOf(event(name, payload))).toBeUndefined();
    }
    expect(
      pullRequestOf({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REPOSITORY: 'octo/app' }),
    ).toBeUndefined();
  });

  it('takes the matrix from RACE_RERUN_MATRIX', () => {
    expect(identityOf({ GITHUB_WORKFLOW: 'CI', GITHUB_JOB: 'race' })).toEqual({
      workflow: 'CI',
      job: 'race',
    });
    expect(
      identityOf({ GITHUB_WORKFLOW: 'CI', GITHUB_JOB: 'race', RACE_RERUN_MATRIX: '{\n  "go": "1.22"\n}' }),
    ).toEqual({ workflow: 'CI', job: 'race', matrix: '{"go":"1.22"}' });
  });
});

describe('upsertComment', () => {
  it('creates the comment when there are findings, with the token', async () => {
    const res = await upsertComment({ client: client(), pr, identity, report: causeReport() });
    expect(res).toMatchObject({ action: 'created' });
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/octo/app/issues/7/comments?per_page=100',
      'POST /repos/octo/app/issues/7/comments',
    ]);
    expect(gh.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(gh.commentsOf(ISSUE)[0]?.body.startsWith(commentMarker(identity))).toBe(true);
  });

  it('finds its comment on the third page and updates it', async () => {
    gh.seed(
      ISSUE,
      Array.from({ length: 230 }, (_, i) => `comment ${i}`),
      { login: 'someone', type: 'User' },
    );
    // A quote of the marker in someone else's comment is not ours.
    gh.seed(ISSUE, [`> ${commentMarker(identity)}\n> quoted`], { login: 'someone', type: 'User' });
    await upsertComment({ client: client(), pr, identity, report: causeReport() });
    gh.requests.length = 0;
    const res = await upsertComment({ client: client(), pr, identity, report: causeReport() });
    expect(res.action).toBe('updated');
    expect(
      gh.requests.map(
        (r) =>
          `${r.method} ${r.path.replace(/\?(?:.*&)?page=(\d+).*/, ' page $1').replace(/\?per_page=100$/, '')}`,
      ),
    ).toEqual([
      'GET /repos/octo/app/issues/7/comments',
      'GET /repos/octo/app/issues/7/comments page 2',
      'GET /repos/octo/app/issues/7/comments page 3',
      `PATCH /repos/octo/app/issues/comments/${gh.commentsOf(ISSUE).at(-1)?.id}`,
    ]);
    expect(gh.commentsOf(ISSUE).filter((c) => c.body.startsWith('<!-- race-rerun'))).toHaveLength(1);
  });

  it('writes nothing when there is nothing to say, and says what was not seen since when there was', async () => {
    expect(await upsertComment({ client: client(), pr, identity, report: cleanReport() })).toMatchObject({
      action: 'none',
    });
    expect(gh.requests.map((r) => r.method)).toEqual(['GET']);
    await upsertComment({ client: client(), pr, identity, report: causeReport() });
    const res = await upsertComment({
      client: client(),
      pr: { ...pr, headSha: 'c'.repeat(40) },
      identity,
      report: cleanReport(),
    });
    expect(res.action).toBe('updated');
    const body = gh.commentsOf(ISSUE)[0]?.body ?? '';
    expect(body).toContain('✅ **No data race, panic or failure** — 30 runs at `ccccccc`');
    expect(body).toContain(
      'Since `aaaaaaa`:\n\n- the data race at `daemon.go:51` (9/30 there): not seen in 30 runs',
    );
  });

  it('leaves the comment alone when nothing could be run', async () => {
    const report = { ...causeReport(), verdict: 'error' as const, findings: [] };
    expect((await upsertComment({ client: client(), pr, identity, report })).action).toBe('none');
    expect(gh.requests).toEqual([]);
  });

  it('keeps one comment per matrix combination', async () => {
    const a = { ...identity, matrix: '{"go":"1.22"}' };
    const b = { ...identity, matrix: '{"go":"1.23"}' };
    for (const id of [a, b, a, b])
      await upsertComment({ client: client(), pr, identity: id, report: causeReport() });
    expect(gh.commentsOf(ISSUE).map((c) => c.body.split('\n')[0])).toEqual([
      commentMarker(a),
      commentMarker(b),
    ]);
  });

  it('retries a 500 with backoff, then succeeds', async () => {
    gh.failures.push({ status: 500, message: 'Server Error' }, { status: 502, message: 'Bad Gateway' });
    const t0 = Date.now();
    const res = await upsertComment({ client: client(), pr, identity, report: causeReport() });
    expect(res.action).toBe('created');
    expect(gh.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'POST']);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('waits out a rate limit through the throttling plugin', async () => {
    const reset = String(Math.floor(Date.now() / 1000));
    gh.failures.push({
      status: 403,
      message: 'API rate limit exceeded',
      method: 'GET',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });
    const log: string[] = [];
    const res = await upsertComment({ client: client(log), pr, identity, report: causeReport() });
    expect(res.action).toBe('created');
    expect(gh.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST']);
    expect(log.join('\n')).toMatch(/rate limit on GET .*retrying/);
  });

  it('turns 403 "Resource not accessible by integration" into one warning that says what fixes it', async () => {
    gh.failures.push({ status: 403, message: 'Resource not accessible by integration', method: 'POST' });
    const res = await upsertComment({ client: client(), pr, identity, report: causeReport() });
    expect(res.action).toBe('failed');
    if (res.action !== 'failed') return;
    expect(res.status).toBe(403);
    expect(res.warning).toContain('permissions: pull-requests: write');
    expect(res.warning).not.toContain(TOKEN);
    // Not retried: a 403 without rate-limit headers will not change.
    expect(gh.requests.map((r) => r.method)).toEqual(['GET', 'POST']);

    gh.failures.push({ status: 403, message: 'Resource not accessible by integration', method: 'POST' });
    const fork = await upsertComment({
      client: client(),
      pr: { ...pr, fromFork: true },
      identity,
      report: causeReport(),
    });
    expect(fork.action === 'failed' && fork.warning).toMatch(/fork.*workflow_run.*artifact/s);
  });

  it('gives up after the retries with a warning', async () => {
    for (let i = 0; i < 4; i++) gh.failures.push({ status: 503, message: 'Unavailable' });
    const res = await upsertComment({ client: client(), pr, identity, report: causeReport() });
    expect(res).toMatchObject({ action: 'failed', status: 503 });
    expect(gh.requests).toHaveLength(4);
  });
});
