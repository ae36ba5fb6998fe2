// Small helpers shared by the parsers: line cleaning, frame lines, test names, caps.
import { createHash } from 'node:crypto';
import type { Frame, RawFinding, Stack } from '../model.js';

/** Cap on a finding's `raw` text. */
export const MAX_RAW = 64 * 1024;
/** Cap on the frames kept per stack (a marker frame is added after it). */
export const MAX_FRAMES = 100;
/** Cap on one input line; longer lines are cut (binary junk without newlines must not grow memory). */
export const MAX_LINE = 1024 * 1024;

/** A flood of reports (e.g. GORACE=suppress_equal_stacks=0 in a loop) must not exhaust memory. */
export const MAX_FINDINGS = 1000;
/**
 * Past MAX_FINDINGS, a report is kept only when it is distinct (by `reportKey`) from every one
 * kept before, its repeats counted on the one kept; at most this many such distinct reports.
 */
export const MAX_DISTINCT_FINDINGS = 5000;
/** Text kept of a report past MAX_FINDINGS: its stacks are whole, its sample short. */
export const MAX_EXTRA_RAW = 4096;
/** Lines of a report past the cap held until it is known to be a repeat: longer ones are dropped. */
export const MAX_REPORT_LINES = 5000;

/** What varies between occurrences of one report's header line (addresses, goroutine ids). */
const VARYING_RE = /0x[0-9a-fA-F]+\??|oroutine \d+|\d+ minutes/g;

/** Longest key text kept as it is; longer ones are hashed (SHA-1) to bound memory. */
const MAX_PLAIN_KEY = 8192;
/** A bucket of more keys than this (a crafted log) is indexed by whole texts instead. */
const MAX_BUCKET = 8;

/**
 * What tells two reports apart for the findings cap: their frames' `file:line +0xOFF` lines (the
 * same code gives the same pc in one binary; addresses, goroutine ids and arguments are on other
 * lines) and the panic line without addresses. Finer than the analysis signature, so distinct
 * findings never share a key. `hash` samples the text: V8 hashing whole texts (and reading
 * characters of the lines, which are slices) was a fifth of a huge log's parse.
 */
export interface ReportKey {
  readonly hash: number;
  readonly text: string;
}

export function reportKey(kind: string, lines: readonly string[]): ReportKey {
  const parts: string[] = [kind];
  if (kind === 'race') {
    // What varies between repeats of a race is on its header lines (addresses, goroutine ids,
    // running or finished), which end with `:`; frame and function lines are the same. One
    // character per line instead of a search: most reports of a huge log are such repeats.
    // Separators are left out: a finding's text starts with one, the lines of a report do not.
    for (const l of lines) if (l.charCodeAt(l.length - 1) !== 58 && l !== RACE_SEP) parts.push(l);
  } else {
    for (const l of lines) {
      if (l.indexOf(' +0x') >= 0) parts.push(l);
      else if (l.startsWith('panic: ') || l.startsWith('fatal error: '))
        parts.push(l.replace(VARYING_RE, ''));
    }
  }
  // One flat string: comparing and sampling it is cheap, unlike many slices of a big chunk.
  let text = parts.join('\n');
  if (text.length > MAX_PLAIN_KEY) text = `${kind}#${createHash('sha1').update(text).digest('base64')}`;
  return keyOfText(text);
}

/** A key from its text: 32 characters spread over it make the hash (equal hashes: compared whole). */
function keyOfText(text: string): ReportKey {
  const n = text.length;
  const step = n > 32 ? n >> 5 : 1;
  let hash = n;
  for (let i = n - 1; i >= 0; i -= step) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return { hash, text };
}

/**
 * Values by ReportKey: a small bucket per hash, texts compared; a bucket grown past MAX_BUCKET
 * (texts that differ only where the hash does not look) becomes a Map by text. Key texts are
 * joined or hashed, never slices of a read chunk: they are kept as they are.
 */
export class ReportIndex<T> {
  private readonly buckets = new Map<number, { text: string; value: T }[] | Map<string, T>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: ReportKey): T | undefined {
    const bucket = this.buckets.get(key.hash);
    if (bucket === undefined) return undefined;
    if (bucket instanceof Map) return bucket.get(key.text);
    for (const e of bucket) if (e.text === key.text) return e.value;
    return undefined;
  }

  /** Stores the value unless the key is there already (then false). */
  add(key: ReportKey, value: T): boolean {
    if (this.get(key) !== undefined) return false;
    const { text } = key;
    const bucket = this.buckets.get(key.hash);
    if (bucket === undefined) this.buckets.set(key.hash, [{ text, value }]);
    else if (bucket instanceof Map) bucket.set(text, value);
    else if (bucket.length < MAX_BUCKET) bucket.push({ text, value });
    else
      this.buckets.set(key.hash, new Map([...bucket.map((e) => [e.text, e.value] as const), [text, value]]));
    this.count++;
    return true;
  }
}

/** The key of a kept finding, from its text (undefined for failures and build errors). */
export function findingKey(f: RawFinding): ReportKey | undefined {
  if (f.kind === 'failure' || f.kind === 'build') return undefined;
  if (f.key !== undefined) return keyOfText(f.key);
  return reportKey(f.kind === 'race' ? 'race' : 'traceback', f.raw.split('\n'));
}

/** `==================`: opens and closes a race report. */
export const RACE_SEP = '==================';

const ANSI_RE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[ -/]*[@-~]`, 'g');
const GH_TIMESTAMP_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z(?: |$)/;
/** A line number before a timestamp, as copied from GitHub's web log view: `12  2024-…Z `. */
const LINE_NUMBER_TIMESTAMP_RE = /^ *\d{1,7}\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
/** syslog / journalctl: `Mar 01 12:00:00 host app[123]: `, and `-o short-iso` timestamps. */
const SYSLOG_RE =
  /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:?\d\d|Z)) \S+ [^\s:]+: /;
/** A `name[id]: ` tag before each line (container and process loggers). */
const TAG_RE = /^[\w.\-/@]*\[[\w.\-/@:]*\]$/;

/** Which prefixes a line may carry (see `prefixHints`). */
const PREFIX_TIMESTAMP = 1;
const PREFIX_TAG = 2;
const PREFIX_LINE_NUMBER = 4;
export const ALL_PREFIXES = PREFIX_TIMESTAMP | PREFIX_TAG | PREFIX_LINE_NUMBER;
/** Text inside `go test -json` events: no log viewer touched it. */
export const NO_PREFIXES = 0;

/**
 * The prefixes a chunk of text may hold on its lines, found by two native searches so that most
 * lines skip the per-line checks (they were a tenth of a huge log's parse): a `name[id]: ` tag
 * needs `]: `, the web view's right-aligned line number a timestamp (ending in `Z`). A line that
 * starts in one chunk and ends in the next is looked at with ALL_PREFIXES.
 */
export function prefixHints(text: string): number {
  // Timestamps, syslog and the web view's left-aligned numbers start with cheap checks: always.
  let hints = PREFIX_TIMESTAMP;
  if (text.indexOf(']: ') >= 0) hints |= PREFIX_TAG;
  if (text.indexOf('Z') >= 0) hints |= PREFIX_LINE_NUMBER;
  return hints;
}

/**
 * Strips what people's copies of a log add around Go's text: `\r` and literal `^M` line ends,
 * trailing padding, GitHub's downloaded-log timestamp (or the web view's line number and
 * timestamp), syslog / journalctl prefixes, a `name[id]: ` tag, and ANSI colour escapes.
 * `hints` (prefixHints, or NO_PREFIXES) says which prefix checks can match.
 */
export function cleanLine(input: string, hints = ALL_PREFIXES): string {
  let s = input;
  const last = s.charCodeAt(s.length - 1);
  // Trailing `\r`, spaces, tabs, `^M`: cheap checks on the last character first.
  if (last === 13 || last === 32 || last === 9 || (last === 77 && s.endsWith('^M'))) {
    s = s.replace(/(?:\r|\^M|[ \t])+$/, '');
  }
  // Only a digit, a space or a letter can start a prefix: most lines (tabs, JSON) skip the call.
  const c0 = s.charCodeAt(0);
  const l0 = c0 | 32;
  if (hints !== NO_PREFIXES && ((c0 >= 48 && c0 <= 57) || c0 === 32 || (l0 >= 97 && l0 <= 122))) {
    // Prefixes can stack (a tag inside a journal line, a timestamp before both): a few rounds.
    for (let round = 0; round < 3; round++) {
      const stripped = stripPrefix(s, hints);
      if (stripped === s) break;
      s = stripped;
    }
  }
  if (s.indexOf('\x1b') >= 0) {
    s = s.replace(ANSI_RE, '');
    if (s.length > 0 && s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
  }
  return s;
}

/** One log-viewer prefix off the line, or the line as it was. */
function stripPrefix(s: string, hints: number): string {
  const c0 = s.charCodeAt(0);
  // Cheap shape checks (`YYYY-`, a digit, `Mmm `) before the regexes.
  if (c0 >= 48 && c0 <= 57) {
    if ((hints & PREFIX_TIMESTAMP) === 0) return s;
    if (s.length >= 20 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(10) === 84) {
      const m = GH_TIMESTAMP_RE.exec(s) ?? SYSLOG_RE.exec(s);
      if (m) return s.slice(m[0].length);
    } else {
      const m = LINE_NUMBER_TIMESTAMP_RE.exec(s);
      if (m) return s.slice(m[0].length);
    }
    return s;
  }
  if (c0 === 32) {
    if ((hints & PREFIX_LINE_NUMBER) === 0) return s;
    // The web view right-aligns its line numbers: ` 13043 2024-08-09T01:45:13.2083163Z `.
    let i = 1;
    while (i < 8 && s.charCodeAt(i) === 32) i++;
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57 && i < 8) {
      const m = LINE_NUMBER_TIMESTAMP_RE.exec(s);
      if (m) return s.slice(m[0].length);
    }
    return s;
  }
  if ((hints & PREFIX_TIMESTAMP) !== 0 && c0 <= 90 && s.charCodeAt(3) === 32 && s.charCodeAt(9) === 58) {
    const m = SYSLOG_RE.exec(s);
    if (m) return s.slice(m[0].length);
  }
  if ((hints & PREFIX_TAG) === 0) return s;
  // `name[id]: ` (a letter first: not frames, JSON, framing or `[signal`). Neither the name nor
  // the tag holds a space, so the first space is the one after `]:`; a blank line's tag, its
  // padding gone, ends the line.
  const sp = s.indexOf(' ');
  const end = sp < 0 ? s.length : sp;
  if (
    end > 2 &&
    s.charCodeAt(end - 1) === 58 &&
    s.charCodeAt(end - 2) === 93 &&
    TAG_RE.test(s.slice(0, end - 1))
  ) {
    return s.slice(end + 1);
  }
  return s;
}

/**
 * `FILE:LINE +0xOFF`, `FILE:LINE` (inlined) or `FILE:LINE +0xOFF fp=… sp=… pc=…`, already without
 * the leading whitespace. Splits on the LAST colon before the offset: Windows paths are `C:/…`.
 */
export function parseFileLine(s: string): { file: string; line: number } | undefined {
  let end = s.indexOf(' +0x');
  if (end < 0) end = s.indexOf(' fp=');
  if (end < 0) end = s.length;
  const colon = s.lastIndexOf(':', end - 1);
  if (colon <= 0 || colon === end - 1) return undefined;
  let line = 0;
  for (let i = colon + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    line = line * 10 + (c - 48);
  }
  return { file: s.slice(0, colon), line };
}

/** `pkg.F(0x1, {0x2, 0x3})` → `pkg.F`; arguments never hold `(`, so the last `(` starts them. */
export function splitFuncArgs(s: string): { func: string; args: string } {
  const open = s.lastIndexOf('(');
  if (open <= 0 || !s.endsWith(')')) return { func: s, args: '' };
  return { func: s.slice(0, open), args: s.slice(open + 1, -1) };
}

/** Go's rule for test function names (`Test`, `TestX`, `Test_x`, not `Testx`), minus TestMain. */
export function isTestFuncName(name: string): boolean {
  for (const prefix of ['Test', 'Benchmark', 'Fuzz', 'Example']) {
    if (!name.startsWith(prefix)) continue;
    if (name === 'TestMain') return false;
    if (name.length === prefix.length) return true;
    const c = name.charCodeAt(prefix.length);
    return c < 97 || c > 122;
  }
  return false;
}

/**
 * The test a stack frame belongs to: `example.com/m/pkg.TestX.func2.1` → `TestX`. Dots in an import
 * path's last element are printed as `%2e`, so the first dot after the last slash ends the package.
 * Test functions live only in the test binary's own package (or its _test twin), so no package
 * check is needed.
 */
export function testNameFromFunc(fn: string): string | undefined {
  const slash = fn.lastIndexOf('/');
  const dot = fn.indexOf('.', slash + 1);
  if (dot < 0) return undefined;
  let end = fn.indexOf('.', dot + 1);
  if (end < 0) end = fn.length;
  const name = fn.slice(dot + 1, end);
  return isTestFuncName(name) ? name : undefined;
}

/** First test function in the frames of the given stacks, in order. */
export function testFromStacks(stacks: readonly Stack[]): string | undefined {
  for (const s of stacks) {
    for (const f of s.frames) {
      const t = testNameFromFunc(f.func);
      if (t) return t;
    }
  }
  return undefined;
}

/**
 * A stack names the top-level test (`TestParent`); the positional context may know the subtest
 * (`TestParent/racy_sub`). Keep the positional name when it is that test or one of its subtests.
 */
export function combineTest(
  stackTest: string | undefined,
  positional: string | undefined,
): string | undefined {
  if (!stackTest) return positional;
  if (positional && (positional === stackTest || positional.startsWith(`${stackTest}/`))) return positional;
  return stackTest;
}

/**
 * `line.trimStart().startsWith('--- ')` without building the trimmed copy (it ran for every frame
 * line of a report). Spaces and tabs are skipped here; any other leading character that is not
 * plainly visible ASCII (other whitespace trimStart knows) takes the exact slow way.
 */
/** Lines the go command or the test binary print at column 0 after a package's output. */
export function isGoCommandLine(line: string): boolean {
  return (
    line.startsWith('ok  ') ||
    line.startsWith('FAIL\t') ||
    line === 'FAIL' ||
    line === 'PASS' ||
    line.startsWith('?   \t') ||
    line.startsWith('exit status ')
  );
}

export function isResultAfterIndent(line: string): boolean {
  let i = 0;
  let c = line.charCodeAt(0);
  while (c === 32 || c === 9) c = line.charCodeAt(++i);
  if (c > 32 && c < 127) {
    return (
      c === 45 &&
      line.charCodeAt(i + 1) === 45 &&
      line.charCodeAt(i + 2) === 45 &&
      line.charCodeAt(i + 3) === 32
    );
  }
  return i < line.length && line.trimStart().startsWith('--- ');
}

/** A frame marking where frames were dropped (by us or by Go). */
export function elidedFrame(text: string): Frame {
  return { func: text, file: '', line: 0 };
}

/** Appends a frame, keeping at most `limit` frames plus one marker. */
export function pushFrame(frames: Frame[], frame: Frame, limit = MAX_FRAMES): void {
  if (frames.length < limit) frames.push(frame);
  else if (frames.length === limit) frames.push(elidedFrame('...additional frames elided...'));
}

/** `text` as a RawText of that cap would have kept it line by line. */
export function capText(text: string, max: number): string {
  if (text.length < max) return text;
  const r = new RawText(false, max);
  for (const line of text.split('\n')) r.add(line);
  return r.text();
}

/** A report's text as printed, capped at MAX_RAW. */
export class RawText {
  private parts: string[] = [];
  private len = 0;
  private truncated: boolean;

  /** `off`: keeps nothing (the report is over the findings cap and will be dropped). */
  constructor(
    off = false,
    private readonly max = MAX_RAW,
  ) {
    this.truncated = off;
  }

  add(line: string): void {
    if (this.truncated) return;
    if (this.len + line.length + 1 > this.max) {
      this.truncated = true;
      const room = this.max - this.len;
      if (room > 0) this.parts.push(line.slice(0, room));
      this.parts.push('... (truncated)');
      return;
    }
    this.parts.push(line);
    this.len += line.length + 1;
  }

  text(): string {
    return this.parts.join('\n');
  }
}

/** Function names that are not the user's: the Go runtime, testing, stdlib (no dot in the first path element). */
export function isUserFrame(f: Frame): boolean {
  if (f.file.endsWith('_testmain.go') || f.file === '') return false;
  const slash = f.func.indexOf('/');
  const firstElem = f.func.slice(0, slash >= 0 ? slash : f.func.indexOf('.'));
  if (firstElem === 'main') return true;
  return slash >= 0 && firstElem.includes('.');
}

/**
 * Makes a finding that is kept hold copies of its strings, not substrings of input chunks (see
 * `detach`). Done only for findings that are stored: most of a huge log's are over the cap.
 */
export function detachFinding(f: RawFinding): void {
  f.message = detach(f.message);
  f.raw = detach(f.raw);
  if (f.test !== undefined) f.test = intern(f.test);
  if (f.runningTests) f.runningTests = f.runningTests.map(intern);
  for (const s of f.stacks) {
    s.header = detach(s.header);
    for (const fr of s.frames) {
      fr.func = intern(fr.func);
      fr.file = intern(fr.file);
    }
  }
}

/** Test outcomes kept verbatim per parse; past it only outcomes not seen yet (name and action). */
export const MAX_OUTCOMES = 10_000;
/** Distinct strings kept by `intern` and distinct outcomes past MAX_OUTCOMES. */
const MAX_DISTINCT = 100_000;

/**
 * A copy of `s` that holds no reference to the chunk it was cut from. V8 keeps a whole input
 * chunk alive for any substring of it that is stored; names and frames are stored for the whole
 * parse, so without this the chunks they came from would pile up with the log's size.
 */
export function detach(s: string): string {
  return s.length === 0 ? '' : Buffer.from(s, 'utf8').toString('utf8');
}

const interned = new Map<string, string>();
const RECENT_SLOTS = 512;
const recent: (string | undefined)[] = new Array(RECENT_SLOTS).fill(undefined);

/**
 * `detach`, sharing one copy of strings that repeat (test, package, function and file names):
 * a log of a thousand runs names the same few hundred things a thousand times.
 */
export function intern(s: string): string {
  // A small direct-mapped cache in front of the map: comparing with one candidate is cheaper than
  // hashing `s` (a fresh slice each time), and the same few names come again and again.
  const n = s.length;
  const slot = (n * 31 + s.charCodeAt(n - 1) * 7 + s.charCodeAt(n >> 1)) & (RECENT_SLOTS - 1);
  const hit = recent[slot];
  if (hit === s) return hit;
  let copy = interned.get(s);
  if (copy === undefined) {
    copy = detach(s);
    if (interned.size < MAX_DISTINCT && n <= 1024) interned.set(copy, copy);
  }
  if (n <= 1024) recent[slot] = copy;
  return copy;
}

/**
 * Items appended for the whole parse (test outcomes, package results): the first `verbatim` as
 * they come, then only those whose key was not seen, so memory stays bounded on huge logs while
 * every test and result still shows up (the report counts runs, not repeats within a run).
 */
export class BoundedList<T> {
  readonly items: T[] = [];
  private keys: Set<string> | undefined;

  constructor(
    private readonly key: (item: T) => string,
    private readonly verbatim = MAX_OUTCOMES,
  ) {}

  push(item: T): void {
    if (this.items.length < this.verbatim) {
      this.items.push(item);
      return;
    }
    if (!this.keys) this.keys = new Set(this.items.map(this.key));
    const k = this.key(item);
    if (this.keys.has(k) || this.keys.size >= MAX_DISTINCT) return;
    this.keys.add(k);
    this.items.push(item);
  }

  get length(): number {
    return this.items.length;
  }
}
