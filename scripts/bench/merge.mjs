// npm run bench -- merge: how long `race-rerun merge` takes for 4 shard reports of 1,000 runs each
// (issue 13), with the bundled CLI (the committed dist/: rebuild it first to measure src changes).
//
// Each shard report has BENCH_MERGE_PACKAGES packages (default 10) with 1,000 runs each (shard I of
// 4 of count 4,000: runs 1000·(I-1)+1 … 1000·I), per package 5 races seen in about a third of the
// runs, a panic, 20 tests, and stacks and samples the size race-rerun writes. Prints the report
// sizes and the median wall time of BENCH_MERGE_REPEAT merges (default 5), Node start-up included.
// Nothing here asserts: timings vary between machines.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARDS = 4;
const RUNS = 1000;
const packages = Number(process.env.BENCH_MERGE_PACKAGES ?? 10);
const repeat = Number(process.env.BENCH_MERGE_REPEAT ?? 5);
const work = mkdtempSync(join(tmpdir(), 'race-rerun-bench-merge-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const interval = { low: 0.3, high: 0.36 };
const frames = (pkg, k) =>
  Array.from({ length: 8 }, (_, i) => ({
    function: `${pkg}.f${k}_${i}`,
    file: i < 4 ? `${pkg.split('/').pop()}/f${k}.go` : `/usr/local/go/src/runtime/x${i}.go`,
    line: 10 + i,
    origin: i < 4 ? 'repo' : 'goroot',
  }));

function finding(pkg, kind, k, first) {
  const seenIn = [];
  for (let r = first; r < first + RUNS; r++) if ((r * 7 + k * 13) % 3 === 0) seenIn.push(r);
  const dir = pkg.split('/').pop();
  return {
    id: '',
    kind,
    signature: `${kind}\u0000${pkg}\u0000f${k}`,
    title: `${kind === 'race' ? 'Data race' : 'Panic'}: write in f${k} vs read in g${k}`,
    message: kind === 'race' ? '' : 'runtime error: invalid memory address or nil pointer dereference',
    package: pkg,
    runsSeen: seenIn.length,
    runs: RUNS,
    interval,
    seenIn,
    tests: [`TestF${k}`],
    locations: [
      { file: `${dir}/f${k}.go`, line: 10, function: `f${k}`, role: kind === 'race' ? 'current' : 'panic' },
      ...(kind === 'race'
        ? [{ file: `${dir}/g${k}.go`, line: 20, function: `g${k}`, role: 'previous' }]
        : []),
    ],
    stacks: ['current', 'previous', 'current-creation', 'previous-creation'].map((role) => ({
      role,
      header: `${role} by goroutine 7`,
      frames: frames(pkg, k),
    })),
    sample: Array.from({ length: 60 }, (_, i) => `  ${pkg}.f${k}() ${dir}/f${k}.go:${i}`).join('\n'),
    reproduce: `go test -race -count=1 -run '^TestF${k}$' ./${dir}`,
  };
}

function shard(index) {
  const first = (index - 1) * RUNS + 1;
  const pkgs = Array.from({ length: packages }, (_, p) => `example.com/m/p${p}`);
  const findings = pkgs.flatMap((pkg) => [
    ...Array.from({ length: 5 }, (_, k) => finding(pkg, 'race', k, first)),
    finding(pkg, 'panic', 9, first),
  ]);
  findings.forEach((f, i) => {
    f.id = (i + 16 ** 7).toString(16);
  });
  return {
    schemaVersion: 1,
    tool: { name: 'race-rerun', version: '0.1.0' },
    mode: 'run',
    runs: SHARDS * RUNS,
    totalRuns: packages * RUNS,
    failedRuns: packages * 400,
    packages: pkgs.map((p) => ({
      importPath: p,
      dir: p.split('/').pop(),
      built: true,
      runs: RUNS,
      failedRuns: 400,
    })),
    findings,
    tests: pkgs.flatMap((p) =>
      Array.from({ length: 20 }, (_, t) => ({
        package: p,
        name: `TestF${t}`,
        runs: RUNS,
        failed: t < 5 ? 333 : 0,
        status: t < 5 ? 'flaky' : 'passing',
        interval,
      })),
    ),
    verdict: 'findings',
    summary: `${findings.length} findings in ${RUNS} runs of ${packages} packages (shard ${index} of ${SHARDS})`,
    errors: [],
    notes: [
      `Shard ${index} of ${SHARDS}: runs ${first}–${first + RUNS - 1} of ${SHARDS * RUNS} of every package.`,
    ],
    context: {
      workingDirectory: '.',
      packages: ['./...'],
      count: SHARDS * RUNS,
      timeout: '10m',
      goTestFlags: [],
      commit: 'abcdef0123456789abcdef0123456789abcdef01',
    },
    shard: { index, total: SHARDS, split: 'runs', firstRun: first, lastRun: first + RUNS - 1 },
  };
}

const files = [];
for (let i = 1; i <= SHARDS; i++) {
  const file = join(work, `shard-${i}.json`);
  writeFileSync(file, JSON.stringify(shard(i), null, 2));
  files.push(file);
}
const sizes = files.map((f) => statSync(f).size);
console.log(
  `${SHARDS} shard reports of ${RUNS} runs × ${packages} packages: ${(sizes.reduce((a, b) => a + b, 0) / 1024 / 1024).toFixed(1)} MB in all`,
);

const cli = join(root, 'dist', 'cli', 'index.js');
const out = join(work, 'merged.json');
const sarif = join(work, 'merged.sarif');
const times = [];
for (let i = 0; i < repeat; i++) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [cli, 'merge', '--json', out, '--sarif', sarif, '--no-color', ...files],
    {
      encoding: 'utf8',
    },
  );
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  if (r.status !== 1) {
    console.error(`merge exited ${r.status}: ${r.stderr}`);
    process.exit(1);
  }
}
const t0 = process.hrtime.bigint();
spawnSync(process.execPath, ['-e', '0']);
const nodeMs = Number(process.hrtime.bigint() - t0) / 1e6;
times.sort((a, b) => a - b);
console.log(
  `merge (bundled CLI, --json and --sarif): median ${times[Math.floor(times.length / 2)]?.toFixed(0)} ms of ${repeat} (min ${times[0]?.toFixed(0)}, max ${times.at(-1)?.toFixed(0)}); node start-up alone ${nodeMs.toFixed(0)} ms`,
);
console.log(
  `merged report ${(statSync(out).size / 1024 / 1024).toFixed(1)} MB, SARIF ${(statSync(sarif).size / 1024 / 1024).toFixed(1)} MB`,
);
