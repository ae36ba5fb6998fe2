// Several plain (non -v) logs of the same tests read as one verdict: a log in which the package
// passed prints no test lines, and is a passing run of every test of that package.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLogsToReport } from '../../src/engine/pipeline.js';

const dir = mkdtempSync(join(tmpdir(), 'race-rerun-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Real output of `go test ./failtest` (test/fixtures/go-output/fresh-failure-go1.26.txt).
const failing = readFileSync('test/fixtures/go-output/fresh-failure-go1.26.txt', 'utf8');
const passing = 'ok  \texample.com/fresh/failtest\t0.003s\n';

function log(name: string, text: string) {
  const file = join(dir, name);
  writeFileSync(file, text);
  return { name, file };
}

describe('parse a.log b.log …: plain logs, one verdict', () => {
  it('counts a log where the package passed as a passing run of each test (2 of 5 → flaky 2/5)', async () => {
    const logs = [
      log('1.log', failing),
      log('2.log', passing),
      log('3.log', failing),
      log('4.log', passing),
      log('5.log', passing),
    ];
    const { report } = await parseLogsToReport(logs, { repoRoot: dir });
    const byName = new Map(report.tests.map((t) => [t.name, `${t.status} ${t.failed}/${t.runs}`]));
    expect(byName.get('TestFails')).toBe('flaky 2/5');
    expect(byName.get('TestParent/bad_sub')).toBe('flaky 2/5');
    expect(byName.get('TestMultiLine')).toBe('flaky 2/5');
  });

  it('a log where the package failed because of other tests is a passing run of the tests it does not name', async () => {
    // The same real output with TestFails' failure taken out: the package failed, TestFails passed.
    const othersFailed = failing.replace(/--- FAIL: TestFails[\s\S]*?(?=--- FAIL: TestParent)/, '');
    expect(othersFailed).not.toContain('TestFails');
    const logs = [log('a.log', failing), log('b.log', othersFailed), log('c.log', passing)];
    const { report } = await parseLogsToReport(logs, { repoRoot: dir });
    const byName = new Map(report.tests.map((t) => [t.name, `${t.status} ${t.failed}/${t.runs}`]));
    expect(byName.get('TestFails')).toBe('flaky 1/3');
    expect(byName.get('TestParent/bad_sub')).toBe('flaky 2/3');
    // A log that stopped at a panic says nothing of the tests after it.
    const panicked = `${othersFailed.split('FAIL\n')[0]}panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/x/main.go:3 +0x1d\nFAIL\texample.com/fresh/failtest\t0.002s\n`;
    const stopped = await parseLogsToReport([log('d.log', failing), log('e.log', panicked)], {
      repoRoot: dir,
    });
    expect(new Map(stopped.report.tests.map((t) => [t.name, t.runs])).get('TestFails')).toBe(1);
  });

  it('leaves a -v log alone: it names what it ran, an absent test did not run', async () => {
    const verbose =
      '=== RUN   TestOther\n--- PASS: TestOther (0.00s)\nPASS\nok  \texample.com/fresh/failtest\t0.003s\n';
    const { report } = await parseLogsToReport([log('a.log', failing), log('b.log', verbose)], {
      repoRoot: dir,
    });
    const byName = new Map(report.tests.map((t) => [t.name, `${t.status} ${t.failed}/${t.runs}`]));
    expect(byName.get('TestFails')).toBe('failing 1/1');
    // The plain log ran to its end without naming TestOther: there it passed.
    expect(byName.get('TestOther')).toBe('passing 0/2');
  });
});
