// tests-from with several logs, run as GitHub runs the bundled action: a workspace holding the Go
// module and the logs of a matrix of earlier jobs, laid out as actions/download-artifact leaves
// them (one directory per artifact), read through a glob.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runAction } from './runner.js';

const workspace = mkdtempSync(join(tmpdir(), 'rr-e2e-testsfrom-'));
const GO_ENV = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' };

beforeAll(() => {
  cpSync(join(repoRoot, 'test/go/selectfail'), join(workspace, 'mod'), { recursive: true });
  const jobs: [string, string][] = [
    ['linux', '^(TestFails|TestParent)$'],
    ['macos', '^TestFails$'],
    ['windows', '^TestPasses$'],
  ];
  for (const [job, run] of jobs) {
    const r = spawnSync('go', ['test', '-run', run, './...'], {
      cwd: join(workspace, 'mod'),
      env: GO_ENV,
      encoding: 'utf8',
    });
    mkdirSync(join(workspace, 'artifacts', `go-test-${job}`), { recursive: true });
    writeFileSync(join(workspace, 'artifacts', `go-test-${job}`, 'go-test.log'), r.stdout + r.stderr);
  }
}, 120_000);

describe('action: tests-from with a glob over downloaded artifacts', () => {
  it('reruns what failed in any log and says in how many each failed', async () => {
    const r = await runAction(
      { 'working-directory': 'mod', 'tests-from': 'artifacts/*/go-test.log', count: '2', comment: 'false' },
      { workspace },
    );
    expect(r.stderr).toBe('');
    const logs = ['linux', 'macos', 'windows'].map((j) => `artifacts/go-test-${j}/go-test.log`);
    expect(r.report?.testsFrom).toEqual({
      logs,
      tests: [
        { package: 'example.com/rr/selectfail', test: 'TestFails', failed: 2, logs: 3 },
        { package: 'example.com/rr/selectfail', test: 'TestParent/bad', failed: 1, logs: 3 },
        { package: 'example.com/rr/selectfail', test: 'TestParent/bad_case', failed: 1, logs: 3 },
        { package: 'example.com/rr/selectfail', test: 'TestParent/x.y', failed: 1, logs: 3 },
      ],
    });
    expect(r.report?.runs).toBe(2);
    expect(r.report?.packages.map((p) => p.importPath)).toEqual(['example.com/rr/selectfail']);
    // Only the chosen tests ran: TestPasses, TestFailsToo and TestParent/ok are not in the report.
    expect(r.report?.tests.map((t) => t.name).sort()).toEqual([
      'TestFails',
      'TestParent',
      'TestParent/bad',
      'TestParent/bad_case',
      'TestParent/x.y',
    ]);
    expect(r.summary).toContain(
      '**Tests from:** 3 logs read; reran `TestFails` (failed in 2 of 3 logs), `TestParent/bad` (failed in 1 of 3 logs), `TestParent/bad_case` (failed in 1 of 3 logs), `TestParent/x.y` (failed in 1 of 3 logs) of `example.com/rr/selectfail`.',
    );
  }, 180_000);

  it('fails the step naming the input and the pattern when the glob matches nothing', async () => {
    const r = await runAction(
      { 'working-directory': 'mod', 'tests-from': 'artifacts/*/go-test.json', comment: 'false' },
      { workspace },
    );
    expect(r.status).toBe(1);
    const message = `Input "tests-from": "artifacts/*/go-test.json" matches no file (resolved to ${join(workspace, 'artifacts/*/go-test.json')}).`;
    expect(r.commands.some((c) => c.command === 'error' && c.message.includes(message))).toBe(true);
    expect(r.report?.errors[0]).toContain(message);
    expect(r.summary).toContain('matches no file');
  }, 60_000);
});
