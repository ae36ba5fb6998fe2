// Assembles a Go traceback: `panic: …` / `fatal error: …`, then goroutine blocks.
import type { FindingKind, Frame, Stack } from '../model.js';
import type { FeedResult } from './race.js';
import {
  elidedFrame,
  isGoCommandLine,
  isResultAfterIndent,
  isUserFrame,
  MAX_FRAMES,
  parseFileLine,
  pushFrame,
  RACE_SEP,
  RawText,
  splitFuncArgs,
  testFromStacks,
  testNameFromFunc,
} from './util.js';

const MAX_HEADER_LINES = 200;
const MAX_CANDIDATE_BLOCKS = 50;
const MAX_OTHER_BLOCKS = 10;
const MAX_MESSAGE = 1000;
const RECOVERED_RE = / \[recovered(?:, [a-z]+)*\]$/;

interface Block {
  header: string;
  goroutine: number;
  frames: Frame[];
  createdBy?: Frame;
  createdHeader?: string;
  /** `runtime stack:` sections: printed for throws, never the user's goroutine. */
  skip: boolean;
  hasTestFrame: boolean;
  hasUserFrame: boolean;
  /** Go's own `...N frames elided...` lines kept as frames; they do not count against the cap. */
  goMarkers: number;
}

export interface Traceback {
  kind: Extract<FindingKind, 'panic' | 'fatal' | 'timeout'>;
  message: string;
  runningTests?: string[];
  stacks: Stack[];
  raw: string;
  /** Test named by the chosen goroutine's frames (or its `created by`). */
  stackTest?: string;
  /** Cut at the start (no `panic:` line) or before the first goroutine block. */
  truncated?: boolean;
}

/** `goroutine 8 [running]:`, `goroutine 1 gp=0x… m=0 mp=0x… [running]:`, `… [running] {labels}:`. */
export function parseGoroutineHeader(line: string): number | undefined {
  if (!line.startsWith('goroutine ') || !line.endsWith(':')) return undefined;
  let i = 10;
  let id = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) break;
    id = id * 10 + (c - 48);
    i++;
  }
  if (i === 10 || line.charCodeAt(i) !== 32 || line.indexOf('[', i) < 0) return undefined;
  return id;
}

/**
 * What a line inside a goroutine block is, by content, whatever its indentation (pastes turn the
 * tab before file lines into spaces, or drop it): `FILE:LINE +0xOFF`, `created by …`, Go's
 * `...N frames elided...`, a function call `pkg.F(…)`, or anything else (which ends the report).
 */
function blockLine(line: string): 'file' | 'created' | 'elided' | 'func' | 'other' {
  const c0 = line.charCodeAt(0);
  if (c0 === 9) return 'file';
  const indented = c0 === 32;
  const t = indented ? line.trimStart() : line;
  if (t.startsWith('created by ')) return 'created';
  if (t.startsWith('...') && t.endsWith('...') && t.includes('elided')) return 'elided';
  if (t.endsWith(')')) {
    // `--- FAIL: TestX (0.00s)` and `=== RUN` are test framing, not calls; indented calls are
    // a t.Log's text (a uniformly indented paste is unindented before it gets here).
    if (indented || t.startsWith('--- ') || t.startsWith('=== ') || t.indexOf('(') <= 0) return 'other';
    return 'func';
  }
  // `.go:`, and the runtime's `.s:`, `.c:` and `.goc:` files of old toolchains.
  if (t.indexOf(':') > 0 && parseFileLine(t)) return 'file';
  return 'other';
}

/** Column-0 lines that end a traceback's header part: Go framing, package lines, the go command. */
function endsTracebackHeader(line: string): boolean {
  return (
    line.startsWith('=== ') ||
    isResultAfterIndent(line) ||
    isGoCommandLine(line) ||
    line === RACE_SEP ||
    line === 'WARNING: DATA RACE'
  );
}

/** The block a lite assembler is in: only whether there is one matters. */
const LITE_BLOCK: Block = {
  header: '',
  goroutine: 0,
  frames: [],
  skip: true,
  hasTestFrame: false,
  hasUserFrame: false,
  goMarkers: 0,
};

/** Shared by lite assemblers, which never add to them: most reports of a huge log are lite. */
const NO_LINES: string[] = [];
const NO_BLOCKS: Block[] = [];
const NO_RAW = new RawText(true);

export class TracebackAssembler {
  readonly raw: RawText;
  private header: string[];
  private headerCount = 0;
  private inBlocks = false;
  private cur: Block | undefined;
  private first: Block | undefined;
  private candidates: Block[];
  private others: Block[];
  private pendingFunc: { func: string; inlined: boolean } | undefined;
  private pendingCreated: string | undefined;

  /**
   * `lite`: the report is over the findings cap, so only where it ends matters (same feed results),
   * not its blocks or text: most reports of a huge log are dropped.
   */
  constructor(
    readonly lite = false,
    /** Started at a goroutine header: the paste began after the `panic:` line. */
    readonly cutAtStart = false,
    rawMax?: number,
  ) {
    this.raw = lite ? NO_RAW : new RawText(false, rawMax);
    this.header = lite ? NO_LINES : [];
    this.candidates = lite ? NO_BLOCKS : [];
    this.others = lite ? NO_BLOCKS : [];
  }

  feed(line: string): FeedResult {
    if (!this.inBlocks) {
      if (line === 'runtime stack:' || parseGoroutineHeader(line) !== undefined) {
        this.inBlocks = true;
        this.startBlock(line);
        return 'more';
      }
      if (endsTracebackHeader(line) || this.headerCount >= MAX_HEADER_LINES) return 'reject';
      this.headerCount++;
      if (this.lite) return 'more';
      this.header.push(line);
      this.raw.add(line);
      return 'more';
    }
    if (line.length === 0) {
      this.endBlock();
      this.raw.add(line);
      return 'more';
    }
    if (line === 'runtime stack:' || parseGoroutineHeader(line) !== undefined) {
      this.endBlock();
      this.startBlock(line);
      return 'more';
    }
    const b = this.cur;
    if (!b) return 'reject';
    const kind = blockLine(line);
    if (kind === 'other') return 'reject';
    if (this.lite) return 'more';
    this.raw.add(line);
    if (kind === 'file') {
      const loc = parseFileLine(line.trim());
      if (loc) {
        if (this.pendingCreated !== undefined) {
          b.createdBy = { func: this.pendingCreated, file: loc.file, line: loc.line };
        } else if (this.pendingFunc) {
          const f: Frame = { func: this.pendingFunc.func, file: loc.file, line: loc.line };
          if (this.pendingFunc.inlined) f.inlined = true;
          pushFrame(b.frames, f, MAX_FRAMES + b.goMarkers);
          this.noteFrame(b, f);
        }
      }
      this.pendingFunc = undefined;
      this.pendingCreated = undefined;
      return 'more';
    }
    const t = line.trimStart();
    if (kind === 'created') {
      b.createdHeader = t;
      const rest = t.slice(11);
      const inG = rest.indexOf(' in goroutine ');
      this.pendingCreated = inG >= 0 ? rest.slice(0, inG) : rest;
      this.pendingFunc = undefined;
      return 'more';
    }
    if (kind === 'elided') {
      if (b.frames.length < MAX_FRAMES + b.goMarkers) {
        b.frames.push(elidedFrame(t));
        b.goMarkers++;
      }
      return 'more';
    }
    const { func, args } = splitFuncArgs(t);
    this.pendingFunc = { func, inlined: args === '...' };
    this.pendingCreated = undefined;
    return 'more';
  }

  private startBlock(line: string): void {
    if (this.lite) {
      this.cur = LITE_BLOCK;
      return;
    }
    this.raw.add(line);
    const id = parseGoroutineHeader(line);
    this.cur = {
      header: line.endsWith(':') ? line.slice(0, -1) : line,
      goroutine: id ?? 0,
      frames: [],
      skip: id === undefined,
      hasTestFrame: false,
      hasUserFrame: false,
      goMarkers: 0,
    };
    this.pendingFunc = undefined;
    this.pendingCreated = undefined;
  }

  private noteFrame(b: Block, f: Frame): void {
    if (!b.hasTestFrame && testNameFromFunc(f.func)) b.hasTestFrame = true;
    if (!b.hasUserFrame && isUserFrame(f)) b.hasUserFrame = true;
  }

  private endBlock(): void {
    const b = this.cur;
    this.cur = undefined;
    this.pendingFunc = undefined;
    this.pendingCreated = undefined;
    if (!b || b.skip || this.lite) return;
    // Keep only what can be chosen or shown: memory must not grow with the goroutine count.
    if (!this.first) this.first = b;
    else if (b.hasTestFrame && this.candidates.length < MAX_CANDIDATE_BLOCKS) this.candidates.push(b);
    else if (b.hasUserFrame && this.others.length < MAX_OTHER_BLOCKS) this.others.push(b);
  }

  /**
   * The finished traceback, or undefined when it was only a `panic: …`-looking line with no
   * goroutine dump that did not end the process (some program printing the word).
   */
  finish(processEnded: boolean): Traceback | undefined {
    this.endBlock();
    if (!this.first && !processEnded) return undefined;
    const h = parseHeader(this.header);
    let kind: Traceback['kind'] = h.fatal ? 'fatal' : 'panic';
    if (!h.fatal && h.message.startsWith('test timed out after ')) kind = 'timeout';

    const all: Block[] = [];
    if (this.first) all.push(this.first);
    all.push(...this.candidates, ...this.others);
    let chosen = this.first;
    if (kind === 'timeout' || (kind === 'fatal' && h.message.startsWith('all goroutines are asleep'))) {
      // The first goroutine is the alarm (or main for a deadlock): pick the test's own goroutine.
      chosen = pickTestBlock(all, h.running[0]?.split('/')[0]) ?? this.first;
    } else if (kind === 'panic' && h.message.startsWith('deadlock: ')) {
      // testing/synctest: the panic is raised in synctest.Test's caller; the bug is where a
      // goroutine of the bubble is blocked (`[chan receive (durable), synctest bubble 1]`).
      chosen = all.find((b) => b.hasUserFrame && b.header.includes('synctest bubble')) ?? this.first;
    }

    const stacks: Stack[] = [];
    if (chosen) {
      stacks.push({
        role: 'panic',
        header: chosen.header,
        goroutine: chosen.goroutine,
        frames: chosen.frames,
      });
      if (chosen.createdBy) {
        stacks.push({
          role: 'creation',
          header: chosen.createdHeader ?? `created by ${chosen.createdBy.func}`,
          goroutine: chosen.goroutine,
          frames: [chosen.createdBy],
        });
      }
    }
    const stackTest = testFromStacks(stacks);
    if (kind !== 'panic') {
      for (const b of all) {
        if (b === chosen || !b.hasUserFrame || stacks.length >= MAX_OTHER_BLOCKS + 2) continue;
        stacks.push({ role: 'goroutine', header: b.header, goroutine: b.goroutine, frames: b.frames });
      }
    }
    const out: Traceback = { kind, message: h.message, stacks, raw: this.raw.text() };
    if (this.cutAtStart || !this.first) out.truncated = true;
    if (stackTest) out.stackTest = stackTest;
    if (kind === 'timeout') out.runningTests = h.running;
    return out;
  }
}

/** The last goroutine running the test's code under `testing.(*T).Run`: the deepest subtest body. */
function pickTestBlock(blocks: Block[], test: string | undefined): Block | undefined {
  const matches = blocks.filter(
    (b) => b.hasTestFrame && (!test || b.frames.some((f) => testNameFromFunc(f.func) === test)),
  );
  const underRun = matches.filter((b) => b.createdBy?.func === 'testing.(*T).Run');
  return underRun[underRun.length - 1] ?? matches[0];
}

interface Header {
  fatal: boolean;
  message: string;
  running: string[];
}

/**
 * `panic: V [recovered]` + tab-indented nested `panic:` lines (≤1.24), `[recovered, repanicked]`
 * (≥1.25), `[signal …]`, continuation lines of multi-line values (tab-indented from 1.23), and the
 * timeout's `running tests:` list (indented from 1.23). The message is the first (original) value.
 */
function parseHeader(lines: string[]): Header {
  const entries: string[][] = [];
  const running: string[] = [];
  let fatal = false;
  let inRunning = false;
  for (const l of lines) {
    if (inRunning) {
      const c = l.charCodeAt(0);
      if (c === 9 || c === 32) {
        const t = l.trim();
        if (t) {
          const paren = t.lastIndexOf(' (');
          running.push(paren > 0 ? t.slice(0, paren) : t);
        }
        continue;
      }
      inRunning = false;
    }
    const t = l.charCodeAt(0) === 9 ? l.slice(1) : l;
    if (t === 'running tests:') {
      inRunning = true;
      continue;
    }
    if (t.startsWith('panic: ')) {
      entries.push([t.slice(7)]);
      continue;
    }
    if (l.startsWith('fatal error: ')) {
      if (entries.length === 0) fatal = true;
      entries.push([l.slice(13)]);
      continue;
    }
    if (l.startsWith('[signal ') || l.trim() === '') continue;
    entries[entries.length - 1]?.push(t);
  }
  const first = entries[0] ?? [lines[0] ?? ''];
  let message = first
    .map((s) => s.trim())
    .filter((s) => s)
    .join(' ');
  message = message.replace(RECOVERED_RE, '');
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE)}…`;
  return { fatal, message, running };
}
