import { describe, expect, it } from 'vitest';
import { parseGoDuration } from '../../src/settings/settings.js';

describe('parseGoDuration', () => {
  it.each([
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['90s', 90_000],
    ['1.5s', 1_500],
    ['500ms', 500],
    ['.5s', 500],
    ['2.h', 7_200_000],
    ['1m30.5s', 90_500],
    ['250us', 0.25],
    ['250µs', 0.25],
    ['250μs', 0.25],
    ['1500000ns', 1.5],
    ['0', 0],
    ['0s', 0],
    ['+5s', 5_000],
    ['-5s', -5_000],
    [' 10m ', 600_000],
  ])('parses %j', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each(['', '10', '1.5', 'abc', 's', '.s', '10 m', '1d', '10M', '1h-30m', '--1s', '1..5s'])(
    'rejects %j',
    (text) => {
      expect(() => parseGoDuration(text)).toThrow();
    },
  );

  it('says when the unit is missing', () => {
    expect(() => parseGoDuration('10')).toThrow(/missing unit/);
  });
});
