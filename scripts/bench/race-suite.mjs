// npm run bench -- race-suite: Go's own race tests ($GOROOT/src/runtime/race/testdata, minus the
// cgo and synctest files) in a temporary module with the toolchain's go version, with
// GORACE="suppress_equal_stacks=0 suppress_equal_addresses=0" as Go's race_test.go runs them (it
// prints some 1,800 reports: past the 1,000-report cap). Compares per test:
//   parse   `race-rerun parse` of `go test -race -v` output: the tests its races are attributed to
//           vs the tests Go itself failed with "race detected during execution of test" (same output)
//   run     `race-rerun run --count 1`: the tests its race findings name vs the tests that failed
//           in that same run (its JSON report's tests)
//   across  run vs the go test -v run: races are timing-dependent, so a few differ between runs
// and Go's naming convention (TestRace* should race, TestNoRace* should not). Nothing is asserted.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = process.env.RACE_RERUN_CLI ?? join(root, 'dist', 'cli', 'index.js');
const env = {
  ...process.env,
  GOTOOLCHAIN: 'local',
  GOFLAGS: '-mod=mod',
  GORACE: 'suppress_equal_stacks=0 suppress_equal_addresses=0',
};
const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
const goVersion = /go(\d+\.\d+)/.exec(execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }))?.[1];
const src = join(goroot, 'src', 'runtime', 'race', 'testdata');
const work = mkdtempSync(join(tmpdir(), 'race-rerun-race-suite-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// cgo_test.go runs cgo_test_main.go (cgo) and imports internal/testenv; synctest has its own rules.
const skip = new Set(['cgo_test.go', 'cgo_test_main.go', 'synctest_test.go']);
const files = readdirSync(src).filter((f) => f.endsWith('_test.go') && !skip.has(f));
for (const f of files) copyFileSync(join(src, f), join(work, f));
writeFileSync(join(work, 'go.mod'), `module racesuite\n\ngo ${goVersion}\n`);
spawnSync('git', ['init', '-q', work]);
console.log(`${files.length} files from ${src}, module in ${work}`);

const t0 = Date.now();
const v = spawnSync('go', ['test', '-race', '-v', '-count=1', '.'], {
  cwd: work,
  env,
  encoding: 'utf8',
  maxBuffer: 1 << 30,
});
const goOut = `${v.stdout}${v.stderr}`;
writeFileSync(join(work, 'go-test-v.log'), goOut);
console.log(
  `go test -race -v: ${((Date.now() - t0) / 1000).toFixed(1)} s, ${(goOut.match(/WARNING: DATA RACE/g) ?? []).length} race reports`,
);

const all = new Set([...goOut.matchAll(/^=== RUN {3}(\S+)/gm)].map((m) => m[1]));
const goRaced = new Set();
{
  // Go's own attribution: the test whose output holds "race detected during execution of test".
  let cur;
  for (const line of goOut.split('\n')) {
    const run = /^=== (?:RUN|CONT|NAME) +(\S+)/.exec(line);
    if (run) cur = run[1];
    if (line.includes('race detected during execution of test') && cur) goRaced.add(cur);
  }
}

function cli(args) {
  const json = join(work, `report-${args[0]}.json`);
  const t = Date.now();
  spawnSync(process.execPath, [CLI, ...args, '--json', json, '--no-color'], {
    cwd: work,
    env,
    encoding: 'utf8',
  });
  const report = JSON.parse(readFileSync(json, 'utf8'));
  return { report, seconds: (Date.now() - t) / 1000 };
}

const raceTests = (report) =>
  new Set(report.findings.filter((f) => f.kind === 'race').flatMap((f) => f.tests));
const failedTests = (report) => new Set(report.tests.filter((t) => t.failed > 0).map((t) => t.name));

function agreement(name, a, b) {
  let same = 0;
  const onlyA = [];
  const onlyB = [];
  for (const t of all) {
    const x = a.has(t);
    const y = b.has(t);
    if (x === y) same++;
    else (x ? onlyA : onlyB).push(t);
  }
  console.log(`${name}: ${same}/${all.size} tests agree (${((100 * same) / all.size).toFixed(1)}%)`);
  if (onlyA.length) console.log(`  only in the first: ${onlyA.join(' ')}`);
  if (onlyB.length) console.log(`  only in the second: ${onlyB.join(' ')}`);
}

const parsed = cli(['parse', 'go-test-v.log']);
const run = cli(['run', '--count', '1', '.']);
console.log(
  `race-rerun parse: ${parsed.seconds.toFixed(1)} s, ${parsed.report.findings.length} findings; ` +
    `run --count 1: ${run.seconds.toFixed(1)} s, ${run.report.findings.length} findings`,
);
for (const n of [...parsed.report.notes, ...run.report.notes]) console.log(`  note: ${n}`);
console.log(`${all.size} tests; Go attributes a race to ${goRaced.size}`);
agreement('parse (race-rerun attribution vs Go, same output)', raceTests(parsed.report), goRaced);
agreement('run (race findings vs failed tests, same run)', raceTests(run.report), failedTests(run.report));
agreement('across runs (race-rerun run vs go test -v)', raceTests(run.report), goRaced);
const named = new Set([...all].filter((t) => t.startsWith('TestRace')));
agreement('naming (race-rerun run vs TestRace* names)', raceTests(run.report), named);
