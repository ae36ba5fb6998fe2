// The story the foundation issue must pass: the action, pointed at examples/flaky-daemon with
// count 30, reports the race between the writer's read of d.out and Shutdown's write of it (an
// annotation on each line) and, when it happens, the nil-dereference panic at the writer's line,
// each with "k of 30 runs".
import { describe, expect, it } from 'vitest';
import { runAction } from './runner.js';

const DAEMON = 'examples/flaky-daemon/daemon/daemon.go';

describe('examples/flaky-daemon, count 30', () => {
  it('reports the Shutdown/write race on both lines and the panic at the writer', async () => {
    const r = await runAction({ 'working-directory': 'examples/flaky-daemon', count: '30' });
    const report = r.report;
    expect(report?.totalRuns).toBe(30);

    const race = report?.findings.find((f) => f.kind === 'race');
    // Which side is "current" depends on which access happened last in the first run that saw it.
    expect(race?.locations.map((l) => `${l.access} ${l.file}:${l.line} ${l.function}`).sort()).toEqual([
      `read ${DAEMON}:76 daemon.(*Daemon).write`,
      `write ${DAEMON}:88 daemon.(*Daemon).Shutdown`,
    ]);
    expect(race?.locations.map((l) => l.role).sort()).toEqual(['current', 'previous']);
    expect(race?.tests).toEqual(['TestDaemonProcessesJobs']);
    expect(race?.runs).toBe(30);
    // Measured 28-30 of 30 when the example was tuned; far below that means the race is misread.
    expect(race?.runsSeen).toBeGreaterThanOrEqual(15);

    const annotated = r.commands
      .filter((c) => c.command === 'error' && c.properties.file === DAEMON)
      .map((c) => ({ line: c.properties.line, title: c.properties.title ?? '' }));
    const raceTitle = new RegExp(`^Data race \\(${race?.runsSeen}/30 runs\\)`);
    expect(
      annotated
        .filter((a) => raceTitle.test(a.title))
        .map((a) => a.line)
        .sort(),
    ).toEqual(['76', '88']);

    // The panic is a matter of timing (measured 2-7 of 30): when it shows, it is at the writer's line.
    const panics = report?.findings.filter((f) => f.kind === 'panic') ?? [];
    for (const p of panics) {
      expect(p.message).toBe('runtime error: invalid memory address or nil pointer dereference');
      expect(p.locations[0]).toMatchObject({ file: DAEMON, line: 77, role: 'panic' });
      expect(annotated).toContainEqual({ line: '77', title: `Panic (${p.runsSeen}/30 runs): ${p.message}` });
    }
    expect(r.summary).toContain(`${race?.runsSeen}/30`);
    expect(r.status).toBe(1);
  });
});
