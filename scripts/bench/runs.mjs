// npm run bench -- runs: N runs of each fixture module through race-rerun, against a shell loop of
// `go test -race -count=1`, one `go test -race -count=N` process, `stress` on the test binary, and
// the limit: one build + N × (one run's time) ÷ cores. Prints each as a ratio to the limit and the
// failures each observed. Nothing is asserted: the figures go into the README's Performance section.
// race-rerun is timed without NODE_EXTRA_CA_CERTS (Node parses that bundle at every start; GitHub's
// runners do not set it), and with it in a row of its own when the machine sets it.
//
// Env: BENCH_N (default 20), BENCH_FIXTURES (comma list of fast,slow,multi,panic), RACE_RERUN_CLI
// (default dist/cli/index.js; point it at `node scripts/build.mjs /tmp/x` output to measure src/),
// BENCH_ONLY_RR=1 (only race-rerun, BENCH_REPEAT times, default 1: for trying engine changes),
// BENCH_PAIRS=K (then K alternations of race-rerun and build + stress, compared by medians).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const N = Number(process.env.BENCH_N ?? 20);
const ONLY_RR = process.env.BENCH_ONLY_RR === '1';
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));
const PAIRS = Math.max(0, Number(process.env.BENCH_PAIRS ?? 0));
const CORES = availableParallelism();
const CLI = process.env.RACE_RERUN_CLI ?? join(root, 'dist', 'cli', 'index.js');
const tmp = mkdtempSync(join(tmpdir(), 'race-rerun-bench-'));
const counter = join(tmp, 'panic-counter');
// Local toolchain, no downloads: the fixtures have no dependencies.
const goEnv = {
  ...process.env,
  GOTOOLCHAIN: 'local',
  GOFLAGS: '-mod=mod',
  GOPROXY: 'off',
  BENCH_PANIC_COUNTER: counter,
};

const FIXTURES = {
  fast: { dir: 'test/go/bench-fast', what: 'a fast test that races in every run' },
  slow: { dir: 'test/go/bench-slow', what: 'a test of about 1 s' },
  multi: { dir: 'test/go/bench-multi', what: '8 packages with small tests' },
  panic: { dir: 'test/go/bench-panic', what: 'a test that panics in every second run' },
};
const chosen = (process.env.BENCH_FIXTURES ?? Object.keys(FIXTURES).join(','))
  .split(',')
  .filter((f) => f in FIXTURES);

function now() {
  return performance.now();
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  return { code: r.status, out: (r.stdout ?? '') + (r.stderr ?? ''), error: r.error };
}

function timed(fn) {
  const t = now();
  const value = fn();
  return { ms: now() - t, value };
}

function resetCounter() {
  rmSync(counter, { force: true });
}

/** stress from golang.org/x/tools, installed into a temp GOBIN through the module proxy if missing. */
function findStress() {
  const onPath = run('sh', ['-c', 'command -v stress']);
  if (onPath.code === 0 && onPath.out.trim()) return onPath.out.trim();
  const gobin = join(tmp, 'gobin');
  mkdirSync(gobin, { recursive: true });
  console.log(`Installing stress into ${gobin} (go install golang.org/x/tools/cmd/stress@latest) …`);
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOBIN: gobin, GOFLAGS: '' };
  const r = run('go', ['install', 'golang.org/x/tools/cmd/stress@latest'], { env, cwd: tmp });
  if (r.code !== 0) {
    console.log(`Could not install stress (the Go module proxy refused or is unreachable):\n${r.out.trim()}`);
    return undefined;
  }
  return join(gobin, 'stress');
}

function packagesOf(dir) {
  const r = run('go', ['list', '-f', '{{.ImportPath}} {{.Dir}}', './...'], { cwd: dir, env: goEnv });
  return r.out
    .trim()
    .split('\n')
    .map((l) => l.split(' '))
    .map(([importPath, pkgDir]) => ({ importPath, dir: pkgDir }));
}

/** One race-rerun CLI run of N runs per package; GORACE as given, the CA bundle only if asked. */
function timeRaceRerun(name, dir, gorace, withCa) {
  resetCounter();
  const json = join(tmp, `${name}-report.json`);
  rmSync(json, { force: true });
  const env = { ...goEnv };
  if (gorace) env.GORACE = gorace;
  else delete env.GORACE;
  if (!withCa) delete env.NODE_EXTRA_CA_CERTS;
  const args = [CLI, 'run', '--count', String(N), '--parallel', String(CORES), '--json', json];
  const r = timed(() => run(process.execPath, [...args, '--fail-on', 'never', './...'], { cwd: dir, env }));
  if (!existsSync(json)) {
    console.log(r.value.out.slice(-2000));
    return { ms: r.ms, failures: '?', runs: '?' };
  }
  const report = JSON.parse(readFileSync(json, 'utf8'));
  return { ms: r.ms, failures: report.failedRuns, runs: report.totalRuns };
}

/** `go test -race -c` of one package into p.binary, linked anew (go skips the link for an up-to-date file). */
function buildBinary(p, dir) {
  rmSync(p.binary, { force: true });
  run('go', ['test', '-race', '-c', '-o', p.binary, p.importPath], { cwd: dir, env: goEnv });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function bench(name) {
  const fixture = FIXTURES[name];
  const dir = join(root, fixture.dir);
  const pkgs = packagesOf(dir);
  const bins = join(tmp, name);
  mkdirSync(bins, { recursive: true });
  const rows = [];

  // Warm the build cache once, as a CI cache or an earlier go vet would; then time the builds.
  for (const p of pkgs)
    run('go', ['test', '-race', '-c', '-o', join(bins, 'warm.test'), p.importPath], { cwd: dir, env: goEnv });
  let buildMs = 0;
  for (const [i, p] of pkgs.entries()) {
    p.binary = join(bins, `p${i}.test`);
    buildMs += timed(() => buildBinary(p, dir)).ms;
  }
  // One run, as race-rerun runs it (GORACE=atexit_sleep_ms=0): the mean of 6 runs in a row after
  // a warm-up (the panic fixture's runs alternate between passing and the slower panicking kind),
  // summed over packages.
  let runMs = 0;
  for (const p of pkgs) {
    resetCounter();
    const env = { ...goEnv, GORACE: 'atexit_sleep_ms=0' };
    const once = () => run(p.binary, ['-test.count=1', '-test.v=test2json'], { cwd: p.dir, env });
    once();
    let sum = 0;
    for (let i = 0; i < 6; i++) sum += timed(once).ms;
    runMs += sum / 6;
  }
  // Builds of several packages spread over the cores like runs do.
  const limitMs = (pkgs.length > 1 ? buildMs / CORES : buildMs) + (N * runMs) / CORES;

  // race-rerun
  // [label, GORACE, keep NODE_EXTRA_CA_CERTS]: see nodeStart below.
  const variants = ONLY_RR
    ? Array.from({ length: REPEAT }, () => ['race-rerun', undefined, false])
    : [
        ['race-rerun', undefined, false],
        ...(EXTRA_CA ? [['race-rerun, with NODE_EXTRA_CA_CERTS', undefined, true]] : []),
        ['race-rerun, GORACE=atexit_sleep_ms=1000', 'atexit_sleep_ms=1000', false],
      ];
  for (const [label, gorace, withCa] of variants) {
    const r = timeRaceRerun(name, dir, gorace, withCa);
    rows.push({ method: label, ms: r.ms, failures: r.failures, note: `${r.runs} runs` });
  }

  // 1. Shell loop of go test -race -count=1 (every package, every time).
  if (!ONLY_RR) {
    resetCounter();
    let failures = 0;
    const { ms } = timed(() => {
      for (let i = 0; i < N; i++) {
        const r = run('go', ['test', '-race', '-count=1', './...'], { cwd: dir, env: goEnv });
        failures += (r.out.match(/^FAIL\s+\S+\s+[\d.]+s$/gm) ?? []).length;
        failures += (r.out.match(/^FAIL\s+\S+\s+\[/gm) ?? []).length;
      }
    });
    rows.push({
      method: 'shell loop: go test -race -count=1',
      ms,
      failures,
      note: `${N * pkgs.length} runs`,
    });
  }

  // 2. One process per package: go test -race -count=N.
  if (!ONLY_RR) {
    resetCounter();
    const r = timed(() =>
      run('go', ['test', '-race', `-count=${N}`, '-v', './...'], { cwd: dir, env: goEnv }),
    );
    // Top-level results of each package's test functions, per iteration.
    const tests = testsPerPackage(name);
    const passed = (r.value.out.match(/^--- PASS: /gm) ?? []).length;
    const failed = (r.value.out.match(/^--- FAIL: /gm) ?? []).length;
    const observed = Math.min(N * pkgs.length, Math.round((passed + failed) / tests));
    rows.push({
      method: `go test -race -count=${N}`,
      ms: r.ms,
      failures: failed,
      // It cannot count repeats: a race is reported once per process, a panic ends the process.
      note: `${observed} of ${N * pkgs.length} iterations ran, in one process per package`,
    });
  }

  // 3. stress on each test binary (default GORACE, then with the exit sleep off); the build it
  // needs is added to its time.
  for (const gorace of stress && !ONLY_RR ? [undefined, 'atexit_sleep_ms=0'] : []) {
    const r = timeStress(pkgs, gorace);
    const method = `build + stress -p ${CORES}${gorace ? `, GORACE=${gorace}` : ''}`;
    rows.push({ method, ms: r.ms + buildMs, failures: r.failures, note: `${r.total} runs` });
  }

  console.log(`\n${name}: ${fixture.what} (${pkgs.length} package${pkgs.length > 1 ? 's' : ''}), N=${N}`);
  console.log(
    `  limit ${(limitMs / 1000).toFixed(2)}s = build ${(buildMs / 1000).toFixed(2)}s${pkgs.length > 1 ? ` ÷ ${CORES}` : ''} + ${N} × run ${runMs.toFixed(0)}ms ÷ ${CORES} cores`,
  );
  for (const row of rows) {
    console.log(
      `  ${row.method.padEnd(42)} ${(row.ms / 1000).toFixed(2).padStart(7)}s  ${(row.ms / limitMs).toFixed(2).padStart(6)}× limit  failures ${String(row.failures).padStart(3)}  (${row.note})`,
    );
  }
  if (ONLY_RR) return;
  const rr = rows[0];
  const rrCa = rows.find((r) => r.method.includes('NODE_EXTRA_CA_CERTS'));
  const loop = rows.find((r) => r.method.startsWith('shell loop'));
  // The faster of the two stress rows.
  const st = rows.filter((r) => r.method.includes('stress')).sort((a, b) => a.ms - b.ms)[0];
  console.log(
    `  race-rerun: ${(rr.ms / limitMs).toFixed(2)}× limit (goal ≤ 1.15), ${(rr.ms / loop.ms).toFixed(2)}× shell loop (goal ≤ 0.35)` +
      (st ? `, ${(rr.ms / st.ms).toFixed(2)}× stress (goal ≤ 1)` : '') +
      `, failures ${rr.failures} vs loop ${loop.failures}`,
  );
  if (rrCa) {
    console.log(
      `  with NODE_EXTRA_CA_CERTS: ${(rrCa.ms / limitMs).toFixed(2)}× limit` +
        (st ? `, ${(rrCa.ms / st.ms).toFixed(2)}× stress` : ''),
    );
  }
  // One run of each is within this machine's noise of the other: PAIRS alternations, each stress
  // time with a fresh build of its binaries (as the stress rows above), compared by their medians.
  if (PAIRS > 0 && stress) {
    const rrMs = [];
    const stMs = [];
    for (let i = 0; i < PAIRS; i++) {
      rrMs.push(timeRaceRerun(name, dir, undefined, false).ms);
      const build = timed(() => {
        for (const p of pkgs) buildBinary(p, dir);
      }).ms;
      stMs.push(build + timeStress(pkgs, 'atexit_sleep_ms=0').ms);
    }
    const [a, b] = [median(rrMs), median(stMs)];
    console.log(
      `  ${PAIRS} pairs, medians: race-rerun ${(a / 1000).toFixed(3)}s, build + stress (exit sleep off) ${(b / 1000).toFixed(3)}s: ${(a / b).toFixed(2)}× stress (goal ≤ 1)`,
    );
  }
}

/** stress -count N on each package's binary (built already); its time without the build. */
function timeStress(pkgs, gorace) {
  resetCounter();
  let failures = 0;
  let total = 0;
  const env = { ...goEnv };
  if (gorace) env.GORACE = gorace;
  const { ms } = timed(() => {
    for (const p of pkgs) {
      const args = [
        '-p',
        String(CORES),
        '-count',
        String(N),
        '-o',
        join(tmp, 'stress-'),
        p.binary,
        '-test.count=1',
      ];
      const r = run(stress, args, { cwd: p.dir, env });
      const m = /(\d+) runs total, (\d+) failures/.exec(r.out);
      total += Number(m?.[1] ?? 0);
      failures += Number(m?.[2] ?? 0);
    }
  });
  return { ms, failures, total };
}

function testsPerPackage(name) {
  return name === 'fast' ? 2 : 1;
}

const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
const goVersion = execFileSync('go', ['version'], { env: goEnv, encoding: 'utf8' }).trim();
console.log(`Machine: ${CORES} cores, ${cpuModel}; ${goVersion}; race-rerun CLI ${CLI}`);
if (!existsSync(CLI)) {
  console.log(`No race-rerun CLI at ${CLI}: run npm run build, or set RACE_RERUN_CLI.`);
  process.exit(1);
}
/**
 * Node reads NODE_EXTRA_CA_CERTS at every start, before any script runs: on this kind of machine
 * (set for a proxy) that is ~35 ms of a 60 ms start. GitHub-hosted runners do not set it and
 * `race-rerun run` opens no TLS connection, so race-rerun is timed without it; with it, it is
 * timed too (its own row), and the cost is printed here.
 */
const EXTRA_CA = Boolean(process.env.NODE_EXTRA_CA_CERTS);
function nodeStart(env) {
  let ms = 0;
  for (let i = 0; i < 5; i++) ms += timed(() => run(process.execPath, ['-e', ''], { env })).ms;
  return ms / 5;
}
if (EXTRA_CA) {
  const without = { ...process.env };
  delete without.NODE_EXTRA_CA_CERTS;
  console.log(
    `NODE_EXTRA_CA_CERTS is set: node -e '' starts in ${nodeStart(process.env).toFixed(0)} ms with it, ` +
      `${nodeStart(without).toFixed(0)} ms without (race-rerun is timed without it, as on GitHub-hosted runners; ` +
      'the row "with NODE_EXTRA_CA_CERTS" is with it)',
  );
}
const stress = ONLY_RR ? undefined : findStress();
try {
  for (const name of chosen) bench(name);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
