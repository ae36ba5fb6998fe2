// Shards: disjoint shares that together are one job's work, with global run numbers; on a real
// module, each shard builds only what it runs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineDeps, execute } from '../../src/engine/engine.js';
import { createGoTool } from '../../src/engine/go.js';
import { nodeProcessRunner } from '../../src/engine/process.js';
import { shareOf } from '../../src/engine/shard.js';
import type { GoPackage } from '../../src/model.js';
import { GO_ENV, moduleSettings, stubParse } from './helpers.js';

const pkg = (p: string): GoPackage => ({ importPath: p, dir: `/m/${p}`, module: { path: 'm', dir: '/m' } });

describe('shareOf', () => {
  it('the shards run every (package, run) of one job exactly once', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: 1, maxLength: 9 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 12 }),
        (names, count, total) => {
          const packages = names.map(pkg);
          const done: string[] = [];
          for (let i = 1; i <= total; i++) {
            const s = shareOf(packages, count, { index: i, total });
            for (const p of s.packages)
              for (let r = s.firstRun; r < s.firstRun + s.count; r++) done.push(`${p.importPath}#${r}`);
          }
          const want = names.flatMap((n) => Array.from({ length: count }, (_, r) => `${n}#${r + 1}`));
          expect(done.sort()).toEqual(want.sort());
        },
      ),
    );
  });

  it('few packages: runs are split; many: packages are dealt out', () => {
    expect(shareOf([pkg('a')], 100, { index: 2, total: 4 })).toMatchObject({
      count: 25,
      firstRun: 26,
      info: { split: 'runs', firstRun: 26, lastRun: 50 },
    });
    const many = ['e', 'b', 'a', 'd', 'c'].map(pkg);
    expect(shareOf(many, 10, { index: 1, total: 2 }).packages.map((p) => p.importPath)).toEqual([
      'a',
      'c',
      'e',
    ]);
    expect(shareOf(many, 10, { index: 2, total: 2 })).toMatchObject({
      count: 10,
      firstRun: 1,
      info: { split: 'packages', packages: ['b', 'd'] },
    });
  });
});

describe('execute with a shard', () => {
  let tmp = '';
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'rr-shard-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });
  const deps = (name: string): EngineDeps => ({
    go: createGoTool(nodeProcessRunner, { env: GO_ENV }),
    runner: nodeProcessRunner,
    parse: stubParse,
    log: () => {},
    workDir: join(tmp, name),
  });

  it('many packages: each shard builds and runs only its own', async () => {
    const settings = (i: number) =>
      moduleSettings('multi', join(tmp, 'r.json'), { count: 2, shard: { index: i, total: 2 } });
    const one = await execute(settings(1), deps('one'));
    const two = await execute(settings(2), deps('two'));
    expect(one.builds.map((b) => b.package.importPath)).toEqual(['example.com/rr/multi/alpha']);
    expect(two.builds.map((b) => b.package.importPath)).toEqual(['example.com/rr/multi/beta']);
    expect(one.runs.map((r) => `${r.package}#${r.index}`)).toEqual([
      'example.com/rr/multi/alpha#1',
      'example.com/rr/multi/alpha#2',
    ]);
    expect(two.shard).toEqual({
      index: 2,
      total: 2,
      split: 'packages',
      packages: ['example.com/rr/multi/beta'],
    });
    expect(two.notes).toContain(
      'Shard 2 of 2: all 2 runs of 1 package (packages dealt out over the shards).',
    );
  });

  it('few packages: the shard runs its range of run numbers', async () => {
    const r = await execute(
      moduleSettings('race', join(tmp, 'r.json'), { count: 7, shard: { index: 3, total: 3 } }),
      deps('race'),
    );
    expect(r.runs.map((x) => x.index)).toEqual([5, 6, 7]);
    expect(r.notes).toContain('Shard 3 of 3: runs 5–7 of 7 of every package.');
  });
});
