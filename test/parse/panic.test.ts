import { describe, expect, it } from 'vitest';
import {
  CORPUS,
  fail,
  firstTestFrame,
  kinds,
  nth,
  outcomes,
  parseFixture,
  roles,
  stack,
  top,
} from './helpers.js';

const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

describe('panics', () => {
  it('panic-nil-deref-in-test-go1.19.txt: [recovered] + nested panic line, inlined frame', () => {
    const r = parseFixture('panic-nil-deref-in-test-go1.19.txt');
    expect(outcomes(r)).toEqual(['TestNilDeref:fail']);
    expect(r.packages).toEqual([{ name: `${CORPUS}panicnil`, action: 'fail' }]);
    expect(kinds(r)).toEqual(['panic']);
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({ package: `${CORPUS}panicnil`, test: 'TestNilDeref', message: NIL_DEREF });
    expect(roles(f)).toEqual(['panic', 'creation']);
    const p = stack(f, 'panic') ?? fail();
    expect(p.header).toBe('goroutine 7 [running]');
    expect(p.goroutine).toBe(7);
    expect(p.frames.map((x) => x.func)).toEqual([
      'testing.tRunner.func1.2',
      'testing.tRunner.func1',
      'panic',
      `${CORPUS}panicnil.get`,
      `${CORPUS}panicnil.TestNilDeref`,
      'testing.tRunner',
    ]);
    expect(p.frames[0]).toEqual({
      func: 'testing.tRunner.func1.2',
      file: '/usr/lib/go-1.19/src/testing/testing.go',
      line: 1396,
    });
    expect(p.frames[3]).toMatchObject({ line: 8, inlined: true });
    expect(p.frames[4]?.inlined).toBeUndefined();
    expect(firstTestFrame(f, 'panic')).toBe('panicnil_test.go:8');
    expect(stack(f, 'creation')).toMatchObject({ header: 'created by testing.(*T).Run', goroutine: 7 });
    expect(top(f, 'creation')).toBe('testing.go:1493');
    expect(f.raw).toContain('[signal SIGSEGV');
    expect(f.raw.startsWith('panic: runtime error')).toBe(true);
  });

  it('panic-nil-deref-in-test-go1.26.txt: [recovered, repanicked] suffix removed', () => {
    const r = parseFixture('panic-nil-deref-in-test-go1.26.txt');
    expect(outcomes(r)).toEqual(['TestNilDeref:fail']);
    expect(kinds(r)).toEqual(['panic']);
    const f = nth(r.findings, 0);
    expect(f.message).toBe(NIL_DEREF);
    expect(f.test).toBe('TestNilDeref');
    expect(stack(f, 'panic')?.goroutine).toBe(8);
    expect(firstTestFrame(f, 'panic')).toBe('panicnil_test.go:8');
    expect(stack(f, 'creation')?.header).toBe('created by testing.(*T).Run in goroutine 1');
    expect(top(f, 'creation')).toBe('testing.go:2101');
  });

  it('panic-recovered-repanicked-go1.19.txt: three panic lines, the original value', () => {
    const r = parseFixture('panic-recovered-repanicked-go1.19.txt');
    expect(kinds(r)).toEqual(['panic']);
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({ message: 'boom', test: 'TestRepanic' });
    expect(firstTestFrame(f, 'panic')).toBe('panicrepanic_test.go:15');
    expect(stack(f, 'panic')?.frames).toHaveLength(8);
  });

  it('panic-recovered-repanicked-go1.26.txt: one collapsed line', () => {
    const r = parseFixture('panic-recovered-repanicked-go1.26.txt');
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({ kind: 'panic', message: 'boom', test: 'TestRepanic' });
    expect(stack(f, 'panic')?.frames[3]).toMatchObject({
      func: `${CORPUS}panicrepanic.TestRepanic.func1`,
      line: 15,
    });
    expect(stack(f, 'panic')?.frames[5]).toMatchObject({
      func: `${CORPUS}panicrepanic.doWork`,
      line: 9,
      inlined: true,
    });
  });

  it('panic-index-out-of-range-in-goroutine-go1.26.txt: test from the created-by frame', () => {
    const r = parseFixture('panic-index-out-of-range-in-goroutine-go1.26.txt');
    // No -v and no --- FAIL: the process died inside the test.
    expect(r.tests).toEqual([]);
    expect(kinds(r)).toEqual(['panic']);
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({
      message: 'runtime error: index out of range [5] with length 3',
      test: 'TestPanicInGoroutine',
      package: `${CORPUS}panicgoroutine`,
    });
    expect(stack(f, 'panic')?.frames[0]).toMatchObject({
      func: `${CORPUS}panicgoroutine.worker`,
      line: 9,
      inlined: true,
    });
    expect(top(f, 'panic')).toBe('panicgoroutine_test.go:9');
    expect(stack(f, 'creation')).toMatchObject({
      header: 'created by example.com/corpus/panicgoroutine.TestPanicInGoroutine in goroutine 19',
      goroutine: 20,
    });
    expect(stack(f, 'creation')?.frames).toEqual([
      {
        func: `${CORPUS}panicgoroutine.TestPanicInGoroutine`,
        file: '/home/runner/work/corpus/corpus/panicgoroutine/panicgoroutine_test.go',
        line: 13,
      },
    ]);
  });

  it('panic-index-out-of-range-in-goroutine-json-go1.26.jsonl: test left without a result', () => {
    const r = parseFixture('panic-index-out-of-range-in-goroutine-json-go1.26.jsonl');
    expect(outcomes(r)).toEqual(['TestPanicInGoroutine:interrupted']);
    expect(r.packages).toEqual([{ name: `${CORPUS}panicgoroutine`, action: 'fail' }]);
    expect(r.findings.map((f) => `${f.kind}:${f.test}:${f.message}`)).toEqual([
      'panic:TestPanicInGoroutine:runtime error: index out of range [5] with length 3',
    ]);
    expect(top(nth(r.findings, 0), 'creation')).toBe('panicgoroutine_test.go:13');
  });

  it('panic-multiline-value-in-subtest-go1.19.txt: unindented continuation, subtest attribution', () => {
    const r = parseFixture('panic-multiline-value-in-subtest-go1.19.txt');
    expect(outcomes(r)).toEqual(['TestPanicCustom:fail', 'TestPanicCustom/sub:fail']);
    expect(r.findings.map((f) => `${f.kind}:${f.test}:${f.message}`)).toEqual([
      'panic:TestPanicCustom/sub:multi line 42',
    ]);
    expect(firstTestFrame(nth(r.findings, 0), 'panic')).toBe('panicerr_test.go:14');
  });

  it('panic-multiline-value-in-subtest-go1.26.txt: tab-indented continuation', () => {
    const r = parseFixture('panic-multiline-value-in-subtest-go1.26.txt');
    expect(outcomes(r)).toEqual(['TestPanicCustom:fail', 'TestPanicCustom/sub:fail']);
    expect(r.findings.map((f) => `${f.kind}:${f.test}:${f.message}`)).toEqual([
      'panic:TestPanicCustom/sub:multi line 42',
    ]);
  });

  it('panic-deep-recursion-elided-frames-go1.26.txt: Go’s elision marker kept, 100 real frames', () => {
    const r = parseFixture('panic-deep-recursion-elided-frames-go1.26.txt', {
      package: 'example.com/corpus/cmd/gotraceback',
    });
    expect(kinds(r)).toEqual(['panic']);
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({ message: 'deep panic', package: 'example.com/corpus/cmd/gotraceback' });
    expect(f.test).toBeUndefined();
    const frames = (stack(f, 'panic') ?? fail()).frames;
    expect(frames).toHaveLength(101);
    expect(frames[50]).toEqual({ func: '...102 frames elided...', file: '', line: 0 });
    expect(frames[0]).toMatchObject({ func: 'main.recurse', line: 7, inlined: true });
    expect(frames[100]).toMatchObject({ func: 'main.main', line: 14 });
    expect(r.packages).toEqual([]);
  });

  it('panic-deep-recursion-gotraceback-system-go1.26.txt: gp= m= header, fp= sp= pc= suffixes', () => {
    const r = parseFixture('panic-deep-recursion-gotraceback-system-go1.26.txt');
    const f = nth(r.findings, 0);
    expect(f.message).toBe('deep panic');
    const p = stack(f, 'panic') ?? fail();
    expect(p.header).toBe('goroutine 1 gp=0x2e6912cda1e0 m=0 mp=0x548fe0 [running]');
    expect(p.goroutine).toBe(1);
    expect(p.frames[0]).toEqual({
      func: 'panic',
      file: '/opt/hostedtoolcache/go/1.26/x64/src/runtime/panic.go',
      line: 879,
    });
    expect(p.frames[1]).toMatchObject({ func: 'main.recurse', line: 7 });
    expect(p.frames.length).toBeLessThanOrEqual(102);
  });

  it('panic-goroutine-pprof-labels-godebug-go1.26.txt: labels in the goroutine header', () => {
    const r = parseFixture('panic-goroutine-pprof-labels-godebug-go1.26.txt');
    const f = nth(r.findings, 0);
    expect(f.message).toBe('assignment to entry in nil map');
    expect(stack(f, 'panic')).toMatchObject({
      header: 'goroutine 1 [running labels:{"request id": "abc 123", "worker": "w1"}]',
      goroutine: 1,
    });
    expect(top(f, 'panic')).toBe('main.go:12');
  });

  it('os-exit0-in-test-go1.26.txt: os.Exit(0) during a test is a panic', () => {
    const r = parseFixture('os-exit0-in-test-go1.26.txt');
    expect(outcomes(r)).toEqual(['TestExitZero:fail']);
    expect(r.findings.map((f) => `${f.kind}:${f.test}:${f.message}`)).toEqual([
      'panic:TestExitZero:unexpected call to os.Exit(0) during test',
    ]);
  });

  it('fresh-panic-nil-deref-raw-test2json-go1.26.txt: the main format (binary with -test.v=test2json)', () => {
    const r = parseFixture('fresh-panic-nil-deref-raw-test2json-go1.26.txt', {
      package: 'example.com/fresh/panicnil',
    });
    expect(outcomes(r)).toEqual(['TestFirst:pass', 'TestNilDeref:fail']);
    expect(r.tests.every((t) => t.package === 'example.com/fresh/panicnil')).toBe(true);
    // TestFirst logged (`panicnil_test.go:11: ok`) but passed: no failure.
    expect(r.findings.map((f) => `${f.kind}:${f.test}:${f.package}`)).toEqual([
      'panic:TestNilDeref:example.com/fresh/panicnil',
    ]);
    expect(r.findings[0]?.message).toBe(NIL_DEREF);
    expect(firstTestFrame(nth(r.findings, 0), 'panic')).toBe('panicnil_test.go:8');
  });

  it('fresh-panic-in-goroutine-raw-test2json-go1.26.txt: crashed test is interrupted', () => {
    const r = parseFixture('fresh-panic-in-goroutine-raw-test2json-go1.26.txt', {
      package: 'example.com/fresh/panicgoroutine',
    });
    expect(outcomes(r)).toEqual(['TestPanicInGoroutine:interrupted']);
    expect(r.findings.map((f) => `${f.kind}:${f.test}`)).toEqual(['panic:TestPanicInGoroutine']);
    expect(top(nth(r.findings, 0), 'creation')).toBe('panicgoroutine_test.go:13');
  });
});
