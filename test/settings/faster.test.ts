// The inputs of "reproduce faster": tests-from, max-duration, until, precision.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TESTS_FROM_LOGS, readSettings, SettingsError } from '../../src/settings/settings.js';

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'race-rerun-faster-'));
  mkdirSync(join(root, 'logs'));
  writeFileSync(join(root, 'logs', 'test.json'), '{"Action":"fail","Package":"m","Test":"TestA"}\n');
  writeFileSync(join(root, 'empty.log'), '');
  for (const dir of ['nightly', 'shards/a', 'shards/b', 'bare', 'with-empty'])
    mkdirSync(join(root, dir), { recursive: true });
  for (const f of [
    'nightly/1.log',
    'nightly/2.log',
    'nightly/3.log',
    'shards/a/test.json',
    'shards/b/test.json',
    'with-empty/1.log',
  ])
    writeFileSync(join(root, f), 'ok  \texample.com/m\t0.01s\n');
  writeFileSync(join(root, 'with-empty/0.log'), '');
  writeFileSync(join(root, 'locked.log'), 'ok\n', { mode: 0o000 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const read = (values: Record<string, string> = {}) =>
  readSettings((name) => values[name] ?? '', { repoRoot: root, reportPath: join(root, 'r.json'), cpus: 2 });

function problems(values: Record<string, string>): string[] {
  try {
    read(values);
  } catch (e) {
    expect(e).toBeInstanceOf(SettingsError);
    return (e as SettingsError).problems;
  }
  throw new Error(`no SettingsError for ${JSON.stringify(values)}`);
}

describe('defaults', () => {
  it('runs all count runs, no budget, no log, ±10 points', () => {
    const s = read();
    expect(s.until).toBe('count');
    expect(s.precision).toBe(0.1);
    expect(s).not.toHaveProperty('testsFrom');
    expect(s).not.toHaveProperty('maxDuration');
    expect(s).not.toHaveProperty('maxDurationMs');
  });
});

describe('tests-from', () => {
  const log = (name: string) => join(root, name);
  it('resolves the log against the repository root', () => {
    expect(read({ 'tests-from': 'logs/test.json' }).testsFrom).toEqual([log('logs/test.json')]);
    expect(read({ 'tests-from': log('logs/test.json') }).testsFrom).toEqual([log('logs/test.json')]);
  });

  it('reads several paths and globs, one a line or separated by spaces or commas, each file once', () => {
    const all = [
      'nightly/1.log',
      'nightly/2.log',
      'nightly/3.log',
      'shards/a/test.json',
      'shards/b/test.json',
    ];
    expect(read({ 'tests-from': 'nightly/*.log\nshards/*/test.json' }).testsFrom).toEqual(all.map(log));
    expect(read({ 'tests-from': 'nightly/1.log, nightly/2.log nightly/?.log' }).testsFrom).toEqual(
      all.slice(0, 3).map(log),
    );
    expect(read({ 'tests-from': '**/test.json' }).testsFrom).toEqual([
      log('logs/test.json'),
      log('shards/a/test.json'),
      log('shards/b/test.json'),
    ]);
  });

  it('reads every file under a directory (actions/download-artifact writes one per artifact)', () => {
    expect(read({ 'tests-from': 'shards' }).testsFrom).toEqual([
      log('shards/a/test.json'),
      log('shards/b/test.json'),
    ]);
  });

  it.each([
    ['missing.json', '"missing.json" does not exist'],
    ['empty.log', '"empty.log" is empty'],
    ['nightly/*.txt', '"nightly/*.txt" matches no file'],
    ['bare', '"bare" is a directory with no files in it'],
    ['with-empty/*', '"with-empty/0.log" is empty'],
    ['nightly\\*.log', '"nightly\\\\*.log" must use / separators'],
  ])('rejects %j, naming the input and the file', (entry, why) => {
    const [p, ...rest] = problems({ 'tests-from': `nightly/1.log ${entry}` });
    expect(rest).toEqual([]);
    expect(p).toMatch(/^Input "tests-from": /);
    expect(p).toContain(why);
    if (!entry.includes('\\')) expect(p).toMatch(/\(resolved to \//);
  });

  it('refuses more than MAX_TESTS_FROM_LOGS logs', () => {
    mkdirSync(join(root, 'many'));
    for (let i = 0; i <= MAX_TESTS_FROM_LOGS; i++) writeFileSync(join(root, 'many', `${i}.log`), 'ok\n');
    expect(problems({ 'tests-from': 'many/*.log' })).toEqual([
      `Input "tests-from" matches ${MAX_TESTS_FROM_LOGS + 1} files, more than ${MAX_TESTS_FROM_LOGS} logs: narrow the globs.`,
    ]);
  });

  it('names every bad entry, not only the first', () => {
    expect(problems({ 'tests-from': 'missing.json empty.log' })).toHaveLength(2);
  });

  it.skipIf(process.getuid?.() === 0)('says a file cannot be read', () => {
    const [p] = problems({ 'tests-from': 'locked.log' });
    expect(p).toContain('"locked.log" cannot be read (EACCES)');
  });
});

describe('max-duration', () => {
  it.each([
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['90s', 90_000],
    ['1.5s', 1_500],
  ])('reads %j', (text, ms) => {
    const s = read({ 'max-duration': text });
    expect(s.maxDuration).toBe(text);
    expect(s.maxDurationMs).toBe(ms);
  });

  it.each(['0', '0s', '-5m', '10', 'soon', '5 m'])('rejects %j', (text) => {
    expect(problems({ 'max-duration': text })).toEqual([
      `Input "max-duration" must be a Go duration greater than zero such as 5m or 1h (or empty for no budget), got "${text}".`,
    ]);
  });
});

describe('until', () => {
  it.each(['count', 'first', 'stable', 'Stable', ' first '])('reads %j', (text) => {
    expect(read({ until: text }).until).toBe(text.trim().toLowerCase());
  });

  it.each(['forever', 'stable,first', '1'])('rejects %j', (text) => {
    expect(problems({ until: text })).toEqual([
      `Input "until" must be count, first or stable, got "${text}".`,
    ]);
  });
});

describe('precision', () => {
  it.each([
    ['10', 0.1],
    ['5', 0.05],
    ['2.5', 0.025],
    ['10%', 0.1],
    ['±5', 0.05],
    ['+-5', 0.05],
    ['50', 0.5],
    ['0.5', 0.005],
  ])('reads %j as ±%d', (text, value) => {
    expect(read({ precision: text }).precision).toBeCloseTo(value, 10);
  });

  it.each(['0', '0.1', '51', '100', 'ten', '0.1%x', '-5', '1e1'])('rejects %j', (text) => {
    const [p, ...rest] = problems({ precision: text });
    expect(rest).toEqual([]);
    expect(p).toBe(
      `Input "precision" must be a number of percentage points from 0.5 to 50 (10 means ±10 points), got "${text}".`,
    );
  });
});

it('names each bad new input in one error', () => {
  const list = problems({ 'tests-from': 'nope', 'max-duration': 'x', until: 'y', precision: 'z' });
  expect(list.map((p) => /^Input "([^"]+)"/.exec(p)?.[1])).toEqual([
    'tests-from',
    'max-duration',
    'until',
    'precision',
  ]);
});
