// Streaming parser for Go test output: plain `go test [-v]`, raw `-test.v=test2json` binary output
// (0x16 framing) and `go test -json` events, detected per line. Memory stays bounded: only the
// current partial line(s) and the reports being assembled are kept, plus per-test bookkeeping.
import type { ParsedOutput, RawFinding, TestAction, TestOutcome } from '../model.js';
import { buildPackageKey, parseBuildOutput } from './build.js';
import { type JsonEvent, parseEvent } from './event.js';
import { newPackageList, newTestList, type ParsedChunk } from './merge.js';
import { LineStream, type StreamSink } from './stream.js';
import {
  ALL_PREFIXES,
  cleanLine,
  detach,
  findingKey,
  intern,
  MAX_DISTINCT_FINDINGS,
  MAX_FINDINGS,
  MAX_LINE,
  MAX_RAW,
  NO_PREFIXES,
  prefixHints,
  ReportIndex,
  type ReportKey,
} from './util.js';

export interface OutputParserOptions {
  /** Package to use when the text names none (the run's import path). */
  package?: string;
}

export interface OutputParser {
  push(chunk: string): void;
  end(): ParsedOutput;
  /**
   * Called after a line that ended a package when nothing else is pending (the parser would now
   * behave exactly as a new one), with the index just past that line in the chunk being pushed.
   */
  onQuiet(listener: ((index: number) => void) | undefined): void;
  /** What was parsed so far, handed over; the parser goes on as if it had just been created. */
  takeChunk(): ParsedChunk;
}

/** One package's `go test -json` output: events carry parts of lines. */
interface JsonPackage {
  stream: LineStream;
  partial: string;
  partialTest: string | undefined;
  partialType: string | undefined;
}

const MAX_BUILD_TEXT = MAX_RAW;
/** Nothing but line-end debris: `\r`, a literal `^M`, padding. */
const LINE_END_RE = /^(?:\r|\^M|[ \t])*$/;
/** An indented `file.go:LINE: ` (t.Error, t.Log) at the start of a line. */
const MESSAGE_START_RE = /^(?: {4,}|\t+)[^\s:]+\.go:\d+: /;

const TIME_PREFIX = '{"Time":"';
const ACTION_OUTPUT = '","Action":"output","Package":"';
const TEST_KEY = '","Test":"';
const OUTPUT_KEY = '","Output":"';
/** JSON strings cannot hold raw control characters: JSON.parse rejects such a line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_RE = /[\u0000-\u001f]/;
/** An escape or a raw control character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const ESCAPE_OR_CONTROL_RE = /[\\\u0000-\u001f]/;

/** More JSON packages than this and the parser is never called quiet (checking would cost too much). */
const MAX_QUIET_PACKAGES = 10_000;

class Parser implements OutputParser, StreamSink {
  // Bounded: a log of thousands of runs repeats the same tests and package lines.
  private tests = newTestList();
  private packages = newPackageList();
  private result: ParsedOutput = {
    tests: this.tests.items,
    findings: [],
    packages: this.packages.items,
    sawGoOutput: false,
  };
  private buildReported = new Set<string>();
  /** Past the findings cap: the kept reports by `reportKey`. */
  private keys = new ReportIndex<RawFinding>();
  /** Distinct reports kept past the cap (bounded by MAX_DISTINCT_FINDINGS). */
  private extras = 0;
  private quietListener: ((index: number) => void) | undefined;
  private maybeQuiet = false;
  private partial = '';
  private dropping = false;
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private readonly plain: LineStream;
  private readonly jsonPackages = new Map<string, JsonPackage>();
  private lastPkg: string | undefined;
  private lastJp: JsonPackage | undefined;
  /** Plain-text compiler output by `# pkg` key, and test2json `build-output` by package. */
  private readonly buildTexts = new Map<string, string>();
  private readonly buildOutputs = new Map<string, string>();
  private lastBuildKey: string | undefined;
  private ended = false;
  /** The carried partial line holds a `\r`. */
  private partialCR = false;

  constructor(private readonly opts: OutputParserOptions) {
    this.plain = new LineStream(this, false);
  }

  push(chunk: string): void {
    if (this.ended) return;
    let text: string;
    if (typeof chunk === 'string') text = chunk;
    else {
      // Defensive: a Buffer from a stream without an encoding; decode keeping split characters.
      this.decoder ??= new TextDecoder('utf-8');
      try {
        text = this.decoder.decode(chunk as unknown as Uint8Array, { stream: true });
      } catch {
        text = String(chunk);
      }
    }
    let start = 0;
    // The next `\r` of the chunk: a line is searched for lone `\r` line ends only if it holds one.
    let cr = text.indexOf('\r');
    const hints = prefixHints(text);
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
      const piece = text.slice(start, nl);
      // A line begun in an earlier chunk is looked at for every prefix.
      const joined = this.partial.length > 0;
      const line = joined ? this.partial + piece : piece;
      const lineCR = (cr >= 0 && cr < nl) || (joined && this.partialCR);
      this.partial = '';
      this.partialCR = false;
      if (this.dropping) this.dropping = false;
      else
        this.rawLine(
          line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line,
          joined ? ALL_PREFIXES : hints,
          lineCR,
        );
      start = nl + 1;
      if (this.maybeQuiet) {
        this.maybeQuiet = false;
        if (this.quietListener && this.isQuiet()) this.quietListener(start);
      }
    }
    if (start < text.length && !this.dropping) {
      this.partial += text.slice(start);
      if (text.indexOf('\r', start) >= 0) this.partialCR = true;
      if (this.partial.length > MAX_LINE) {
        // An endless line (binary junk): handle what fits and skip the rest of it.
        this.rawLine(this.partial.slice(0, MAX_LINE));
        this.partial = '';
        this.dropping = true;
      }
    }
  }

  end(): ParsedOutput {
    if (this.ended) return this.result;
    if (this.decoder) this.push(this.decoder.decode());
    this.ended = true;
    if (this.partial.length > 0 && !this.dropping) this.rawLine(this.partial);
    this.partial = '';
    this.plain.finishReport(true);
    this.plain.flush(this.opts.package ?? '');
    for (const [pkg, jp] of this.jsonPackages) this.endJsonPackage(pkg, jp);
    return this.result;
  }

  onQuiet(listener: ((index: number) => void) | undefined): void {
    this.quietListener = listener;
  }

  takeChunk(): ParsedChunk {
    const chunk: ParsedChunk = { output: this.result, buildReported: [...this.buildReported] };
    this.tests = newTestList();
    this.packages = newPackageList();
    this.result = {
      tests: this.tests.items,
      findings: [],
      packages: this.packages.items,
      sawGoOutput: false,
    };
    this.buildReported = new Set();
    this.keys = new ReportIndex();
    this.extras = 0;
    return chunk;
  }

  private isQuiet(): boolean {
    if (this.partial.length > 0 || this.dropping || this.buildOutputs.size > 0 || this.buildTexts.size > 0) {
      return false;
    }
    if (!this.plain.isQuiet() || this.jsonPackages.size > MAX_QUIET_PACKAGES) return false;
    for (const jp of this.jsonPackages.values()) {
      if (jp.partial.length > 0 || !jp.stream.isQuiet()) return false;
    }
    return true;
  }

  /** One line: `hints` says which prefixes it may carry, `mayHaveCR` whether to look for a `\r`. */
  private rawLine(input: string, hints = ALL_PREFIXES, mayHaveCR = true): void {
    // `\r` alone as the line end (old Mac pastes, progress output): each part is a line. Not
    // one `\r` inside a t.Error message (`    x_test.go:12: a\rb`): Go printed it as one line,
    // and `go test -json` keeps it as one.
    const cr = mayHaveCR ? input.indexOf('\r') : -1;
    if (
      cr >= 0 &&
      cr < input.length - 1 &&
      input.charCodeAt(0) !== 123 &&
      !LINE_END_RE.test(input.slice(cr)) &&
      !this.crInMessage(input, cr)
    ) {
      for (const part of input.split('\r')) if (!LINE_END_RE.test(part)) this.rawLine(part, hints, false);
      return;
    }
    const line = cleanLine(input, hints);
    if (line.charCodeAt(0) === 123 && line.charCodeAt(line.length - 1) === 125) {
      if (this.outputEvent(line)) return;
      const ev = plainEvent(line) ?? parseEvent(line);
      if (ev) {
        this.event(ev);
        return;
      }
    }
    this.plain.line(line);
  }

  /** The line is a t.Error message with one `\r` in it (besides a CRLF's). */
  private crInMessage(input: string, cr: number): boolean {
    const next = input.indexOf('\r', cr + 1);
    return (next < 0 || next === input.length - 1) && MESSAGE_START_RE.test(input.slice(0, cr));
  }

  /**
   * Fast path for the bulk of `go test -json`, handled as `event` would handle its JSON.parse:
   * `{"Time":"…","Action":"output","Package":"…"[,"Test":"…"],"Output":"…"}` exactly as test2json
   * writes it (JSON.parse was half the time of a JSON log). False for anything else (other actions,
   * keys or order, an escape or control character outside Output): then JSON.parse judges it.
   */
  private outputEvent(line: string): boolean {
    if (!line.startsWith(TIME_PREFIX)) return false;
    const timeEnd = line.indexOf('"', TIME_PREFIX.length);
    if (timeEnd < 0 || !hasAt(line, ACTION_OUTPUT, timeEnd)) return false;
    const pkgStart = timeEnd + ACTION_OUTPUT.length;
    const pkgEnd = line.indexOf('"', pkgStart);
    if (pkgEnd < 0) return false;
    let at = pkgEnd;
    let test: string | undefined;
    if (hasAt(line, TEST_KEY, at)) {
      const testStart = at + TEST_KEY.length;
      at = line.indexOf('"', testStart);
      if (at < 0) return false;
      if (at > testStart) test = line.slice(testStart, at);
    }
    if (!hasAt(line, OUTPUT_KEY, at)) return false;
    const outStart = at + OUTPUT_KEY.length;
    const outEnd = line.length - 2; // the closing quote, before the final `}`
    if (outEnd < outStart || line.charCodeAt(outEnd) !== 34) return false;
    // Time, Package and Test are taken verbatim: they must hold no escape (nor control character).
    const bs = line.indexOf('\\');
    if ((bs >= 0 && bs < outStart) || CONTROL_RE.test(line)) return false;
    const pkg = line.slice(pkgStart, pkgEnd);
    if (bs < 0 || (bs === outEnd - 2 && line.charCodeAt(outEnd - 1) === 110)) {
      // No escape but maybe a final `\n` (most events: one line of output): the text is verbatim.
      if (line.indexOf('"', outStart) !== outEnd) return false;
      const newline = bs >= 0;
      const text = line.slice(outStart, newline ? outEnd - 2 : outEnd);
      this.result.sawGoOutput = true;
      const jp = this.jsonPackage(pkg);
      if (newline) this.jsonLine(jp, text, test, undefined);
      else if (text.length > 0) this.jsonPartial(jp, text, test, undefined);
      return true;
    }
    // Other escapes: JSON.parse decodes the string exactly (and rejects anything after it).
    let output: unknown;
    try {
      output = JSON.parse(line.slice(outStart - 1, outEnd + 1));
    } catch {
      return false;
    }
    if (typeof output !== 'string') return false;
    this.result.sawGoOutput = true;
    this.jsonOutput(pkg, output, test, undefined);
    return true;
  }

  private event(ev: JsonEvent): void {
    this.result.sawGoOutput = true;
    const action = ev.Action;
    if (action === 'build-output' || action === 'build-fail') {
      const key =
        typeof ev.ImportPath === 'string' ? buildPackageKey(ev.ImportPath) : (this.opts.package ?? '');
      if (action === 'build-output' && typeof ev.Output === 'string') {
        appendCapped(this.buildOutputs, key, ev.Output);
      } else if (action === 'build-fail') this.buildFailed(key);
      return;
    }
    const pkg = typeof ev.Package === 'string' ? ev.Package : (this.opts.package ?? '');
    const test = typeof ev.Test === 'string' && ev.Test !== '' ? ev.Test : undefined;
    switch (action) {
      case 'output':
        if (typeof ev.Output === 'string') {
          this.jsonOutput(
            pkg,
            ev.Output,
            test,
            typeof ev.OutputType === 'string' ? ev.OutputType : undefined,
          );
        }
        return;
      case 'run':
        if (test) this.jsonPackage(pkg).stream.started(test);
        return;
      case 'pass':
      case 'fail':
      case 'skip': {
        const jp = this.jsonPackage(pkg);
        if (test) {
          const elapsed = typeof ev.Elapsed === 'number' ? ev.Elapsed : undefined;
          jp.stream.finished(test, action as TestAction, elapsed);
          return;
        }
        this.endJsonPackage(pkg, jp);
        if (pkg !== '') this.addPackage(pkg, action);
        if (typeof ev.FailedBuild === 'string') this.buildFailed(buildPackageKey(ev.FailedBuild));
        // The package built (or its failure was reported): its build output is used up.
        this.buildOutputs.delete(pkg);
        this.maybeQuiet = true;
        return;
      }
      default:
        // start, pause, cont, bench, attr, artifacts: nothing to parse.
        return;
    }
  }

  private jsonPackage(pkg: string): JsonPackage {
    // Consecutive events are mostly of one package: skip hashing its name again.
    if (pkg === this.lastPkg && this.lastJp) return this.lastJp;
    let jp = this.jsonPackages.get(pkg);
    if (!jp) {
      jp = {
        stream: new LineStream(this, true),
        partial: '',
        partialTest: undefined,
        partialType: undefined,
      };
      this.jsonPackages.set(intern(pkg), jp);
    }
    this.lastPkg = intern(pkg);
    this.lastJp = jp;
    return jp;
  }

  private jsonOutput(
    pkg: string,
    output: string,
    test: string | undefined,
    outputType: string | undefined,
  ): void {
    const jp = this.jsonPackage(pkg);
    let start = 0;
    for (;;) {
      const nl = output.indexOf('\n', start);
      if (nl < 0) break;
      this.jsonLine(jp, output.slice(start, nl), test, outputType);
      start = nl + 1;
    }
    if (start < output.length) this.jsonPartial(jp, output.slice(start), test, outputType);
  }

  /** A piece of output that ends a line. */
  private jsonLine(
    jp: JsonPackage,
    piece: string,
    test: string | undefined,
    outputType: string | undefined,
  ): void {
    // A line split over events belongs to the test its first part came with.
    if (jp.partial.length > 0) {
      const line = jp.partial + piece;
      jp.partial = '';
      jp.stream.line(
        cleanLine(line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line, NO_PREFIXES),
        jp.partialTest,
        jp.partialType,
      );
    } else {
      jp.stream.line(
        cleanLine(piece.length > MAX_LINE ? piece.slice(0, MAX_LINE) : piece, NO_PREFIXES),
        test,
        outputType,
      );
    }
  }

  /** A non-empty piece of output with no newline: the start (or more) of a line. */
  private jsonPartial(
    jp: JsonPackage,
    piece: string,
    test: string | undefined,
    outputType: string | undefined,
  ): void {
    if (jp.partial.length === 0) {
      jp.partialTest = test;
      jp.partialType = outputType;
    }
    if (jp.partial.length < MAX_LINE) jp.partial += piece;
  }

  private endJsonPackage(input: string, jp: JsonPackage): void {
    const pkg = intern(input);
    if (jp.partial.length > 0) {
      jp.stream.line(cleanLine(jp.partial, NO_PREFIXES), jp.partialTest);
      jp.partial = '';
    }
    jp.stream.finishReport(true);
    jp.stream.flush(pkg);
  }

  // StreamSink

  sawGo(): void {
    this.result.sawGoOutput = true;
  }

  findingCount(): number {
    return this.result.findings.length;
  }

  emit(findings: RawFinding[], tests: TestOutcome[]): void {
    for (const f of findings) this.pushFinding(f);
    for (const t of tests) this.tests.push(t);
  }

  addPackage(name: string, action: 'pass' | 'fail' | 'skip'): void {
    this.packages.push({ name: intern(name), action });
  }

  buildFailed(pkg: string): void {
    this.result.sawGoOutput = true;
    // A broken dependency is printed under its own `# dep` header: fall back to the latest block
    // (kept: other packages that import it fail with it).
    const text =
      this.buildOutputs.get(pkg) ??
      this.buildTexts.get(pkg) ??
      this.buildTexts.get('') ??
      (this.lastBuildKey !== undefined ? this.buildTexts.get(this.lastBuildKey) : undefined) ??
      '';
    // The package's own output is used up: a log of many runs prints it again for every run.
    this.buildOutputs.delete(pkg);
    this.buildTexts.delete(pkg);
    if (this.buildReported.has(pkg)) return;
    this.buildReported.add(pkg);
    let findings = parseBuildOutput(text, pkg);
    if (findings.length === 0)
      findings = [{ kind: 'build', package: pkg, message: 'build failed', stacks: [], raw: '' }];
    for (const f of findings) this.pushFinding(f);
  }

  private pushFinding(f: RawFinding): void {
    const n = this.result.findings.length;
    // Past the cap only the distinct reports the streams chose to keep (they carry `repeats`).
    if (n < MAX_FINDINGS || (f.repeats !== undefined && n < MAX_FINDINGS + MAX_DISTINCT_FINDINGS))
      this.result.findings.push(f);
  }

  seen(key: ReportKey): 'repeat' | 'new' | 'full' {
    if (this.keys.size === 0) {
      // First report past the cap: the findings already handed over are what repeats would be of.
      for (const f of this.result.findings) {
        const k = findingKey(f);
        if (k) this.remember(k, f);
      }
    }
    const kept = this.keys.get(key);
    this.result.beyondCap ??= { repeats: 0, dropped: 0 };
    const beyond = this.result.beyondCap;
    if (kept) {
      kept.repeats = (kept.repeats ?? 0) + 1;
      beyond.repeats++;
      return 'repeat';
    }
    if (this.extras >= MAX_DISTINCT_FINDINGS) {
      beyond.dropped++;
      return 'full';
    }
    return 'new';
  }

  remember(key: ReportKey, f: RawFinding): void {
    if (this.keys.add(key, f) && f.repeats === 0) this.extras++;
  }

  packageEnded(pkg: string): void {
    // Its result line: its own compiler output (reported with its build failure, or warnings of a
    // build that worked) and the unkeyed lines before that line are not a later failure's.
    this.buildTexts.delete(pkg);
    this.buildTexts.delete('');
    this.maybeQuiet = true;
  }

  buildText(key: string, line: string): void {
    if (key !== '') this.lastBuildKey = key;
    appendCapped(this.buildTexts, key, `${line}\n`);
  }
}

const ACTION_KEY = '","Action":"';
const PACKAGE_KEY = '","Package":"';
const ELAPSED_KEY = '","Elapsed":';
const JSON_NUMBER_RE = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Fast path for the other frequent events (`run`, `pass`, `fail`, `start`, …):
 * `{"Time":"…","Action":"…","Package":"…"[,"Test":"…"][,"Elapsed":N]}` with no escape or control
 * character, as test2json writes them. Gives the event JSON.parse would give (these keys only,
 * in this order, so none repeats); undefined for anything else, then JSON.parse judges the line.
 */
function plainEvent(line: string): JsonEvent | undefined {
  if (!line.startsWith(TIME_PREFIX) || ESCAPE_OR_CONTROL_RE.test(line)) return undefined;
  const timeEnd = line.indexOf('"', TIME_PREFIX.length);
  if (timeEnd < 0 || !hasAt(line, ACTION_KEY, timeEnd)) return undefined;
  const actionStart = timeEnd + ACTION_KEY.length;
  const actionEnd = line.indexOf('"', actionStart);
  if (actionEnd < 0 || !hasAt(line, PACKAGE_KEY, actionEnd)) return undefined;
  const pkgStart = actionEnd + PACKAGE_KEY.length;
  let at = line.indexOf('"', pkgStart);
  if (at < 0) return undefined;
  const ev: JsonEvent = { Action: line.slice(actionStart, actionEnd), Package: line.slice(pkgStart, at) };
  if (hasAt(line, TEST_KEY, at)) {
    const testStart = at + TEST_KEY.length;
    at = line.indexOf('"', testStart);
    if (at < 0) return undefined;
    ev.Test = line.slice(testStart, at);
  }
  const last = line.length - 1; // the final `}`
  if (at === last - 1) return ev;
  if (!hasAt(line, ELAPSED_KEY, at)) return undefined;
  const num = line.slice(at + ELAPSED_KEY.length, last);
  if (!JSON_NUMBER_RE.test(num)) return undefined;
  ev.Elapsed = Number(num);
  return ev;
}

/** `line.startsWith(lit, pos)`, which was measured several times slower with a position. */
function hasAt(line: string, lit: string, pos: number): boolean {
  return line.slice(pos, pos + lit.length) === lit;
}

function appendCapped(map: Map<string, string>, key: string, text: string): void {
  const prev = map.get(key) ?? '';
  if (prev.length + text.length <= MAX_BUILD_TEXT) map.set(intern(key), prev + detach(text));
}

export function createOutputParser(opts: OutputParserOptions = {}): OutputParser {
  return new Parser(opts);
}

export function parseOutput(text: string, opts: OutputParserOptions = {}): ParsedOutput {
  const p = createOutputParser(opts);
  p.push(text);
  return p.end();
}
