import { describe, expect, it } from 'vitest';
import { parseBuildOutput } from '../../src/parse/build.js';
import { parseOutput } from '../../src/parse/output.js';
import { CORPUS, fixture, kinds, nth, outcomes, parseFixture, stack } from './helpers.js';

const CANNOT_USE = 'cannot use "not an int" (untyped string constant) as int value in variable declaration';
const VET_MSG = 'fmt.Printf format %d has arg "string" of wrong type string';

describe('build failures', () => {
  it('build-failure-go1.26.txt: compiler error before FAIL pkg [build failed]', () => {
    const r = parseFixture('build-failure-go1.26.txt');
    expect(r.sawGoOutput).toBe(true);
    expect(r.packages).toEqual([{ name: `${CORPUS}buildfail`, action: 'fail' }]);
    expect(r.tests).toEqual([]);
    expect(r.findings).toHaveLength(1);
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({ kind: 'build', package: `${CORPUS}buildfail`, message: CANNOT_USE });
    expect(f.test).toBeUndefined();
    expect(f.stacks).toEqual([
      {
        role: 'build',
        header: 'buildfail/buildfail_test.go:6:14',
        frames: [{ func: '', file: 'buildfail/buildfail_test.go', line: 6 }],
      },
    ]);
  });

  it('build-failure-json-go1.21.jsonl: -json before 1.24 prints build errors as plain text', () => {
    const r = parseFixture('build-failure-json-go1.21.jsonl');
    expect(r.packages).toEqual([{ name: `${CORPUS}buildfail`, action: 'fail' }]);
    expect(r.findings.map((f) => `${f.kind}:${f.package}:${f.message}`)).toEqual([
      `build:${CORPUS}buildfail:${CANNOT_USE}`,
    ]);
  });

  it('build-failure-json-go1.26.jsonl: build-output events, reported once', () => {
    const r = parseFixture('build-failure-json-go1.26.jsonl');
    expect(r.packages).toEqual([{ name: `${CORPUS}buildfail`, action: 'fail' }]);
    expect(r.findings.map((f) => `${f.kind}:${f.package}:${f.message}`)).toEqual([
      `build:${CORPUS}buildfail:${CANNOT_USE}`,
    ]);
    expect(stack(nth(r.findings, 0), 'build')?.frames[0]).toEqual({
      func: '',
      file: 'buildfail/buildfail_test.go',
      line: 6,
    });
  });

  it('vet-failure-go1.26.txt: vet output with its two header lines', () => {
    const r = parseFixture('vet-failure-go1.26.txt');
    expect(r.packages).toEqual([{ name: `${CORPUS}vetfail`, action: 'fail' }]);
    expect(r.findings.map((f) => `${f.kind}:${f.package}:${f.message}`)).toEqual([
      `build:${CORPUS}vetfail:${VET_MSG}`,
    ]);
    expect(stack(nth(r.findings, 0), 'build')?.frames[0]).toEqual({
      func: '',
      file: 'vetfail/vetfail_test.go',
      line: 9,
    });
  });

  it('vet-failure-json-go1.21.jsonl: plain-text vet output in a -json run', () => {
    const r = parseFixture('vet-failure-json-go1.21.jsonl');
    expect(r.findings.map((f) => `${f.kind}:${f.message}`)).toEqual([`build:${VET_MSG}`]);
    expect(stack(nth(r.findings, 0), 'build')?.header).toBe('vetfail/vetfail_test.go:9:2');
  });

  it('parseBuildOutput: one finding per error, all path forms, vet prefix, continuation lines', () => {
    const text = [
      '# example.com/m/pkg [example.com/m/pkg.test]',
      './a.go:12:5: undefined: Foo',
      'b_test.go:3: missing return',
      '/abs/dir/c.go:7:1: syntax error: unexpected }',
      'C:\\work\\m\\d.go:9:2: declared and not used: x',
      'vet: ./e.go:4:2: unreachable code',
      './f.go:1:1: cannot use x (variable of type int) as string value',
      '\thave (int)',
      '\twant (string)',
      'FAIL\texample.com/m/pkg [build failed]',
    ].join('\n');
    const fs = parseBuildOutput(text, 'example.com/m/pkg');
    expect(fs.map((f) => [f.stacks[0]?.frames[0]?.file, f.stacks[0]?.frames[0]?.line, f.message])).toEqual([
      ['./a.go', 12, 'undefined: Foo'],
      ['b_test.go', 3, 'missing return'],
      ['/abs/dir/c.go', 7, 'syntax error: unexpected }'],
      ['C:\\work\\m\\d.go', 9, 'declared and not used: x'],
      ['./e.go', 4, 'unreachable code'],
      ['./f.go', 1, 'cannot use x (variable of type int) as string value'],
    ]);
    expect(
      fs.every((f) => f.kind === 'build' && f.package === 'example.com/m/pkg' && f.test === undefined),
    ).toBe(true);
    expect(fs[5]?.raw).toBe(
      './f.go:1:1: cannot use x (variable of type int) as string value\n\thave (int)\n\twant (string)',
    );
  });

  it('parseBuildOutput: caps at 20, falls back to the first line, empty gives nothing', () => {
    const many = Array.from({ length: 30 }, (_, i) => `./x.go:${i + 1}:1: error ${i}`).join('\n');
    expect(parseBuildOutput(many, 'p')).toHaveLength(20);
    const noLoc = parseBuildOutput('# p\ngo: updates to go.mod needed; to update it:\n\tgo mod tidy\n', 'p');
    expect(noLoc).toEqual([
      {
        kind: 'build',
        package: 'p',
        message: 'go: updates to go.mod needed; to update it:',
        stacks: [],
        raw: '# p\ngo: updates to go.mod needed; to update it:\n\tgo mod tidy',
      },
    ]);
    expect(parseBuildOutput('', 'p')).toEqual([]);
    expect(parseBuildOutput('\n  \n', 'p')).toEqual([]);
  });

  it('a broken dependency: errors under `# dep` are reported for the failing package', () => {
    const text = '# example.com/m/dep\ndep/x.go:3:1: syntax error\nFAIL\texample.com/m/pkg [build failed]\n';
    const r = parseOutput(text);
    expect(r.findings.map((f) => `${f.package}:${f.stacks[0]?.frames[0]?.file}:${f.message}`)).toEqual([
      'example.com/m/pkg:dep/x.go:syntax error',
    ]);
  });
});

describe('test failures', () => {
  const FAILURES = [
    'failure:TestFails:starting:failtest_test.go:6',
    'failure:TestParent/bad_sub:sub exploded:failtest_test.go:13',
    'failure:TestMultiLine:first line:failtest_test.go:18',
  ];
  const view = (r: ReturnType<typeof parseOutput>) =>
    r.findings.map((f) => {
      const fr = f.stacks[0]?.frames[0];
      return `${f.kind}:${f.test}:${f.message}:${fr?.file}:${fr?.line}`;
    });

  it('fresh-failure-go1.26.txt: non-verbose, t.Error lines after --- FAIL, subtests indented', () => {
    const r = parseFixture('fresh-failure-go1.26.txt');
    expect(outcomes(r)).toEqual([
      'TestFails:fail',
      'TestParent:fail',
      'TestParent/bad_sub:fail',
      'TestMultiLine:fail',
    ]);
    // t.Log and t.Error print alike: TestFails' first line is its t.Log. TestParent only failed
    // through its subtest, which carries the finding.
    expect(view(r)).toEqual(FAILURES);
    const multi = nth(r.findings, 2);
    expect(multi.raw).toBe('    failtest_test.go:18: first line\n        second line');
    expect(multi.stacks).toEqual([
      {
        role: 'failure',
        header: 'failtest_test.go:18',
        frames: [{ func: '', file: 'failtest_test.go', line: 18 }],
      },
    ]);
    expect(r.findings.every((f) => f.package === 'example.com/fresh/failtest')).toBe(true);
  });

  it('fresh-failure-verbose-go1.26.txt: -v, t.Error lines before --- FAIL', () => {
    const r = parseFixture('fresh-failure-verbose-go1.26.txt');
    expect(outcomes(r)).toEqual([
      'TestFails:fail',
      'TestParent:fail',
      'TestParent/ok_sub:pass',
      'TestParent/bad_sub:fail',
      'TestMultiLine:fail',
      'TestLogOnly:pass',
    ]);
    expect(view(r)).toEqual(FAILURES);
  });

  it('fresh-failure-json-go1.26.jsonl: -json', () => {
    const r = parseFixture('fresh-failure-json-go1.26.jsonl');
    expect(outcomes(r)).toEqual([
      'TestFails:fail',
      'TestParent/ok_sub:pass',
      'TestParent/bad_sub:fail',
      'TestParent:fail',
      'TestMultiLine:fail',
      'TestLogOnly:pass',
    ]);
    expect(view(r)).toEqual(FAILURES);
  });

  it('fresh-failure-raw-test2json-go1.26.txt: the main format', () => {
    const r = parseFixture('fresh-failure-raw-test2json-go1.26.txt', {
      package: 'example.com/fresh/failtest',
    });
    expect(outcomes(r)).toEqual([
      'TestFails:fail',
      'TestParent/ok_sub:pass',
      'TestParent/bad_sub:fail',
      'TestParent:fail',
      'TestMultiLine:fail',
      'TestLogOnly:pass',
    ]);
    expect(view(r)).toEqual(FAILURES);
    expect(r.findings.every((f) => f.package === 'example.com/fresh/failtest')).toBe(true);
  });

  it('OutputType (Go 1.27 -json) tells t.Log from t.Error', () => {
    const ev = (o: Record<string, unknown>) => JSON.stringify({ Package: 'p', ...o });
    const text = [
      ev({ Action: 'run', Test: 'TestX' }),
      ev({ Action: 'output', Test: 'TestX', Output: '=== RUN   TestX\n', OutputType: 'frame' }),
      ev({ Action: 'output', Test: 'TestX', Output: '    x_test.go:5: just logging\n' }),
      ev({ Action: 'output', Test: 'TestX', Output: '    x_test.go:6: real error\n', OutputType: 'error' }),
      ev({ Action: 'output', Test: 'TestX', Output: '--- FAIL: TestX (0.00s)\n', OutputType: 'frame' }),
      ev({ Action: 'fail', Test: 'TestX', Elapsed: 0.01 }),
      ev({ Action: 'fail', Elapsed: 0.02 }),
    ].join('\n');
    // Without OutputType on the log line it still counts (older Go): so mark it as 1.27 would.
    const r = parseOutput(
      text.replace('"Output":"    x_test.go:5', '"OutputType":"frame","Output":"    x_test.go:5'),
    );
    expect(r.findings.map((f) => `${f.kind}:${f.test}:${f.message}`)).toEqual(['failure:TestX:real error']);
    expect(r.tests).toEqual([{ package: 'p', name: 'TestX', action: 'fail', elapsed: 0.01 }]);
  });

  it('testify-style messages: the Error: line of the continuation block', () => {
    const text = [
      '--- FAIL: TestEq (0.00s)',
      '    eq_test.go:12: ',
      '        \tError Trace:\t/src/eq_test.go:12',
      '        \tError:      \tNot equal: ',
      '        \t            \texpected: 1',
      'FAIL',
      'FAIL\texample.com/m/eq\t0.01s',
    ].join('\n');
    const r = parseOutput(text);
    expect(r.findings.map((f) => `${f.kind}:${f.test}:${f.message}:${f.stacks[0]?.frames[0]?.line}`)).toEqual(
      ['failure:TestEq:Not equal::12'],
    );
  });

  it('log-fatal-in-test-go1.26.txt: log.Fatal prints one line and exits: no finding', () => {
    const r = parseFixture('log-fatal-in-test-go1.26.txt');
    expect(r.sawGoOutput).toBe(true);
    expect(r.packages).toEqual([{ name: `${CORPUS}exitintest`, action: 'fail' }]);
    expect(r.findings).toEqual([]);
    expect(r.tests).toEqual([]);
  });

  it('log-fatal-in-test-json-go1.26.jsonl: the test that exited is interrupted', () => {
    const r = parseFixture('log-fatal-in-test-json-go1.26.jsonl');
    expect(outcomes(r)).toEqual(['TestFirst:pass', 'TestLogFatal:interrupted']);
    expect(kinds(r)).toEqual([]);
    expect(fixture('log-fatal-in-test-json-go1.26.jsonl')).toContain('config file not found');
  });
});
