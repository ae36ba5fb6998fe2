// Which share of the work a shard job runs (`shard: I/N`). The N shares are disjoint and together
// are exactly what one job would run, so their merged report is that job's report.
//
// The rule: with at least as many packages as shards, the packages are dealt out (sorted by
// import path, round robin) and each shard runs all `count` runs of its own packages, so no shard
// builds a package it does not run. With fewer packages than shards, every shard builds every
// package and runs its own contiguous range of each package's runs. Run numbers stay global
// either way (shard 2/4 of count 100 runs 26–50), so `seenIn` and co-occurrence survive a merge.
import type { GoPackage, ShardInfo } from '../model.js';

export interface Share {
  packages: GoPackage[];
  /** Runs per package in this shard, numbered from `firstRun`. */
  count: number;
  firstRun: number;
  info: ShardInfo;
}

/** Runs `first..last` (1-based, inclusive) of `count` that shard `index` of `total` gets. */
export function runRange(count: number, index: number, total: number): { first: number; last: number } {
  return {
    first: Math.floor(((index - 1) * count) / total) + 1,
    last: Math.floor((index * count) / total),
  };
}

export function shareOf(
  packages: readonly GoPackage[],
  count: number,
  shard: { index: number; total: number },
): Share {
  const { index, total } = shard;
  if (packages.length >= total) {
    const sorted = [...packages].sort((a, b) => (a.importPath < b.importPath ? -1 : 1));
    const mine = sorted.filter((_, i) => i % total === index - 1);
    return {
      packages: mine,
      count,
      firstRun: 1,
      info: { index, total, split: 'packages', packages: mine.map((p) => p.importPath) },
    };
  }
  const { first, last } = runRange(count, index, total);
  return {
    packages: [...packages],
    count: Math.max(0, last - first + 1),
    firstRun: first,
    info: { index, total, split: 'runs', firstRun: first, lastRun: last },
  };
}

/** How a shard's share reads in notes and the summary. */
export function shareText(info: ShardInfo, count: number): string {
  if (info.split === 'runs') {
    const runs =
      (info.lastRun ?? 0) < (info.firstRun ?? 1)
        ? 'no runs (fewer runs than shards)'
        : `runs ${info.firstRun}–${info.lastRun} of ${count} of every package`;
    return `Shard ${info.index} of ${info.total}: ${runs}.`;
  }
  const n = info.packages?.length ?? 0;
  return `Shard ${info.index} of ${info.total}: all ${count} runs of ${n} package${n === 1 ? '' : 's'} (packages dealt out over the shards).`;
}
