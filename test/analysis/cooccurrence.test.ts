// Likely causes: the races reported in the same runs as a panic, fatal error, timeout or failure.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analysis/report.js';
import { daemonPanic, daemonRace, failure, input, outcome, run } from './fixtures.js';

describe('co-occurrence', () => {
  it('names the races seen in the same runs as each symptom, most runs first', () => {
    const runs = [1, 2, 3, 4, 5, 6].map((i) =>
      run(
        i,
        [
          // Race A in runs 1-4, race B in runs 4-6, the panic in 3-5, the failure only in 6.
          ...(i <= 4 ? [daemonRace({ seed: i })] : []),
          ...(i >= 4 ? [daemonRace({ seed: i, writeLine: 60 })] : []),
          ...(i >= 3 && i <= 5 ? [daemonPanic(i)] : []),
          ...(i === 6 ? [failure('TestOther', 'daemon_test.go', 70, 'boom')] : []),
        ],
        [outcome('TestWriter', 'fail')],
      ),
    );
    const r = buildReport(input(runs));
    const raceA = r.findings.find((f) => f.kind === 'race' && f.locations.some((l) => l.line === 51));
    const raceB = r.findings.find((f) => f.kind === 'race' && f.locations.some((l) => l.line === 60));
    const panic = r.findings.find((f) => f.kind === 'panic');
    const fail = r.findings.find((f) => f.kind === 'failure');
    expect(panic?.seenIn).toEqual([3, 4, 5]);
    expect(panic?.cooccurringRaces).toEqual([
      { id: raceA?.id, runs: 2 },
      { id: raceB?.id, runs: 2 },
    ]);
    expect(fail?.cooccurringRaces).toEqual([{ id: raceB?.id, runs: 1 }]);
    expect(raceA?.cooccurringRaces).toBeUndefined();
  });

  it('has none when no race shares a run', () => {
    const r = buildReport(
      input([
        run(1, [daemonRace({ seed: 1 })], [outcome('TestWriter', 'fail')]),
        run(2, [daemonPanic(2)], [outcome('TestReload', 'fail')]),
      ]),
    );
    expect(r.findings.find((f) => f.kind === 'panic')?.cooccurringRaces).toBeUndefined();
  });
});
