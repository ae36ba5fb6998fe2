// Assembles one `WARNING: DATA RACE` report (TSan's Go mode), line by line.
import type { Stack } from '../model.js';
import {
  isGoCommandLine,
  isResultAfterIndent,
  parseFileLine,
  pushFrame,
  RACE_SEP,
  RawText,
  splitFuncArgs,
} from './util.js';

/** A report has 2 accesses and up to 2 creation stacks; more is junk, not worth memory. */
const MAX_STACKS = 8;

/**
 * `Read at 0x… by goroutine 7:`, `Previous write at 0x… by main goroutine:`, atomic variants, and
 * the address-less `Write by goroutine 56:` of old race runtimes (golang/go#10661).
 */
const ACCESS_RE =
  /^(Previous )?(?:[Aa]tomic )?([Rr]ead|[Ww]rite)(?: of size \d+)?(?: at (0x[0-9a-fA-F]+))? by (?:goroutine (\d+)|(main goroutine)|thread T\d+)\s*:$/;
const CREATION_RE = /^Goroutine (\d+) \((?:running|finished)\) created at:$/;

/** `pass`: the line is not part of the report but does not end it (interleaved test framing). */
export type FeedResult = 'more' | 'done' | 'reject' | 'pass';

/** Lines that cannot be inside a race report: the report was cut off (crash, interleaving). */
export function endsRaceReport(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 32 || c === 9) return line.includes('race detected during execution of');
  return (
    line.startsWith('panic: ') ||
    line.startsWith('fatal error: ') ||
    isGoCommandLine(line) ||
    line === 'WARNING: DATA RACE'
  );
}

/** Shared by lite assemblers, which never add to them. */
const NO_RAW = new RawText(true);
const NO_STACKS: Stack[] = [];

export class RaceAssembler {
  readonly raw: RawText;
  readonly stacks: Stack[];
  private cur: Stack | undefined;
  private pendingFunc: string | undefined;
  private currentId: number | 'main' | undefined;
  private previousId: number | 'main' | undefined;
  private sawWarning = false;
  /** Ended by its closing separator (else cut: a crash, the end of a paste). */
  complete = false;

  /**
   * `lite`: the report is over the findings cap, so only where it ends matters (same feed results),
   * not its stacks or text: most reports of a huge log are dropped.
   */
  constructor(
    readonly withSep: boolean,
    readonly lite = false,
    /** Started at an access line: the paste began after `WARNING: DATA RACE`. */
    readonly cutAtStart = false,
    rawMax?: number,
  ) {
    this.raw = lite ? NO_RAW : new RawText(false, rawMax);
    this.stacks = lite ? NO_STACKS : [];
    if (withSep) this.raw.add(RACE_SEP);
  }

  feed(line: string): FeedResult {
    if (this.cutAtStart && !this.sawWarning) this.sawWarning = true;
    if (line === RACE_SEP) {
      // A separator before the WARNING line belongs to the opening; after it, it closes.
      this.raw.add(line);
      if (this.sawWarning) this.complete = true;
      return this.sawWarning ? 'done' : 'more';
    }
    if (line === 'WARNING: DATA RACE' && !this.sawWarning) {
      this.sawWarning = true;
      this.raw.add(line);
      return 'more';
    }
    // The report goes to stderr, test framing to stdout: with parallel tests they can interleave.
    if (line.startsWith('=== ') || isResultAfterIndent(line)) return 'pass';
    if (endsRaceReport(line)) return 'reject';
    if (this.lite) return 'more';
    this.raw.add(line);
    if (line.length === 0) {
      this.endStack();
      return 'more';
    }
    // Told by content, not indentation: pasted reports have frames indented with tabs, other
    // widths or not at all. Frames: `  FUNC()` then `      FILE:LINE +0xOFF`.
    const c0 = line.charCodeAt(0);
    const t = c0 === 32 || c0 === 9 ? line.trim() : line;
    if (this.cur) {
      const loc = t.endsWith(')') ? undefined : parseFileLine(t);
      if (loc) {
        if (this.pendingFunc !== undefined) {
          pushFrame(this.cur.frames, { func: this.pendingFunc, file: loc.file, line: loc.line });
        }
        this.pendingFunc = undefined;
        return 'more';
      }
      if (t.startsWith('[')) {
        // `[failed to restore the stack]` leaves the stack empty.
        this.pendingFunc = undefined;
        return 'more';
      }
      if (t.endsWith(')') && !t.endsWith(':')) {
        this.pendingFunc = splitFuncArgs(t).func;
        return 'more';
      }
    } else if (c0 === 32 || c0 === 9) {
      if (!ACCESS_RE.test(t) && !CREATION_RE.test(t)) return 'more';
    }
    this.endStack();
    if (this.stacks.length >= MAX_STACKS) return 'more';
    const access = ACCESS_RE.exec(t);
    if (access) {
      const previous = access[1] !== undefined;
      const id: number | 'main' = access[5] ? 'main' : Number(access[4] ?? 0);
      if (previous) this.previousId = id;
      else this.currentId = id;
      this.cur = {
        role: previous ? 'previous' : 'current',
        header: t.slice(0, -1).trimEnd(),
        access: access[2]?.toLowerCase() === 'write' ? 'write' : 'read',
        goroutine: id,
        frames: [],
      };
      this.stacks.push(this.cur);
      return 'more';
    }
    const creation = CREATION_RE.exec(t);
    if (creation) {
      this.cur = {
        role: 'creation',
        header: t.slice(0, -1),
        goroutine: Number(creation[1]),
        frames: [],
      };
      this.stacks.push(this.cur);
    }
    // Anything else (`Heap block …`, `Mutex M created at:`) starts a section we do not keep.
    return 'more';
  }

  private endStack(): void {
    this.cur = undefined;
    this.pendingFunc = undefined;
  }

  /** Stacks with creation roles matched to the access goroutines. */
  finish(): Stack[] {
    let haveCurrentCreation = false;
    let havePreviousCreation = false;
    for (const s of this.stacks) {
      if (s.role !== 'creation') continue;
      if (!haveCurrentCreation && s.goroutine === this.currentId) {
        s.role = 'current-creation';
        haveCurrentCreation = true;
      } else if (!havePreviousCreation && s.goroutine === this.previousId) {
        s.role = 'previous-creation';
        havePreviousCreation = true;
      }
    }
    return this.stacks;
  }
}
