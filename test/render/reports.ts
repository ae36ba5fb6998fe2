// Reports the renderer tests share, built through buildReport from fixture runs, so the renderers
// are tested on what the analysis really produces.
import { buildReport } from '../../src/analysis/report.js';
import type { Report } from '../../src/model.js';
import { daemonPanic, daemonRace, input, outcome, run } from '../analysis/fixtures.js';

export const RACE_RUNS = [3, 7, 9, 12, 15, 21, 28];
export const PANIC_RUNS = [5, 19];

/** 30 runs of one package: a race in 7 of them and a nil dereference panic in 2. */
export function racePanicReport(): Report {
  const runs = Array.from({ length: 30 }, (_, i) => {
    const index = i + 1;
    const race = RACE_RUNS.includes(index);
    const panic = PANIC_RUNS.includes(index);
    const findings = [
      ...(race ? [daemonRace({ seed: index, writeFirst: index % 2 === 1 })] : []),
      ...(panic ? [daemonPanic(index)] : []),
    ];
    return run(index, findings, [
      outcome('TestWriter', race ? 'fail' : 'pass'),
      outcome('TestReload', panic ? 'fail' : 'pass'),
      outcome('TestStart', 'pass'),
    ]);
  });
  return buildReport(input(runs));
}

export function cleanReport(): Report {
  const runs = Array.from({ length: 30 }, (_, i) => run(i + 1, [], [outcome('TestWriter', 'pass')]));
  return buildReport(input(runs));
}

/** Like racePanicReport, but the panic only happens in runs that also raced: its likely cause. */
export function causeReport(): Report {
  const raceRuns = [...RACE_RUNS, ...PANIC_RUNS];
  const runs = Array.from({ length: 30 }, (_, i) => {
    const index = i + 1;
    const race = raceRuns.includes(index);
    const panic = PANIC_RUNS.includes(index);
    const findings = [
      ...(race ? [daemonRace({ seed: index, writeFirst: index % 2 === 1 })] : []),
      ...(panic ? [daemonPanic(index)] : []),
    ];
    return run(index, findings, [
      outcome('TestWriter', race ? 'fail' : 'pass'),
      outcome('TestReload', panic ? 'fail' : 'pass'),
    ]);
  });
  return buildReport(input(runs));
}
