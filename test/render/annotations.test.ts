import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analysis/report.js';
import {
  ANNOTATION_MESSAGE_BYTES,
  capMessage,
  planAnnotations,
  renderAnnotations,
} from '../../src/render/annotations.js';
import { failingFindings } from '../../src/render/outcome.js';
import { buildError, daemonRace, failure, indexPanic, input, outcome, run } from '../analysis/fixtures.js';
import { racePanicReport } from './reports.js';

describe('renderAnnotations', () => {
  const annotations = renderAnnotations(racePanicReport());

  it('puts the race on both sides and the panic on its line', () => {
    expect(annotations.map((a) => [a.level, a.file, a.startLine, a.title])).toEqual([
      [
        'error',
        'examples/flaky-daemon/daemon/daemon.go',
        51,
        'Data race (7/30 runs): write in Shutdown vs read in write',
      ],
      [
        'error',
        'examples/flaky-daemon/daemon/daemon.go',
        31,
        'Data race (7/30 runs): other side of the race at examples/flaky-daemon/daemon/daemon.go:51',
      ],
      [
        'error',
        'examples/flaky-daemon/daemon/config.go',
        22,
        'Panic (2/30 runs): runtime error: invalid memory address or nil pointer dereference',
      ],
    ]);
  });

  it('names the other side, shows trimmed stacks, the runs and how to reproduce', () => {
    const [race, other, panic] = annotations;
    expect(race?.message).toBe(
      [
        'This write races with the read in daemon.(*Daemon).write at examples/flaky-daemon/daemon/daemon.go:31.',
        '',
        'Write at 0x00c0000a40d8 by goroutine 14:',
        '  daemon.(*Daemon).Shutdown',
        '      examples/flaky-daemon/daemon/daemon.go:51',
        '  daemon.TestWriter.func2',
        '      examples/flaky-daemon/daemon/daemon_test.go:27',
        '',
        'Previous read at 0x00c0000a40d8 by goroutine 13:',
        '  daemon.(*Daemon).write',
        '      examples/flaky-daemon/daemon/daemon.go:31',
        '  daemon.(*Daemon).loop',
        '      examples/flaky-daemon/daemon/daemon.go:44',
        '  daemon.New.gowrap1',
        '      examples/flaky-daemon/daemon/daemon.go:19',
        '',
        'Goroutine 14 (running) created at:',
        '  daemon.TestWriter',
        '      examples/flaky-daemon/daemon/daemon_test.go:25',
        '  … 2 more frames',
        '',
        'Goroutine 13 (finished) created at:',
        '  daemon.New',
        '      examples/flaky-daemon/daemon/daemon.go:19',
        '  daemon.TestWriter',
        '      examples/flaky-daemon/daemon/daemon_test.go:18',
        '  … 1 more frame',
        '',
        'Seen in runs 3, 7, 9, 12, 15, 21, 28; tests: TestWriter',
        '',
        "Reproduce (may need repeating): cd examples/flaky-daemon && go test -race -count=1 -run '^TestWriter$' ./daemon",
        "Or repeat it: cd examples/flaky-daemon && npx --yes github:org/race-rerun run --count 30 --run '^TestWriter$' ./daemon",
      ].join('\n'),
    );
    expect(other?.message.split('\n')[0]).toBe(
      'This read races with the write in daemon.(*Daemon).Shutdown at examples/flaky-daemon/daemon/daemon.go:51.',
    );
    expect(panic?.message.split('\n\n').slice(0, 3)).toEqual([
      'The test binary panicked here: runtime error: invalid memory address or nil pointer dereference',
      [
        'goroutine 26 [running]:',
        '  panic',
        '      runtime/panic.go:860',
        '  daemon.(*Daemon).Reload',
        '      examples/flaky-daemon/daemon/config.go:22',
        '  daemon.TestReload',
        '      examples/flaky-daemon/daemon/daemon_test.go:40',
        '  … 3 more frames',
      ].join('\n'),
      'Seen in runs 5, 19; tests: TestReload',
    ]);
  });

  it('skips findings outside the repository and deduplicates identical annotations', () => {
    const outside = indexPanic(5, 3);
    for (const s of outside.stacks) {
      s.frames = s.frames.map((f) => ({
        ...f,
        file: `/home/runner/go/pkg/mod/example.org/lib@v1.0.0/${f.file.split('/').pop()}`,
      }));
    }
    // One race whose two sides are on the same line: a single annotation.
    const sameLine = daemonRace({ writeLine: 31 });
    const r = buildReport(input([run(1, [outside, sameLine], [outcome('TestWriter', 'fail')])]));
    expect(r.findings).toHaveLength(2);
    const a = renderAnnotations(r);
    expect(a.map((x) => `${x.file}:${x.startLine}`)).toEqual(['examples/flaky-daemon/daemon/daemon.go:31']);
  });
});

describe('renderAnnotations for other kinds', () => {
  it('annotates a build error and a failure without run counts noise', () => {
    const r = buildReport(
      input(
        [
          run(
            1,
            [failure('TestWriter', 'daemon_test.go', 60, 'got 2 lines, want 1')],
            [outcome('TestWriter', 'fail')],
          ),
        ],
        {
          buildFindings: [buildError()],
        },
      ),
    );
    expect(renderAnnotations(r)).toEqual([
      {
        level: 'error',
        title: 'Test failure (1/1 runs): TestWriter',
        message: [
          'TestWriter failed here: got 2 lines, want 1',
          '',
          'Seen in runs 1; tests: TestWriter',
          '',
          "Reproduce (may need repeating): cd examples/flaky-daemon && go test -race -count=1 -run '^TestWriter$' ./daemon",
          "Or repeat it: cd examples/flaky-daemon && npx --yes github:org/race-rerun run --count 30 --run '^TestWriter$' ./daemon",
        ].join('\n'),
        file: 'examples/flaky-daemon/daemon/daemon_test.go',
        startLine: 60,
      },
      {
        level: 'error',
        title: 'Build failed: example.com/flaky-daemon/broken',
        message: [
          'cannot use "not an int" (untyped string constant) as int value in variable declaration',
          '',
          "Reproduce: cd examples/flaky-daemon && go test -race -count=1 -run '^$' ./broken",
        ].join('\n'),
        file: 'examples/flaky-daemon/broken/broken_test.go',
        startLine: 6,
      },
    ]);
  });
});

describe('failingFindings', () => {
  it('keeps the kinds named by fail-on', () => {
    const r = racePanicReport();
    expect(failingFindings(r, ['race']).map((f) => f.kind)).toEqual(['race']);
    expect(failingFindings(r, ['race', 'panic'])).toHaveLength(2);
    expect(failingFindings(r, [])).toEqual([]);
  });
});

describe('planAnnotations: the per-step budget', () => {
  /** `n` races on distinct lines, race k seen in n-k of n runs (so race 0 ranks first). */
  function manyRaces(n: number) {
    const runs = Array.from({ length: n }, (_, i) =>
      run(
        i + 1,
        Array.from({ length: n }, (_, k) => k)
          .filter((k) => i < n - k)
          .map((k) => daemonRace({ seed: i, writeLine: 100 + k })),
        [outcome('TestWriter', 'fail')],
      ),
    );
    return buildReport(input(runs));
  }

  it('spends 10 errors, then 10 warnings, then 10 notices on the most reproducible findings', () => {
    const r = manyRaces(40);
    const plan = planAnnotations(r);
    const levels = plan.annotations.map((a) => a.level);
    expect(levels.filter((l) => l === 'error')).toHaveLength(10);
    expect(levels.filter((l) => l === 'warning')).toHaveLength(10);
    expect(levels.filter((l) => l === 'notice')).toHaveLength(10);
    // Every race has its write on its own line and shares the read at daemon.go:31: the read is
    // annotated once, with all of them merged into it.
    const shared = plan.annotations.filter((a) => a.startLine === 31);
    expect(shared).toHaveLength(1);
    expect(shared[0]?.title).toMatch(/^Data race \(40\/40 runs\): .*\(and 28 more on this line\)$/);
    expect(plan.annotations[0]?.title).toBe('Data race (40/40 runs): write in Shutdown vs read in write');
    expect(plan.annotations[0]?.startLine).toBe(100);
    // 29 writes fit next to the shared read; the 11 least reproducible races are listed instead.
    expect(plan.unannotated).toHaveLength(11);
    expect(plan.unannotated[0]).toBe(
      'Data race (11/40 runs): write in Shutdown vs read in write at examples/flaky-daemon/daemon/daemon.go:129',
    );
  });

  it('leaves room for the step failure message and a warning', () => {
    const plan = planAnnotations(manyRaces(40), { reserved: { error: 1, warning: 1 } });
    const count = (l: string) => plan.annotations.filter((a) => a.level === l).length;
    expect([count('error'), count('warning'), count('notice')]).toEqual([9, 9, 10]);
    expect(plan.unannotated).toHaveLength(13);
  });

  it('merges findings that land on the same line into one annotation', () => {
    const r = buildReport(
      input([
        run(
          1,
          [failure('TestA', 'daemon_test.go', 60, 'first'), failure('TestB', 'daemon_test.go', 60, 'second')],
          [outcome('TestA', 'fail'), outcome('TestB', 'fail')],
        ),
      ]),
    );
    const a = planAnnotations(r).annotations;
    expect(a).toHaveLength(1);
    expect(a[0]?.title).toMatch(/\(and 1 more on this line\)$/);
    expect(a[0]?.message).toContain('Also on this line: Test failure (1/1 runs): TestB');
  });
});

describe('annotation size', () => {
  it('caps a huge message at a line, in UTF-8 bytes, with a pointer to the summary', () => {
    const huge = Array.from({ length: 400 }, (_, i) => `line ${i}: ${'é'.repeat(20)}`).join('\n');
    const r = buildReport(
      input([run(1, [failure('TestHuge', 'daemon_test.go', 9, huge)], [outcome('TestHuge', 'fail')])]),
    );
    const [a] = renderAnnotations(r);
    const bytes = new TextEncoder().encode(a?.message ?? '').length;
    expect(bytes).toBeLessThanOrEqual(ANNOTATION_MESSAGE_BYTES);
    expect(bytes).toBeGreaterThan(ANNOTATION_MESSAGE_BYTES - 200);
    expect(a?.message).toMatch(
      /\nline \d+: é{20}\n… \(shortened: the job summary and the JSON report have all of it\)$/,
    );
    expect(a?.message.startsWith('TestHuge failed here: line 0:')).toBe(true);
    expect(capMessage('short')).toBe('short');
    // A cut inside a multi-byte character drops it rather than leaving half of it.
    expect(capMessage('€'.repeat(2000), 100)).toMatch(/^€+\n… \(shortened/);
  });
});
