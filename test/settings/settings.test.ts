import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUTS, type InputReader, readSettings, SettingsError } from '../../src/settings/settings.js';

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'race-rerun-settings-'));
  mkdirSync(join(root, 'mod', 'sub'), { recursive: true });
  writeFileSync(join(root, 'file.txt'), 'not a directory\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const defaults = () => ({ repoRoot: root, reportPath: join(root, 'report.json'), cpus: 4 });
const reader =
  (values: Record<string, string> = {}): InputReader =>
  (name) =>
    values[name] ?? '';
const read = (values: Record<string, string> = {}) => readSettings(reader(values), defaults());

/** The SettingsError that reading these values throws. */
function problems(values: Record<string, string>): string[] {
  try {
    read(values);
  } catch (e) {
    expect(e).toBeInstanceOf(SettingsError);
    return (e as SettingsError).message.split('\n');
  }
  throw new Error(`no SettingsError for ${JSON.stringify(values)}`);
}

describe('readSettings defaults', () => {
  it('uses every default when nothing is given', () => {
    expect(read()).toEqual({
      packages: ['./...'],
      count: 10,
      repoRoot: root,
      workingDirectory: root,
      timeout: '10m',
      timeoutMs: 600_000,
      parallel: 4,
      buildFlags: [],
      testFlags: [],
      goTestFlags: [],
      failOn: ['race', 'panic', 'fatal', 'timeout', 'failure', 'build'],
      githubToken: '',
      comment: true,
      reportPath: join(root, 'report.json'),
      until: 'count',
      precision: 0.1,
    });
  });

  it('leaves run and skip unset when empty', () => {
    const s = read({ run: '  ', skip: '' });
    expect(s).not.toHaveProperty('run');
    expect(s).not.toHaveProperty('skip');
  });

  it('treats the action.yml defaults, passed through as values, like no value', () => {
    const values = Object.fromEntries(INPUTS.map((i) => [i.name, i.default]));
    values['github-token'] = 'ghs_token';
    expect(read(values)).toEqual({ ...read(), githubToken: 'ghs_token' });
  });

  it('falls back to one runner for a nonsense CPU count', () => {
    expect(readSettings(reader(), { ...defaults(), cpus: 0 }).parallel).toBe(1);
  });

  it('reads only the inputs it declares, and all of them', () => {
    const asked: string[] = [];
    readSettings((name) => {
      asked.push(name);
      return '';
    }, defaults());
    expect([...new Set(asked)].sort()).toEqual(INPUTS.map((i) => i.name).sort());
  });
});

describe('readSettings values', () => {
  it('reads every input', () => {
    const s = read({
      packages: './daemon/...\n  ./cmd/x ',
      count: ' 30 ',
      run: 'TestDaemon|TestOther/sub',
      skip: 'Slow',
      'working-directory': 'mod',
      timeout: '1h30m',
      parallel: '2',
      'go-test-flags': '-tags=integration -shuffle=on',
      'fail-on': 'race, panic',
      'github-token': 'ghs_x',
      comment: 'False',
    });
    expect(s).toMatchObject({
      packages: ['./daemon/...', './cmd/x'],
      count: 30,
      run: 'TestDaemon|TestOther/sub',
      skip: 'Slow',
      workingDirectory: join(root, 'mod'),
      timeout: '1h30m',
      timeoutMs: 5_400_000,
      parallel: 2,
      buildFlags: ['-tags=integration'],
      testFlags: ['-test.shuffle=on'],
      goTestFlags: ['-tags=integration', '-shuffle=on'],
      failOn: ['race', 'panic'],
      githubToken: 'ghs_x',
      comment: false,
    });
  });

  it('accepts the YAML 1.2 core booleans for comment', () => {
    for (const t of ['true', 'True', 'TRUE']) expect(read({ comment: t }).comment).toBe(true);
    for (const f of ['false', 'False', 'FALSE']) expect(read({ comment: f }).comment).toBe(false);
  });

  it('accepts count up to 10000', () => {
    expect(read({ count: '1' }).count).toBe(1);
    expect(read({ count: '10000' }).count).toBe(10000);
  });

  it('maps fail-on words to finding kinds, with build under failure', () => {
    expect(read({ 'fail-on': 'never' }).failOn).toEqual([]);
    expect(read({ 'fail-on': 'NEVER' }).failOn).toEqual([]);
    expect(read({ 'fail-on': 'timeout race race' }).failOn).toEqual(['race', 'timeout']);
    expect(read({ 'fail-on': 'failure' }).failOn).toEqual(['failure', 'build']);
  });

  it('resolves a nested working-directory', () => {
    expect(read({ 'working-directory': 'mod/sub/' }).workingDirectory).toBe(join(root, 'mod', 'sub'));
  });
});

describe('readSettings errors', () => {
  it.each(['abc', '0', '-1', '-3', '2.5', '1e3', '+5'])('rejects count %j', (count) => {
    expect(problems({ count })).toEqual([
      `Input "count" must be a whole number of runs ≥ 1, got "${count}".`,
    ]);
  });

  it('rejects count over 10000', () => {
    expect(problems({ count: '10001' })).toEqual(['Input "count" must be at most 10000, got "10001".']);
  });

  it('rejects an unknown fail-on word and lists the valid ones', () => {
    const [p] = problems({ 'fail-on': 'race,bogus' });
    expect(p).toContain('Input "fail-on"');
    expect(p).toContain('"bogus"');
    expect(p).toContain('race, panic, fatal, timeout, failure, overlap, or never');
  });

  it('points build at failure', () => {
    expect(problems({ 'fail-on': 'build' })[0]).toContain('count under "failure"');
  });

  it('rejects never combined with other kinds', () => {
    expect(problems({ 'fail-on': 'never,race' })).toEqual([
      'Input "fail-on": "never" cannot be combined with other kinds, got "never,race".',
    ]);
  });

  it('rejects a fail-on with no words', () => {
    expect(problems({ 'fail-on': ' , ,' })[0]).toMatch(/^Input "fail-on" names no kinds/);
  });

  it('takes timeouts and budgets longer than setTimeout holds, but not longer than Go can', () => {
    expect(read({ timeout: '600h', 'max-duration': '1000h' })).toMatchObject({
      timeoutMs: 600 * 3_600_000,
      maxDurationMs: 1000 * 3_600_000,
    });
    expect(problems({ timeout: '3000000h' })).toEqual([
      'Input "timeout" is longer than Go\'s longest duration (about 2562047h) and the test binary would refuse it, got "3000000h".',
    ]);
  });

  it.each(['10', '0s', '0', 'abc', '-5m', '10 m', 'm'])('rejects timeout %j', (timeout) => {
    expect(problems({ timeout })).toEqual([
      `Input "timeout" must be a Go duration greater than zero such as 90s, 10m or 1h30m, got "${timeout}".`,
    ]);
  });

  it.each(['0', '-2', '1.5', 'many'])('rejects parallel %j', (parallel) => {
    const [p] = problems({ parallel });
    expect(p).toMatch(/^Input "parallel" must be a whole number/);
    expect(p).toContain(`"${parallel}"`);
  });

  it('rejects a missing working-directory, saying where it looked', () => {
    expect(problems({ 'working-directory': 'x' })).toEqual([
      `Input "working-directory": "x" does not exist (resolved to ${join(root, 'x')}). Set it to the directory that holds go.mod, relative to the repository root.`,
    ]);
  });

  it('rejects a working-directory that is a file', () => {
    expect(problems({ 'working-directory': 'file.txt' })[0]).toMatch(
      /^Input "working-directory": "file.txt" is not a directory/,
    );
  });

  it.each(['yes', 'no', '1', 'on', 'tRue'])('rejects comment %j', (comment) => {
    expect(problems({ comment })).toEqual([`Input "comment" must be true or false, got "${comment}".`]);
  });

  it('rejects a package pattern that is a flag', () => {
    expect(problems({ packages: './... -v' })[0]).toMatch(/^Input "packages": "-v" looks like a flag/);
  });

  it('rejects a multi-line run regex', () => {
    expect(problems({ run: 'TestA\nTestB' })[0]).toMatch(/^Input "run" must be one regular expression/);
  });

  it.each([
    ['-count=0', '-count must be a whole number ≥ 1'],
    ['-bogus', 'unknown flag -bogus'],
    ['-tags "a b', 'unclosed double quote'],
    ['-run=TestX', 'use the run input'],
    ['-asan', 'cannot be combined with -race'],
  ])('rejects go-test-flags %j', (flags, message) => {
    const [p] = problems({ 'go-test-flags': flags });
    expect(p).toMatch(/^Input "go-test-flags": /);
    expect(p).toContain(message);
  });

  it('lists every bad input, one per line', () => {
    const list = problems({
      count: 'abc',
      timeout: '10',
      parallel: '0',
      'working-directory': 'missing',
      'go-test-flags': '-bogus',
      'fail-on': 'sometimes',
      comment: 'yes',
    });
    expect(list.map((p) => /^Input "([^"]+)"/.exec(p)?.[1])).toEqual([
      'count',
      'working-directory',
      'timeout',
      'parallel',
      'go-test-flags',
      'fail-on',
      'comment',
    ]);
  });

  it('keeps the problems on the error', () => {
    try {
      read({ count: '0', comment: 'yes' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SettingsError);
      expect((e as SettingsError).problems).toHaveLength(2);
    }
  });
});
