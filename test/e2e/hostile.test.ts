// The bundled action against hostile tests, as a runner runs it: a test that prints its
// environment and writes the runner's command files must not see or publish any credential.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive, readPid, waitUntil } from '../engine/helpers.js';
import { runAction } from './runner.js';

const TOKEN = 'ghs_i10aSecretToken0123456789abcdef';
const RUNTIME = 'runtime-token-i10a-0123456789';
const OIDC = 'oidc-request-token-i10a-0123456789';

describe('credentials never reach test code', () => {
  it('a test printing os.Environ() sees the step env but no input, token or command file', async () => {
    const r = await runAction(
      { 'working-directory': 'test/go/environ', count: '1', 'github-token': TOKEN, comment: 'false' },
      {
        env: {
          ACTIONS_RUNTIME_TOKEN: RUNTIME,
          ACTIONS_RUNTIME_URL: 'https://pipelines.example/',
          ACTIONS_RESULTS_URL: 'https://results.example/',
          ACTIONS_CACHE_URL: 'https://cache.example/',
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC,
          ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example/',
          GITHUB_ENV: '/dev/null',
          GITHUB_PATH: '/dev/null',
          GITHUB_STATE: '/dev/null',
          // What the user set in the step's env: stays.
          MY_STEP_VAR: 'kept-by-race-rerun',
        },
      },
    );
    const failure = r.report?.findings.find((f) => f.kind === 'failure');
    // The test did print its environment: the user's variable is in the report.
    expect(failure?.sample).toContain('MY_STEP_VAR=kept-by-race-rerun');
    expect(failure?.sample).toContain('GOTOOLCHAIN=local');
    const published = [
      r.summary,
      readFileSync(r.reportPath, 'utf8'),
      JSON.stringify(r.outputs),
      // Everything printed but the mask command, which is how the token is hidden from the log.
      r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ].join('\n');
    for (const secret of [TOKEN, RUNTIME, OIDC]) expect(published).not.toContain(secret);
    for (const name of ['INPUT_', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST', 'GITHUB_OUTPUT=']) {
      expect(failure?.sample).not.toContain(name);
    }
    for (const name of ['GITHUB_STEP_SUMMARY=', 'GITHUB_ENV=', 'ACTIONS_CACHE_URL', 'ACTIONS_RESULTS_URL']) {
      expect(failure?.sample).not.toContain(name);
    }
    // The test could not set the action's outputs or write its summary.
    expect(r.outputs.races).toBe('0');
    expect(r.summary).not.toContain('written by a test');
    expect(readFileSync(r.outputFile, 'utf8')).not.toContain('written by a test');
  });
});

describe.skipIf(process.platform !== 'linux')('processes and files are cleaned up', () => {
  it('setsid grandchildren are killed after each run and counted; RUNNER_TEMP keeps only the report', async () => {
    const pids = mkdtempSync(join(tmpdir(), 'rr-escape-'));
    const r = await runAction(
      { 'working-directory': 'test/go/escape', count: '2', parallel: '1' },
      { env: { RR_ESCAPE_DIR: pids } },
    );
    expect(r.status).toBe(0);
    const escapees = readdirSync(pids).map((f) => readPid(join(pids, f)));
    expect(escapees).toHaveLength(2); // the second run wrote over the first one's files
    for (const pid of escapees) expect(await waitUntil(() => !isAlive(pid), 3000)).toBe(true);
    expect(r.report?.escapedProcesses).toBe(4);
    expect(r.report?.notes).toContain(
      '4 processes outlived their test run and were killed: they had left its process group (setsid, a daemon). A test should stop what it starts.',
    );
    expect(r.summary).toContain('4 processes outlived their test run');
    // No run log, no test binary: only what the runner gave and the report.
    expect(readdirSync(r.runnerTemp).sort()).toEqual(['event.json', 'output', 'race-rerun', 'summary.md']);
    expect(readdirSync(join(r.runnerTemp, 'race-rerun')).sort()).toEqual(['report.json', 'report.sarif']);
  });

  it('with RUNNER_TEMP unset the report goes to a fresh temporary directory', async () => {
    const paths: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await runAction(
        { 'working-directory': 'test/go/clean', count: '1' },
        { env: { RUNNER_TEMP: '' } },
      );
      expect(r.status).toBe(0);
      const report = r.outputs.report ?? '';
      expect(report).toMatch(new RegExp(`^${tmpdir()}/race-rerun-[^/]+/race-rerun/report\\.json$`));
      expect(JSON.parse(readFileSync(report, 'utf8')).verdict).toBe('clean');
      paths.push(report);
    }
    expect(paths[0]).not.toBe(paths[1]);
  });
});

describe('inputs at the edges', () => {
  it('timeout 600h, max-duration 700h, parallel 12: runs as asked, with no Node warning', async () => {
    const r = await runAction({
      'working-directory': 'test/go/clean',
      count: '12',
      parallel: '12',
      timeout: '600h',
      'max-duration': '700h',
    });
    expect(r.status).toBe(0);
    expect(r.outputs.runs).toBe('12');
    expect(r.stderr).not.toMatch(/TimeoutOverflowWarning|MaxListenersExceededWarning|Warning:/);
  });

  it.each([
    ['run', '((', 'missing closing ): `((`'],
    ['run', 'TestRace/[z-a]', 'invalid character class range: `z-a`'],
    ['skip', '[z-a]', 'invalid character class range: `z-a`'],
  ])(
    'an invalid %s pattern %j is an input error before any run, not a finding',
    async (input, pattern, why) => {
      const r = await runAction({ 'working-directory': 'test/go/race', count: '3', [input]: pattern });
      expect(r.status).toBe(1);
      expect(r.report?.findings).toEqual([]);
      expect(r.report?.totalRuns).toBe(0);
      expect(r.report?.errors).toHaveLength(1);
      expect(r.report?.errors[0]).toMatch(
        new RegExp(`^Input "${input}": "${pattern.replace(/[[\]()]/g, '\\$&')}" `),
      );
      expect(r.report?.errors[0]).toContain(why);
      expect(r.outputs.runs).toBe('0');
      const failure = r.commands.filter((c) => c.command === 'error' && !c.properties.file).at(-1);
      expect(failure?.message).toContain(`Input "${input}"`);
    },
  );
});
