import { describe, expect, it } from 'vitest';
import { CORPUS, firstTestFrame, kinds, nth, outcomes, parseFixture, roles, stack, top } from './helpers.js';

describe('fatal errors', () => {
  it('fatal-concurrent-map-writes-go1.19.txt: first goroutine panicked, others kept as goroutine stacks', () => {
    const r = parseFixture('fatal-concurrent-map-writes-go1.19.txt');
    expect(r.packages).toEqual([{ name: `${CORPUS}fatalmap`, action: 'fail' }]);
    expect(kinds(r)).toEqual(['fatal']);
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({
      message: 'concurrent map writes',
      test: 'TestConcurrentMapWrites',
      package: `${CORPUS}fatalmap`,
    });
    expect(roles(f).slice(0, 2)).toEqual(['panic', 'creation']);
    expect(stack(f, 'panic')).toMatchObject({ header: 'goroutine 26 [running]', goroutine: 26 });
    expect(top(f, 'panic')).toBe('fatalmap_test.go:16');
    expect(top(f, 'creation')).toBe('fatalmap_test.go:13');
    const others = f.stacks.filter((s) => s.role === 'goroutine');
    expect(others.length).toBeGreaterThan(0);
    expect(others.length).toBeLessThanOrEqual(10);
    // goroutine 1 (main, only testing frames) is not worth keeping.
    expect(others.some((s) => s.goroutine === 1)).toBe(false);
  });

  it('fatal-concurrent-map-writes-go1.26.txt: maps.fatal on top, only the failing goroutine', () => {
    const r = parseFixture('fatal-concurrent-map-writes-go1.26.txt');
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({
      kind: 'fatal',
      message: 'concurrent map writes',
      test: 'TestConcurrentMapWrites',
    });
    expect(roles(f)).toEqual(['panic', 'creation']);
    expect(stack(f, 'panic')?.frames[0]?.func).toBe('internal/runtime/maps.fatal');
    expect(firstTestFrame(f, 'panic')).toBe('fatalmap_test.go:16');
    expect(stack(f, 'creation')?.header).toBe(
      'created by example.com/corpus/fatalmap.TestConcurrentMapWrites in goroutine 19',
    );
  });

  it('fatal-concurrent-map-writes-json-go1.26.jsonl: no result event for the test', () => {
    const r = parseFixture('fatal-concurrent-map-writes-json-go1.26.jsonl');
    expect(outcomes(r)).toEqual(['TestConcurrentMapWrites:interrupted']);
    expect(r.findings.map((f) => `${f.kind}:${f.test}:${f.message}`)).toEqual([
      'fatal:TestConcurrentMapWrites:concurrent map writes',
    ]);
    expect(firstTestFrame(nth(r.findings, 0), 'panic')).toBe('fatalmap_test.go:16');
  });

  it('deadlock-all-goroutines-asleep-timeout0-go1.26.txt: the test goroutine, not main, is the stack', () => {
    const r = parseFixture('deadlock-all-goroutines-asleep-timeout0-go1.26.txt');
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({
      kind: 'fatal',
      message: 'all goroutines are asleep - deadlock!',
      test: 'TestDeadlock',
    });
    expect(stack(f, 'panic')).toMatchObject({ goroutine: 19, header: 'goroutine 19 [sync.Mutex.Lock]' });
    expect(firstTestFrame(f, 'panic')).toBe('deadlock_test.go:11');
    expect(stack(f, 'panic')?.frames[2]).toMatchObject({
      func: 'internal/sync.(*Mutex).Lock',
      inlined: true,
    });
  });
});

describe('timeouts', () => {
  it('test-timeout-panic-go1.19.txt: no running-tests list, test from the stuck goroutine', () => {
    const r = parseFixture('test-timeout-panic-go1.19.txt');
    expect(kinds(r)).toEqual(['timeout']);
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({ message: 'test timed out after 2s', test: 'TestSlow', runningTests: [] });
    // The subtest body sleeping, rather than the parent blocked in t.Run or the alarm goroutine.
    expect(stack(f, 'panic')).toMatchObject({ goroutine: 8, header: 'goroutine 8 [sleep]' });
    expect(firstTestFrame(f, 'panic')).toBe('timeout_test.go:12');
    expect(f.stacks.filter((s) => s.role === 'goroutine').map((s) => s.goroutine)).toEqual([7]);
  });

  it('test-timeout-panic-go1.21.txt: unindented running-tests list', () => {
    const r = parseFixture('test-timeout-panic-go1.21.txt');
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({
      kind: 'timeout',
      message: 'test timed out after 2s',
      test: 'TestSlow',
      runningTests: ['TestSlow', 'TestSlow/slow_sub'],
    });
    expect(firstTestFrame(f, 'panic')).toBe('timeout_test.go:12');
  });

  it('test-timeout-panic-go1.26.txt: tab-indented running-tests list', () => {
    const r = parseFixture('test-timeout-panic-go1.26.txt');
    expect(r.packages).toEqual([{ name: `${CORPUS}timeout`, action: 'fail' }]);
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({
      kind: 'timeout',
      message: 'test timed out after 2s',
      test: 'TestSlow',
      runningTests: ['TestSlow', 'TestSlow/slow_sub'],
    });
    expect(stack(f, 'panic')?.goroutine).toBe(9);
    expect(top(f, 'panic')).toBe('time.go:363');
    expect(firstTestFrame(f, 'panic')).toBe('timeout_test.go:12');
    expect(top(f, 'creation')).toBe('testing.go:2101');
  });

  it('test-timeout-panic-json-go1.26.jsonl: running tests are interrupted', () => {
    const r = parseFixture('test-timeout-panic-json-go1.26.jsonl');
    expect(outcomes(r)).toEqual(['TestQuick:pass', 'TestSlow:interrupted', 'TestSlow/slow_sub:interrupted']);
    expect(r.findings.map((f) => `${f.kind}:${f.test}:${f.runningTests?.join(',')}`)).toEqual([
      'timeout:TestSlow:TestSlow,TestSlow/slow_sub',
    ]);
    expect(firstTestFrame(nth(r.findings, 0), 'panic')).toBe('timeout_test.go:12');
  });

  it('fresh-test-timeout-raw-test2json-go1.26.txt: the main format', () => {
    const r = parseFixture('fresh-test-timeout-raw-test2json-go1.26.txt', {
      package: 'example.com/fresh/timeout',
    });
    expect(outcomes(r)).toEqual(['TestQuick:pass', 'TestSlow:interrupted', 'TestSlow/slow_sub:interrupted']);
    expect(r.findings.map((f) => `${f.kind}:${f.test}:${f.package}`)).toEqual([
      'timeout:TestSlow:example.com/fresh/timeout',
    ]);
    expect(r.findings[0]?.runningTests).toEqual(['TestSlow', 'TestSlow/slow_sub']);
  });
});
