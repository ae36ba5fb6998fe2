// Shared helpers for the parser tests: fixture loading and compact views of parsed output.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPathMapper, type PathDisk } from '../../src/analysis/paths.js';
import { buildReport } from '../../src/analysis/report.js';
import type { ParsedOutput, RawFinding, Report, Stack, StackRole } from '../../src/model.js';
import { type OutputParserOptions, parseOutput } from '../../src/parse/output.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/go-output/', import.meta.url));

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.txt') || f.endsWith('.jsonl'))
    .sort();
}

export function fixture(name: string): string {
  return readFileSync(FIXTURE_DIR + name, 'utf8');
}

export function parseFixture(name: string, opts?: OutputParserOptions): ParsedOutput {
  return parseOutput(fixture(name), opts);
}

export function stack(f: RawFinding, role: StackRole): Stack | undefined {
  return f.stacks.find((s) => s.role === role);
}

/** `basename:line` of a stack's first frame. */
export function top(f: RawFinding, role: StackRole): string | undefined {
  const fr = stack(f, role)?.frames[0];
  return fr ? `${fr.file.slice(fr.file.lastIndexOf('/') + 1)}:${fr.line}` : undefined;
}

/** `basename:line` of a stack's first frame in a `_test.go` file (what analysis will annotate). */
export function firstTestFrame(f: RawFinding, role: StackRole): string | undefined {
  const fr = stack(f, role)?.frames.find((x) => x.file.endsWith('_test.go'));
  return fr ? `${fr.file.slice(fr.file.lastIndexOf('/') + 1)}:${fr.line}` : undefined;
}

export function roles(f: RawFinding): StackRole[] {
  return f.stacks.map((s) => s.role);
}

export function outcomes(r: ParsedOutput): string[] {
  return r.tests.map((t) => `${t.name}:${t.action}`);
}

export function kinds(r: ParsedOutput): string[] {
  return r.findings.map((f) => f.kind);
}

export const CORPUS = 'example.com/corpus/';

/** `arr[i]`, failing the test when it is missing (instead of a non-null assertion). */
export function nth<T>(arr: readonly T[], i: number): T {
  const v = arr[i];
  if (v === undefined) throw new Error(`no element ${i} (length ${arr.length})`);
  return v;
}

export function fail(): never {
  throw new Error('expected a value');
}

/**
 * The report `race-rerun parse` makes of one parsed log, in a checkout at `repoRoot` (of module
 * `module`, when given), the log read as one run of `package`.
 */
export function parseReport(
  parsed: ParsedOutput,
  at: { repoRoot: string; module?: string; package?: string; disk?: PathDisk },
): Report {
  const { repoRoot } = at;
  const modules = at.module ? [{ path: at.module, dir: repoRoot }] : undefined;
  return buildReport({
    mode: 'parse',
    version: 'test',
    context: { workingDirectory: '.', packages: [], count: 1, timeout: '', goTestFlags: [] },
    count: 1,
    packages: [],
    moduleDir: repoRoot,
    builds: [],
    runs: [
      {
        package: at.package ?? '',
        index: 1,
        exitCode: 1,
        signal: null,
        killed: false,
        durationMs: 0,
        parsed,
      },
    ],
    mapper: createPathMapper(modules ? { repoRoot, modules } : { repoRoot }, at.disk),
    errors: [],
    notes: [],
  });
}
