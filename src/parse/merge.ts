// Joining parses of parts of one log (the parallel parse of a huge file) into the result one
// parser would have given for the whole log. Pure: the reading and the threads are in logs.ts.
import type { ParsedOutput, TestOutcome } from '../model.js';
import { BoundedList, MAX_FINDINGS } from './util.js';

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
  const findings: ParsedOutput['findings'] = [];
  const reported = new Set<string>();
  let sawGoOutput = false;
  for (const { output, buildReported } of chunks) {
    for (const f of output.findings) {
      if (f.kind === 'build' && reported.has(f.package)) continue;
      if (findings.length < MAX_FINDINGS) findings.push(f);
    }
    for (const t of output.tests) tests.push(t);
    for (const p of output.packages) packages.push(p);
    for (const r of buildReported) reported.add(r);
    sawGoOutput ||= output.sawGoOutput;
  }
  return { tests: tests.items, findings, packages: packages.items, sawGoOutput };
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
