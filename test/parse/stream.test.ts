import { describe, expect, it } from 'vitest';
import type { ParsedOutput } from '../../src/model.js';
import { createOutputParser, parseOutput } from '../../src/parse/output.js';
import { combineTest, parseFileLine, testNameFromFunc } from '../../src/parse/util.js';
import { fail, fixture, fixtureNames, nth, stack } from './helpers.js';

/** Small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function parseInChunks(text: string, seed: number, maxChunk: number, opts = {}) {
  const rand = rng(seed);
  const p = createOutputParser(opts);
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(rand() * maxChunk);
    p.push(text.slice(i, i + n));
    i += n;
  }
  return p.end();
}

describe('streaming', () => {
  it('the fixture set is all here (at least 25)', () => {
    expect(fixtureNames().length).toBeGreaterThanOrEqual(25);
  });

  it.each(fixtureNames())('%s: random-size chunks give the same result as one push', (name) => {
    const text = fixture(name);
    const whole = parseOutput(text, { package: 'example.com/opt' });
    expect(parseInChunks(text, name.length * 7919, 97, { package: 'example.com/opt' })).toEqual(whole);
    expect(parseInChunks(text, name.length, 3, { package: 'example.com/opt' })).toEqual(whole);
  });

  it('chunks that split multi-byte characters and surrogate pairs', () => {
    const text = '=== RUN   TestÜnïcode\n    u_test.go:3: 💥 broke\n--- FAIL: TestÜnïcode (0.00s)\nFAIL\n';
    const whole = parseOutput(text, { package: 'p' });
    expect(whole.findings.map((f) => `${f.kind}:${f.test}:${f.message}`)).toEqual([
      'failure:TestÜnïcode:💥 broke',
    ]);
    const p = createOutputParser({ package: 'p' });
    for (const ch of text.split('')) p.push(ch); // splits the surrogate pair of 💥
    expect(p.end()).toEqual(whole);
  });

  it('end() is idempotent and push after end is ignored', () => {
    const p = createOutputParser();
    p.push(fixture('race-basic-go1.26.txt'));
    const a = p.end();
    p.push('panic: late\n\ngoroutine 1 [running]:\nmain.main()\n\t/x.go:1 +0x1\n');
    expect(p.end()).toBe(a);
    expect(a.findings).toHaveLength(1);
  });
});

describe('robustness', () => {
  it('input without Go output: sawGoOutput false, nothing found', () => {
    const text = [
      '##[group]Run actions/checkout@v4',
      'Syncing repository: octo/repo',
      'npm ERR! missing script: test',
      '{"level":"info","msg":"starting"}',
      'Process completed with exit code 1.',
      '',
    ].join('\n');
    const r = parseOutput(text);
    expect(r).toEqual({ tests: [], findings: [], packages: [], sawGoOutput: false });
    expect(parseOutput('')).toEqual({ tests: [], findings: [], packages: [], sawGoOutput: false });
  });

  // A hang shows as this test's own timeout.
  it('binary junk, garbage JSON and endless lines do not throw or hang', { timeout: 30_000 }, () => {
    const rand = rng(42);
    let junk = '';
    for (let i = 0; i < 200_000; i++) junk += String.fromCharCode(Math.floor(rand() * 0x3000));
    const inputs = [
      junk,
      junk.replaceAll('a', '\n'),
      '{"Action":5}\n{not json}\n{"Action":"output","Package":1,"Output":{}}\n[1,2]\n{"Action":"output"}\n',
      '{"Action":"output","Package":"p","Test":"T","Output":"panic: x\\n"}\n{"Action":"fail","Package":"p"}\n',
      'x'.repeat(3_000_000),
      `${'='.repeat(18)}\nWARNING: DATA RACE\n${'  f()\n      /a.go:1 +0x1\n'.repeat(20_000)}`,
      `panic: boom\n\ngoroutine 1 [running]:\n${'main.f()\n\t/a.go:1 +0x1\n'.repeat(20_000)}`,
      '\x16\x16\x16--- FAIL: \n=== RUN\n--- PASS: (\n    .go:: \nFAIL\t\nok  \n?   \t\n# \n# [\ngoroutine 1 [:\n',
      'panic: \n\tpanic: \n[signal \n\trunning tests:\n\t\t(\n\ngoroutine x [running]:\ncreated by \n\t:\n...\n',
    ];
    for (const text of inputs) {
      expect(() => parseOutput(text)).not.toThrow();
      expect(() => parseInChunks(text, 1, 5000)).not.toThrow();
    }
  });

  it('caps: stacks at 100 frames plus a marker, raw at 64 KiB, findings at 1000', () => {
    const race =
      parseOutput(
        `${'='.repeat(18)}\nWARNING: DATA RACE\nRead at 0x1 by goroutine 7:\n${'  pkg.f()\n      /a.go:1 +0x1\n'.repeat(5000)}${'='.repeat(18)}\n`,
      ).findings.at(0) ?? fail();
    const frames = (stack(race, 'current') ?? fail()).frames;
    expect(frames).toHaveLength(101);
    expect(frames[100]).toEqual({ func: '...additional frames elided...', file: '', line: 0 });
    expect(race.raw.length).toBeLessThanOrEqual(64 * 1024 + 20);
    expect(race.raw.endsWith('... (truncated)')).toBe(true);

    const one = `${fixture('race-basic-go1.26.txt').split('--- FAIL')[0]}`;
    const flood = parseOutput(one.repeat(1500));
    expect(flood.findings).toHaveLength(1000);
  });
});

describe('line cleaning', () => {
  it('GitHub log timestamps, CRLF and ANSI colours are stripped', () => {
    const clean = fixture('race-basic-go1.26.txt');
    const dirty = clean
      .split('\n')
      .map(
        (l, i) => `2026-01-02T03:04:05.${String(1234567 + i)}Z ${i % 3 === 0 ? `\x1b[31m${l}\x1b[0m` : l}\r`,
      )
      .join('\n');
    expect(parseOutput(dirty)).toEqual(parseOutput(clean));
    const jsonDirty = fixture('race-basic-json-go1.26.jsonl')
      .split('\n')
      .map((l) => (l ? `2026-01-02T03:04:05.1234567Z ${l}\r` : l))
      .join('\n');
    expect(parseOutput(jsonDirty)).toEqual(parseOutput(fixture('race-basic-json-go1.26.jsonl')));
  });

  it('Windows paths split on the last colon', () => {
    const text = fixture('race-basic-go1.26.txt').replaceAll(
      '/home/runner/work/corpus/corpus/',
      'C:/a/corpus/',
    );
    const f = parseOutput(text).findings.at(0) ?? fail();
    expect(stack(f, 'current')?.frames[0]).toEqual({
      func: 'example.com/corpus/racebasic.(*Counter).Inc',
      file: 'C:/a/corpus/racebasic/racebasic_test.go',
      line: 13,
    });
    const p =
      parseOutput(
        fixture('panic-nil-deref-in-test-go1.26.txt').replaceAll('/home/runner/work/corpus/corpus/', 'D:/w/'),
      ).findings.at(0) ?? fail();
    expect(stack(p, 'panic')?.frames[3]).toMatchObject({
      file: 'D:/w/panicnil/panicnil_test.go',
      line: 8,
      inlined: true,
    });
  });

  it('a lone CR ends a line (old Mac pastes), but not inside a t.Error message', () => {
    const clean = fixture('race-basic-go1.26.txt');
    // Blank lines are not kept (a lone CR may be a CRLF's): the same stacks, not the same text.
    const mac = parseOutput(clean.replaceAll('\n', '\r'));
    const stacksOf = (p: ParsedOutput) => p.findings.map((f) => [f.kind, f.test, f.stacks]);
    expect(stacksOf(mac)).toEqual(stacksOf(parseOutput(clean)));
    for (let seed = 1; seed <= 10; seed++) {
      expect(parseInChunks(clean.replaceAll('\n', '\r'), seed, 30)).toEqual(mac);
      const crlf = clean.replaceAll('\n', '\r\n').replace('racebasic_test.go:13 +0x7e', 'a\rb');
      expect(parseInChunks(crlf, seed, 30)).toEqual(parseOutput(crlf));
    }
    expect(mac.tests).toEqual(parseOutput(clean).tests);
    const log = (msg: string, eol = '\n') =>
      ['=== RUN   TestA', `    a_test.go:12: ${msg}`, '--- FAIL: TestA (0.00s)', 'FAIL', 'FAIL\tp\t0.01s', '']
        .join(eol)
        .replace(`${msg}${eol}`, `${msg}\n`);
    const failure = (text: string) => parseOutput(text).findings.find((f) => f.kind === 'failure');
    expect(failure(log('cr \r end'))?.message).toBe('cr \r end');
    expect(failure(log('cr \r end', '\r\n'))?.message).toBe('cr \r end');
    // The same message in a go test -json stream: one line there too.
    const json = [
      '{"Action":"run","Package":"p","Test":"TestA"}',
      '{"Action":"output","Package":"p","Test":"TestA","Output":"    a_test.go:12: cr \\r end\\n"}',
      '{"Action":"fail","Package":"p","Test":"TestA","Elapsed":0}',
      '{"Action":"fail","Package":"p","Elapsed":0.01}',
    ].join('\n');
    expect(failure(json)?.message).toBe('cr \r end');
    // Progress output rewriting a line: each part is a line of its own.
    const progress = parseOutput(`50%\r100%\r${clean}`);
    expect(stacksOf(progress)).toEqual(stacksOf(parseOutput(clean)));
  });

  it('prefixes are found wherever a chunk boundary falls (per-chunk hints)', () => {
    const clean = fixture('race-basic-go1.26.txt');
    const want = parseOutput(clean).findings;
    const shapes = [
      (l: string) => `worker-1[7]: ${l}`,
      (l: string, i: number) => ` ${String(13000 + i).padStart(6)} 2026-03-01T12:00:00.0000000Z ${l}`,
    ];
    for (const shape of shapes) {
      const text = clean
        .split('\n')
        .map((l, i) => shape(l, i))
        .join('\n');
      for (let seed = 1; seed <= 20; seed++) {
        expect(parseInChunks(text, seed, 40).findings).toEqual(want);
      }
      // A chunk of one line, then the rest: the hints of each chunk are its own.
      const p = createOutputParser();
      const nl = text.indexOf('\n') + 1;
      p.push(text.slice(0, nl));
      p.push(text.slice(nl));
      expect(p.end().findings).toEqual(want);
    }
  });

  it('0x16 framing glued to unterminated output is still framing', () => {
    const text = '\x16=== RUN   TestA\nno newline here\x16--- FAIL: TestA (0.01s)\n\x16FAIL\n';
    const r = parseOutput(text, { package: 'p' });
    expect(r.tests).toEqual([{ package: 'p', name: 'TestA', action: 'fail', elapsed: 0.01 }]);
  });
});

describe('truncated reports', () => {
  it('a race cut off at end of input is still emitted with what it had', () => {
    const lines = fixture('race-basic-go1.26.txt').split('\n');
    const r = parseOutput(lines.slice(0, 13).join('\n'), { package: 'p' });
    expect(r.findings).toHaveLength(1);
    const f = nth(r.findings, 0);
    expect(f).toMatchObject({ kind: 'race', package: 'p', test: 'TestRace' });
    expect(f.stacks.map((s) => s.role)).toEqual(['current', 'previous']);
    expect(stack(f, 'previous')?.frames).toHaveLength(2);
  });

  it('a panic cut off at end of input is emitted; a lone "panic:" line in the middle is not', () => {
    const lines = fixture('panic-nil-deref-in-test-go1.26.txt').split('\n');
    const cut = parseOutput(lines.slice(0, 8).join('\n'), { package: 'p' });
    expect(cut.findings.map((f) => `${f.kind}:${f.test}:${f.message}`)).toEqual([
      'panic:TestNilDeref:runtime error: invalid memory address or nil pointer dereference',
    ]);
    const printed = parseOutput(
      '=== RUN   TestA\npanic: not really\n--- PASS: TestA (0.00s)\nPASS\nok  \tp\t0.01s\n',
    );
    expect(printed.findings).toEqual([]);
    expect(printed.tests.map((t) => `${t.package}:${t.name}:${t.action}`)).toEqual(['p:TestA:pass']);
  });
});

describe('helpers', () => {
  it('parseFileLine', () => {
    expect(parseFileLine('/a/b.go:12 +0x1f')).toEqual({ file: '/a/b.go', line: 12 });
    expect(parseFileLine('C:/a/b.go:7')).toEqual({ file: 'C:/a/b.go', line: 7 });
    expect(parseFileLine('/r/panic.go:879 +0x16f fp=0x1 sp=0x2 pc=0x3')).toEqual({
      file: '/r/panic.go',
      line: 879,
    });
    expect(parseFileLine('_testmain.go:50 +0x164')).toEqual({ file: '_testmain.go', line: 50 });
    expect(parseFileLine('no line')).toBeUndefined();
    expect(parseFileLine('x.go:')).toBeUndefined();
  });

  it('testNameFromFunc follows Go’s test naming rules', () => {
    expect(testNameFromFunc('example.com/m/pkg.TestX.func2.1')).toBe('TestX');
    expect(testNameFromFunc('example.com/m/pkg_test.TestX')).toBe('TestX');
    expect(testNameFromFunc('example.com/m/pkg.Test_under')).toBe('Test_under');
    expect(testNameFromFunc('gopkg.in/yaml%2ev3.TestDecode.func1')).toBe('TestDecode');
    expect(testNameFromFunc('example.com/m/pkg.Testify')).toBeUndefined();
    expect(testNameFromFunc('example.com/m/pkg.TestMain.func1')).toBeUndefined();
    expect(testNameFromFunc('example.com/m/pkg.(*Suite).TestX')).toBeUndefined();
    expect(testNameFromFunc('testing.tRunner')).toBeUndefined();
    expect(testNameFromFunc('example.com/m/pkg.BenchmarkY')).toBe('BenchmarkY');
  });

  it('combineTest keeps the positional subtest of the stack’s test', () => {
    expect(combineTest('TestParent', 'TestParent/racy_sub')).toBe('TestParent/racy_sub');
    expect(combineTest('TestSpawn', 'TestWait')).toBe('TestSpawn');
    expect(combineTest('TestA', 'TestAB')).toBe('TestA');
    expect(combineTest(undefined, 'TestWait')).toBe('TestWait');
  });
});

describe('interleaving', () => {
  it('test framing printed in the middle of a race report does not cut it', () => {
    const lines = fixture('race-in-subtest-raw-test2json-framing-go1.26.txt').split('\n');
    const at = lines.findIndex((l) => l.startsWith('Previous write'));
    lines.splice(at, 0, '\x16=== RUN   TestOther', '\x16--- PASS: TestOther (0.00s)');
    const r = parseOutput(lines.join('\n'), { package: 'p' });
    expect(r.findings.map((f) => `${f.kind}:${f.test}:${f.stacks.length}`)).toEqual([
      'race:TestParent/racy_sub:4',
    ]);
    expect(r.tests.map((t) => `${t.name}:${t.action}`)).toContain('TestOther:pass');
  });
});
