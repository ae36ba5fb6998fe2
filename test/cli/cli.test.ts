// The bundled CLI (dist/cli/index.js): `run` in a Go module and `parse` of logs made by real go test runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';

const root = resolve(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'index.js');
const goEnv = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', NO_COLOR: '1' };
const temp = mkdtempSync(join(tmpdir(), 'race-rerun-cli-'));

function raceRerun(
  args: string[],
  opts: { cwd?: string; input?: string; env?: Record<string, string> } = {},
) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: opts.cwd ?? root,
    env: { ...goEnv, ...opts.env },
    encoding: 'utf8',
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function goTest(dir: string, args: string[]): string {
  const r = spawnSync('go', ['test', '-race', '-count=1', ...args, './...'], {
    cwd: dir,
    env: goEnv,
    encoding: 'utf8',
  });
  return r.stdout + r.stderr;
}

let plainLog = '';
let jsonLog = '';
beforeAll(() => {
  plainLog = join(temp, 'race.txt');
  jsonLog = join(temp, 'race.jsonl');
  writeFileSync(plainLog, goTest(join(root, 'test/go/race'), ['-v']));
  writeFileSync(jsonLog, goTest(join(root, 'test/go/race'), ['-json']));
});

describe('race-rerun parse', () => {
  it('reads a plain go test log: race at both lines, exit 1', () => {
    const out = join(temp, 'plain.json');
    const r = raceRerun(['parse', '--json', out, plainLog]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/RACE\s+1\/1 runs/);
    expect(r.stdout).toContain('test/go/race/race.go:13');
    expect(r.stdout).toContain('test/go/race/race.go:18');
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.mode).toBe('parse');
    expect(report.findings.map((f) => f.kind)).toEqual(['race']);
    expect(report.findings[0]?.tests).toEqual(['TestRace']);
    expect(report.findings[0]?.locations.map((l) => `${l.file}:${l.line}`).sort()).toEqual([
      'test/go/race/race.go:13',
      'test/go/race/race.go:18',
    ]);
  });

  it('--baseline marks the race known; --only-new then exits 0; a missing baseline is a warning', () => {
    const base = join(temp, 'base.json');
    expect(raceRerun(['parse', '--json', base, plainLog]).status).toBe(1);
    const out = join(temp, 'compared.json');
    const r = raceRerun(['parse', '--json', out, '--baseline', base, '--only-new', jsonLog]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/known: 1\/1 on the baseline/);
    expect(r.stdout.trimEnd()).toMatch(/ \(vs the baseline: no change\)$/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.findings.map((f) => f.baseline)).toEqual(['known']);
    expect(report.baseline?.source).toBe(base);
    const missing = raceRerun(['parse', '--baseline', join(temp, 'none.json'), jsonLog]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/race-rerun: warning: Baseline .*none\.json does not exist/);
  });

  it('counts the same race in two logs (plain and -json) as 2 of 2 runs', () => {
    const out = join(temp, 'both.json');
    const r = raceRerun(['parse', '--json', out, plainLog, jsonLog]);
    expect(r.status).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.runs).toBe(2);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ runsSeen: 2, runs: 2 });
  });

  it('reads stdin with -', () => {
    const r = raceRerun(['parse', '-'], { input: readFileSync(jsonLog, 'utf8') });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('test/go/race/race.go:13');
  });

  it('reads /dev/stdin and a FIFO: pipes cannot be read at offsets (ESPIPE before)', () => {
    const piped = raceRerun(['parse', '/dev/stdin'], { input: readFileSync(plainLog, 'utf8') });
    expect(piped.stderr).not.toMatch(/ESPIPE|Cannot read/);
    expect(piped.status).toBe(1);
    expect(piped.stdout).toMatch(/RACE\s+1\/1 runs/);
    const fifo = join(temp, 'race.fifo');
    execFileSync('mkfifo', [fifo]);
    // The shell writes the log into the FIFO while race-rerun reads it: as `parse <(go test …)` does.
    const r = spawnSync(
      'sh',
      ['-c', `cat "$1" > "$2" & exec "$3" "$4" parse "$2"`, 'sh', jsonLog, fifo, process.execPath, cli],
      {
        env: goEnv,
        encoding: 'utf8',
        cwd: root,
        timeout: 60_000,
      },
    );
    expect(r.stderr).not.toMatch(/ESPIPE|Cannot read/);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('test/go/race/race.go:13');
  });

  it('--fail-on never exits 0 with the same report', () => {
    const r = raceRerun(['parse', '--fail-on', 'never', plainLog]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/RACE/);
  });

  it('a log that is not Go output is said plainly, exit 2 as for nothing run', () => {
    const notGo = join(temp, 'npm.log');
    writeFileSync(notGo, 'npm ERR! missing script: test\n');
    const out = join(temp, 'notgo.json');
    const r = raceRerun(['parse', '--json', out, notGo]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/not Go test output/);
    expect((JSON.parse(readFileSync(out, 'utf8')) as Report).findings).toEqual([]);
  });

  it('a missing log is an error, exit 2', () => {
    const r = raceRerun(['parse', join(temp, 'missing.log')]);
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/Cannot read .*missing\.log/);
  });
});

describe('race-rerun run', () => {
  it('a GITHUB_TOKEN a test prints is *** in the terminal report and the JSON file', () => {
    const token = 'ghp_cliTokenPrintedByATest42';
    const out = join(temp, 'leak.json');
    const r = raceRerun(['run', '--count', '1', '--run', '^TestLeak$', '--json', out], {
      cwd: join(root, 'test/go/leak'),
      env: { GITHUB_TOKEN: token, RR_SECRET: token, GORACE: 'atexit_sleep_ms=0' },
    });
    expect(r.status).toBe(1);
    const json = readFileSync(out, 'utf8');
    for (const text of [r.stdout, r.stderr, json]) expect(text).not.toContain(token);
    expect(r.stdout).toContain('TestLeak/***');
    expect((JSON.parse(json) as Report).findings[0]?.message).toBe('leaked *** and');
  });

  it('runs the module in the current directory N times', () => {
    const out = join(temp, 'run.json');
    const r = raceRerun(['run', '--count', '2', '--json', out], { cwd: join(root, 'test/go/race') });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/RACE\s+2\/2 runs/);
    expect(r.stdout).toMatch(/TestRace/);
    expect(r.stderr).toMatch(/\[2\/2\] example\.com\/rr\/race run \d: FAIL: 1 race/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.context.workingDirectory).toBe('test/go/race');
    expect(report.findings[0]?.reproduce).toContain('cd test/go/race');
  });

  it('a clean module exits 0', () => {
    const r = raceRerun(['run', '--count', '1'], { cwd: join(root, 'test/go/clean') });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/No data race/);
  });

  it('bad flags: one line naming the flag, exit 2, no stack trace', () => {
    const r = raceRerun(['run', '--count', 'abc'], { cwd: join(root, 'test/go/clean') });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--count/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const u = raceRerun(['frobnicate']);
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('--help of the program, of run and of parse prints the usage and exits 0', () => {
    for (const args of [['--help'], ['run', '--help'], ['parse', '--help'], ['run', '-h']]) {
      const r = raceRerun(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^race-rerun .*\n\nUsage:\n {2}race-rerun run/);
      expect(r.stderr).toBe('');
    }
  });

  it('errors speak of flags and the current directory, not action inputs', () => {
    const noMod = mkdtempSync(join(tmpdir(), 'race-rerun-nomod-'));
    const r = raceRerun(['run', '--count', '1'], { cwd: noMod });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/Run race-rerun in the directory that holds go\.mod/);
    expect(r.stdout + r.stderr).not.toMatch(/working-directory|input/);
    const none = raceRerun(['run', '--count', '1', './nothing/...'], { cwd: join(root, 'test/go/clean') });
    expect(none.stdout).toMatch(/check the packages given on the command line/);
    expect(none.stdout).not.toMatch(/packages input/);
  });

  it('progress lines use plurals; the count line keeps the user flags and names a command that works', () => {
    const r = raceRerun(['run', '--count', '1', '--go-test-flags=-short'], {
      cwd: join(root, 'test/go/racy3'),
    });
    expect(r.stderr).toMatch(/run 1: FAIL: \d+ races\n/);
    expect(r.stdout).toContain(
      'or count:  cd test/go/racy3 && npx --yes github:org/race-rerun run --count 30 --go-test-flags=-short --run',
    );
    expect(r.stdout).toMatch(/reproduce: cd test\/go\/racy3 && go test -race -count=1 -short -run/);
  });
});
