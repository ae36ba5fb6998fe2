// The bundled CLI's `run --tests-from`: repeated, with globs, relative to the current directory.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';

const root = resolve(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'index.js');
const module = join(root, 'test/go/selectfail');
const goEnv = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', NO_COLOR: '1' };
const temp = mkdtempSync(join(tmpdir(), 'race-rerun-cli-testsfrom-'));

function raceRerun(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: module, env: goEnv, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  mkdirSync(join(temp, 'nightly'));
  const runs = ['^(TestFails|TestParent)$', '^TestFails$', '^TestPasses$'];
  runs.forEach((run, i) => {
    const r = spawnSync('go', ['test', '-run', run, './...'], { cwd: module, env: goEnv, encoding: 'utf8' });
    writeFileSync(join(temp, 'nightly', `${i + 1}.log`), r.stdout + r.stderr);
  });
}, 120_000);

describe('race-rerun run --tests-from', () => {
  it('repeated and with a glob: reruns what failed in any log, says in how many', () => {
    const out = join(temp, 'report.json');
    const r = raceRerun([
      'run',
      '--count',
      '1',
      '--json',
      out,
      '--tests-from',
      join(temp, 'nightly/1.log'),
      '--tests-from',
      join(temp, 'nightly/*.log'),
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'tests-from: 3 logs read; reran TestFails (failed in 2 of 3 logs), TestParent/bad (failed in 1 of 3 logs), TestParent/bad_case (failed in 1 of 3 logs), TestParent/x.y (failed in 1 of 3 logs) of example.com/rr/selectfail.',
    );
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.testsFrom?.logs).toEqual([1, 2, 3].map((i) => join(temp, `nightly/${i}.log`)));
    expect(report.tests.map((t) => t.name)).not.toContain('TestPasses');
  }, 120_000);

  it('names a glob that matches nothing, as a flag', () => {
    const r = raceRerun(['run', '--tests-from', join(temp, 'nightly/*.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `race-rerun: --tests-from: ${JSON.stringify(join(temp, 'nightly/*.json'))} matches no file`,
    );
  });

  it('says how to give several logs when the shell expanded an unquoted glob', () => {
    const r = raceRerun(['run', '--tests-from', join(temp, 'nightly/1.log'), join(temp, 'nightly/2.log')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `race-rerun: ${join(temp, 'nightly/2.log')} is a file, not a package: to read several logs, repeat --tests-from or quote the glob`,
    );
  });
});
