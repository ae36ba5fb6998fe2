// RUNNER_TEMP on a real 20 MB tmpfs that the tests' output fills: the report says so, is whole,
// and the runs before the disk filled are kept. Needs root (mount); skipped with a reason otherwise.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAction } from './runner.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'rr-tmpfs-'));

/** Mounts a 20 MB tmpfs; the reason when it cannot. */
function mountTmpfs(): string | undefined {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', mountPoint], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `mount -t tmpfs failed: ${(r.stderr || r.error?.message || '').trim()}`;
}

const skipReason = mountTmpfs();
if (skipReason) console.warn(`disk.test.ts skipped: ${skipReason}`);

afterAll(() => {
  if (!skipReason) spawnSync('umount', [mountPoint]);
});

/** Bytes of the files under dir. */
function bytesUnder(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
}

describe.skipIf(skipReason !== undefined)('a full RUNNER_TEMP', () => {
  it('stops the runs with "No space left in RUNNER_TEMP after 2 runs" and writes the report whole', async () => {
    const counter = mkdtempSync(join(tmpdir(), 'rr-bigout-'));
    const r = await runAction(
      { 'working-directory': 'test/go/bigout', count: '5', parallel: '1' },
      { env: { RUNNER_TEMP: mountPoint, RR_BIG_DIR: counter } },
    );
    expect(r.status).toBe(1);
    const text = readFileSync(r.reportPath, 'utf8');
    expect(text.length).toBeGreaterThan(0);
    const report = JSON.parse(text) as NonNullable<typeof r.report>;
    expect(report.errors).toEqual([
      expect.stringMatching(
        /^No space left in RUNNER_TEMP after 2 runs: a run's output could not all be written/,
      ),
    ]);
    expect(report.totalRuns).toBe(2);
    expect(report.findings).toEqual([]);
    expect(report.tests.map((t) => [t.name, t.runs, t.failed])).toEqual([['TestBig', 2, 0]]);
    expect(r.summary).toContain('No space left in RUNNER\\_TEMP after 2 runs');
    // Logs and binaries are gone: the report (and its SARIF) is all that is left.
    expect(readdirSync(mountPoint, { recursive: true }).sort()).toEqual([
      'race-rerun',
      'race-rerun/report.json',
      'race-rerun/report.sarif',
    ]);
    process.stderr.write(`disk e2e: ${bytesUnder(mountPoint)} bytes left in RUNNER_TEMP\n`);
  }, 180_000);
});
