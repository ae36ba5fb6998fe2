// Reading logs from disk into the streaming parser: the one place parsing meets I/O. A huge file
// is parsed in parts side by side (worker threads), joined where the parsers were quiet.
import { isAscii } from 'node:buffer';
import { closeSync, createReadStream, existsSync, openSync, readSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedOutput } from './model.js';
import { mergeChunks, type SegmentResult, stitch } from './parse/merge.js';
import { createOutputParser } from './parse/output.js';

/** Parses a stream chunk by chunk, so memory does not grow with the log. */
export async function parseStream(stream: Readable, pkg?: string): Promise<ParsedOutput> {
  const parser = createOutputParser(pkg ? { package: pkg } : {});
  stream.setEncoding('utf8');
  for await (const chunk of stream) parser.push(chunk as string);
  return parser.end();
}

// 1 MiB reads instead of the default 64 KiB: measured ~14% faster on a 100 MB log, memory unchanged.
const READ_CHUNK = 1 << 20;
const TEXT_CHUNK = 64 * 1024;

export function openLogFile(file: string): Readable {
  return createReadStream(file, { highWaterMark: READ_CHUNK });
}

/** Below this a second thread costs more (start-up, ~40-80 ms) than it saves. */
const PARALLEL_MIN_BYTES = 32 << 20;
/** How far past its part a parser reads to meet the next one at a common quiet point. */
const OVERLAP_BYTES = 4 << 20;
/** Quiet points recorded at each end of a part (each hands over a chunk of results). */
const MAX_POINTS = 64;
/** Each thread is a V8 heap of its own: two keep a huge parse under 200 MB. */
const MAX_THREADS = 2;
/** Beside logs.js in src/ (transpiled) and in each bundle in dist/. */
const WORKER_FILE = join(dirname(fileURLToPath(import.meta.url)), 'logs-worker.js');

export interface ParseFileOptions {
  /** Threads to parse a huge file with (default: the cores, at most 2; 1: this thread only). */
  threads?: number;
  /** Told how the file was parsed: on how many threads, and whether the parts were joined. */
  observe?: (how: { threads: number; joined: boolean }) => void;
}

/** One part of a file to parse (see SegmentResult). */
export interface RangeRequest {
  start: number;
  /** Where the next part starts; the last part has end === the file's size. */
  end: number;
  last: boolean;
  package?: string;
}

/**
 * Parses a log file; one of more than 32 MiB in parts side by side. The result is exactly what
 * one parser reading the whole file gives: where the parts cannot be joined exactly (no common
 * quiet point, e.g. one package's output over the whole file), the file is read again by one.
 */
export async function parseLogFile(
  file: string,
  pkg?: string,
  opts: ParseFileOptions = {},
): Promise<ParsedOutput> {
  const { size } = await stat(file);
  const threads = Math.min(
    opts.threads ?? defaultThreads(),
    MAX_THREADS,
    Math.floor(size / PARALLEL_MIN_BYTES),
  );
  const whole = async (threadsUsed: number) => {
    opts.observe?.({ threads: threadsUsed, joined: false });
    return mergeChunks((await parseRange(file, { start: 0, end: size, last: true, ...pkgOf(pkg) })).chunks);
  };
  if (threads < 2 || !existsSync(WORKER_FILE)) return whole(1);
  const starts = [0];
  for (let i = 1; i < threads; i++) {
    const at = await lineStartAfter(file, Math.floor((size * i) / threads));
    if (at > (starts.at(-1) ?? 0) && at < size) starts.push(at);
  }
  const requests = starts.map((start, i) => ({
    start,
    end: starts[i + 1] ?? size,
    last: i === starts.length - 1,
    ...pkgOf(pkg),
  }));
  let segments: SegmentResult[];
  try {
    segments = await Promise.all(requests.map((r, i) => (i === 0 ? parseRange(file, r) : inWorker(file, r))));
  } catch {
    return whole(requests.length);
  }
  const joined = stitch(segments);
  if (!joined) return whole(requests.length);
  opts.observe?.({ threads: requests.length, joined: true });
  return joined;
}

function pkgOf(pkg: string | undefined): { package?: string } {
  return pkg ? { package: pkg } : {};
}

function defaultThreads(): number {
  // Tuning knob for tests and benchmarks: RACE_RERUN_PARSE_THREADS=1 parses on one thread.
  const env = Number(process.env.RACE_RERUN_PARSE_THREADS);
  return Number.isInteger(env) && env > 0 ? env : availableParallelism();
}

function inWorker(file: string, range: RangeRequest): Promise<SegmentResult> {
  return new Promise((resolve, reject) => {
    // A young generation of 8 MB instead of V8's default: ~25 MB less memory, as fast. No flags
    // from our own command line: some (--input-type) make a worker fail to start.
    const w = new Worker(WORKER_FILE, {
      workerData: { file, range },
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    let result: SegmentResult | undefined;
    w.once('message', (m: SegmentResult) => {
      result = m;
    });
    w.once('error', reject);
    w.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`log parser thread exited with code ${code}`));
    });
  });
}

/** The offset just past the first newline at or after `from` (the file's size if none). */
async function lineStartAfter(file: string, from: number): Promise<number> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (let pos = from; ; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) return pos;
      const nl = buf.subarray(0, bytesRead).indexOf(10);
      if (nl >= 0) return pos + nl + 1;
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
}

/**
 * Parses one part of a file: from `start` to `end`, then on into the next part (at most
 * OVERLAP_BYTES) to record where this parser was quiet there; near its own start it records its
 * quiet points too, so the part before can join it at one of them.
 */
export async function parseRange(file: string, range: RangeRequest): Promise<SegmentResult> {
  const parser = createOutputParser(range.package ? { package: range.package } : {});
  const result: SegmentResult = { start: range.start, boundaries: [], chunks: [], complete: false };
  const fd = openSync(file, 'r');
  try {
    const limit = range.last ? Number.POSITIVE_INFINITY : range.end + OVERLAP_BYTES;
    const headEnd = range.start > 0 ? range.start + OVERLAP_BYTES : range.start;
    const tailStart = range.last ? Number.POSITIVE_INFINITY : range.end;
    let head = 0;
    let tail = 0;
    let text = '';
    let piece = Buffer.alloc(0);
    let textAt = range.start;
    let ascii = true;
    const listener = (index: number): void => {
      const at = textAt + (ascii ? index : byteOffsetOfLineEnd(text, piece, index));
      if (at < headEnd && head < MAX_POINTS) head++;
      else if (at >= tailStart && tail < MAX_POINTS) tail++;
      else return;
      result.boundaries.push(at);
      result.chunks.push(parser.takeChunk());
    };
    const buf = Buffer.allocUnsafe(READ_CHUNK);
    let carry = 0;
    let pos = range.start;
    for (let n = 1; pos < limit && tail < MAX_POINTS; n++) {
      // Synchronous reads (a trip through the thread pool per MiB was ~5% of the time), with a
      // turn of the event loop now and then: the engine parses run logs while tests run.
      if (n % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
      const bytesRead = readSync(fd, buf, carry, buf.length - carry, pos);
      pos += bytesRead;
      const len = carry + bytesRead;
      const eof = bytesRead === 0 || pos >= limit;
      // Whole lines only (a cut inside a character would garble it); all that is left at the end.
      const cut = eof ? len : textEnd(buf, 0, len);
      // Pushed as texts of at most ~64 KiB: V8 puts a string of more than 128 KiB in its large
      // object space, freed only by a full collection (1 MiB texts cost ~60 MB of peak memory).
      for (let from = 0; from < cut; ) {
        const to = cut - from <= TEXT_CHUNK ? cut : textEnd(buf, from, from + TEXT_CHUNK);
        piece = buf.subarray(from, to);
        ascii = isAscii(piece);
        text = piece.toString(ascii ? 'latin1' : 'utf8');
        // Quiet points matter only near the ends of the part (checking them elsewhere costs).
        const near = textAt < headEnd || textAt + piece.length >= tailStart;
        parser.onQuiet(near ? listener : undefined);
        parser.push(text);
        textAt += piece.length;
        from = to;
      }
      carry = len - cut;
      if (carry > 0) buf.copy(buf, 0, cut, len);
      if (bytesRead === 0) break;
    }
    if (range.last) {
      parser.end();
      result.chunks.push(parser.takeChunk());
      result.complete = true;
    }
    return result;
  } finally {
    parser.onQuiet(undefined);
    closeSync(fd);
  }
}

/**
 * `index` is just past a newline in `text`, decoded from `bytes`: the byte offset just past the
 * same newline (each newline is one byte, kept as is by decoding, even next to invalid bytes).
 */
function byteOffsetOfLineEnd(text: string, bytes: Buffer, index: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) lines++;
  let at = -1;
  for (let n = 0; n < lines; n++) at = bytes.indexOf(10, at + 1);
  return at + 1;
}

/**
 * Where to cut buf[from, end): after its last newline, or (a line longer than that) at the start of
 * a character.
 */
function textEnd(buf: Buffer, from: number, end: number): number {
  const nl = buf.subarray(from, end).lastIndexOf(10);
  if (nl >= 0) return from + nl + 1;
  let cut = end;
  // Back off over UTF-8 continuation bytes (10xxxxxx) to the start of the last character.
  while (cut > end - 4 && cut > from && ((buf[cut - 1] as number) & 0xc0) === 0x80) cut--;
  if (cut > from && (buf[cut - 1] as number) >= 0xc0) cut--;
  return cut === from ? end : cut;
}
