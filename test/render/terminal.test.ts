// Golden files: UPDATE_GOLDEN=1 npx vitest run test/render rewrites test/golden/*; review the diff.
// The key lines are also asserted below, so a regenerated golden cannot hide a regression.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analysis/report.js';
import { renderSummary } from '../../src/render/summary.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { input, mapFatal, outcome, run } from '../analysis/fixtures.js';
import { expectGolden } from './golden.js';
import { cleanReport, racePanicReport } from './reports.js';

const ESC = String.fromCharCode(27);

describe('renderTerminal', () => {
  it('renders a race and a panic', () => {
    const text = renderTerminal(racePanicReport());
    expectGolden('terminal-race-panic.txt', text);
    const lines = text.split('\n');
    expect(lines[0]).toBe('RACE    7/30 runs  write in Shutdown vs read in write');
    expect(lines[1]).toBe('  examples/flaky-daemon/daemon/daemon.go:51  (*Daemon).Shutdown  [write]');
    expect(lines[2]).toBe('  examples/flaky-daemon/daemon/daemon.go:31  (*Daemon).write  [read]');
    expect(lines).toContain('  tests: TestWriter  runs: 3, 7, 9, 12, 15, 21, 28');
    expect(lines).toContain(
      "  reproduce: cd examples/flaky-daemon && go test -race -count=1 -run '^TestWriter$' ./daemon  (may need several tries)",
    );
    expect(lines).toContain(
      'PANIC   2/30 runs  runtime error: invalid memory address or nil pointer dereference',
    );
    expect(lines).toContain('  examples/flaky-daemon/daemon/config.go:22  (*Daemon).Reload  [panic]');
    expect(lines).toContain(
      '  FLAKY    7/30  example.com/flaky-daemon/daemon  TestWriter  (fails because of the data race 63974cc5)',
    );
    expect(lines.at(-2)).toBe(
      '✗ 1 data race (fails TestWriter) and 1 panic (fails TestReload) in 30 runs of 1 package',
    );
    expect(text).not.toContain('\x1b[');
  });

  it('colours only when asked', () => {
    const text = renderTerminal(racePanicReport(), { color: true });
    expect(text).toContain('\x1b[1;31mRACE   \x1b[0m');
    const stripped = text
      .split(ESC)
      .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
      .join('');
    expect(stripped).toBe(renderTerminal(racePanicReport()));
  });

  it('renders a clean run and a fatal error', () => {
    expect(renderTerminal(cleanReport())).toBe('✓ No data race, panic or failure in 30 runs of 1 package\n');
    const r = buildReport(
      input([
        run(1, [mapFatal()], [outcome('TestCache', 'interrupted')]),
        run(2, [], [outcome('TestCache', 'pass')]),
      ]),
    );
    const text = renderTerminal(r);
    expectGolden('terminal-fatal.txt', text);
    expect(text).toContain('FATAL   1/2 runs  concurrent map writes');
    expect(text).toContain('  examples/flaky-daemon/daemon/cache.go:16  (*Cache).Put  [fatal]');
  });

  it('says whether a lost race stack was recovered', () => {
    const r = racePanicReport();
    const race = r.findings.find((f) => f.kind === 'race');
    if (!race) throw new Error('no race');
    race.stackRecovery = 'recovered';
    expect(renderTerminal(r)).toContain(
      '  tests: TestWriter  runs: 3, 7, 9, 12, 15, 21, 28  stack recovered with a longer race history\n',
    );
    race.stackRecovery = 'unrecovered';
    expect(renderTerminal(r)).toContain('  one stack could not be recovered\n');
    expect(renderSummary(r)).toContain('· one stack could not be recovered.');
    race.stackRecovery = 'recovered';
    expect(renderSummary(r)).toContain('· stack recovered with a longer race history.');
  });

  it('strips control characters from test output', () => {
    const r = cleanReport();
    r.notes.push('bad \x1b[2Jnote\r');
    expect(renderTerminal(r)).toContain('note: bad note\n');
  });
});
