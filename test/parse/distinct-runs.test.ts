// Signatures proved on real output: test/go/racy3 has exactly three distinct data races, each hit
// on every run. Its race-enabled test binary is built once and run 20 times as separate processes
// (as race-rerun runs it, with -test.v=test2json); every run's output goes through the real parser
// and the 20 runs through buildReport. Scheduling changes which side is printed first, goroutine
// ids, addresses and how many reports a race prints: the report must still hold exactly 3 races,
// each seen in 20 of 20 runs.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPathMapper } from '../../src/analysis/paths.js';
import { buildReport } from '../../src/analysis/report.js';
import type { RunRecord } from '../../src/model.js';
import { parseOutput } from '../../src/parse/output.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..', '..');
const moduleDir = join(root, 'test', 'go', 'racy3');
const PKG = 'example.com/rr/racy3';
const RUNS = 20;
const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOPROXY: 'off' };
const temp = mkdtempSync(join(tmpdir(), 'race-rerun-racy3-'));
const binary = join(temp, 'racy3.test');

beforeAll(() => {
  execFileSync('go', ['test', '-race', '-c', '-o', binary, '.'], { cwd: moduleDir, env, stdio: 'pipe' });
}, 180_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function runOnce(index: number): Promise<RunRecord> {
  const started = Date.now();
  let output: string;
  let exitCode = 0;
  try {
    const r = await run(binary, ['-test.v=test2json'], { cwd: moduleDir, env, maxBuffer: 16 << 20 });
    output = r.stdout + r.stderr;
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    exitCode = typeof e.code === 'number' ? e.code : 1;
    output = (e.stdout ?? '') + (e.stderr ?? '');
  }
  return {
    package: PKG,
    index,
    exitCode,
    signal: null,
    killed: false,
    durationMs: Date.now() - started,
    parsed: parseOutput(output, { package: PKG }),
  };
}

describe('distinct findings over 20 separate runs of test/go/racy3', () => {
  it('finds exactly the 3 races, each in 20 of 20 runs', async () => {
    const runs: RunRecord[] = [];
    // A few at a time: the race runtime is heavy and the machine is shared.
    for (let i = 1; i <= RUNS; i += 4) {
      const batch = [];
      for (let j = i; j < i + 4 && j <= RUNS; j++) batch.push(runOnce(j));
      runs.push(...(await Promise.all(batch)));
    }
    const report = buildReport({
      mode: 'run',
      version: 'test',
      context: {
        workingDirectory: 'test/go/racy3',
        packages: ['./...'],
        count: RUNS,
        timeout: '10m',
        goTestFlags: [],
      },
      count: RUNS,
      packages: [{ importPath: PKG, dir: moduleDir, built: true }],
      moduleDir,
      builds: [],
      runs,
      mapper: createPathMapper({ repoRoot: root, modules: [{ path: PKG, dir: moduleDir }] }),
      errors: [],
      notes: [],
    });
    // Every run printed at least 3 reports (TestCollect sometimes prints 2 for its one race).
    for (const r of runs)
      expect(r.parsed.findings.filter((f) => f.kind === 'race').length).toBeGreaterThanOrEqual(3);
    const races = report.findings.filter((f) => f.kind === 'race');
    expect(races.map((f) => [f.tests.join(','), f.runsSeen, f.runs])).toEqual([
      ['TestCollect', 20, 20],
      ['TestCounter', 20, 20],
      ['TestStats', 20, 20],
    ]);
    expect(report.findings.filter((f) => f.kind !== 'race')).toEqual([]);
    const sites = Object.fromEntries(
      races.map((f) => [
        f.tests[0],
        f.locations.map((l) => `${l.file.replace('test/go/racy3/', '')}:${l.line}`).sort(),
      ]),
    );
    expect(sites).toEqual({
      TestCollect: ['racy3.go:29', 'racy3.go:29'],
      TestCounter: ['racy3.go:11', 'racy3.go:14'],
      // The atomic side's stack: sync/atomic frames, then the goroutine literal calling s.Hit().
      TestStats: ['racy3.go:23', 'racy3_test.go:26'],
    });
    expect(report.tests.find((t) => t.name === 'TestClean')).toMatchObject({ failed: 0, runs: RUNS });
  }, 180_000);
});
