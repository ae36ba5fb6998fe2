import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeProcessRunner } from '../../src/engine/process.js';
import { isAlive, readPid, waitUntil } from './helpers.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rr-process-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('nodeProcessRunner', () => {
  it('writes stdout and stderr to the log file in the order they were written', async () => {
    const logFile = join(tmp, 'order.log');
    // Node, not sh: each write is a separate syscall, so a mixed-up order would show.
    const script =
      "process.stdout.write('out 1\\n'); process.stderr.write('err 2\\n'); process.stdout.write('out 3\\n');" +
      "process.stderr.write('err 4\\n'); process.exitCode = 3;";
    const r = await nodeProcessRunner.run({
      command: process.execPath,
      args: ['-e', script],
      cwd: tmp,
      logFile,
    });
    expect(r).toMatchObject({ exitCode: 3, signal: null, killed: false, output: '' });
    expect(r.spawnError).toBeUndefined();
    expect(await readFile(logFile, 'utf8')).toBe('out 1\nerr 2\nout 3\nerr 4\n');
  });

  it('ends the run of a process that exits at once (its exit must not be missed)', async () => {
    // /bin/true with a log file used to exit before the exit listener was attached: a hung run.
    const slot = async (n: number) => {
      const codes: (number | null)[] = [];
      for (let i = 0; i < 50; i++) {
        const logFile = join(tmp, `true-${n}-${i}.log`);
        codes.push((await nodeProcessRunner.run({ command: 'true', args: [], cwd: tmp, logFile })).exitCode);
      }
      return codes;
    };
    const results = await Promise.race([
      Promise.all([slot(1), slot(2)]),
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000)),
    ]);
    expect(results).toEqual([Array(50).fill(0), Array(50).fill(0)]);
  });

  it('captures both streams without a log file', async () => {
    const r = await nodeProcessRunner.run({
      command: 'sh',
      args: ['-c', 'echo a; echo b >&2; echo c'],
      cwd: tmp,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('a\nc\n');
    expect(r.stderr).toBe('b\n');
    expect(r.output.split('\n').sort()).toEqual(['', 'a', 'b', 'c']);
  });

  it('passes cwd and env', async () => {
    const r = await nodeProcessRunner.run({
      command: 'sh',
      args: ['-c', 'pwd; echo "$RR_X"'],
      cwd: tmp,
      env: { PATH: process.env.PATH, RR_X: 'hello' },
    });
    expect(r.stdout).toBe(`${tmp}\nhello\n`);
  });

  it('reports a missing command as spawnError instead of throwing', async () => {
    const r = await nodeProcessRunner.run({ command: 'rr-no-such-command', args: [], cwd: tmp });
    expect(r.exitCode).toBeNull();
    expect(r.spawnError).toMatch(/ENOENT/);
  });

  it('says when the cwd is what is missing', async () => {
    const r = await nodeProcessRunner.run({ command: 'sh', args: ['-c', 'true'], cwd: join(tmp, 'nope') });
    expect(r.spawnError).toContain('does not exist');
  });

  it('on timeout kills the whole process group, children included', async () => {
    const pidFile = join(tmp, 'timeout.pid');
    const started = Date.now();
    const r = await nodeProcessRunner.run({
      command: 'sh',
      args: ['-c', `sleep 300 & echo $! > ${pidFile}; wait`],
      cwd: tmp,
      timeoutMs: 500,
      logFile: join(tmp, 'timeout.log'),
    });
    expect(r.killed).toBe(true);
    expect(r.signal).toBe('SIGKILL');
    expect(r.exitCode).toBeNull();
    expect(Date.now() - started).toBeLessThan(10_000);
    const child = readPid(pidFile);
    expect(await waitUntil(() => !isAlive(child), 3000)).toBe(true);
  });

  it('kills what a process left behind when it exits, and does not wait for it', async () => {
    const pidFile = join(tmp, 'leftover.pid');
    // Without a log file the leftover `sleep` holds our pipes: we must not wait 300 s for it.
    const started = Date.now();
    const r = await nodeProcessRunner.run({
      command: 'sh',
      args: ['-c', `sleep 300 & echo $! > ${pidFile}; echo done`],
      cwd: tmp,
    });
    expect(r).toMatchObject({ exitCode: 0, killed: false });
    expect(r.stdout).toBe('done\n');
    expect(Date.now() - started).toBeLessThan(10_000);
    const child = readPid(pidFile);
    expect(await waitUntil(() => !isAlive(child), 3000)).toBe(true);
  });

  it('removes its signal handlers when no process is alive', async () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const running = nodeProcessRunner.run({ command: 'sh', args: ['-c', 'sleep 0.5'], cwd: tmp });
    expect(await waitUntil(() => process.listenerCount('SIGTERM') === (before[1] ?? 0) + 1, 400)).toBe(true);
    await running;
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
  });

  it('kills running process groups when Node gets SIGTERM, then exits as SIGTERM would', async () => {
    // Run the runner in a separate Node process (transpiled on the fly) and signal that process.
    await writeFile(join(tmp, 'package.json'), '{"type":"module"}');
    for (const name of ['process', 'escapees', 'timers']) {
      const source = await readFile(new URL(`../../src/engine/${name}.ts`, import.meta.url), 'utf8');
      const js = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      await writeFile(join(tmp, `${name}.js`), js);
    }
    const pidFile = join(tmp, 'sigterm.pid');
    await writeFile(
      join(tmp, 'driver.mjs'),
      `import { nodeProcessRunner } from './process.js';
      await nodeProcessRunner.run({ command: 'sh', args: ['-c', 'sleep 300 & echo $! > ${pidFile}; wait'], cwd: '${tmp}' });
      console.log('runner returned');`,
    );
    const driver = spawn(process.execPath, [join(tmp, 'driver.mjs')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    driver.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      driver.on('exit', (code, signal) => resolve({ code, signal })),
    );
    expect(
      await waitUntil(() => existsSync(pidFile) && /\d/.test(String(readPidSafe(pidFile))), 10_000),
    ).toBe(true);
    const child = readPid(pidFile);
    expect(isAlive(child)).toBe(true);
    driver.kill('SIGTERM');
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(stdout).toBe('');
    expect(await waitUntil(() => !isAlive(child), 3000)).toBe(true);
  });
});

function readPidSafe(file: string): number | undefined {
  try {
    return readPid(file);
  } catch {
    return undefined;
  }
}
