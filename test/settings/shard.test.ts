// The inputs for sharding, merging and where annotations go.
import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../../src/settings/settings.js';

const read = (values: Record<string, string>) =>
  readSettings((n) => values[n] ?? '', { repoRoot: process.cwd(), reportPath: '/tmp/r.json', cpus: 2 });

function problems(values: Record<string, string>): string[] {
  try {
    read(values);
  } catch (e) {
    expect(e).toBeInstanceOf(SettingsError);
    return (e as SettingsError).problems;
  }
  throw new Error('accepted');
}

describe('shard, merge, annotations inputs', () => {
  it('shard I/N; a shard comments only when asked', () => {
    expect(read({ shard: '2/4' })).toMatchObject({ shard: { index: 2, total: 4 }, comment: false });
    expect(read({ shard: ' 1 / 1 ' }).shard).toEqual({ index: 1, total: 1 });
    expect(read({ shard: '2/4', comment: 'true' }).comment).toBe(true);
    expect(read({}).shard).toBeUndefined();
    expect(read({}).comment).toBe(true);
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/300', '-1/2']) {
      expect(problems({ shard: bad })[0]).toMatch(/^Input "shard" must be I\/N with 1 ≤ I ≤ N ≤ 256/);
    }
  });

  it('merge globs stay inside the repository and exclude shard', () => {
    expect(read({ merge: 'shards/*/report.json\nmore/**/r.json' }).merge).toEqual([
      'shards/*/report.json',
      'more/**/r.json',
    ]);
    expect(problems({ merge: '../x/*.json' })).toEqual(['Input "merge": "../x/*.json" must not contain ...']);
    expect(problems({ merge: '/tmp/*.json' })[0]).toMatch(/must be relative to the repository root/);
    expect(problems({ merge: 'a.json', shard: '1/2' })).toEqual([
      'Input "shard" and input "merge" cannot both be set: a job either runs a shard or merges them.',
    ]);
  });

  it('annotations: commands or checks', () => {
    expect(read({}).annotations).toBeUndefined();
    expect(read({ annotations: 'Checks' }).annotations).toBe('checks');
    expect(problems({ annotations: 'both' })).toEqual([
      'Input "annotations" must be commands or checks, got "both".',
    ]);
  });
});
