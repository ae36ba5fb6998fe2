// Verdicts that hold (issue 12), with the real race detector and the real parser: runs that
// collide are not flaky tests, each run has its own TMPDIR, a race from a goroutine that outlived
// its test names both tests, os.Exit(0) fails, a testify-style message is kept whole.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoTool } from '../../src/engine/go.js';
import { runAndReport } from '../../src/engine/pipeline.js';
import { nodeProcessRunner } from '../../src/engine/process.js';
import type { Report, Settings } from '../../src/model.js';
import { planAnnotations } from '../../src/render/annotations.js';
import { failingFindings } from '../../src/render/outcome.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { DEFAULT_FAIL_ON } from '../../src/settings/settings.js';
import { GO_ENV, moduleSettings } from './helpers.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rr-verdicts-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function report(
  module: string,
  over: Partial<Settings>,
  env: NodeJS.ProcessEnv = {},
): Promise<{ report: Report; messages: string[] }> {
  const messages: string[] = [];
  const r = await runAndReport(moduleSettings(module, join(tmp, `${module}.json`), over), {
    go: createGoTool(nodeProcessRunner, { env: GO_ENV }),
    runner: nodeProcessRunner,
    log: (m) => messages.push(m),
    workDir: join(tmp, `${module}-${over.parallel ?? 2}`),
    env: { ...GO_ENV, ...env },
  });
  return { report: r, messages };
}

const failsStep = (r: Report) => failingFindings(r, [...DEFAULT_FAIL_ON, 'build']);

describe('runs that collide', () => {
  it('a fixed port, parallel 2: fails only when runs overlap, with the evidence line; not a failing step', async () => {
    // The hook holds the port until the other run has collided with it (at most 5 s).
    const hook = await mkdtemp(join(tmp, 'hook-'));
    const { report: r, messages } = await report(
      'overlap',
      { count: 2, parallel: 2 },
      { RR_OVERLAP_DIR: hook },
    );
    expect(r.findings.map((f) => f.kind)).toEqual(['overlap']);
    const f = r.findings[0];
    expect(f?.title).toBe('Fails only when runs overlap: TestFixedPort (address already in use)');
    // bind(2) fails when the other run listens already, listen(2) when both bound first (Go sets
    // SO_REUSEADDR): which one is timing.
    expect(f?.message).toMatch(
      /^cannot listen: listen tcp 127\.0\.0\.1:38417: (bind|listen): address already in use; passed alone 3 of 3 times; fix: parallel 1, or ports from RACE_RERUN_RUN or :0/,
    );
    expect(f).toMatchObject({ runsSeen: 1, runs: 2, aloneRuns: 3, tests: ['TestFixedPort'] });
    expect(f?.locations[0]).toMatchObject({ file: 'overlap_test.go', line: 20, role: 'failure' });
    // Alone it passes: the command that shows it starts two at once.
    expect(f?.reproduce).toBe(
      "for i in 1 2; do go test -race -count=1 -run '^TestFixedPort$' . & done; wait",
    );
    const row = r.tests.find((t) => t.name === 'TestFixedPort');
    expect(row).toMatchObject({ status: 'overlap', failed: 1, runs: 2, alone: { runs: 3, failed: 0 } });
    expect(r.summary).toBe('1 test failing only when runs overlap in 2 runs of 1 package');
    // Not a flaky test: the default fail-on does not fail the step; the word `overlap` would.
    expect(failsStep(r)).toEqual([]);
    expect(failingFindings(r, ['overlap'])).toHaveLength(1);
    const text = renderTerminal(r);
    expect(text).toContain(
      'OVERLAP 1/2 runs  TestFixedPort fails only when runs overlap (address already in use): passed alone 3 of 3 times; fix: parallel 1',
    );
    expect(text).not.toMatch(/FLAKY|may need several tries/);
    expect(messages.some((m) => /^TestFixedPort .*passed alone 3 of 3 times/.test(m))).toBe(true);
    // Annotated as a warning on the listen error's line, never as an error.
    expect(planAnnotations(r).annotations.map((a) => [a.level, a.file, a.startLine])).toEqual([
      ['warning', 'overlap_test.go', 20],
    ]);
  });

  it('the same test with parallel 1 passes and needs no confirmation', async () => {
    const hook = await mkdtemp(join(tmp, 'hook-'));
    await writeFile(join(hook, 'collided'), ''); // hold the port 300 ms only
    const { report: r, messages } = await report(
      'overlap',
      { count: 3, parallel: 1 },
      { RR_OVERLAP_DIR: hook },
    );
    expect(r.findings).toEqual([]);
    expect(r.summary).toBe('No data race, panic or failure in 3 runs of 1 package');
    expect(messages.some((m) => /alone/.test(m))).toBe(false);
  });

  it('a flaky test that also fails alone stays flaky, its alone runs counted apart', async () => {
    // Fails when RACE_RERUN_RUN is even: run 2 of the two overlapping runs, then alone run 4 of 3, 4, 5.
    const { report: r } = await report('alonefail', { count: 2, parallel: 2 });
    const row = r.tests.find((t) => t.name === 'TestEvenRuns');
    expect(row).toMatchObject({ status: 'flaky', failed: 1, runs: 2, alone: { runs: 3, failed: 1 } });
    expect(r.findings.map((f) => f.kind)).toEqual(['failure']);
    expect(r.summary).toBe('1 flaky test in 2 runs of 1 package');
    expect(renderTerminal(r)).toContain('TestEvenRuns  (alone: failed 1 of 3)');
  });

  it('a fixed file name in os.TempDir(): each run has its own TMPDIR, removed after it, and passes', async () => {
    const log = join(tmp, 'tmpdirs.txt');
    const { report: r } = await report('tmpfile', { count: 4, parallel: 2 }, { RR_TMP_LOG: log });
    expect(r.findings).toEqual([]);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const dirs = lines.map((l) => l.split(' ')[0] ?? '');
    expect(new Set(dirs).size).toBe(4);
    expect(lines.map((l) => l.split(' ')[1]).sort()).toEqual(['1', '2', '3', '4']);
    for (const d of dirs) {
      expect(d.startsWith(join(tmp, 'tmpfile-2', 'tmp'))).toBe(true);
      expect(existsSync(d)).toBe(false);
    }
  });
});

describe('each failure attributed to its cause', () => {
  it('a goroutine that outlives its test: the race names both tests and fails the later one', async () => {
    const { report: r } = await report('outlive', { count: 2, parallel: 1 });
    expect(r.findings.map((f) => f.kind)).toEqual(['race']);
    const f = r.findings[0];
    expect(f?.tests).toEqual(['TestReads', 'TestStarts']);
    expect(f?.goroutineOf).toBe('TestStarts');
    expect(f?.message).toContain(
      'made by a goroutine of TestStarts, reported during TestReads, which it fails',
    );
    expect(f?.reproduce).toContain("-run '^(TestReads|TestStarts)$'");
    expect(f?.failsTests).toEqual(['TestReads']);
    expect(r.tests.find((t) => t.name === 'TestReads')?.failedBy).toEqual([f?.id]);
    expect(r.tests.find((t) => t.name === 'TestStarts')?.status).toBe('passing');
    expect(r.summary).toBe('1 data race (fails TestReads) in 2 runs of 1 package');
    expect(renderTerminal(r)).toContain(`TestReads  (fails because of the data race ${f?.id})`);
  });

  it('os.Exit(0) in a test is a failure, as with go test (-test.paniconexit0)', async () => {
    const { report: r } = await report('exit0', { count: 1, parallel: 1 });
    expect(r.findings.map((f) => [f.kind, f.message])).toEqual([
      ['panic', 'unexpected call to os.Exit(0) during test'],
    ]);
    expect(r.tests.find((t) => t.name === 'TestExits')).toMatchObject({ status: 'failing' });
    expect(r.summary).toBe('1 panic (fails TestExits) in 1 run of 1 package');
  });

  it('a testify-style failure keeps its whole Error Trace / Error / Messages block', async () => {
    const { report: r } = await report('testify', { count: 1, parallel: 1 });
    const f = r.findings[0];
    expect(f?.kind).toBe('failure');
    expect(f?.message.split('\n')).toEqual([
      '\tError Trace:\ttestify_test.go:34',
      '\tError:      \tReceived unexpected error:',
      '\t            \tdial tcp 127.0.0.1:5432: connect: connection reset by peer',
      '\tTest:       \tTestSave',
      '\tMessages:   \tsaving user 42',
    ]);
    expect(renderTerminal(r)).toContain('    Messages:     saving user 42');
  });
});
