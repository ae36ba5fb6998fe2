// Reproducibility statistics: how sure can we be of "seen in k of N runs"?
import type { Interval } from '../model.js';

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for k successes in n trials. Unlike the normal approximation it stays
 * inside [0, 1] and is sensible at k = 0 and k = n, which is the common case here (a race seen in
 * 0 or all runs).
 */
export function wilson(k: number, n: number, z: number = Z95): Interval {
  if (!(n > 0)) return { low: 0, high: 1 };
  const kk = Math.min(Math.max(k, 0), n);
  const p = kk / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // Exact bounds at the ends avoid 1e-17 noise in the JSON report.
  const low = kk === 0 ? 0 : Math.max(0, center - half);
  const high = kk === n ? 1 : Math.min(1, center + half);
  return { low, high };
}
