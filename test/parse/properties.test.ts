// Property tests: no input makes the parser throw or hang, and what it returns is always well
// formed. Inputs: random strings and bytes, random Go-looking lines, and the real fixtures cut at
// random points, with lines deleted, duplicated or swapped, and fed in random chunks.
//
// FC_RUNS (default 150) sets the runs per property; FC_SEED replays a failure (fast-check prints
// the seed and the shrunk counterexample when a property fails).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINDING_KINDS, type ParsedOutput, STACK_ROLES } from '../../src/model.js';
import { createOutputParser, parseOutput } from '../../src/parse/output.js';
import { fixture, fixtureNames, parseReport } from './helpers.js';

const numRuns = Number(process.env.FC_RUNS ?? 150);
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const params = { numRuns, ...(seed !== undefined ? { seed } : {}) };

const ROOT = '/home/runner/work/corpus/corpus';
const ROLES = new Set<string>(STACK_ROLES);
const ACTIONS = new Set(['pass', 'fail', 'skip', 'interrupted']);

const samples = fixtureNames().map((n) => fixture(n));
const sampleLines = [...new Set(samples.flatMap((s) => s.split('\n')))];

function checkParsed(p: ParsedOutput): void {
  expect(typeof p.sawGoOutput).toBe('boolean');
  for (const f of p.findings) {
    expect(FINDING_KINDS).toContain(f.kind);
    expect(typeof f.package).toBe('string');
    expect(typeof f.message).toBe('string');
    expect(typeof f.raw).toBe('string');
    if (f.test !== undefined) expect(f.test).not.toBe('');
    for (const s of f.stacks) {
      expect(ROLES.has(s.role)).toBe(true);
      for (const fr of s.frames) {
        expect(typeof fr.func).toBe('string');
        expect(typeof fr.file).toBe('string');
        expect(Number.isInteger(fr.line) && fr.line >= 0).toBe(true);
      }
    }
  }
  for (const t of p.tests) {
    expect(ACTIONS.has(t.action)).toBe(true);
    expect(t.name).not.toBe('');
    expect(typeof t.package).toBe('string');
  }
  for (const x of p.packages) expect(x.name).not.toBe('');
}

/** The report over the parse: locations only for frames that were parsed, repo-relative. */
function checkReport(p: ParsedOutput): void {
  const report = parseReport(p, { repoRoot: ROOT, module: 'example.com/corpus' });
  const lines = new Set(p.findings.flatMap((f) => f.stacks.flatMap((s) => s.frames.map((fr) => fr.line))));
  for (const f of report.findings) {
    expect(FINDING_KINDS).toContain(f.kind);
    expect(typeof f.signature).toBe('string');
    for (const l of f.locations) {
      expect(l.file).not.toBe('');
      // Repo-relative, or marked as a path outside the checkout (printed as is).
      if (l.origin === undefined) expect(l.file.startsWith('/')).toBe(false);
      else expect(l.origin).toBe('outside');
      expect(l.line).toBeGreaterThan(0);
      expect(lines.has(l.line)).toBe(true);
    }
  }
}

function check(text: string): ParsedOutput {
  const p = parseOutput(text);
  checkParsed(p);
  checkReport(p);
  return p;
}

/** A real sample with random damage: cut, lines dropped, duplicated, swapped. */
const damagedSample = fc
  .record({
    sample: fc.integer({ min: 0, max: samples.length - 1 }),
    cutStart: fc.nat(),
    cutEnd: fc.nat(),
    edits: fc.array(fc.record({ op: fc.constantFrom('drop', 'dup', 'swap'), at: fc.nat() }), {
      maxLength: 8,
    }),
  })
  .map(({ sample, cutStart, cutEnd, edits }) => {
    const text = samples[sample] ?? '';
    const a = cutStart % (text.length + 1);
    const b = a + (cutEnd % (text.length - a + 1));
    const lines = text.slice(a, b).split('\n');
    for (const e of edits) {
      if (lines.length === 0) break;
      const i = e.at % lines.length;
      if (e.op === 'drop') lines.splice(i, 1);
      else if (e.op === 'dup') lines.splice(i, 0, lines[i] ?? '');
      else {
        const j = (i + 1) % lines.length;
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      }
    }
    return lines.join('\n');
  });

describe('parser properties', () => {
  it('random strings (any code unit) never throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => {
        check(s);
      }),
      params,
    );
  });

  it('random bytes, decoded as a log file is, never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        check(Buffer.from(bytes).toString('utf8'));
      }),
      params,
    );
  });

  it('random sequences of real Go output lines and junk never throw', () => {
    const line = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...sampleLines) },
      { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '==================',
          'WARNING: DATA RACE',
          'panic: x',
          'fatal error: y',
          'goroutine 1 [running]:',
          '\t/x.go:1 +0x1',
          '  [failed to restore the stack]',
          '{"Action":"output","Output":"panic: "}',
          '{"Action":"fail"}',
          '\x16=== RUN   T',
          '{',
          '',
        ),
      },
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 300 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        check(lines.join(eol));
      }),
      params,
    );
  });

  it('real samples cut at random points, with lines dropped, duplicated or swapped, never throw', () => {
    fc.assert(
      fc.property(damagedSample, (text) => {
        check(text);
      }),
      params,
    );
  });

  it('streaming: any split into chunks gives the same result as one piece', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: samples.length - 1 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (i, cuts) => {
          const text = samples[i] ?? '';
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const p = createOutputParser();
          let at = 0;
          for (const c of [...points, text.length]) {
            p.push(text.slice(at, c));
            at = c;
          }
          expect(p.end()).toEqual(parseOutput(text));
        },
      ),
      params,
    );
  });

  it('pathological inputs end quickly: one endless line, a million separators, deep nesting', () => {
    const t0 = Date.now();
    check('x'.repeat(5_000_000));
    check('==================\n'.repeat(200_000));
    check(`${'WARNING: DATA RACE\nRead at 0x1 by goroutine 1:\n'.repeat(20_000)}`);
    check(`panic: a\n\n${'goroutine 1 [running]:\nmain.f()\n\t/x.go:1 +0x1\n'.repeat(50_000)}`);
    check(`${'{"Action":"output","Package":"p","Test":"T","Output":"'.repeat(10_000)}`);
    // Not a timing assertion: only that it did not hang (vitest's timeout would say so too).
    expect(Date.now() - t0).toBeLessThan(60_000);
  });

  it('a log with no Go test output is said to be so', () => {
    expect(parseOutput('npm ERR! missing script: test\n').sawGoOutput).toBe(false);
    expect(parseOutput('').sawGoOutput).toBe(false);
    expect(parseOutput('\u0000\u0001\u0002binary\n').sawGoOutput).toBe(false);
  });
});
