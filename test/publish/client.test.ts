// Every API call ends in bounded time, and what went wrong is said as what it is: against the
// local fake API made to never answer, paginate forever, answer HTML, or not listen at all.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ClientOptions, createClient } from '../../src/publish/client.js';
import { MAX_PAGES, type PullRequest, upsertComment } from '../../src/publish/comment.js';
import { causeReport } from '../render/reports.js';
import { type FakeGitHub, startFakeGitHub } from './server.js';

const TOKEN = 'ghs_unitTestTokenNeverPrinted';
const pr: PullRequest = { owner: 'octo', repo: 'app', number: 7, fromFork: false };
const identity = { workflow: 'CI', job: 'race' };
const LIST = 'GET /repos/octo/app/issues/7/comments?per_page=100';

let gh: FakeGitHub;
let clients = 0;
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(async () => {
  await gh.close();
});

async function upsert(opts: Partial<ClientOptions> = {}, log: string[] = []) {
  const client = createClient(TOKEN, {
    baseUrl: gh.url,
    retryAfterBaseValue: 1,
    throttleId: `client-test-${++clients}`,
    log: (m) => log.push(m),
    ...opts,
  });
  return upsertComment({ client, pr, identity, report: causeReport() });
}

const seen = () => gh.requests.map((r) => `${r.method} ${r.path}`);

/** A port nothing listens on: a server's, closed again. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((done) => s.close(() => done()));
  return port;
}

describe('bounded API calls', () => {
  it('a server that never answers: each request times out, retried, then one warning saying "timeout"', async () => {
    gh.hang = true;
    const log: string[] = [];
    const res = await upsert({ requestTimeoutMs: 200, deadline: Date.now() + 60_000 }, log);
    expect(res.action).toBe('failed');
    if (res.action !== 'failed') return;
    expect(res.warning).toMatch(
      /^race-rerun could not comment on pull request #7: GET \/repos\/octo\/app\/issues\/7\/comments\?per_page=100: timeout: no answer within 0\.2 s \(after 4 attempts\)\./,
    );
    expect(res.warning).not.toMatch(/\(500\)/);
    expect(res.status).toBeUndefined();
    expect(seen()).toEqual([LIST, LIST, LIST, LIST]);
    expect(log.filter((m) => /retrying/.test(m))).toHaveLength(3);
  });

  it('the deadline cuts a request short and no retry starts after it', async () => {
    gh.hang = true;
    const res = await upsert({ requestTimeoutMs: 30_000, deadline: Date.now() + 500 });
    expect(res.action === 'failed' && res.warning).toMatch(/deadline reached: 0\.5 s for all requests/);
    expect(seen()).toEqual([LIST]);
  });

  it('a cancel signal stops the request in flight', async () => {
    gh.hang = true;
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    const res = await upsert({ signal: stop.signal, requestTimeoutMs: 30_000 });
    expect(res.action === 'failed' && res.warning).toMatch(/cancelled while waiting for the answer/);
    expect(seen()).toEqual([LIST]);
  });

  it(`endless pagination: at most ${MAX_PAGES} pages, then one warning and no comment`, async () => {
    gh.endless = true;
    const res = await upsert();
    expect(res.action === 'failed' && res.warning).toMatch(
      /the comments did not end after 30 pages \(3000 comments\); not commenting, to avoid a duplicate/,
    );
    expect(seen()).toEqual([
      LIST,
      ...Array.from(
        { length: MAX_PAGES - 1 },
        (_, i) => `GET /repos/octo/app/issues/7/comments?per_page=100&page=${i + 2}`,
      ),
    ]);
    expect(res.requests).toBe(MAX_PAGES);
  });

  it('a next page on another server is not followed: the token goes to the API only', async () => {
    const other = await startFakeGitHub();
    try {
      gh.nextOrigin = other.url;
      gh.seed('octo/app#7', ['someone else'], { login: 'someone', type: 'User' });
      const res = await upsert();
      expect(res.action === 'failed' && res.warning).toContain(
        `the next page of comments is on another server (${other.url}); not followed`,
      );
      expect(seen()).toEqual([LIST]);
      expect(other.requests).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('a refused connection is "connect ECONNREFUSED", retried, never "(500)"', async () => {
    const port = await closedPort();
    const res = await upsert({ baseUrl: `http://127.0.0.1:${port}` });
    expect(res.action).toBe('failed');
    if (res.action !== 'failed') return;
    expect(res.warning).toContain(
      `: GET /repos/octo/app/issues/7/comments?per_page=100: connect ECONNREFUSED 127.0.0.1:${port} (after 4 attempts). Check that the runner reaches the GitHub API`,
    );
    expect(res.warning).not.toMatch(/500/);
    expect(res.status).toBeUndefined();
  });

  it('an HTML page instead of JSON is said so, not "Cannot use \'in\' operator"', async () => {
    gh.failures.push({
      status: 200,
      message: '',
      raw: { contentType: 'text/html; charset=utf-8', body: '<html><body>Proxy login</body></html>' },
    });
    const res = await upsert();
    expect(res.action === 'failed' && res.warning).toMatch(
      /GET \/repos\/octo\/app\/issues\/7\/comments\?per_page=100: answered 200 with text\/html; charset=utf-8, not JSON \(starts with "<html><body>Proxy login<\/body><\/html>"\)\./,
    );
    expect(res.action === 'failed' && res.warning).not.toMatch(/Cannot use/);
    expect(seen()).toEqual([LIST]);
  });

  it('an HTML error page (502 from a load balancer) is retried, then named by its status', async () => {
    for (let i = 0; i < 4; i++)
      gh.failures.push({
        status: 502,
        message: '',
        raw: { contentType: 'text/html', body: '<html>\n<h1>502 Bad Gateway</h1>\n</html>' },
      });
    const res = await upsert();
    expect(res).toMatchObject({ action: 'failed', status: 502 });
    expect(res.action === 'failed' && res.warning).toMatch(
      /: 502 with a text\/html answer instead of JSON \(after 4 attempts\)\./,
    );
    expect(seen()).toEqual([LIST, LIST, LIST, LIST]);
  });

  it('JSON that does not parse is not taken for an answer', async () => {
    gh.failures.push({
      status: 200,
      message: '',
      raw: { contentType: 'application/json', body: '[{"id": 1,' },
    });
    const res = await upsert();
    expect(res.action === 'failed' && res.warning).toMatch(/answered 200 with application\/json, not JSON/);
    expect(seen()).toEqual([LIST]);
  });
});
