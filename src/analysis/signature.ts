// Signatures: what makes two findings from different runs "the same bug". They must not depend on
// anything that changes between runs (addresses, goroutine ids, +0x offsets, which side of a race
// was printed first), so they are built from functions, repository paths and lines only.
import type { Frame, LocationRole, MappedFile, RawFinding, Stack, StackRole } from '../model.js';
import type { PathMapper } from './paths.js';

export interface KeyFrame {
  frame: Frame;
  mapped: MappedFile;
}

/** Stacks whose relative file names are relative to a directory (the package's or the module's). */
export function usesBaseDir(role: StackRole): boolean {
  return role === 'failure' || role === 'build';
}

export function mapFrame(frame: Frame, role: StackRole, mapper: PathMapper, baseDir?: string): KeyFrame {
  return { frame, mapped: mapper.map(frame.file, usesBaseDir(role) ? baseDir : undefined) };
}

export function findStack(f: RawFinding, role: StackRole): Stack | undefined {
  return f.stacks.find((s) => s.role === role);
}

/** First frame in the repository (not vendored: vendored code is someone else's bug site). */
export function firstUserFrame(
  stack: Stack | undefined,
  mapper: PathMapper,
  baseDir?: string,
): KeyFrame | undefined {
  if (!stack) return undefined;
  for (const frame of stack.frames) {
    const k = mapFrame(frame, stack.role, mapper, baseDir);
    if (k.mapped.origin === 'repo') return k;
  }
  return undefined;
}

/** `func@file:line`; outside the repo only the base name, since GOROOT differs between machines. */
export function frameKey(k: KeyFrame): string {
  const file = k.mapped.origin === 'repo' ? k.mapped.path : (k.mapped.path.split('/').pop() ?? '');
  return `${k.frame.func}@${file}:${k.frame.line}`;
}

export interface RaceSide {
  which: 'current' | 'previous';
  access?: 'read' | 'write';
  goroutine?: number | 'main';
  /** Where the side is located; `*-creation` when the access stack has no repository frame. */
  role: LocationRole;
  key?: KeyFrame;
}

/** A race side: its first repository frame, else its creator's, else its first frame at all. */
export function raceSide(f: RawFinding, which: 'current' | 'previous', mapper: PathMapper): RaceSide {
  const access = findStack(f, which);
  const creationRole = which === 'current' ? 'current-creation' : 'previous-creation';
  const creation = findStack(f, creationRole);
  const side: RaceSide = { which, role: which };
  if (access?.access) side.access = access.access;
  if (access?.goroutine !== undefined) side.goroutine = access.goroutine;
  const user = firstUserFrame(access, mapper);
  if (user) return { ...side, key: user };
  const creator = firstUserFrame(creation, mapper);
  if (creator) return { ...side, role: creationRole, key: creator };
  const any = access?.frames[0] ?? creation?.frames[0];
  if (any) return { ...side, key: mapFrame(any, which, mapper) };
  return side;
}

// Frames that only say "a panic is being handled" and never locate the bug.
const NOISE_FUNC =
  /^(?:panic|runtime\..*|internal\/runtime\/.*|testing\.tRunner\.func1(?:\.\d+)?|main\.main)$/;

/** The frame a panic, fatal error or timeout is located at. */
export function primaryFrame(f: RawFinding, mapper: PathMapper): KeyFrame | undefined {
  const panicStack = findStack(f, 'panic');
  const user = firstUserFrame(panicStack, mapper) ?? firstUserFrame(findStack(f, 'creation'), mapper);
  if (user) return user;
  if (f.kind === 'timeout') {
    // The stuck test's goroutine is one of the others; find the one running a listed test.
    const tops = new Set((f.runningTests ?? (f.test ? [f.test] : [])).map((t) => t.split('/')[0] ?? t));
    for (const s of f.stacks) {
      if (s.role !== 'goroutine') continue;
      const runsTest = s.frames.some((fr) => {
        const m = /\.(Test[^.]*|Benchmark[^.]*|Fuzz[^.]*|Example[^.]*)(?:\.|$)/.exec(fr.func);
        return m?.[1] !== undefined && tops.has(m[1]);
      });
      if (runsTest) {
        const k = firstUserFrame(s, mapper);
        if (k) return k;
      }
    }
  }
  const frame = panicStack?.frames.find((fr) => !NOISE_FUNC.test(fr.func)) ?? panicStack?.frames[0];
  return frame ? mapFrame(frame, 'panic', mapper) : undefined;
}

/** The single frame of a failure (`x_test.go:12`) or build error (`./pkg/x.go:3`). */
export function pointFrame(f: RawFinding, mapper: PathMapper, baseDir?: string): KeyFrame | undefined {
  const stack = findStack(f, f.kind === 'build' ? 'build' : 'failure');
  const frame = stack?.frames[0];
  return frame && stack ? mapFrame(frame, stack.role, mapper, baseDir) : undefined;
}

/**
 * The kind of a panic or fatal message, without the values that vary between runs:
 * `index out of range [5] with length 3` → `index out of range [#] with length #`.
 */
export function normalizeMessage(message: string): string {
  const first = message.split('\n').find((l) => l.trim() !== '') ?? '';
  return first
    .replace(/\s*\[recovered(?:, repanicked)?\]\s*$/, '')
    .replace(/0x[0-9a-fA-F]+/g, '#')
    .replace(/\d+/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Test names listed under `running tests:`, without their `(2s)` durations, sorted. */
export function runningTests(f: RawFinding): string[] {
  const names = (f.runningTests ?? []).map((t) => t.replace(/\s*\([^)]*\)\s*$/, '').trim()).filter(Boolean);
  return [...new Set(names)].sort();
}

/**
 * `baseDir`: the package directory for failures (whose file is a bare `x_test.go`), the module
 * directory for build errors (whose file is relative to where go ran). Absolute, or an import path.
 */
export function findingSignature(f: RawFinding, mapper: PathMapper, pkgDir?: string): string {
  switch (f.kind) {
    case 'race': {
      const sides = [raceSide(f, 'current', mapper), raceSide(f, 'previous', mapper)]
        .map((s) => (s.key ? frameKey(s.key) : '?'))
        .sort();
      return `race|${sides.join('|')}`;
    }
    case 'panic':
    case 'fatal': {
      const k = primaryFrame(f, mapper);
      return `${f.kind}|${normalizeMessage(f.message)}|${k ? frameKey(k) : ''}`;
    }
    case 'timeout': {
      const tests = runningTests(f);
      const listed = tests.length > 0 ? tests : f.test ? [f.test] : [];
      return `timeout|${f.package}|${listed.join(',')}`;
    }
    case 'failure': {
      const k = pointFrame(f, mapper, pkgDir);
      return `failure|${f.package}|${f.test ?? ''}|${k ? `${k.mapped.path}:${k.frame.line}` : ''}`;
    }
    case 'build': {
      const k = pointFrame(f, mapper, pkgDir);
      return `build|${f.package}|${k ? `${k.mapped.path}:${k.frame.line}` : ''}|${f.message.trim()}`;
    }
    case 'overlap':
      return `overlap|${f.package}|${f.test ?? ''}`;
  }
}
