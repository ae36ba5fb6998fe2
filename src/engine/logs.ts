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
import type { ParsedOutput } from '../model.js';
import { mergeChunks, type SegmentResult, stitch } from '../parse/merge.js';
import { createOutputParser, type OutputParser } from '../parse/output.js';

/** Parses a stream chunk by chunk, so memory does not grow with the log. */
export async function parseStream(stream: Readable, pkg?: string): Promise<ParsedOutput> {
  const parser = createOutputParser(pkg ? { package: pkg } : {});
  stream.setEncoding('utf8');
  for await (const chunk of stream) parser.push(chunk as string);
  return parser.end();
}

// 1 MiB reads instead of 64 KiB: measured ~14% faster on a 100 MB log, memory unchanged.
const READ_CHUNK = 1 << 20;
const TEXT_CHUNK = 64 * 1024;

/** Below this a second thread costs more (start-up, ~40-80 ms) than it saves. */
const PARALLEL_MIN_BYTES = 32 << 20;
/** How far past its part a parser reads to meet the next one at a common quiet point. */
const OVERLAP_BYTES = 4 << 20;
/** At most one join point per this many bytes (each hands over a chunk of results). */
const JOIN_STRIDE = 64 * 1024;
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
 * quiet point, e.g. one package's output over the whole file), the first part's parser reads on
 * to the end.
 */
export async function parseLogFile(
  file: string,
  pkg?: string,
  opts: ParseFileOptions = {},
): Promise<ParsedOutput> {
  const info = await stat(file);
  // A pipe, FIFO, /dev/stdin or a terminal cannot be read at offsets (ESPIPE): read it as a stream.
  if (!info.isFile() && !info.isDirectory()) return parseStream(createReadStream(file), pkg);
  const { size } = info;
  const threads = Math.min(
    opts.threads ?? defaultThreads(),
    MAX_THREADS,
    Math.floor(size / PARALLEL_MIN_BYTES),
  );
  const oneThread = async (): Promise<ParsedOutput> => {
    opts.observe?.({ threads: 1, joined: false });
    return mergeChunks((await parseRange(file, { start: 0, end: size, last: true, ...pkgOf(pkg) })).chunks);
  };
  if (threads < 2 || !existsSync(WORKER_FILE)) return oneThread();
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
  // Every part in a thread of its own, this one only waits: its heap stays small (a thread gets
  // an 8 MB young generation; this one has V8's default, ~30 MB more at the peak).
  const parts: PartThread[] = [];
  try {
    for (const [i, r] of requests.entries()) parts.push(new PartThread(file, r, i === 0));
    const segments = await Promise.all(parts.map((p) => p.result));
    const joined = stitch(segments);
    opts.observe?.({ threads: requests.length, joined: joined !== undefined });
    if (joined) return joined;
    // Nowhere to join: the first part's parser goes on to the end.
    return mergeChunks(await (parts[0] as PartThread).rest());
  } catch {
    // A thread failed: one parser here reads it all.
    return oneThread();
  } finally {
    for (const p of parts) p.stop();
  }
}

function pkgOf(pkg: string | undefined): { package?: string } {
  return pkg ? { package: pkg } : {};
}

function defaultThreads(): number {
  // Tuning knob for tests and benchmarks: RACE_RERUN_PARSE_THREADS=1 parses on one thread.
  const env = Number(process.env.RACE_RERUN_PARSE_THREADS);
  return Number.isInteger(env) && env > 0 ? env : availableParallelism();
}

/**
 * One part parsed in a worker thread (logs-worker.ts). The first part's thread can then be asked
 * to read on to the end of the file (rest()), when the parts cannot be joined.
 */
class PartThread {
  readonly result: Promise<SegmentResult>;
  private readonly worker: Worker;
  private readonly messages: ((m: unknown) => void)[] = [];

  constructor(file: string, range: RangeRequest, resumable: boolean) {
    // A young generation of 8 MB instead of V8's default: ~25 MB less memory, as fast. No flags
    // from our own command line: some (--input-type) make a worker fail to start.
    this.worker = new Worker(WORKER_FILE, {
      workerData: { file, range, resumable },
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    const failed = new Promise<never>((_, reject) => {
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`log parser thread exited with code ${code}`)));
    });
    failed.catch(() => {});
    this.worker.on('message', (m: unknown) => this.messages.shift()?.(m));
    const next = () => Promise.race([new Promise((resolve) => this.messages.push(resolve)), failed]);
    this.result = next() as Promise<SegmentResult>;
    this.rest = async () => {
      const chunks = next() as Promise<SegmentResult['chunks']>;
      this.worker.postMessage('rest');
      return chunks;
    };
  }

  /** The chunks of this part's parser read on to the end of the file. */
  readonly rest: () => Promise<SegmentResult['chunks']>;

  stop(): void {
    this.worker.terminate().catch(() => {});
  }
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
  const rp = new RangeParser(file, range);
  try {
    await rp.readPart();
    return rp.result;
  } finally {
    rp.close();
  }
}

/**
 * The parser of one part, which can also read on to the end of the file. Where it was quiet
 * near either end of its part it records the point and hands over its results there: at most one
 * point per JOIN_STRIDE bytes, the first quiet one at or after each multiple of it, so two parsers
 * whose states have become the same record the same points.
 */
export class RangeParser {
  readonly result: SegmentResult;
  private readonly parser: OutputParser;
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(READ_CHUNK);
  private carry = 0;
  private pos: number;
  private text = '';
  private piece: Buffer = Buffer.alloc(0);
  private textAt: number;
  private ascii = true;
  /** Where byteOffset() got to in the text (just past a newline) and in its piece. */
  private scanChar = 0;
  private scanByte = 0;
  private nextMark = 0;
  private recording = true;
  private readonly headEnd: number;
  private readonly tailStart: number;

  constructor(
    file: string,
    private readonly range: RangeRequest,
  ) {
    this.parser = createOutputParser(range.package ? { package: range.package } : {});
    this.result = { start: range.start, boundaries: [], chunks: [], complete: false };
    this.fd = openSync(file, 'r');
    this.pos = range.start;
    this.textAt = range.start;
    this.headEnd = range.start > 0 ? range.start + OVERLAP_BYTES : range.start;
    this.tailStart = range.last ? Number.POSITIVE_INFINITY : range.end;
  }

  /** The part, and for all but the last part the overlap into the next one. */
  async readPart(): Promise<void> {
    await this.read(this.range.last ? Number.POSITIVE_INFINITY : this.range.end + OVERLAP_BYTES);
  }

  /** On to the end of the file, recording nothing more. */
  async readRest(): Promise<void> {
    this.recording = false;
    await this.read(Number.POSITIVE_INFINITY);
  }

  close(): void {
    this.parser.onQuiet(undefined);
    closeSync(this.fd);
  }

  private readonly listener = (index: number): void => {
    const at = this.textAt + (this.ascii ? index : this.byteOffset(index));
    const near = at < this.headEnd || (at >= this.tailStart && at < this.tailStart + OVERLAP_BYTES);
    // The part's own end is a point too: the next part's parser starts there as a new one.
    if (!near || (at < this.nextMark && at !== this.range.end)) return;
    this.nextMark = (Math.floor(at / JOIN_STRIDE) + 1) * JOIN_STRIDE;
    this.result.boundaries.push(at);
    this.result.chunks.push(this.parser.takeChunk());
  };

  /**
   * `index` is just past a newline in the text being pushed: the byte offset in its piece just past
   * the same newline (each newline is one byte, kept as is by decoding, even next to invalid
   * bytes). Goes on from the previous call's line, so a text is scanned once however many calls.
   */
  private byteOffset(index: number): number {
    for (
      let i = this.text.indexOf('\n', this.scanChar);
      i >= 0 && i < index;
      i = this.text.indexOf('\n', i + 1)
    ) {
      this.scanByte = this.piece.indexOf(10, this.scanByte) + 1;
      this.scanChar = i + 1;
    }
    return this.scanByte;
  }

  /** Reads whole lines up to `limit` (all that is left at the end of the file). */
  private async read(limit: number): Promise<void> {
    const { buf, parser } = this;
    for (let n = 1; this.pos < limit; n++) {
      // Synchronous reads (a trip through the thread pool per MiB was ~5% of the time), with a
      // turn of the event loop now and then: the engine parses run logs while tests run.
      if (n % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
      const bytesRead = readSync(this.fd, buf, this.carry, buf.length - this.carry, this.pos);
      this.pos += bytesRead;
      const len = this.carry + bytesRead;
      // Whole lines only (a cut inside a character would garble it); all that is left at the end.
      const cut = bytesRead === 0 ? len : textEnd(buf, 0, len);
      // Pushed as texts of at most ~64 KiB: V8 puts a string of more than 128 KiB in its large
      // object space, freed only by a full collection (1 MiB texts cost ~60 MB of peak memory).
      for (let from = 0; from < cut; ) {
        const to = cut - from <= TEXT_CHUNK ? cut : textEnd(buf, from, from + TEXT_CHUNK);
        this.piece = buf.subarray(from, to);
        this.ascii = isAscii(this.piece);
        this.text = this.piece.toString(this.ascii ? 'latin1' : 'utf8');
        this.scanChar = 0;
        this.scanByte = 0;
        // Quiet points matter only near the ends of the part (checking them elsewhere costs).
        const end = this.textAt + this.piece.length;
        const near =
          this.textAt < this.headEnd ||
          (end >= this.tailStart && this.textAt < this.tailStart + OVERLAP_BYTES);
        parser.onQuiet(this.recording && near ? this.listener : undefined);
        parser.push(this.text);
        this.textAt = end;
        from = to;
      }
      this.carry = len - cut;
      if (this.carry > 0) buf.copy(buf, 0, cut, len);
      if (bytesRead === 0) {
        parser.end();
        this.result.chunks.push(parser.takeChunk());
        this.result.complete = true;
        return;
      }
    }
  }
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
