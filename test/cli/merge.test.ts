// The bundled CLI's shards and merge: `run --shard I/N` in a real module, then `merge`, with the
// JSON report and the SARIF file; bad reports exit 2 with one clear line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { schemaErrors } from '../render/sarif-schema.js';

const root = resolve(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'index.js');
const env = {
  ...process.env,
  GOTOOLCHAIN: 'local',
  GOFLAGS: '-mod=mod',
  NO_COLOR: '1',
  GORACE: 'atexit_sleep_ms=0',
};
const temp = mkdtempSync(join(tmpdir(), 'race-rerun-cli-merge-'));

function raceRerun(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('race-rerun run --shard, then merge', () => {
  it('merges the shards of a real module into one report, with SARIF', () => {
    const dir = join(root, 'test/go/race');
    for (const i of [1, 2, 3]) {
      const r = raceRerun(
        ['run', '--count', '5', '--shard', `${i}/3`, '--json', join(temp, `s${i}.json`)],
        dir,
      );
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`(shard ${i} of 3)`);
    }
    const shard2 = JSON.parse(readFileSync(join(temp, 's2.json'), 'utf8')) as Report;
    expect(shard2.shard).toMatchObject({ index: 2, total: 3, firstRun: 2, lastRun: 3 });
    expect(shard2.findings[0]?.seenIn).toEqual([2, 3]);

    const out = join(temp, 'merged.json');
    const sarif = join(temp, 'merged.sarif');
    const files = [3, 1, 2].map((i) => join(temp, `s${i}.json`));
    const m = raceRerun(['merge', '--json', out, '--sarif', sarif, ...files]);
    expect(m.status).toBe(1);
    expect(m.stdout).toMatch(/1 data race.* in 5 runs of 1 package \(merged from 3 jobs: 3 of 3 shards\)/);
    const merged = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(merged.findings[0]).toMatchObject({ kind: 'race', runsSeen: 5, runs: 5, seenIn: [1, 2, 3, 4, 5] });
    expect(schemaErrors(JSON.parse(readFileSync(sarif, 'utf8')))).toEqual([]);

    const partial = raceRerun(['merge', '--fail-on', 'never', files[0] ?? '', files[1] ?? '']);
    expect(partial.status).toBe(0);
    expect(partial.stderr).toContain('warning: Merged 2 of 3 shards: shard 2 of 3 is missing');
  });

  it('refuses a bad report with exit status 2 and one line', () => {
    const bad = join(temp, 'bad.json');
    writeFileSync(bad, '{"schemaVersion": 1}');
    const r = raceRerun(['merge', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`race-rerun: ${bad} is not a valid race-rerun report: report has no tool.\n`);
    expect(raceRerun(['merge']).stderr).toMatch(/merge needs at least one REPORT file/);
  });
});
