import { describe, expect, it } from 'vitest';
import { fnv1a32 } from '../../src/analysis/hash.js';
import { wilson } from '../../src/analysis/stats.js';

describe('wilson', () => {
  it('matches known 95% intervals', () => {
    const a = wilson(7, 30);
    expect(a.low).toBeCloseTo(0.1179, 3);
    expect(a.high).toBeCloseTo(0.4093, 3);
    const b = wilson(0, 30);
    expect(b.low).toBe(0);
    expect(b.high).toBeCloseTo(0.1135, 3);
    const c = wilson(30, 30);
    expect(c.high).toBe(1);
    expect(c.low).toBeCloseTo(0.8865, 3);
    const d = wilson(5, 10);
    expect(d.low).toBeCloseTo(0.2366, 3);
    expect(d.high).toBeCloseTo(0.7634, 3);
  });
  it('is the whole range when nothing ran', () => {
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
  it('narrows with a smaller z', () => {
    const w90 = wilson(7, 30, 1.6449);
    const w95 = wilson(7, 30);
    expect(w90.low).toBeGreaterThan(w95.low);
    expect(w90.high).toBeLessThan(w95.high);
  });
});

describe('fnv1a32', () => {
  it('gives the reference FNV-1a values as 8 hex digits', () => {
    expect(fnv1a32('')).toBe('811c9dc5');
    expect(fnv1a32('a')).toBe('e40c292c');
    expect(fnv1a32('foobar')).toBe('bf9cf968');
  });
});
