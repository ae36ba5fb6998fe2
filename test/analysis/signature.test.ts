import { describe, expect, it } from 'vitest';
import {
  funcWithoutPackage,
  quoteMeta,
  shortFunc,
  shQuote,
  testPattern,
  titleFunc,
} from '../../src/analysis/names.js';
import { findingSignature, normalizeMessage } from '../../src/analysis/signature.js';
import type { RawFinding } from '../../src/model.js';
import {
  buildError,
  daemonPanic,
  daemonRace,
  failure,
  goTimeout,
  indexPanic,
  MODULE_DIR,
  mapFatal,
  mapper,
  PKG,
  PKG_DIR,
} from './fixtures.js';

describe('findingSignature', () => {
  it('is the same for one race across runs with other addresses, goroutines, offsets and side order', () => {
    const a = daemonRace({ seed: 0, writeFirst: true });
    const b = daemonRace({ seed: 5, writeFirst: false });
    expect(a.raw).not.toBe(b.raw);
    const sa = findingSignature(a, mapper);
    expect(sa).toBe(findingSignature(b, mapper));
    expect(sa).toBe(
      'race|' +
        'example.com/flaky-daemon/daemon.(*Daemon).Shutdown@daemon.go:51|' +
        'example.com/flaky-daemon/daemon.(*Daemon).write@daemon.go:31',
    );
    expect(sa).not.toMatch(/0x|\+0x|goroutine/);
  });

  it('differs when a side is on another line', () => {
    expect(findingSignature(daemonRace({ writeLine: 52 }), mapper)).not.toBe(
      findingSignature(daemonRace(), mapper),
    );
  });

  it('falls back to the creation stack when an access has no repository frame', () => {
    const f = daemonRace();
    const current = f.stacks.find((s) => s.role === 'current');
    if (!current) throw new Error('fixture');
    current.frames = [
      {
        func: 'runtime.mapassign_faststr',
        file: '/opt/hostedtoolcache/go/1.26/x64/src/internal/runtime/maps/runtime_faststr.go',
        line: 263,
      },
    ];
    expect(findingSignature(f, mapper)).toContain(
      'example.com/flaky-daemon/daemon.TestWriter@daemon_test.go:25',
    );
  });

  it('normalises panic values and locates at the first repository frame', () => {
    expect(findingSignature(daemonPanic(0), mapper)).toBe(
      'panic|runtime error: invalid memory address or nil pointer dereference|' +
        'example.com/flaky-daemon/daemon.(*Daemon).Reload@config.go:22',
    );
    expect(findingSignature(daemonPanic(3), mapper)).toBe(findingSignature(daemonPanic(0), mapper));
    expect(findingSignature(indexPanic(5, 3), mapper)).toBe(findingSignature(indexPanic(7, 4), mapper));
    expect(findingSignature(indexPanic(5, 3), mapper)).toMatch(
      /^panic\|runtime error: index out of range \[#\] with length #\|/,
    );
  });

  it('builds fatal, timeout, failure and build signatures', () => {
    expect(findingSignature(mapFatal(), mapper)).toBe(
      'fatal|concurrent map writes|example.com/flaky-daemon/daemon.(*Cache).Put@cache.go:16',
    );
    expect(findingSignature(goTimeout(), mapper)).toBe(`timeout|${PKG}|TestSlow,TestSlow/slow_sub`);
    expect(
      findingSignature(failure('TestWriter', 'daemon_test.go', 60, 'got 2, want 1'), mapper, PKG_DIR),
    ).toBe(`failure|${PKG}|TestWriter|examples/flaky-daemon/daemon/daemon_test.go:60`);
    expect(findingSignature(buildError(), mapper, MODULE_DIR)).toBe(
      'build|example.com/flaky-daemon/broken|examples/flaky-daemon/broken/broken_test.go:6|' +
        'cannot use "not an int" (untyped string constant) as int value in variable declaration',
    );
  });

  it('keeps different failures of one test apart by line', () => {
    const a: RawFinding = failure('TestWriter', 'daemon_test.go', 60, 'x');
    const b: RawFinding = failure('TestWriter', 'daemon_test.go', 61, 'x');
    expect(findingSignature(a, mapper, PKG_DIR)).not.toBe(findingSignature(b, mapper, PKG_DIR));
  });
});

describe('normalizeMessage', () => {
  it('replaces numbers and addresses and drops the recovered marker', () => {
    expect(normalizeMessage('runtime error: index out of range [5] with length 3')).toBe(
      'runtime error: index out of range [#] with length #',
    );
    expect(normalizeMessage('bad pointer 0xc000123456 [recovered]')).toBe('bad pointer #');
    expect(normalizeMessage('boom\n\tsecond line 7')).toBe('boom');
  });
});

describe('names', () => {
  it('shortens function names', () => {
    const f = 'example.com/flaky-daemon/daemon.(*Daemon).Shutdown';
    expect(shortFunc(f)).toBe('daemon.(*Daemon).Shutdown');
    expect(funcWithoutPackage(f)).toBe('(*Daemon).Shutdown');
    expect(titleFunc(f)).toBe('Shutdown');
    expect(titleFunc('example.com/m/p.TestRace.func1')).toBe('TestRace.func1');
    expect(shortFunc('example.com/m/p.Map[go.shape.string].Get')).toBe('p.Map[go.shape.string].Get');
    expect(shortFunc('gopkg.in/yaml%2ev3.Unmarshal')).toBe('yaml%2ev3.Unmarshal');
  });
  it('builds -run patterns and shell words', () => {
    expect(testPattern(['TestWriter'])).toBe('^TestWriter$');
    expect(testPattern(['TestA/sub'])).toBe('^TestA$/^sub$');
    expect(testPattern(['TestA/x', 'TestA/y'])).toBe('^TestA$');
    expect(testPattern(['TestB', 'TestA/y'])).toBe('^(TestA|TestB)$');
    expect(testPattern([])).toBeUndefined();
    expect(quoteMeta('case(1).x+y')).toBe('case\\(1\\)\\.x\\+y');
    expect(shQuote('./daemon')).toBe('./daemon');
    expect(shQuote('^TestWriter$')).toBe("'^TestWriter$'");
    expect(shQuote("it's")).toBe("'it'\\''s'");
  });
});
