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

/** What i12's analysis records: the tests a race or panic fails (here, the tests it was seen in). */
export function withFailsTests(r: Report): Report {
  for (const f of r.findings) if (f.kind === 'race' || f.kind === 'panic') f.failsTests = [...f.tests];
  return r;
}

export interface SeriesOptions {
  /** Runs with the race, and the line of its write (51 at the head, moved in a base). */
  race?: number[];
  writeLine?: number;
  panic?: number[];
  runs?: number;
}

/** `runs` runs of the daemon package with the race and the panic in the given runs. */
export function seriesReport(opts: SeriesOptions): Report {
  const runs = Array.from({ length: opts.runs ?? 30 }, (_, i) => {
    const index = i + 1;
    const race = opts.race?.includes(index) ?? false;
    const panic = opts.panic?.includes(index) ?? false;
    const findings = [
      ...(race
        ? [daemonRace({ seed: index, writeFirst: index % 2 === 1, writeLine: opts.writeLine ?? 51 })]
        : []),
      ...(panic ? [daemonPanic(index)] : []),
    ];
    return run(index, findings, [
      outcome('TestWriter', race ? 'fail' : 'pass'),
      outcome('TestReload', panic ? 'fail' : 'pass'),
    ]);
  });
  return withFailsTests(buildReport(input(runs)));
}

/** A report as the base branch's run saved it: on `main`, at a commit. */
export function onMain(r: Report): Report {
  r.context.branch = 'main';
  r.context.commit = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
  return r;
}
