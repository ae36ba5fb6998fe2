// Runs stopped half way (cancelled, out of time) are not counted, but what they had already
// printed that the stop cannot have caused (a race, a panic) must not be lost.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLogFile } from '../../src/engine/logs.js';
import { nodeProcessRunner, type ProcessRunner } from '../../src/engine/process.js';
import { schedule } from '../../src/engine/scheduler.js';
import type { GoPackage } from '../../src/model.js';
import { waitUntil } from './helpers.js';

const FIXTURE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'go-output',
  'race-basic-go1.26.txt',
);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rr-stopped-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe.skipIf(process.platform !== 'linux')('stopped runs', () => {
  it('a race a run printed before it was cancelled is kept (not counted), and its log removed', async () => {
    const pkg: GoPackage = {
      importPath: 'example.com/race',
      dir: tmp,
      module: { path: 'example.com/race', dir: tmp },
    };
    const abort = new AbortController();
    const logs: string[] = [];
    // Prints a real race report, then hangs like a test waiting on a lost goroutine.
    const runner: ProcessRunner = {
      run: (spec) => {
        logs.push(spec.logFile ?? '');
        return nodeProcessRunner.run({
          ...spec,
          command: 'sh',
          args: ['-c', `cat '${FIXTURE}'; exec sleep 30`],
        });
      },
    };
    const printed = () =>
      logs.length > 0 &&
      existsSync(logs[0] ?? '') &&
      readFileSync(logs[0] ?? '', 'utf8').includes('DATA RACE');
    const done = schedule(
      [{ package: pkg, binary: '/bin/true' }],
      {
        count: 1,
        parallel: 1,
        timeout: '1m',
        timeoutMs: 60_000,
        testArgs: [],
        logDir: join(tmp, 'logs'),
        signal: abort.signal,
      },
      { runner, parse: (file, p) => parseLogFile(file, p) },
    );
    expect(await waitUntil(printed, 20_000)).toBe(true);
    abort.abort('SIGINT');
    const r = await done;
    expect(r.records).toEqual([]);
    // The fixture's read: (*Counter).Inc at racebasic_test.go:13.
    expect(
      r.stoppedFindings.map((f) => [f.kind, f.stacks[0]?.frames[0]?.func, f.stacks[0]?.frames[0]?.line]),
    ).toEqual([['race', 'example.com/corpus/racebasic.(*Counter).Inc', 13]]);
    expect(existsSync(logs[0] ?? '')).toBe(false);
  }, 60_000);
});
