// Compiler and vet output (`go test -c`, `go vet`, `go test` before `FAIL pkg [build failed]`).
import type { RawFinding } from '../model.js';
import { cleanLine } from './util.js';

const MAX_BUILD_FINDINGS = 20;
const MAX_BUILD_RAW = 4096;

/** `./x.go:12:5: msg`, `x.go:12: msg`, `/abs/x.go:12:5: msg`, `C:\x\y.go:3:1: msg`, `go.mod:5: msg`. */
const ERROR_RE = /^(.+?\.(?:go|s|c|h|cc|cpp|mod|sum|work)):(\d+)(?::(\d+))?: (.*)$/;

/** A line that is a compiler error (cheap pre-check before the regex). */
export function isBuildErrorLine(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 32 || c === 9 || line.length === 0) return false;
  if (line.indexOf(':') < 0) return false;
  return ERROR_RE.test(line.startsWith('vet: ') ? line.slice(5) : line);
}

/**
 * Build package key from a `# pkg` header or a test2json `ImportPath`:
 * `example.com/m/pkg [example.com/m/pkg.test]` → `example.com/m/pkg`, and the external test
 * package `example.com/m/pkg_test [example.com/m/pkg.test]` too.
 */
export function buildPackageKey(s: string): string {
  const t = s.trim();
  const open = t.indexOf(' [');
  if (open < 0) return t.startsWith('[') && t.endsWith(']') ? stripTest(t.slice(1, -1)) : t;
  const inner = t.slice(open + 2, t.endsWith(']') ? -1 : undefined);
  return inner.endsWith('.test') ? inner.slice(0, -5) : t.slice(0, open);
}

function stripTest(s: string): string {
  return s.endsWith('.test') ? s.slice(0, -5) : s;
}

function isNoise(line: string): boolean {
  return line.startsWith('# ') || line === 'FAIL' || (line.startsWith('FAIL\t') && line.endsWith(' failed]'));
}

/**
 * One `build` finding per compiler/vet error line (at most 20), each with one frame (file as
 * printed, line). Text with no `file:line:` error at all gives one finding with its first
 * meaningful line as the message and no frames; empty text gives none.
 */
export function parseBuildOutput(text: string, pkg: string): RawFinding[] {
  const findings: RawFinding[] = [];
  let firstLine: string | undefined;
  let firstAny: string | undefined;
  let last: RawFinding | undefined;
  for (const rawLine of text.split('\n')) {
    const line = cleanLine(rawLine);
    if (line.trim() === '') continue;
    firstAny ??= line.trim();
    const c = line.charCodeAt(0);
    if (c === 9 || c === 32) {
      // Continuation of the previous error (`\thave (…)`, `\twant (…)`).
      if (last && last.raw.length + line.length < MAX_BUILD_RAW) last.raw += `\n${line}`;
      continue;
    }
    last = undefined;
    if (isNoise(line)) continue;
    firstLine ??= line.trim();
    const body = line.startsWith('vet: ') ? line.slice(5) : line;
    const m = body.indexOf(':') >= 0 ? ERROR_RE.exec(body) : null;
    if (!m || findings.length >= MAX_BUILD_FINDINGS) continue;
    const file = m[1] ?? '';
    const lineNo = Number(m[2]);
    const col = m[3];
    last = {
      kind: 'build',
      package: pkg,
      message: (m[4] ?? '').trim(),
      stacks: [
        {
          role: 'build',
          header: col ? `${file}:${lineNo}:${col}` : `${file}:${lineNo}`,
          frames: [{ func: '', file, line: lineNo }],
        },
      ],
      raw: line,
    };
    findings.push(last);
  }
  if (findings.length === 0) {
    const message = firstLine ?? firstAny;
    if (message !== undefined) {
      findings.push({
        kind: 'build',
        package: pkg,
        message,
        stacks: [],
        raw: text.trim().slice(0, MAX_BUILD_RAW),
      });
    }
  }
  return findings;
}
