// The parallel parse of a huge file (src/engine/logs.ts, src/parse/merge.ts): parts parsed side by side
// and joined where both parsers were quiet must give exactly what one parser reading it all gives.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { transpileParser } from '../../scripts/transpile-parser.mjs';
import { parseLogFile, parseRange, parseStream } from '../../src/engine/logs.js';
import type { ParsedOutput, RawFinding } from '../../src/model.js';
import { mergeChunks, type SegmentResult, stitch } from '../../src/parse/merge.js';
import { MAX_FINDINGS } from '../../src/parse/util.js';
import { FIXTURE_DIR, fixtureNames } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'race-rerun-parallel-'));
/** Every fixture (plain, -json, raw test2json, CRLF, ANSI, truncated, binary junk), in order. */
const corpus = Buffer.concat(fixtureNames().map((n) => readFileSync(FIXTURE_DIR + n)));
const log = join(tmp, 'corpus.log');
writeFileSync(log, Buffer.concat([corpus, corpus]));
/** The same with a line of multi-byte UTF-8 before every test start (byte and text offsets differ). */
const utf8Log = join(tmp, 'corpus-utf8.log');
const utf8Line = Buffer.from('\n    x_test.go:1: ünïcödé ✓ 😀', 'utf8');
const utf8 = Buffer.concat(
  corpus
    .toString('latin1')
    .split('\n=== RUN')
    .flatMap((piece, k) => [
      ...(k > 0 ? [utf8Line, Buffer.from('\n=== RUN')] : []),
      Buffer.from(piece, 'latin1'),
    ]),
);
writeFileSync(utf8Log, Buffer.concat([utf8, utf8]));

/** Offsets just past each newline of the log (where a part may start). */
function lineStarts(file = log): number[] {
  const buf = readFileSync(file);
  const out: number[] = [];
  for (let i = buf.indexOf(10); i >= 0 && i < buf.length - 1; i = buf.indexOf(10, i + 1)) out.push(i + 1);
  return out;
}

async function whole(file = log): Promise<ParsedOutput> {
  const seg = await parseRange(file, { start: 0, end: readFileSync(file).length, last: true });
  expect(seg.complete).toBe(true);
  return mergeChunks(seg.chunks);
}

async function inParts(starts: number[], file = log): Promise<ParsedOutput | undefined> {
  const size = readFileSync(file).length;
  const segments: SegmentResult[] = [];
  for (const [i, start] of starts.entries()) {
    const last = i === starts.length - 1;
    segments.push(await parseRange(file, { start, end: last ? size : (starts[i + 1] as number), last }));
  }
  return stitch(segments);
}

describe('parseRange', () => {
  it('reads the whole file as the stream parser does (decoding, long lines, junk included)', async () => {
    const expected = await parseStream(createReadStream(log));
    expect(expected.findings.length).toBeGreaterThan(100);
    expect(await whole()).toEqual(expected);
  });
});

describe('parts joined at quiet points', () => {
  it.each([
    ['all fixtures, twice', log],
    ['with multi-byte UTF-8 lines', utf8Log],
  ])('give the whole-file result wherever the file is split in two (%s)', async (_, file) => {
    const expected = await whole(file);
    const starts = lineStarts(file);
    let joined = 0;
    const tries = 40;
    for (let k = 1; k <= tries; k++) {
      const split = starts[Math.floor((starts.length * k) / (tries + 1))] as number;
      const result = await inParts([0, split], file);
      if (result === undefined) continue;
      joined++;
      expect(result, `split at byte ${split}`).toEqual(expected);
    }
    // Most splits must join: a parser that is never quiet would make every huge parse serial.
    expect(joined).toBeGreaterThanOrEqual(tries * 0.9);
  });

  it('give the whole-file result in three parts', async () => {
    const expected = await whole();
    const starts = lineStarts();
    const at = (f: number) => starts[Math.floor(starts.length * f)] as number;
    const result = await inParts([0, at(0.31), at(0.77)]);
    expect(result).toBeDefined();
    expect(result).toEqual(expected);
  });

  it("join once the first part's parser recovers, however many points the second saw before", async () => {
    // The first part's parser is not quiet while a -json package it saw start is open; the second
    // part's parser never saw it start and is quiet at every package's end from the first.
    const file = join(tmp, 'late-join.log');
    const ok = (i: number) =>
      `=== RUN   TestA\n--- PASS: TestA (0.00s)\nPASS\nok  \texample.com/p${i % 50}\t0.01s\n`;
    const plain = (from: number, bytes: number) => {
      const out: string[] = [];
      for (let i = from, n = 0; n < bytes; i++) {
        out.push(ok(i));
        n += ok(i).length;
      }
      return out.join('');
    };
    const ev = (action: string, test?: string) =>
      `{"Time":"2026-01-02T03:04:05Z","Action":"${action}","Package":"example.com/x"${test ? `,"Test":"${test}"` : ''}}\n`;
    const head = ev('run', 'TestX');
    writeFileSync(file, head + plain(0, 1 << 20) + ev('pass', 'TestX') + ev('pass') + plain(7, 3 << 20));
    const total = readFileSync(file).length;
    const split = head.length + ok(0).length;
    const a = await parseRange(file, { start: 0, end: split, last: false });
    const b = await parseRange(file, { start: split, end: total, last: true });
    const joined = stitch([a, b]);
    expect(joined).toBeDefined();
    expect(joined).toEqual(
      mergeChunks((await parseRange(file, { start: 0, end: total, last: true })).chunks),
    );
  });

  it('join at the right bytes when every line holds multi-byte UTF-8', async () => {
    // Join points are byte offsets found from text offsets: with no ASCII-only text to fall back
    // on, a wrong conversion leaves the parts unjoined (or joined at the wrong line).
    const file = join(tmp, 'all-utf8.log');
    const pkg = (i: number) =>
      `=== RUN   TestÜ${i}\n    ü_test.go:3: ✓ wörk ${i}\n--- FAIL: TestÜ${i} (0.00s)\nFAIL\nFAIL\texample.com/ü${i % 50}\t0.01s\n`;
    writeFileSync(file, Array.from({ length: 8000 }, (_, i) => pkg(i)).join(''));
    const expected = await whole(file);
    expect(expected.findings.length).toBeGreaterThan(100);
    const starts = lineStarts(file);
    let joined = 0;
    for (let k = 1; k <= 10; k++) {
      const result = await inParts([0, starts[Math.floor((starts.length * k) / 11)] as number], file);
      if (result === undefined) continue;
      joined++;
      expect(result).toEqual(expected);
    }
    expect(joined).toBe(10);
  });

  it('are not joined when no point is quiet for both (one package over the whole log)', async () => {
    // One test's output with no package line: nowhere to join, so only one parser is exact.
    const file = join(tmp, 'one-package.log');
    const lines = ['=== RUN   TestLong'];
    for (let i = 0; i < 2000; i++) lines.push(`    long_test.go:${i + 1}: step ${i}`);
    lines.push('--- FAIL: TestLong (1.00s)', 'FAIL');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const half = readFileSync(file).indexOf('\n', 20000) + 1;
    const total = readFileSync(file).length;
    const a = await parseRange(file, { start: 0, end: half, last: false });
    const b = await parseRange(file, { start: half, end: total, last: true });
    expect(stitch([a, b])).toBeUndefined();
  });
});

describe('mergeChunks', () => {
  const build = (pkg: string): RawFinding => ({
    kind: 'build',
    package: pkg,
    message: 'x',
    stacks: [],
    raw: '',
  });
  const chunk = (findings: RawFinding[], buildReported: string[] = []) => ({
    output: { tests: [], findings, packages: [], sawGoOutput: true },
    buildReported,
  });

  it('does not report a build failure again that an earlier part reported', () => {
    const merged = mergeChunks([chunk([build('a')], ['a']), chunk([build('a'), build('b')], ['a', 'b'])]);
    expect(merged.findings.map((f) => f.package)).toEqual(['a', 'b']);
  });

  it('keeps the findings cap of one parser', () => {
    const many = (n: number, p: string) => Array.from({ length: n }, (_, i) => build(`${p}${i}`));
    const merged = mergeChunks([chunk(many(600, 'x')), chunk(many(600, 'y'))]);
    expect(merged.findings).toHaveLength(MAX_FINDINGS);
    expect(merged.findings.at(-1)?.package).toBe(`y${MAX_FINDINGS - 601}`);
  });
});

describe('parseLogFile on two threads (worker threads run transpiled sources)', () => {
  let logsUrl: string | undefined;
  /** The parser's sources transpiled once (Node cannot run the .ts worker). */
  function mainUrl(): string {
    logsUrl ??= transpileParser(join(tmp, 'src')) as string;
    return logsUrl;
  }

  /** parseLogFile with 2 threads, in a child process. */
  function twoThreads(
    file: string,
    url = mainUrl(),
  ): { how: { threads: number; joined: boolean }; r: ParsedOutput } {
    const script = `
      const { parseLogFile } = await import(${JSON.stringify(url)});
      let how;
      const r = await parseLogFile(${JSON.stringify(file)}, undefined, { threads: 2, observe: (h) => { how = h; } });
      process.stdout.write(JSON.stringify({ how, r }));`;
    return JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      }),
    );
  }

  /** 70 MB of all fixtures repeated: over the 32 MiB per thread it takes to use two. */
  function bigLog(): string {
    const big = join(tmp, 'big.log');
    if (existsSync(big)) return big;
    const fd = openSync(big, 'w');
    for (let written = 0; written < 70 * 1024 * 1024; written += corpus.length) writeSync(fd, corpus);
    closeSync(fd);
    return big;
  }

  async function oneThread(file: string): Promise<ParsedOutput> {
    let how: unknown;
    const one = await parseLogFile(file, undefined, { threads: 1, observe: (h) => (how = h) });
    expect(how).toEqual({ threads: 1, joined: false });
    return JSON.parse(JSON.stringify(one));
  }

  it('gives the one-thread result for a 70 MB log, and says the parts were joined', async () => {
    const big = bigLog();
    const two = twoThreads(big);
    expect(two.how).toEqual({ threads: 2, joined: true });
    expect(two.r).toEqual(await oneThread(big));
  }, 60_000);

  it('reads on in the first thread when the parts cannot be joined (one package all along)', async () => {
    const big = join(tmp, 'one-package-big.log');
    const fd = openSync(big, 'w');
    writeSync(fd, '=== RUN   TestLong\n');
    const block = Array.from({ length: 10000 }, (_, i) => `    long_test.go:${i + 1}: step ${i}\n`).join('');
    for (let written = 0; written < 70 * 1024 * 1024; written += block.length) writeSync(fd, block);
    writeSync(fd, '--- FAIL: TestLong (1.00s)\nFAIL\nFAIL\texample.com/long\t1.000s\n');
    closeSync(fd);
    const two = twoThreads(big);
    expect(two.how).toEqual({ threads: 2, joined: false });
    const one = await oneThread(big);
    expect(one.findings.map((f) => [f.kind, f.test, f.stacks[0]?.frames[0]?.line])).toEqual([
      ['failure', 'TestLong', 1],
    ]);
    expect(two.r).toEqual(one);
  }, 60_000);

  it('parses on this thread when the threads fail', async () => {
    const broken = transpileParser(join(tmp, 'src-broken')) as string;
    writeFileSync(
      join(tmp, 'src-broken', 'engine', 'logs-worker.js'),
      'throw new Error("no thread today");\n',
    );
    const big = bigLog();
    const two = twoThreads(big, broken);
    expect(two.how).toEqual({ threads: 1, joined: false });
    expect(two.r).toEqual(await oneThread(big));
  }, 60_000);
});
