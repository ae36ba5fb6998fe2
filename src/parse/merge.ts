// Joining parses of parts of one log (the parallel parse of a huge file) into the result one
// parser would have given for the whole log. Pure: the reading and the threads are in logs.ts.
import type { ParsedOutput, RawFinding, TestOutcome } from '../model.js';
import {
  BoundedList,
  capText,
  findingKey,
  MAX_DISTINCT_FINDINGS,
  MAX_EXTRA_RAW,
  MAX_FINDINGS,
  ReportIndex,
} from './util.js';

/** What a parser handed over at a quiet point (see OutputParser.takeChunk). */
export interface ParsedChunk {
  output: ParsedOutput;
  /** Packages whose build failure was reported in this chunk: a later one is not reported again. */
  buildReported: string[];
}

/**
 * One part of a log parsed from `start` (a line start). The parser was quiet at each of
 * `boundaries` (byte offsets, ascending) and handed over a chunk there: `chunks[i]` ends at
 * `boundaries[i]`. When `complete`, the part went to the end of the log and one more chunk holds
 * the rest; otherwise what followed the last boundary is not in `chunks`.
 */
export interface SegmentResult {
  start: number;
  boundaries: number[];
  chunks: ParsedChunk[];
  complete: boolean;
}

export function newTestList(): BoundedList<TestOutcome> {
  return new BoundedList<TestOutcome>((t) => `${t.package}\u0000${t.name}\u0000${t.action}`);
}

export function newPackageList(): BoundedList<ParsedOutput['packages'][number]> {
  return new BoundedList<ParsedOutput['packages'][number]>((p) => `${p.name}\u0000${p.action}`, 1000);
}

/**
 * The chunks of consecutive parts of a log, each started where the parser before it was quiet
 * (so it behaved as a new parser would), as one result: items are appended as one parser would
 * have appended them, with its caps, and a build failure reported earlier is not reported again.
 */
export function mergeChunks(chunks: readonly ParsedChunk[]): ParsedOutput {
  if (chunks.length === 1 && chunks[0]) return chunks[0].output;
  const tests = newTestList();
  const packages = newPackageList();
  const findings = new KeptFindings();
  const reported = new Set<string>();
  let sawGoOutput = false;
  for (const { output, buildReported } of chunks) {
    for (const f of output.findings) {
      if (f.kind === 'build' && reported.has(f.package)) continue;
      findings.add(f);
    }
    if (output.beyondCap) findings.beyond(output.beyondCap);
    for (const t of output.tests) tests.push(t);
    for (const p of output.packages) packages.push(p);
    for (const r of buildReported) reported.add(r);
    sawGoOutput ||= output.sawGoOutput;
  }
  const out: ParsedOutput = {
    tests: tests.items,
    findings: findings.items,
    packages: packages.items,
    sawGoOutput,
  };
  if (findings.beyondCap) out.beyondCap = findings.beyondCap;
  return out;
}

/**
 * The findings of consecutive chunks kept as one parser keeps them: the first MAX_FINDINGS as
 * they come, then only reports distinct from every one kept (by `findingKey`), their repeats
 * counted on the one kept, at most MAX_DISTINCT_FINDINGS of them.
 */
class KeptFindings {
  readonly items: RawFinding[] = [];
  beyondCap: { repeats: number; dropped: number } | undefined;
  private readonly keys = new ReportIndex<RawFinding>();
  private extras = 0;

  add(f: RawFinding): void {
    const extra = f.repeats !== undefined && this.items.length >= MAX_FINDINGS;
    if (this.items.length < MAX_FINDINGS && !extra) {
      this.items.push(f);
      const k = findingKey(f);
      if (k === undefined) return;
      const holder = this.keys.get(k);
      if (!holder) this.keys.add(k, f);
      else if (f.repeats) {
        // Later copies that f's part counted on f are, for one parser, repeats of the first one.
        holder.repeats = (holder.repeats ?? 0) + f.repeats;
        delete f.repeats;
      }
      return;
    }
    const k = findingKey(f);
    if (k === undefined) return;
    this.beyondCap ??= { repeats: 0, dropped: 0 };
    const beyond = this.beyondCap;
    const copies = 1 + (f.repeats ?? 0);
    const holder = this.keys.get(k);
    if (holder) {
      holder.repeats = (holder.repeats ?? 0) + copies;
      beyond.repeats++;
    } else if (this.extras < MAX_DISTINCT_FINDINGS) {
      this.extras++;
      if (f.repeats === undefined) {
        // Kept in full by its part; one parser keeps a report past the cap with a short text.
        f.repeats = 0;
        f.key = k.text;
        f.raw = capText(f.raw, MAX_EXTRA_RAW);
      }
      this.keys.add(k, f);
      this.items.push(f);
    } else beyond.dropped += copies;
  }

  beyond(b: { repeats: number; dropped: number }): void {
    this.beyondCap ??= { repeats: 0, dropped: 0 };
    const mine = this.beyondCap;
    mine.repeats += b.repeats;
    mine.dropped += b.dropped;
  }
}

/**
 * Joins the parts of a log parsed side by side (in order; the first from the log's start, the
 * last to its end). Part i+1 takes over at the first offset where both it and part i were quiet;
 * undefined when some pair has no such offset (then only one parser reading it all is exact).
 */
export function stitch(segments: readonly SegmentResult[]): ParsedOutput | undefined {
  const first = segments[0];
  if (first?.start !== 0) return undefined;
  const used: ParsedChunk[] = [];
  let seg = first;
  let from = 0;
  for (const next of segments.slice(1)) {
    // Where next's chunks start: its own start (a new parser), and each of its quiet points.
    const starts = new Map<number, number>([[next.start, 0]]);
    next.boundaries.forEach((b, j) => {
      starts.set(b, j + 1);
    });
    let join = -1;
    for (let j = from; j < seg.boundaries.length; j++) {
      const b = seg.boundaries[j] as number;
      if (b >= next.start && starts.has(b)) {
        join = j;
        break;
      }
    }
    if (join < 0) return undefined;
    used.push(...seg.chunks.slice(from, join + 1));
    from = starts.get(seg.boundaries[join] as number) as number;
    seg = next;
  }
  if (!seg.complete) return undefined;
  used.push(...seg.chunks.slice(from));
  return mergeChunks(used);
}
