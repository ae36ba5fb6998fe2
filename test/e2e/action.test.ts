// The bundled action (dist/index.js) run as GitHub runs it, on the real Go modules in test/go/.
// Asserts the workflow commands it prints, its outputs, the job summary and the JSON report.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from './runner.js';

function annotations(r: ActionResult) {
  return r.commands.filter((c) => (c.command === 'error' || c.command === 'warning') && c.properties.file);
}

/** The step's failure message: @actions/core's setFailed prints it as the last `::error::`. */
function failure(r: ActionResult): string | undefined {
  return r.commands.filter((c) => c.command === 'error' && !c.properties.file).at(-1)?.message;
}

describe('action on real Go modules', () => {
  it('race: both sides annotated with k/N, outputs, summary and report', async () => {
    const r = await runAction({
      'working-directory': 'test/go/race',
      count: '3',
      parallel: '2',
      timeout: '1m',
    });
    expect(r.status).toBe(1);
    const notes = annotations(r);
    expect(notes.map((a) => `${a.properties.file}:${a.properties.line}`).sort()).toEqual([
      'test/go/race/race.go:13',
      'test/go/race/race.go:18',
    ]);
    for (const a of notes) {
      expect(a.command).toBe('error');
      expect(a.properties.title).toMatch(/^Data race \(3\/3 runs\)/);
    }
    // Each side's message names the other side.
    const at13 = notes.find((a) => a.properties.line === '13');
    expect(at13?.message).toContain('race.go:18');
    expect(failure(r)).toMatch(/1 data race/);

    expect(r.outputs.runs).toBe('3');
    expect(r.outputs['failed-runs']).toBe('3');
    expect(r.outputs.races).toBe('1');
    expect(r.outputs.panics).toBe('0');
    expect(r.outputs.report).toBe(r.reportPath);
    expect(JSON.parse(r.outputs['flaky-tests'] ?? '')).toEqual([
      { package: 'example.com/rr/race', test: 'TestRace', failed: 3, runs: 3, status: 'failing' },
    ]);

    const report = r.report;
    expect(report?.runs).toBe(3);
    expect(report?.findings).toHaveLength(1);
    const race = report?.findings[0];
    expect(race?.kind).toBe('race');
    expect(race?.runsSeen).toBe(3);
    expect(race?.tests).toEqual(['TestRace']);
    expect(race?.locations.map((l) => `${l.role}:${l.file}:${l.line}:${l.function}`).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(current|previous):test\/go\/race\/race\.go:13:/)]),
    );
    expect(new Set(race?.locations.map((l) => l.role))).toEqual(new Set(['current', 'previous']));
    expect(report?.tests.find((t) => t.name === 'TestClean')).toMatchObject({
      runs: 3,
      failed: 0,
      status: 'passing',
    });

    expect(r.summary).toContain('## race-rerun');
    expect(r.summary).toContain('3/3');
    expect(r.summary).toContain('test/go/race/race.go:13');
    expect(r.summary).toContain("go test -race -count=1 -run '^TestRace$'");
  });

  it('panic: annotated at the panicking frame', async () => {
    const r = await runAction({ 'working-directory': 'test/go/panic', count: '2', timeout: '1m' });
    expect(r.status).toBe(1);
    const notes = annotations(r);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.properties).toMatchObject({ file: 'test/go/panic/panic.go', line: '14' });
    expect(notes[0]?.properties.title).toBe(
      'Panic (2/2 runs): runtime error: invalid memory address or nil pointer dereference',
    );
    expect(r.outputs.panics).toBe('1');
    expect(r.report?.findings[0]).toMatchObject({ kind: 'panic', runsSeen: 2, tests: ['TestNilDeref'] });
  });

  it('clean: exit 0, no annotations, a clean verdict', async () => {
    const r = await runAction({ 'working-directory': 'test/go/clean', count: '2' });
    expect(r.status).toBe(0);
    expect(annotations(r)).toEqual([]);
    expect(r.outputs).toMatchObject({
      runs: '2',
      'failed-runs': '0',
      races: '0',
      panics: '0',
      'flaky-tests': '[]',
    });
    expect(r.report?.verdict).toBe('clean');
    expect(r.summary).toMatch(/No data race/);
  });

  it('a hanging test ends as a timeout finding where it is stuck', async () => {
    const r = await runAction({ 'working-directory': 'test/go/hang', count: '1', timeout: '2s' });
    expect(r.status).toBe(1);
    expect(r.report?.findings.map((f) => f.kind)).toEqual(['timeout']);
    expect(annotations(r).map((a) => `${a.properties.file}:${a.properties.line}`)).toEqual([
      'test/go/hang/hang_test.go:26',
    ]);
  });

  it('a compile error is a build finding at the compiler line, not a race', async () => {
    const r = await runAction({ 'working-directory': 'test/go/nobuild', count: '2' });
    expect(r.status).toBe(1);
    expect(r.report?.findings.map((f) => f.kind)).toEqual(['build']);
    const notes = annotations(r);
    expect(notes.map((a) => `${a.properties.file}:${a.properties.line}`)).toEqual([
      'test/go/nobuild/nobuild_test.go:6',
    ]);
    expect(notes[0]?.message).toContain('undefined: undefinedName');
    expect(r.outputs.runs).toBe('0');
  });

  it('fail-on: never reports but does not fail the step', async () => {
    const r = await runAction({ 'working-directory': 'test/go/race', count: '1', 'fail-on': 'never' });
    expect(r.status).toBe(0);
    expect(annotations(r)).toHaveLength(2);
    expect(r.outputs.races).toBe('1');
  });
});

describe('action on bad input: one clear error, and the summary and report are still written', () => {
  it('count that is not a number', async () => {
    const r = await runAction({ 'working-directory': 'test/go/clean', count: 'abc' });
    expect(r.status).toBe(1);
    expect(failure(r)).toMatch(/Input "count"/);
    expect(r.stdout).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.report?.verdict).toBe('error');
    expect(r.summary).toMatch(/count/);
  });

  it('unknown fail-on word', async () => {
    const r = await runAction({ 'working-directory': 'test/go/clean', 'fail-on': 'race,oops' });
    expect(r.status).toBe(1);
    expect(failure(r)).toMatch(/fail-on.*oops/);
    expect(r.report?.errors[0]).toMatch(/oops/);
  });

  it('working-directory that does not exist', async () => {
    const r = await runAction({ 'working-directory': 'no/such/dir' });
    expect(r.status).toBe(1);
    expect(failure(r)).toMatch(/working-directory/);
    expect(r.summary).toContain('no/such/dir');
  });

  it('a directory without a Go module', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'race-rerun-nomod-'));
    mkdirSync(join(workspace, 'src'));
    writeFileSync(join(workspace, 'src', 'README'), 'not go');
    const r = await runAction({ 'working-directory': 'src' }, { workspace });
    expect(r.status).toBe(1);
    expect(failure(r)).toMatch(/No Go module in .*src.*go\.mod/);
    expect(r.report?.verdict).toBe('error');
  });

  it('no go on PATH', async () => {
    const r = await runAction({ 'working-directory': 'test/go/clean' }, { env: { PATH: '/nonexistent' } });
    expect(r.status).toBe(1);
    expect(failure(r)).toMatch(/Go toolchain not found.*setup-go/);
    expect(r.summary).toMatch(/Go toolchain not found/);
  });

  it('packages that match nothing', async () => {
    const r = await runAction({ 'working-directory': 'test/go/multi', packages: './nothing/...' });
    expect(r.status).toBe(1);
    expect(failure(r)).toMatch(/No test packages match \.\/nothing\/\.\.\./);
  });
});
