// The inputs of "reproduce faster": tests-from, max-duration, until, precision.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../../src/settings/settings.js';

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'race-rerun-faster-'));
  mkdirSync(join(root, 'logs'));
  writeFileSync(join(root, 'logs', 'test.json'), '{"Action":"fail","Package":"m","Test":"TestA"}\n');
  writeFileSync(join(root, 'empty.log'), '');
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
  it('resolves the log against the repository root', () => {
    expect(read({ 'tests-from': 'logs/test.json' }).testsFrom).toBe(join(root, 'logs', 'test.json'));
    expect(read({ 'tests-from': join(root, 'logs', 'test.json') }).testsFrom).toBe(
      join(root, 'logs', 'test.json'),
    );
  });

  it.each([
    ['missing.json', 'does not exist'],
    ['empty.log', 'is empty'],
    ['logs', 'is not a file'],
  ])('rejects %j (%s)', (file, why) => {
    const [p, ...rest] = problems({ 'tests-from': file });
    expect(rest).toEqual([]);
    expect(p).toMatch(/^Input "tests-from": /);
    expect(p).toContain(`"${file}" ${why}`);
    expect(p).toContain(join(root, file));
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
