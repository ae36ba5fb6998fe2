// Hand-built parser output, modelled on /work/shared/go-output/samples (race-basic, panic-nil-deref,
// fatal-concurrent-map-writes, test-timeout-panic, build-failure): a runner-like repository with a
// Go module in a subdirectory, `examples/flaky-daemon`.
import { createPathMapper } from '../../src/analysis/paths.js';
import type { ReportInput } from '../../src/analysis/report.js';
import type { Frame, RawFinding, RunRecord, Stack, TestAction, TestOutcome } from '../../src/model.js';

export const REPO = '/home/runner/work/race-rerun/race-rerun';
export const GOROOT = '/opt/hostedtoolcache/go/1.26/x64';
export const MODULE_DIR = `${REPO}/examples/flaky-daemon`;
export const MODULE = 'example.com/flaky-daemon';
export const PKG = `${MODULE}/daemon`;
export const PKG_DIR = `${MODULE_DIR}/daemon`;

export const mapper = createPathMapper({
  repoRoot: REPO,
  goroot: GOROOT,
  gomodcache: '/home/runner/go/pkg/mod',
  modules: [{ path: MODULE, dir: MODULE_DIR }],
});

const SRC = `${PKG_DIR}`;
const GO = `${GOROOT}/src`;

export function frame(func: string, file: string, line: number): Frame {
  return { func, file, line };
}

function stackText(frames: Frame[], style: 'race' | 'panic', offsets: number): string {
  return frames
    .map((f, i) =>
      style === 'race'
        ? `  ${f.func}()\n      ${f.file}:${f.line} +0x${(0x38 + i * 17 + offsets).toString(16)}`
        : `${f.func}(0x${(0xc000100000 + offsets).toString(16)})\n\t${f.file}:${f.line} +0x${(0x1d + i * 9 + offsets).toString(16)}`,
    )
    .join('\n');
}

export interface RaceOptions {
  /** Which access the race detector saw first (it varies between runs). */
  writeFirst?: boolean;
  /** Seeds the addresses, goroutine ids and +0x offsets, which vary between runs. */
  seed?: number;
  /** Moves the write, to make a different bug. */
  writeLine?: number;
  test?: string;
}

/** `(*Daemon).Shutdown` writes d.closed while `(*Daemon).write` reads it. */
export function daemonRace(opts: RaceOptions = {}): RawFinding {
  const seed = opts.seed ?? 0;
  const writeLine = opts.writeLine ?? 51;
  const gA = 7 + seed * 2;
  const gB = 8 + seed * 2;
  const addr = `0x00c0000${(0xa4018 + seed * 0x40).toString(16)}`;
  const write: Frame[] = [
    frame(`${PKG}.(*Daemon).Shutdown`, `${SRC}/daemon.go`, writeLine),
    frame(`${PKG}.TestWriter.func2`, `${SRC}/daemon_test.go`, 27),
  ];
  const writeCreation: Frame[] = [
    frame(`${PKG}.TestWriter`, `${SRC}/daemon_test.go`, 25),
    frame('testing.tRunner', `${GO}/testing/testing.go`, 2036),
    frame('testing.(*T).Run.gowrap1', `${GO}/testing/testing.go`, 2101),
  ];
  const read: Frame[] = [
    frame(`${PKG}.(*Daemon).write`, `${SRC}/daemon.go`, 31),
    frame(`${PKG}.(*Daemon).loop`, `${SRC}/daemon.go`, 44),
    frame(`${PKG}.New.gowrap1`, `${SRC}/daemon.go`, 19),
  ];
  const readCreation: Frame[] = [
    frame(`${PKG}.New`, `${SRC}/daemon.go`, 19),
    frame(`${PKG}.TestWriter`, `${SRC}/daemon_test.go`, 18),
    frame('testing.tRunner', `${GO}/testing/testing.go`, 2036),
  ];
  const w = {
    access: 'write' as const,
    g: opts.writeFirst === false ? gA : gB,
    frames: write,
    creation: writeCreation,
  };
  const r = {
    access: 'read' as const,
    g: opts.writeFirst === false ? gB : gA,
    frames: read,
    creation: readCreation,
  };
  const [cur, prev] = opts.writeFirst === false ? [r, w] : [w, r];
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const curHeader = `${cap(cur.access)} at ${addr} by goroutine ${cur.g}`;
  const prevHeader = `Previous ${prev.access} at ${addr} by goroutine ${prev.g}`;
  const stacks: Stack[] = [
    { role: 'current', header: curHeader, access: cur.access, goroutine: cur.g, frames: cur.frames },
    { role: 'previous', header: prevHeader, access: prev.access, goroutine: prev.g, frames: prev.frames },
    {
      role: 'current-creation',
      header: `Goroutine ${cur.g} (running) created at`,
      goroutine: cur.g,
      frames: cur.creation,
    },
    {
      role: 'previous-creation',
      header: `Goroutine ${prev.g} (finished) created at`,
      goroutine: prev.g,
      frames: prev.creation,
    },
  ];
  const raw = [
    '==================',
    'WARNING: DATA RACE',
    `${curHeader}:`,
    stackText(cur.frames, 'race', seed),
    '',
    `${prevHeader}:`,
    stackText(prev.frames, 'race', seed),
    '',
    `Goroutine ${cur.g} (running) created at:`,
    stackText(cur.creation, 'race', seed),
    '',
    `Goroutine ${prev.g} (finished) created at:`,
    stackText(prev.creation, 'race', seed),
    '==================',
  ].join('\n');
  return { kind: 'race', package: PKG, test: opts.test ?? 'TestWriter', message: '', stacks, raw };
}

/** A nil map/pointer dereference in `(*Daemon).Reload`, re-panicked by tRunner. */
export function daemonPanic(seed = 0): RawFinding {
  const frames: Frame[] = [
    frame('testing.tRunner.func1.2', `${GO}/testing/testing.go`, 1974),
    frame('testing.tRunner.func1', `${GO}/testing/testing.go`, 1977),
    frame('panic', `${GO}/runtime/panic.go`, 860),
    frame(`${PKG}.(*Daemon).Reload`, `${SRC}/config.go`, 22),
    frame(`${PKG}.TestReload`, `${SRC}/daemon_test.go`, 40),
    frame('testing.tRunner', `${GO}/testing/testing.go`, 2036),
  ];
  const message = 'runtime error: invalid memory address or nil pointer dereference';
  const raw = [
    `panic: ${message} [recovered, repanicked]`,
    `[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x${(0x52e3f5 + seed).toString(16)}]`,
    '',
    `goroutine ${21 + seed} [running]:`,
    stackText(frames, 'panic', seed),
    'created by testing.(*T).Run in goroutine 1',
    `\t${GO}/testing/testing.go:2101 +0x4c5`,
  ].join('\n');
  return {
    kind: 'panic',
    package: PKG,
    test: 'TestReload',
    message: `${message} [recovered, repanicked]`,
    stacks: [
      { role: 'panic', header: `goroutine ${21 + seed} [running]`, goroutine: 21 + seed, frames },
      {
        role: 'creation',
        header: 'created by testing.(*T).Run in goroutine 1',
        frames: [frame('testing.(*T).Run', `${GO}/testing/testing.go`, 2101)],
      },
    ],
    raw,
  };
}

export function indexPanic(index: number, length: number): RawFinding {
  const frames: Frame[] = [
    frame(`${PKG}.worker`, `${SRC}/pool.go`, 9),
    frame(`${PKG}.TestPool.func1`, `${SRC}/pool_test.go`, 14),
  ];
  const message = `runtime error: index out of range [${index}] with length ${length}`;
  return {
    kind: 'panic',
    package: PKG,
    message,
    stacks: [{ role: 'panic', header: 'goroutine 20 [running]', goroutine: 20, frames }],
    raw: `panic: ${message}\n\ngoroutine 20 [running]:\n${stackText(frames, 'panic', index)}`,
  };
}

export function mapFatal(): RawFinding {
  const frames: Frame[] = [
    frame('internal/runtime/maps.fatal', `${GO}/runtime/panic.go`, 1181),
    frame(`${PKG}.(*Cache).Put`, `${SRC}/cache.go`, 16),
  ];
  return {
    kind: 'fatal',
    package: PKG,
    test: 'TestCache',
    message: 'concurrent map writes',
    stacks: [{ role: 'panic', header: 'goroutine 23 [running]', goroutine: 23, frames }],
    raw: `fatal error: concurrent map writes\n\ngoroutine 23 [running]:\n${stackText(frames, 'panic', 1)}`,
  };
}

export function goTimeout(): RawFinding {
  return {
    kind: 'timeout',
    package: PKG,
    message: 'test timed out after 2s',
    runningTests: ['TestSlow (2s)', 'TestSlow/slow_sub (2s)'],
    stacks: [
      {
        role: 'panic',
        header: 'goroutine 17 [running]',
        frames: [frame('testing.(*M).startAlarm.func1', `${GO}/testing/testing.go`, 2802)],
      },
      {
        role: 'goroutine',
        header: 'goroutine 9 [sleep]',
        frames: [
          frame('time.Sleep', `${GO}/runtime/time.go`, 363),
          frame(`${PKG}.TestSlow.func1`, `${SRC}/slow_test.go`, 12),
        ],
      },
    ],
    raw: 'panic: test timed out after 2s\n\trunning tests:\n\t\tTestSlow (2s)\n\t\tTestSlow/slow_sub (2s)',
  };
}

export function failure(test: string, file: string, line: number, message: string): RawFinding {
  return {
    kind: 'failure',
    package: PKG,
    test,
    message,
    stacks: [{ role: 'failure', header: `--- FAIL: ${test}`, frames: [frame('', file, line)] }],
    raw: `--- FAIL: ${test} (0.00s)\n    ${file}:${line}: ${message}`,
  };
}

export function buildError(): RawFinding {
  return {
    kind: 'build',
    package: `${MODULE}/broken`,
    message: 'cannot use "not an int" (untyped string constant) as int value in variable declaration',
    stacks: [{ role: 'build', header: '', frames: [frame('', 'broken/broken_test.go', 6)] }],
    raw: `# ${MODULE}/broken [${MODULE}/broken.test]\nbroken/broken_test.go:6:14: cannot use "not an int" (untyped string constant) as int value in variable declaration`,
  };
}

export function outcome(name: string, action: TestAction): TestOutcome {
  return { package: PKG, name, action, elapsed: 0.01 };
}

export function run(
  index: number,
  findings: RawFinding[],
  tests: TestOutcome[],
  extra: Partial<RunRecord> = {},
): RunRecord {
  const failed = findings.length > 0 || tests.some((t) => t.action === 'fail' || t.action === 'interrupted');
  return {
    package: PKG,
    index,
    exitCode: failed ? 1 : 0,
    signal: null,
    killed: false,
    durationMs: 1200,
    parsed: {
      tests,
      findings,
      packages: [{ name: PKG, action: failed ? 'fail' : 'pass' }],
      sawGoOutput: true,
    },
    ...extra,
  };
}

export function input(runs: RunRecord[], over: Partial<ReportInput> = {}): ReportInput {
  return {
    mode: 'run',
    version: '0.1.0',
    context: {
      workingDirectory: 'examples/flaky-daemon',
      packages: ['./daemon'],
      count: runs.length,
      timeout: '10m',
      goTestFlags: [],
      goVersion: 'go1.26.10',
    },
    count: runs.length,
    packages: [{ importPath: PKG, dir: PKG_DIR, built: true }],
    moduleDir: MODULE_DIR,
    builds: [],
    runs,
    mapper,
    errors: [],
    notes: [],
    ...over,
  };
}
