import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analysis/report.js';
import { packageArg, reproduceCommand, rerunCommand } from '../../src/analysis/reproduce.js';
import { daemonRace, input, outcome, PKG, run } from './fixtures.js';

describe('reproduce commands', () => {
  const base = {
    kind: 'race' as const,
    workingDirectory: 'examples/flaky-daemon',
    packageArg: './daemon',
    tests: ['TestWriter'],
    goTestFlags: [],
  };

  it('runs one top-level test or one subtest from the module directory', () => {
    expect(reproduceCommand(base)).toBe(
      "cd examples/flaky-daemon && go test -race -count=1 -run '^TestWriter$' ./daemon",
    );
    expect(reproduceCommand({ ...base, workingDirectory: '.', tests: ['TestA/case_(1)'] })).toBe(
      "go test -race -count=1 -run '^TestA$/^case_\\(1\\)$' ./daemon",
    );
    expect(rerunCommand(base, 30)).toBe(
      "cd examples/flaky-daemon && npx --yes github:org/race-rerun run --count 30 --run '^TestWriter$' ./daemon",
    );
  });

  it('the race-rerun line keeps the user flags like the go test line does', () => {
    const flags = { ...base, goTestFlags: ['-short', '-tags=integration', '-v', '-race'] };
    expect(reproduceCommand(flags)).toContain('-race -count=1 -short -tags=integration -run');
    expect(rerunCommand(flags, 30)).toBe(
      "cd examples/flaky-daemon && npx --yes github:org/race-rerun run --count 30 --go-test-flags='-short -tags=integration' --run '^TestWriter$' ./daemon",
    );
  });

  it('omits -run without a test, keeps the user flags, and quotes for sh', () => {
    expect(
      reproduceCommand({
        ...base,
        tests: [],
        workingDirectory: "odd dir/it's",
        goTestFlags: ['-tags=integration', '-count=5', '-v', '-ldflags=-X main.v=1'],
      }),
    ).toBe(
      "cd 'odd dir/it'\\''s' && go test -race -count=1 -tags=integration '-ldflags=-X main.v=1' ./daemon",
    );
    expect(reproduceCommand({ ...base, tests: [], run: 'TestW' })).toContain('-run TestW ./daemon');
  });

  it('turns package directories into go package arguments', () => {
    expect(packageArg('examples/flaky-daemon/daemon', 'examples/flaky-daemon', PKG)).toBe('./daemon');
    expect(packageArg('examples/flaky-daemon', 'examples/flaky-daemon', PKG)).toBe('.');
    expect(packageArg('pkg/x', '.', PKG)).toBe('./pkg/x');
    expect(packageArg('.', '.', PKG)).toBe('.');
    expect(packageArg('elsewhere/x', 'examples/flaky-daemon', PKG)).toBe(PKG);
    expect(packageArg('', '.', PKG)).toBe(PKG);
  });
});

describe('finding ids', () => {
  it('stay distinct when two packages share a signature', () => {
    const other = 'example.com/flaky-daemon/daemon2';
    const r1 = run(1, [daemonRace()], [outcome('TestWriter', 'fail')]);
    const r2 = { ...run(1, [{ ...daemonRace(), package: other }], []), package: other };
    const r = buildReport(input([r1, r2]));
    expect(r.findings).toHaveLength(2);
    expect(r.findings[0]?.signature).toBe(r.findings[1]?.signature);
    expect(r.findings[0]?.id).not.toBe(r.findings[1]?.id);
  });
});
