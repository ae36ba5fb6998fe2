// Text as people have it (issue 11): a report indented, quoted, prefixed, CRLF-ed, padded, with
// tabs turned into spaces or frames unindented, junk glued before its header, or cut at its start
// or end, gives the same user-code sites as the log Go printed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedOutput } from '../../src/model.js';
import { parseOutput } from '../../src/parse/output.js';
import { fixture, parseReport } from './helpers.js';

const ROOT = '/home/runner/work/corpus/corpus';
const numRuns = Number(process.env.FC_RUNS ?? 100);

/** Real reports, one finding each (race, panic, fatal), plain output. */
const SINGLE = [
  'race-basic-go1.26.txt',
  'race-basic-go1.19.txt',
  'race-global-var-go1.26.txt',
  'race-slice-append-go1.26.txt',
  'race-with-mutex-history-go1.26.txt',
  'race-in-subtest-go1.26.txt',
  'race-trimpath-go1.26.txt',
  'panic-nil-deref-in-test-go1.26.txt',
  'panic-nil-deref-in-test-go1.19.txt',
  'panic-index-out-of-range-in-goroutine-go1.26.txt',
  'panic-recovered-repanicked-go1.26.txt',
  'fatal-concurrent-map-writes-go1.26.txt',
];

/**
 * `kind role function base:line` of each location of the race, panic and fatal findings. A dump
 * cut before its `panic:` / `fatal error:` line cannot tell the two apart: `anyPanic` merges them.
 */
function sites(p: ParsedOutput, repoRoot = ROOT, anyPanic = false): string[] {
  const report = parseReport(p, { repoRoot, module: 'example.com/corpus' });
  return report.findings
    .filter((f) => f.kind === 'race' || f.kind === 'panic' || f.kind === 'fatal')
    .flatMap((f) =>
      f.locations.map((l) => {
        const kind = anyPanic && f.kind === 'fatal' ? 'panic' : f.kind;
        const role = anyPanic && l.role === 'fatal' ? 'panic' : l.role;
        return `${kind} ${role} ${l.function} ${l.file.split('/').pop()}:${l.line}`;
      }),
    )
    .sort();
}

type Shape = (lines: string[]) => string[];

const HEADER = /^(?:==================|WARNING: DATA RACE|panic: |fatal error: )/;

const SHAPES: Record<string, Shape> = {
  indent4: (ls) => ls.map((l) => (l ? `    ${l}` : l)),
  indentTab: (ls) => ls.map((l) => `\t${l}`),
  markdownQuote: (ls) => ls.map((l) => (l ? `> ${l}` : '>')),
  trailingSpaces: (ls) => ls.map((l) => l.padEnd(80, ' ')),
  crlf: (ls) => ls.map((l) => `${l}\r`),
  caretM: (ls) => ls.map((l) => `${l}^M`),
  tabsToSpaces: (ls) => ls.map((l) => l.replace(/^\t/, '        ')),
  unindentedFrames: (ls) => ls.map((l) => (/^\s+(?:\S+\(.*\)|\S+\.go:\d+.*)$/.test(l) ? l.trimStart() : l)),
  ghTimestamps: (ls) => ls.map((l, i) => `2026-03-01T12:00:${String(i % 60).padStart(2, '0')}.1234567Z ${l}`),
  webLogView: (ls) => ls.map((l, i) => `${i + 1}  2026-03-01T12:00:00.0000000Z ${l}`),
  journalctl: (ls) => ls.map((l) => `Mar 01 12:00:00 build-host app[1234]: ${l}`),
  tag: (ls) => ls.map((l) => `worker-1[7]: ${l}`),
  junkBeforeHeader: (ls) => {
    const i = ls.findIndex((l) => HEADER.test(l));
    return ls.map((l, j) => (j === i ? `•••${l}` : l));
  },
  fenceBacktick: (ls) => {
    const i = ls.findIndex((l) => HEADER.test(l));
    return ls.map((l, j) => (j === i ? `\`${l}` : l));
  },
  shellPrompt: (ls) => {
    const i = ls.findIndex((l) => HEADER.test(l));
    return ls.map((l, j) => (j === i ? `$ ${l}` : l));
  },
};

/** Cuts that keep every stack the sites come from: the report's opening, or what follows it. */
const CUTS: Record<string, Shape> = {
  cutBeforeFirstStack: (ls) => {
    const i = ls.findIndex(
      (l) => /^(?:Read|Write|Previous|Atomic)\b.* by /.test(l) || /^goroutine \d+ /.test(l),
    );
    return i < 0 ? ls : ls.slice(i);
  },
  cutAtEnd: (ls) => {
    const race = ls.lastIndexOf('==================');
    if (race > 0) return ls.slice(0, race);
    const end = ls.findIndex((l) => /^(?:FAIL|exit status|ok )/.test(l));
    return end < 0 ? ls : ls.slice(0, end);
  },
};

describe('shapes of pasted reports keep their user-code sites', () => {
  for (const name of SINGLE) {
    const text = fixture(name);
    const expected = sites(parseOutput(text));
    it(`${name}: has sites to compare`, () => {
      expect(expected.length).toBeGreaterThan(0);
    });
    for (const [shape, fn] of Object.entries({ ...SHAPES, ...CUTS })) {
      it(`${name}: ${shape}`, () => {
        const shaped = parseOutput(fn(text.split('\n')).join('\n'));
        expect(sites(shaped, ROOT, shape in CUTS)).toEqual(sites(parseOutput(text), ROOT, shape in CUTS));
      });
    }
  }

  it('property: any combination of shapes and one cut keeps the sites', () => {
    const names = Object.keys(SHAPES);
    fc.assert(
      fc.property(
        fc.constantFrom(...SINGLE),
        fc.subarray(names, { maxLength: 4 }),
        fc.constantFrom(undefined, ...Object.keys(CUTS)),
        (name, shapes, cut) => {
          const text = fixture(name);
          let ls = text.split('\n');
          if (cut) ls = (CUTS[cut] as Shape)(ls);
          // Per-line prefixes go on last, as a log viewer adds them to what it shows.
          const order = [...shapes].sort((a, b) => rank(a) - rank(b));
          for (const s of order) ls = (SHAPES[s] as Shape)(ls);
          expect(sites(parseOutput(ls.join('\n')), ROOT, !!cut)).toEqual(
            sites(parseOutput(text), ROOT, !!cut),
          );
        },
      ),
      { numRuns },
    );
  });

  it('a quoted report whose closing separator got junk: the next report is quoted the same way', () => {
    // Found by the property below (seed -1164896227): the second race lost its stacks.
    const text = fixture('race-global-var-go1.26.txt');
    let ls = (CUTS.cutBeforeFirstStack as Shape)(text.split('\n'));
    for (const s of ['unindentedFrames', 'fenceBacktick', 'shellPrompt', 'markdownQuote'])
      ls = (SHAPES[s] as Shape)(ls);
    expect(ls.join('\n')).toContain('> $ ==================\n> WARNING: DATA RACE');
    expect(sites(parseOutput(ls.join('\n')), ROOT, true)).toEqual(sites(parseOutput(text), ROOT, true));
  });

  it('cut reports are marked truncated; whole ones are not', () => {
    const text = fixture('race-basic-go1.26.txt').split('\n');
    expect(parseOutput(text.join('\n')).findings[0]?.truncated).toBeUndefined();
    const cut = (CUTS.cutBeforeFirstStack as Shape)(text).join('\n');
    expect(parseOutput(cut).findings[0]?.truncated).toBe(true);
    const panic = fixture('panic-nil-deref-in-test-go1.26.txt').split('\n');
    const tb = parseOutput((CUTS.cutBeforeFirstStack as Shape)(panic).join('\n'));
    expect(tb.sawGoOutput).toBe(true);
    expect(tb.findings[0]?.truncated).toBe(true);
  });

  it('the same log parsed in another checkout: same sites by function and line, origin outside', () => {
    const p = parseOutput(fixture('race-basic-go1.26.txt'));
    const local = sites(p);
    const elsewhere = sites(p, '/Users/someone/src/other');
    expect(elsewhere).toEqual(local);
  });
});

/** Shapes that change line content go first, per-line prefixes (and line ends) after. */
function rank(shape: string): number {
  if (
    ['junkBeforeHeader', 'fenceBacktick', 'shellPrompt', 'unindentedFrames', 'tabsToSpaces'].includes(shape)
  )
    return 0;
  if (['indent4', 'indentTab', 'markdownQuote'].includes(shape)) return 1;
  if (['trailingSpaces'].includes(shape)) return 2;
  if (['ghTimestamps', 'webLogView', 'journalctl', 'tag'].includes(shape)) return 3;
  return 4;
}

describe('newer headers', () => {
  it('Go 1.27 goroutine labels in traceback headers keep the block', () => {
    const text = fixture('panic-nil-deref-in-test-go1.26.txt').replace(
      'goroutine 8 [running]:',
      'goroutine 8 [running] {test.name: TestNilDeref}:',
    );
    expect(text).toContain('{test.name: TestNilDeref}:');
    expect(sites(parseOutput(text))).toEqual(
      sites(parseOutput(fixture('panic-nil-deref-in-test-go1.26.txt'))),
    );
    expect(sites(parseOutput(text)).length).toBeGreaterThan(0);
  });
});
