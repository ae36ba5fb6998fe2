// A job cancelled mid-run, as GitHub cancels it: SIGINT, then SIGTERM. What finished is reported.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../engine/helpers.js';
import { pullRequestEvent, repoRoot, startAction } from './runner.js';

/** Pids of live processes whose executable or command line is under `dir`. */
export function processesUnder(dir: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      let exe = '';
      try {
        exe = readlinkSync(`/proc/${name}/exe`);
      } catch {
        // A zombie or another user's process.
      }
      if (exe.startsWith(dir) || cmdline.includes(dir)) pids.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

describe.skipIf(process.platform !== 'linux')('cancellation', () => {
  it('SIGINT mid-run then SIGTERM: report, summary and outputs for the finished runs, nothing left', async () => {
    const running = startAction({
      'working-directory': 'test/go/budget',
      packages: './slow',
      count: '40',
      parallel: '2',
    });
    let stdout = '';
    running.child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    let exitedAt = 0;
    running.child.on('exit', () => {
      exitedAt = Date.now();
    });
    expect(await waitUntil(() => /\[3\/40\]/.test(stdout), 120_000)).toBe(true);
    expect(processesUnder(running.runnerTemp).length).toBeGreaterThan(0);
    const signalled = Date.now();
    running.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 200));
    running.child.kill('SIGTERM');
    const r = await running.result;
    const exitMs = exitedAt - signalled;
    process.stderr.write(`cancel e2e: exited ${exitMs} ms after SIGINT\n`);

    expect(r.status).not.toBe(0);
    const c = r.report?.cancelled;
    expect(c).toMatchObject({ signal: 'SIGINT', runsPlanned: 40 });
    expect(c?.runsDone).toBeGreaterThanOrEqual(3);
    expect(c?.runsDone).toBeLessThan(40);
    expect(r.report?.totalRuns).toBe(c?.runsDone);
    expect(r.report?.verdict).toBe('clean');
    expect(r.report?.notes.join('\n')).toContain(`Cancelled (SIGINT) after ${c?.runsDone} of 40 runs`);
    // No run was counted as failed because it was stopped.
    expect(r.outputs['failed-runs']).toBe('0');
    expect(r.outputs.runs).toBe(String(c?.runsDone));
    expect(r.summary).toContain(`Cancelled (SIGINT) after ${c?.runsDone} of 40 runs`);
    // The first line says it too, and a cut-short clean run is no green tick.
    expect(r.summary).toMatch(
      new RegExp(`^⚠️ \\*\\*No data race[^\n]*· cancelled \\(SIGINT\\) after ${c?.runsDone} of 40 runs`, 'm'),
    );
    expect(r.summary).not.toContain('✅');
    const failure = r.commands.filter((x) => x.command === 'error').at(-1);
    expect(failure?.message).toMatch(/cancelled \(SIGINT\) after \d+ of 40 runs/);
    expect(processesUnder(r.runnerTemp)).toEqual([]);
  }, 180_000);

  it('SIGINT while the comment waits on an API that never answers: written, one warning, exit', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket); // accepted, never answered
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const running = startAction(
        { 'working-directory': 'test/go/clean', count: '1', 'github-token': 'ghs_x' },
        {
          event: pullRequestEvent(7, 'f'.repeat(40)),
          eventName: 'pull_request',
          env: { GITHUB_API_URL: `http://127.0.0.1:${port}` },
        },
      );
      let exitedAt = 0;
      running.child.on('exit', () => {
        exitedAt = Date.now();
      });
      expect(await waitUntil(() => sockets.length > 0, 120_000)).toBe(true);
      const signalled = Date.now();
      running.child.kill('SIGINT');
      const r = await running.result;
      process.stderr.write(`cancel e2e (comment pending): exited ${exitedAt - signalled} ms after SIGINT\n`);
      expect(r.status).not.toBe(0);
      expect(r.report?.totalRuns).toBe(1);
      expect(r.summary).toContain('## race-rerun');
      expect(r.outputs.runs).toBe('1');
      const warnings = r.commands.filter((c) => c.command === 'warning').map((c) => c.message);
      expect(warnings).toContain(
        'The pull request comment was not updated: the job was cancelled (SIGINT) and there was no time left.',
      );
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  }, 180_000);

  it('the CLI on Ctrl-C: the report of the finished runs on stdout and in --json, exit 130', async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'rr-cli-cancel-')), 'report.json');
    const cli = spawn(
      process.execPath,
      [
        join(repoRoot, 'dist/cli/index.js'),
        'run',
        '--count',
        '40',
        '--parallel',
        '2',
        '--json',
        json,
        './slow',
      ],
      {
        cwd: join(repoRoot, 'test/go/budget'),
        env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', NO_COLOR: '1' },
      },
    );
    let stdout = '';
    let stderr = '';
    cli.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    cli.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((r) => cli.on('close', (code) => r(code)));
    expect(await waitUntil(() => /\[3\/40\]/.test(stderr), 120_000)).toBe(true);
    cli.kill('SIGINT');
    expect(await exited).toBe(130);
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      cancelled?: { runsDone: number };
      totalRuns: number;
    };
    expect(report.cancelled).toMatchObject({ signal: 'SIGINT', runsPlanned: 40 });
    expect(report.totalRuns).toBe(report.cancelled?.runsDone);
    expect(stdout).toContain(`Cancelled (SIGINT) after ${report.cancelled?.runsDone} of 40 runs`);
  }, 180_000);
});
