// The bundled action (dist/index.js) run as a runner runs it, when what it publishes to is hostile
// or broken: a test that prints the token, an API that never answers, paginates forever or is not
// there, an unreadable event file, a missing GITHUB_OUTPUT file. Whatever happens the step ends,
// with one warning, and the summary and the report are written.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PAGES } from '../../src/publish/comment.js';
import { type FakeGitHub, startFakeGitHub } from '../publish/server.js';
import { type ActionResult, pullRequestEvent, runAction } from './runner.js';

const TOKEN = 'ghs_e2eSafetyTokenPrintedByATest0123';
const RUNTIME = 'runtimeTokenOfTheRunner_9876543210';
const SHA = '4444444444444444444444444444444444444444';
const LIST = 'GET /repos/octo/app/issues/12/comments?per_page=100';

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
  gh.hang = false;
  gh.endless = false;
});

async function onPullRequest(
  inputs: Record<string, string>,
  opts: { env?: Record<string, string>; eventText?: string | Buffer; noOutputFile?: boolean } = {},
): Promise<ActionResult & { ms: number }> {
  const t0 = Date.now();
  const r = await runAction(
    { 'github-token': TOKEN, timeout: '1m', count: '1', ...inputs },
    {
      eventName: 'pull_request',
      event: pullRequestEvent(12, SHA),
      env: { GITHUB_API_URL: gh.url, GORACE: 'atexit_sleep_ms=0', ...opts.env },
      ...(opts.eventText !== undefined ? { eventText: opts.eventText } : {}),
      ...(opts.noOutputFile ? { noOutputFile: true } : {}),
    },
  );
  return { ...r, ms: Date.now() - t0 };
}

/** Warnings that are not annotations of findings. */
const warnings = (r: ActionResult) => r.commands.filter((c) => c.command === 'warning' && !c.properties.file);
const seen = () => gh.requests.map((r) => `${r.method} ${r.path}`);

describe('secrets in test output', () => {
  it('the token and the runner secrets a test prints appear nowhere published, as *** instead', async () => {
    const r = await onPullRequest(
      { 'working-directory': 'test/go/leak' },
      { env: { RR_SECRET: TOKEN, RR_RUNTIME_SECRET: RUNTIME, ACTIONS_RUNTIME_TOKEN: RUNTIME } },
    );
    expect(r.status).toBe(1);
    const comment = gh.commentsOf('octo/app#12')[0]?.body ?? '';
    const report = readFileSync(r.reportPath, 'utf8');
    // The runner hides `::add-mask::` lines; everything else on stdout is the log and the annotations.
    const printed = r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    const published = {
      comment,
      summary: r.summary,
      report,
      outputs: JSON.stringify(r.outputs),
      annotations: JSON.stringify(r.commands.filter((c) => c.command !== 'add-mask')),
      requests: JSON.stringify(gh.requests.map((q) => q.body)),
      printed,
      stderr: r.stderr,
    };
    for (const [where, text] of Object.entries(published)) {
      expect(text.includes(TOKEN), `${where} holds the token`).toBe(false);
      expect(text.includes(RUNTIME), `${where} holds the runtime token`).toBe(false);
    }
    // Redacted, not lost: the failure is still there, the secret replaced.
    expect(r.report?.findings.map((f) => f.tests[0]).sort()).toEqual(['TestControl', 'TestLeak/***']);
    expect(report).toContain('leaked *** and ***');
    expect(r.summary).toContain('leaked *** and ***');
    expect(comment).toContain('leaked *** and ***');
    expect(JSON.parse(r.outputs['flaky-tests'] ?? '[]')).toContainEqual(
      expect.objectContaining({ test: 'TestLeak/***' }),
    );
    const leakNote = r.commands.find(
      (c) => c.properties.file === 'test/go/leak/leak_test.go' && c.properties.line === '16',
    );
    expect(leakNote?.message).toContain('leaked *** and ***');
  });

  it('control characters a test prints are shown escaped in the summary and the comment', async () => {
    const r = await onPullRequest({ 'working-directory': 'test/go/leak', run: '^TestControl$' });
    const comment = gh.commentsOf('octo/app#12')[0]?.body ?? '';
    for (const md of [r.summary, comment]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
      expect(md).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      // Colour sequences (ESC [ … m) are dropped when the output is parsed; the rest is shown.
      expect(md).toContain('color red bell \\x07 nul \\x00 end');
    }
  });
});

describe('an API that does not work: the step ends within the deadline, with one warning', () => {
  it('never answers: requests time out, the deadline (60 s) ends the step', async () => {
    gh.hang = true;
    const r = await onPullRequest({ 'working-directory': 'test/go/clean' });
    expect(r.status).toBe(0);
    const w = warnings(r);
    expect(w).toHaveLength(1);
    expect(w[0]?.message).toMatch(
      /^race-rerun could not comment on pull request #12: GET \/repos\/octo\/app\/issues\/12\/comments\?per_page=100: (timeout: no answer within 20 s|deadline reached: 60 s for all requests) \(after ([23]) attempts\)\./,
    );
    // 20 s, 1 s backoff, 20 s, 4 s backoff, then the rest of the minute: whether a third attempt
    // still fits depends on the machine's load; a fourth never does.
    const attempts = Number(w[0]?.message.match(/after (\d) attempts/)?.[1]);
    expect(seen()).toEqual(Array(attempts).fill(LIST));
    expect(r.report?.verdict).toBe('clean');
    expect(r.summary).toContain('## race-rerun');
    expect(r.outputs.runs).toBe('1');
    console.info(`never-answering API: step ended after ${r.ms} ms, ${gh.requests.length} requests`);
  }, 240_000);

  it(`paginates forever: ${MAX_PAGES} pages read, then one warning and no comment`, async () => {
    gh.endless = true;
    const r = await onPullRequest({ 'working-directory': 'test/go/race' });
    expect(r.status).toBe(1);
    expect(warnings(r).map((w) => w.message)).toEqual([
      expect.stringMatching(/the comments did not end after 30 pages \(3000 comments\); not commenting/),
    ]);
    expect(gh.requests).toHaveLength(MAX_PAGES);
    expect(gh.requests.every((q) => q.method === 'GET')).toBe(true);
    console.info(`endless pagination: ${gh.requests.length} requests, step ended after ${r.ms} ms`);
  }, 240_000);

  it('refuses the connection: "connect ECONNREFUSED", never "(500)"', async () => {
    const s = createServer();
    await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
    const { port } = s.address() as AddressInfo;
    await new Promise<void>((done) => s.close(() => done()));
    const r = await onPullRequest(
      { 'working-directory': 'test/go/race' },
      { env: { GITHUB_API_URL: `http://127.0.0.1:${port}` } },
    );
    expect(r.status).toBe(1);
    const w = warnings(r);
    expect(w).toHaveLength(1);
    expect(w[0]?.message).toContain(`connect ECONNREFUSED 127.0.0.1:${port} (after 4 attempts)`);
    expect(w[0]?.message).not.toMatch(/\(500\)|Cannot use/);
    // The race is still annotated and fails the step.
    expect(r.commands.filter((c) => c.command === 'error' && c.properties.file)).toHaveLength(2);
  }, 240_000);

  it('answers HTML: said so in one warning, nothing else breaks', async () => {
    gh.failures.push({
      status: 200,
      message: '',
      raw: { contentType: 'text/html', body: '<!DOCTYPE html><title>Sign in to the proxy</title>' },
    });
    const r = await onPullRequest({ 'working-directory': 'test/go/race' });
    expect(warnings(r).map((w) => w.message)).toEqual([
      expect.stringMatching(/answered 200 with text\/html, not JSON \(starts with "<!DOCTYPE html>/),
    ]);
    expect(seen()).toEqual([LIST]);
  }, 240_000);
});

describe('runner files that are not as expected', () => {
  it('an event file of binary junk: one warning, no crash, no comment, the report written', async () => {
    const junk = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 256));
    const r = await onPullRequest({ 'working-directory': 'test/go/race' }, { eventText: junk });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const w = warnings(r);
    expect(w).toHaveLength(1);
    expect(w[0]?.message).toMatch(
      /^The event file .*event\.json \(GITHUB_EVENT_PATH\) is not valid JSON \(.*\)\. Carrying on without it: no pull request comment/,
    );
    expect(gh.requests).toEqual([]);
    expect(r.report?.findings.map((f) => f.kind)).toEqual(['race']);
    expect(r.summary).toContain('## race-rerun');
    expect(r.outputs.races).toBe('1');
    // Links fall back to GITHUB_SHA.
    expect(r.report?.context.commit).toBe('abc123abc123abc123abc123abc123abc123abcd');
  }, 240_000);

  it('an event file of invalid JSON, and a missing GITHUB_OUTPUT file: warnings, exit status as usual', async () => {
    const r = await onPullRequest(
      { 'working-directory': 'test/go/clean' },
      { eventText: '{"pull_request": {', noOutputFile: true },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(warnings(r).map((w) => w.message)).toEqual([
      expect.stringMatching(/is not valid JSON/),
      expect.stringMatching(
        /^Could not set the step outputs \(GITHUB_OUTPUT\): Missing file at path: .*output/,
      ),
    ]);
    expect(r.report?.verdict).toBe('clean');
    expect(r.summary).toContain('## race-rerun');
  }, 240_000);
});
