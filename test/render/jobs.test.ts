// The headline says how many jobs ran: "shard I of N" in a shard's summary, "merged from N jobs:
// k of N shards" in the merged summary and comment.
import { describe, expect, it } from 'vitest';
import { headline, jobsText } from '../../src/render/headline.js';
import { racePanicReport } from './reports.js';

describe('jobs in the headline', () => {
  it('a shard, a merge, and one job', () => {
    const shard = { ...racePanicReport(), shard: { index: 2, total: 4, split: 'runs' as const } };
    expect(jobsText(shard)).toBe('shard 2 of 4');
    expect(headline(shard)).toMatch(/ — 30 runs \(shard 2 of 4\)$/);
    const merged = {
      ...racePanicReport(),
      merged: { total: 4, shards: [1, 2, 4], jobs: 3, noteShards: [], errorShards: [] },
    };
    expect(headline(merged)).toMatch(/ — 30 runs \(merged from 3 jobs: 3 of 4 shards\)$/);
    expect(jobsText(racePanicReport())).toBeUndefined();
    const alone = {
      ...racePanicReport(),
      merged: { total: 1, shards: [1], jobs: 1, noteShards: [], errorShards: [] },
    };
    expect(jobsText(alone)).toBeUndefined();
  });
});
