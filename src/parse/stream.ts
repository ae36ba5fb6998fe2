// The per-line state machine for one stream of test output: the plain-text stream, or one
// package's concatenated `Output` in `go test -json`.
import type { RawFinding, TestAction, TestOutcome } from '../model.js';
import { buildPackageKey, isBuildErrorLine } from './build.js';
import { RaceAssembler } from './race.js';
import { parseGoroutineHeader, TracebackAssembler } from './traceback.js';
import {
  BoundedList,
  combineTest,
  detach,
  detachFinding,
  findingKey,
  intern,
  MAX_EXTRA_RAW,
  MAX_FINDINGS,
  MAX_RAW,
  MAX_REPORT_LINES,
  RACE_SEP,
  type ReportKey,
  reportKey,
  testFromStacks,
} from './util.js';

/** What the stream hands to the parser that owns it. */
export interface StreamSink {
  sawGo(): void;
  /** Findings kept so far: past MAX_FINDINGS only distinct reports are kept (see `seen`). */
  findingCount(): number;
  /**
   * A report past the cap, by `reportKey`: `repeat` (counted on the one kept), `new` (keep it,
   * then `remember` it) or `full` (distinct, but the bound of distinct reports is reached).
   */
  seen(key: ReportKey): 'repeat' | 'new' | 'full';
  remember(key: ReportKey, f: RawFinding): void;
  /** Findings and outcomes of one finished package (package already filled in). */
  emit(findings: RawFinding[], tests: TestOutcome[]): void;
  addPackage(name: string, action: 'pass' | 'fail' | 'skip'): void;
  /** `FAIL pkg [build failed]` was printed. */
  buildFailed(pkg: string): void;
  /** A package's output ended (`ok`/`FAIL` line): the parser may now be quiet. */
  packageEnded(pkg: string): void;
  /** Plain-text compiler output, keyed by the `# pkg` header ('' when there was none). */
  buildText(key: string, line: string): void;
}

interface ErrorInfo {
  message: string;
  file: string;
  line: number;
  raw: string;
}

// `s`: a message may hold a lone `\r`, which `.` would not match.
const ERROR_LINE_RE = /^([^\s:]+\.go):(\d+): ?(.*)$/s;
const ELAPSED_RE = /\((\d+(?:\.\d+)?)s\)$/;
const MAX_ERROR_RAW = 4096;

/** A package's outcomes until its end: `-count=100000` in one process must not grow memory. */
function newOutcomes(): BoundedList<TestOutcome> {
  return new BoundedList((t) => `${t.name}\u0000${t.action}`);
}

function parentOf(name: string): string | undefined {
  const slash = name.lastIndexOf('/');
  return slash > 0 ? name.slice(0, slash) : undefined;
}

const ACCESS_START_RE =
  /^(?:Previous )?(?:[Aa]tomic )?(?:[Rr]ead|[Ww]rite)(?: of size \d+)?(?: at 0x[0-9a-fA-F]+)? by (?:goroutine \d+|main goroutine)\s*:$/;

/**
 * Where a report header starts in a line that is not Go output at column 0, or -1: after a
 * prefix that is only whitespace, markdown quoting or punctuation (no letter or digit: progress
 * dots, a backtick), or that ends like a shell prompt (`$ `, `# `, `% `, `> `). Also an access
 * line (a paste cut before `WARNING: DATA RACE`), at any indentation.
 */
export function headerAt(line: string): number {
  // Past an indent or quoting, a letter or digit: the header can only start right there (a
  // t.Log line `    x_test.go:12: panic: …` is not one), so no search through the line.
  let i = 0;
  let c = line.charCodeAt(0);
  while (c === 32 || c === 9 || c === 62) c = line.charCodeAt(++i);
  const lower = c | 32;
  if ((lower >= 97 && lower <= 122) || (c >= 48 && c <= 57)) {
    if (i === 0 && !line.endsWith(':')) return -1;
    if (
      i > 0 &&
      (line.startsWith('panic: ', i) ||
        line.startsWith('fatal error: ', i) ||
        (line.startsWith('WARNING: DATA RACE', i) && line.length === i + 18))
    )
      return i;
    if (!line.endsWith(':')) return -1;
    const t = line.slice(i);
    return ACCESS_START_RE.test(t) || parseGoroutineHeader(t) !== undefined ? i : -1;
  }
  const colon = line.indexOf(': ');
  let at = -1;
  if (colon >= 0) {
    const w = line.indexOf('WARNING: DATA RACE');
    if (w >= 0 && line.length === w + 18) at = w;
    else {
      const p = line.indexOf('panic: ');
      const f = line.indexOf('fatal error: ');
      at = p >= 0 && (f < 0 || p < f) ? p : f;
    }
  } else if (line.endsWith(RACE_SEP)) {
    at = line.indexOf(RACE_SEP);
    if (line.length !== at + RACE_SEP.length) at = -1;
  } else if (line.endsWith(':')) {
    // Only an indent or markdown quoting before it: an access line is recognised by its shape.
    const t = line.replace(/^[\s>]+/, '');
    if (ACCESS_START_RE.test(t) || parseGoroutineHeader(t) !== undefined) return line.length - t.length;
  }
  if (at <= 0) return -1;
  const prefix = line.slice(0, at);
  if (!/[\p{L}\p{N}]/u.test(prefix) || /[$#%>] ?$/.test(prefix)) return at;
  return -1;
}

export class LineStream {
  private race: RaceAssembler | undefined;
  private traceback: TracebackAssembler | undefined;
  /** Positional context captured when the current report started. */
  private reportPositional: string | undefined;
  private reportLastFail: string | undefined;
  private pendingSep = false;
  /**
   * What stood before the header of the report being assembled (a uniform indent, a markdown
   * `> `): taken off its later lines too. Undefined for reports at column 0.
   */
  private reportPrefix: string | undefined;
  private sepPrefix: string | undefined;
  /** A report just ended: a goroutine block right after it is more of its dump, not a new report. */
  private afterReport = false;
  /** The lines a lite assembler took, to tell a repeat from a new report (then replayed). */
  private liteLines: string[] = [];
  /** This stream's pending findings were given to the sink's `remember` (once over the cap). */
  private registered = false;
  /** The key of the report being replayed: its finding is kept past the cap. */
  private replayKey: ReportKey | undefined;

  /** Test named by the last `=== RUN/CONT/NAME` (or the JSON `Test`). */
  private current: string | undefined;
  /** Last `--- FAIL` since the last other framing line: a panic right after it is that test's. */
  private lastFail: string | undefined;
  /** Saw 0x16 framing: `-test.v=test2json` output, where t.Error lines precede `--- FAIL`. */
  private framed = false;
  /** Non-verbose output: t.Error lines follow `--- FAIL`, indented one level deeper than it. */
  private resultByLevel: string[] = [];
  private lastWasResult = false;
  private lastError: { info: ErrorInfo; indent: number } | undefined;
  private buildKey: string | undefined;

  private running = new Map<string, number>();
  private tests = newOutcomes();
  private findings: RawFinding[] = [];
  private failed = new Set<string>();
  private errors = new Map<string, ErrorInfo>();
  private withFinding = new Set<string>();

  constructor(
    private readonly sink: StreamSink,
    /** JSON streams get outcomes and package results from events, not from text lines. */
    private readonly json: boolean,
  ) {}

  /**
   * One line of output. For JSON streams, `test` is the event's `Test` (the positional test
   * test2json computed) and `outputType` its 1.27 `OutputType` (`error` marks t.Error lines, so
   * logs can be told apart); plain values, not an object: this runs for every line.
   */
  line(input: string, test?: string, outputType?: string): void {
    let line = input;
    const x16 = line.indexOf('\x16');
    if (x16 > 0) {
      // Framing glued to unterminated test output: handle the two parts as lines.
      this.line(line.slice(0, x16), test, outputType);
      line = line.slice(x16);
    }
    if (x16 >= 0) {
      line = line.slice(1);
      this.framed = true;
    }
    if (this.json) this.current = test;
    const p = this.reportPrefix;
    let stripped: string | undefined;
    if (p !== undefined && (this.race || this.traceback)) {
      if (line.startsWith(p)) {
        line = line.slice(p.length);
        stripped = p;
      } else if (line === p.trimEnd()) line = ''; // a quoted blank line: `>`
    }

    if (this.race) {
      const r = this.race.feed(line);
      if (this.race.lite && (r === 'more' || r === 'done')) this.keepLiteLine(line);
      if (r === 'more') return;
      if (r === 'pass') {
        this.recognise(line, outputType);
        return;
      }
      if (r === 'done') {
        this.finishReport(false);
        return;
      }
      this.finishReport(false);
    } else if (this.traceback) {
      const r = this.traceback.feed(line);
      if (r === 'more') {
        if (this.traceback.lite) this.keepLiteLine(line);
        return;
      }
      this.finishReport(this.endsProcess(line));
    }
    this.idle(line, outputType);
    // The line that ended a quoted report starts the next one (`> WARNING: DATA RACE` right
    // after a report whose closing separator was lost): it is quoted the same way.
    if (stripped !== undefined && (this.race || this.traceback)) this.reportPrefix ??= stripped;
  }

  private keepLiteLine(line: string): void {
    if (this.liteLines.length <= MAX_REPORT_LINES) this.liteLines.push(line);
  }

  private endsProcess(line: string): boolean {
    return line.startsWith('exit status ') || line.startsWith('FAIL\t') || line.startsWith('ok  \t');
  }

  private idle(line: string, outputType: string | undefined): void {
    if (line.length === 0) {
      this.pendingSep = false;
      this.buildKey = undefined;
      this.lastError = undefined;
      return;
    }
    if (this.pendingSep) {
      this.pendingSep = false;
      const sp = this.sepPrefix ?? '';
      if (line.length === sp.length + 18 && line.startsWith(sp) && line.endsWith('WARNING: DATA RACE')) {
        this.startRace(true, line.slice(sp.length), sp || undefined);
        return;
      }
    }
    this.sepPrefix = undefined;
    if (!this.recognise(line, outputType)) {
      if (this.shiftedHeader(line)) return;
      // Not Go test output: maybe compiler output, or an error message's continuation line.
      const c = line.charCodeAt(0);
      if (this.buildKey !== undefined && !this.json) {
        this.sink.buildText(this.buildKey, line);
      } else if (c !== 32 && c !== 9 && !this.json && line.includes('.go:') && isBuildErrorLine(line)) {
        this.sink.buildText('', line);
      }
      return;
    }
    this.buildKey = undefined;
  }

  /** Handles a line if it is recognisably Go output; false otherwise. */
  private recognise(line: string, outputType: string | undefined): boolean {
    const c = line.charCodeAt(0);
    // Only deeper-indented lines continue a t.Error message.
    if (c !== 32) this.lastError = undefined;
    switch (c) {
      case 61: // '='
        if (line === RACE_SEP) {
          this.pendingSep = true;
          return true;
        }
        if (line.startsWith('=== ')) {
          this.framing(line);
          return true;
        }
        return false;
      case 87: // 'W'
        if (line === 'WARNING: DATA RACE') {
          this.startRace(false, line);
          return true;
        }
        return false;
      case 45: // '-'
        return line.startsWith('--- ') && this.result(line, 0);
      case 32: {
        // Indented: a subtest result, or a t.Error/t.Log line.
        let indent = 0;
        while (line.charCodeAt(indent) === 32) indent++;
        // Char checks before slicing: most indented lines are frames or messages, not results.
        if (
          line.charCodeAt(indent) === 45 &&
          line.charCodeAt(indent + 1) === 45 &&
          line.charCodeAt(indent + 2) === 45 &&
          line.charCodeAt(indent + 3) === 32
        ) {
          return this.result(line.slice(indent), indent);
        }
        if (indent >= 4 && !this.overCap()) this.errorLine(line.slice(indent), indent, outputType);
        return false;
      }
      case 112: // 'p'
        if (line.startsWith('panic: ')) {
          this.startTraceback(line);
          return true;
        }
        return false;
      case 102: // 'f'
        if (line.startsWith('fatal error: ')) {
          this.startTraceback(line);
          return true;
        }
        return false;
      case 111: // 'o'
        if (line.startsWith('ok  \t') || line.startsWith('ok\t')) {
          this.packageLine(line.slice(2), 'pass');
          return true;
        }
        return false;
      case 70: // 'F'
        if (line === 'FAIL') {
          this.bare();
          return true;
        }
        if (line.startsWith('FAIL\t')) {
          this.packageLine(line.slice(4), 'fail');
          return true;
        }
        if (line.startsWith('Found ') && line.includes(' data race')) {
          this.sink.sawGo();
          return true;
        }
        return false;
      case 80: // 'P'
        if (line === 'PASS') {
          this.bare();
          return true;
        }
        return false;
      case 63: // '?'
        if (line.startsWith('?   \t')) {
          this.packageLine(line.slice(1), 'skip');
          return true;
        }
        return false;
      case 103: // 'g'
        if (parseGoroutineHeader(line) !== undefined) {
          this.sink.sawGo();
          // A paste that starts at the goroutine dump: the `panic:` line was cut off.
          if (!this.afterReport) this.startTraceback(line, undefined, true);
          return true;
        }
        return false;
      case 35: // '#'
        if (line.startsWith('# ') && !this.json) {
          const rest = line.slice(2).trim();
          // `# [pkg]` (vet) continues the block its `# pkg` line opened.
          if (!(rest.startsWith('[') && this.buildKey !== undefined)) this.buildKey = buildPackageKey(rest);
          this.sink.buildText(this.buildKey ?? '', line);
          return false;
        }
        return false;
      default:
        return false;
    }
  }

  private framing(line: string): void {
    this.sink.sawGo();
    this.afterReport = false;
    const rest = line.slice(4);
    const sp = rest.indexOf(' ');
    const verb = sp >= 0 ? rest.slice(0, sp) : rest;
    const name = sp >= 0 ? rest.slice(sp + 1).trim() : '';
    this.lastWasResult = false;
    this.lastFail = undefined;
    this.lastError = undefined;
    switch (verb) {
      case 'RUN':
        if (!name) return;
        this.current = name;
        // A new run of the test (-count): forget the previous run's messages.
        this.errors.delete(name);
        if (!this.json) this.started(name);
        return;
      case 'CONT':
      case 'NAME':
        if (!this.json) this.current = name || undefined;
        return;
      default:
        return;
    }
  }

  private result(line: string, indent: number): boolean {
    // `--- FAIL: TestX (0.00s)`; `--- BENCH:` is not a result.
    const word = line.slice(4, 8);
    if (line.charCodeAt(8) !== 58) return false;
    let action: TestAction;
    if (word === 'PASS') action = 'pass';
    else if (word === 'FAIL') action = 'fail';
    else if (word === 'SKIP') action = 'skip';
    else return false;
    const rest = line.slice(9).trim();
    const sp = rest.indexOf(' ');
    const name = sp >= 0 ? rest.slice(0, sp) : rest;
    if (!name) return false;
    this.sink.sawGo();
    const m = ELAPSED_RE.exec(rest);
    if (!this.json) this.finished(name, action, m ? Number(m[1]) : undefined);
    else if (action === 'fail') this.failed.add(intern(name));
    if (action === 'fail') this.lastFail = name;
    if (!this.json && this.current && (this.current === name || this.current.startsWith(`${name}/`))) {
      this.current = parentOf(name);
    }
    const level = Math.floor(indent / 4);
    this.resultByLevel.length = level;
    this.resultByLevel[level] = name;
    this.lastWasResult = true;
    this.lastError = undefined;
    return true;
  }

  /**
   * `    file_test.go:31: message` (t.Error, t.Fatal, or t.Log: text cannot tell them apart).
   * Not called over the cap: messages only feed `failure` findings, and Go output was seen already.
   */
  private errorLine(rest: string, indent: number, outputType: string | undefined): void {
    const last = this.lastError;
    if (last && indent > last.indent) {
      // Continuation of a multi-line message (testify's `Error Trace:` / `Error:` blocks).
      const t = rest.trim();
      if (last.info.raw.length < MAX_ERROR_RAW) last.info.raw += detach(`\n${' '.repeat(indent)}${rest}`);
      if (last.info.message === '' && t && !t.startsWith('Error Trace:')) {
        last.info.message = detach((t.startsWith('Error:') ? t.slice(6) : t).trim());
      }
      return;
    }
    this.lastError = undefined;
    if (!rest.includes('.go:')) return;
    const m = ERROR_LINE_RE.exec(rest);
    if (!m) return;
    this.sink.sawGo();
    const message = (m[3] ?? '').trim();
    if (message.startsWith('race detected during execution of')) return;
    if (outputType !== undefined && outputType !== 'error') return;
    let test: string | undefined;
    if (this.json || this.framed || !this.lastWasResult) test = this.current;
    else test = this.resultByLevel[Math.floor(indent / 4) - 1];
    if (!test) return;
    const existing = this.errors.get(test);
    if (existing) {
      if (existing.raw.length < MAX_ERROR_RAW) existing.raw += detach(`\n${' '.repeat(indent)}${rest}`);
      this.lastError = { info: existing, indent };
      if (existing.message === '' && message) existing.message = detach(message);
      return;
    }
    const info: ErrorInfo = {
      message: detach(message),
      file: intern(m[1] ?? ''),
      line: Number(m[2]),
      raw: detach(`${' '.repeat(indent)}${rest}`),
    };
    this.errors.set(test, info);
    this.lastError = { info, indent };
  }

  private bare(): void {
    this.sink.sawGo();
    this.current = undefined;
    this.lastFail = undefined;
    this.lastWasResult = false;
  }

  /** `ok  \tpkg\t0.1s`, `FAIL\tpkg\t0.02s`, `FAIL\tpkg [build failed]`, `?   \tpkg\t[no test files]`. */
  private packageLine(rest: string, action: 'pass' | 'fail' | 'skip'): void {
    this.sink.sawGo();
    const body = rest.trim();
    // Import paths hold no whitespace; Go separates the fields with tabs (logs may show spaces).
    let end = 0;
    while (end < body.length && body.charCodeAt(end) !== 9 && body.charCodeAt(end) !== 32) end++;
    const pkg = body.slice(0, end);
    const failedBuild = body.endsWith(' [build failed]') || body.endsWith(' [setup failed]');
    if (!pkg) return;
    if (!this.json) {
      this.sink.addPackage(pkg, action);
      this.flush(pkg);
    }
    if (failedBuild) this.sink.buildFailed(pkg);
    if (!this.json) this.sink.packageEnded(pkg);
  }

  private startRace(withSep: boolean, line: string, prefix?: string, cutAtStart = false): void {
    this.sink.sawGo();
    this.race = new RaceAssembler(withSep, this.overCap(), cutAtStart);
    this.liteLines = [];
    if (this.race.feed(line) !== 'reject' && this.race.lite) this.keepLiteLine(line);
    this.reportPrefix = prefix;
    this.reportPositional = this.current;
    this.reportLastFail = this.lastFail;
  }

  private startTraceback(line: string, prefix?: string, cutAtStart = false): void {
    this.sink.sawGo();
    this.traceback = new TracebackAssembler(this.overCap(), cutAtStart);
    this.liteLines = [];
    if (this.traceback.feed(line) === 'more' && this.traceback.lite) this.keepLiteLine(line);
    this.reportPrefix = prefix;
    this.reportPositional = this.current;
    this.reportLastFail = this.lastFail;
  }

  /**
   * A report header that does not start at column 0: a uniformly indented or quoted report
   * (markdown `> `, t.Log's indent), junk glued before it (progress dots, a fence's backtick, a
   * shell prompt), or a paste that starts at an access stack (`Read at 0x… by goroutine 7:`).
   */
  private shiftedHeader(line: string): boolean {
    const at = headerAt(line);
    if (at < 0) return false;
    const prefix = line.slice(0, at);
    const rest = line.slice(at);
    // The indent or quoting part of the prefix is on every line of the report; junk is not.
    const lead = /^[\s>]*/.exec(prefix)?.[0] ?? '';
    const whole = lead === '' ? undefined : lead;
    if (rest === RACE_SEP) {
      this.pendingSep = true;
      this.sepPrefix = prefix;
      this.sink.sawGo();
    } else if (rest === 'WARNING: DATA RACE') this.startRace(false, rest, whole);
    else if (rest.startsWith('panic: ') || rest.startsWith('fatal error: ')) this.startTraceback(rest, whole);
    else if (rest.startsWith('goroutine ')) {
      if (this.afterReport) return false;
      this.startTraceback(rest, whole, true);
    } else this.startRace(false, rest, whole, true);
    return true;
  }

  /**
   * A finding made now would be dropped: this stream's findings go out after those kept so far,
   * its `failure` findings after its own, and the kept count only grows. Then reports are only
   * delimited (lite assemblers) and t.Error messages not collected.
   */
  private overCap(): boolean {
    return this.findings.length + this.sink.findingCount() >= MAX_FINDINGS;
  }

  /** Ends the report being assembled (cut off or complete) and records its finding. */
  finishReport(processEnded: boolean): void {
    this.reportPrefix = undefined;
    if (this.race || this.traceback) this.afterReport = true;
    if (this.race?.lite || this.traceback?.lite) {
      if (!this.replay()) {
        this.race = undefined;
        this.traceback = undefined;
        return;
      }
    }
    if (this.race) {
      const race = this.race;
      this.race = undefined;
      const stacks = race.finish();
      const order = ['current', 'previous', 'current-creation', 'previous-creation', 'creation'];
      const sorted = [...stacks].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
      const test = combineTest(testFromStacks(sorted), this.reportPositional);
      const f: RawFinding = { kind: 'race', package: '', message: '', stacks, raw: race.raw.text() };
      if (race.cutAtStart || !race.complete) f.truncated = true;
      this.addFinding(f, test);
    } else if (this.traceback) {
      const tb = this.traceback.finish(processEnded);
      this.traceback = undefined;
      if (!tb) return;
      let test: string | undefined;
      if (tb.kind === 'timeout' && tb.runningTests?.[0]) test = tb.runningTests[0];
      else test = combineTest(tb.stackTest, this.reportPositional ?? this.reportLastFail);
      const f: RawFinding = {
        kind: tb.kind,
        package: '',
        message: tb.message,
        stacks: tb.stacks,
        raw: tb.raw,
      };
      if (tb.runningTests) f.runningTests = tb.runningTests;
      if (tb.truncated) f.truncated = true;
      this.addFinding(f, test);
    }
    this.replayKey = undefined;
  }

  /**
   * A report past the cap just ended (assembled lite): a repeat is counted on the one kept; a
   * distinct one is assembled again in full from its lines (true: finish it as usual).
   */
  private replay(): boolean {
    const lines = this.liteLines;
    this.liteLines = [];
    if (lines.length > MAX_REPORT_LINES) return false;
    if (!this.registered) {
      this.registered = true;
      for (const f of this.findings) {
        const k = findingKey(f);
        if (k) this.sink.remember(k, f);
      }
    }
    const race = this.race;
    const tb = this.traceback;
    const key = reportKey(race ? 'race' : 'traceback', lines);
    this.replayKey = key;
    if (this.sink.seen(key) !== 'new') return false;
    if (race) {
      const full = new RaceAssembler(race.withSep, false, race.cutAtStart, MAX_EXTRA_RAW);
      for (const l of lines) full.feed(l);
      if (race.complete) full.complete = true;
      this.race = full;
    } else if (tb) {
      const full = new TracebackAssembler(false, tb.cutAtStart, MAX_EXTRA_RAW);
      for (const l of lines) full.feed(l);
      this.traceback = full;
    }
    return true;
  }

  private addFinding(f: RawFinding, test: string | undefined): void {
    if (test) {
      f.test = intern(test);
      this.withFinding.add(f.test);
    }
    const key = this.replayKey;
    this.replayKey = undefined;
    if (key !== undefined) {
      f.repeats = 0;
      f.key = key.text;
      detachFinding(f);
      this.findings.push(f);
      this.sink.remember(key, f);
      return;
    }
    if (this.findings.length >= MAX_FINDINGS) return;
    detachFinding(f);
    this.findings.push(f);
  }

  /** A test started (`=== RUN` or a JSON `run` event). */
  started(input: string): void {
    const name = intern(input);
    this.running.set(name, (this.running.get(name) ?? 0) + 1);
    this.errors.delete(name);
  }

  /** A test's result (`--- X:` line or a JSON pass/fail/skip event). */
  finished(input: string, action: TestAction, elapsed: number | undefined): void {
    const name = intern(input);
    const n = this.running.get(name);
    if (n !== undefined) {
      if (n <= 1) this.running.delete(name);
      else this.running.set(name, n - 1);
    }
    if (action === 'fail') this.failed.add(name);
    const t: TestOutcome = { package: '', name, action };
    if (elapsed !== undefined && Number.isFinite(elapsed)) t.elapsed = elapsed;
    this.tests.push(t);
  }

  /**
   * The package's output ended: tests still running were interrupted, failed tests get their
   * `failure` findings, and everything collected goes out under `pkg`.
   */
  flush(input: string): void {
    const pkg = intern(input);
    for (const [name, n] of this.running) {
      for (let i = 0; i < n; i++) this.tests.push({ package: '', name, action: 'interrupted' });
    }
    for (const name of this.failed) {
      const info = this.errors.get(name);
      if (!info || this.withFinding.has(name) || this.hasFailedSubtest(name)) continue;
      this.findings.push({
        kind: 'failure',
        package: '',
        test: name,
        message: info.message,
        stacks: [
          {
            role: 'failure',
            header: `${info.file}:${info.line}`,
            frames: [{ func: '', file: info.file, line: info.line }],
          },
        ],
        raw: info.raw.slice(0, MAX_RAW),
      });
    }
    for (const f of this.findings) f.package = pkg;
    for (const t of this.tests.items) t.package = pkg;
    if (this.findings.length > 0 || this.tests.length > 0) this.sink.emit(this.findings, this.tests.items);
    this.findings = [];
    this.tests = newOutcomes();
    // clear() allocates a new table even when empty, and most packages leave these empty.
    if (this.running.size > 0) this.running.clear();
    if (this.failed.size > 0) this.failed.clear();
    if (this.errors.size > 0) this.errors.clear();
    if (this.withFinding.size > 0) this.withFinding.clear();
    this.current = undefined;
    this.lastFail = undefined;
    this.resultByLevel = [];
    this.lastWasResult = false;
    this.lastError = undefined;
    this.pendingSep = false;
    this.afterReport = false;
    this.registered = false;
    // Framing is per test process: the next package's output says again whether it is framed.
    this.framed = false;
  }

  /**
   * Nothing is pending: from here on this stream behaves exactly as a new one would (the parallel
   * parse joins segments only at such points).
   */
  isQuiet(): boolean {
    return (
      this.race === undefined &&
      this.traceback === undefined &&
      !this.pendingSep &&
      this.current === undefined &&
      this.lastFail === undefined &&
      !this.framed &&
      this.resultByLevel.length === 0 &&
      !this.lastWasResult &&
      this.lastError === undefined &&
      this.buildKey === undefined &&
      this.running.size === 0 &&
      this.tests.length === 0 &&
      this.findings.length === 0 &&
      this.failed.size === 0 &&
      this.errors.size === 0 &&
      this.withFinding.size === 0
    );
  }

  /** A parent that failed because a subtest failed: the subtest carries the story. */
  private hasFailedSubtest(name: string): boolean {
    const prefix = `${name}/`;
    for (const f of this.failed) if (f.startsWith(prefix)) return true;
    return false;
  }
}
