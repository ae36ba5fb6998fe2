// npm run bench -- parse: how fast, and in how much memory, a huge log is parsed (issue 3).
//
// Writes a log of BENCH_PARSE_MB megabytes (default 1024) made of real outputs from
// test/fixtures/go-output/ repeated (plain, -json and raw -test.v=test2json; races, panics,
// timeouts, failures, passing tests) into a temp file, then measures, each in its own process:
//   baseline  reading the file and splitting it into lines in Node (nothing else)
//   parser    the streaming parser from src/ (src/engine/logs.ts parseLogFile), transpiled on the fly
//   cli       the bundled CLI, `node dist/cli/index.js parse --json OUT FILE` (the committed
//             dist/: rebuild it first to measure src changes; BENCH_PARSE_CLI=0 skips it)
// and prints MB/s, the parser's ratio to the baseline (goal >= 0.5) and peak RSS (goal < 200 MB).
// The temp file is deleted at the end. Nothing here asserts: timings vary between machines.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transpileParser } from '../transpile-parser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MB = 1024 * 1024;
const sizeMb = Number(process.env.BENCH_PARSE_MB ?? 1024);
if (!Number.isFinite(sizeMb) || sizeMb <= 0) {
  console.error(`BENCH_PARSE_MB must be a positive number of megabytes, not ${process.env.BENCH_PARSE_MB}`);
  process.exit(2);
}
const withCli = process.env.BENCH_PARSE_CLI !== '0';

const work = mkdtempSync(join(tmpdir(), 'race-rerun-bench-parse-'));
const cleanup = () => rmSync(work, { recursive: true, force: true });
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

/** The real samples the log is made of: every fixture (mixed kinds, formats and Go versions). */
function samples() {
  const dir = join(root, 'test', 'fixtures', 'go-output');
  return readdirSync(dir)
    .filter((f) => (f.endsWith('.txt') || f.endsWith('.jsonl')) && !f.startsWith('derived-binary'))
    .sort()
    .map((f) => readFileSync(join(dir, f)));
}

function writeLog(file, bytes) {
  const parts = samples();
  const fd = openSync(file, 'w');
  const chunk = Buffer.concat(parts);
  let written = 0;
  try {
    while (written < bytes) {
      const n = Math.min(chunk.length, bytes - written);
      writeSync(fd, chunk, 0, n);
      written += n;
    }
  } finally {
    closeSync(fd);
  }
  return { written, kinds: parts.length };
}

function transpileSources() {
  return transpileParser(join(work, 'src'));
}

// Each measured program runs in a fresh process that prints its own time and peak RSS on fd 3.
const report = `process.on('exit', () => require('node:fs').writeSync(3, JSON.stringify({ ms: performance.now() - t0, maxRssKb: process.resourceUsage().maxRSS, info: globalThis.benchInfo })));`;

const programs = {
  baseline: (file) => `
    const { createReadStream } = require('node:fs');
    const t0 = performance.now(); ${report}
    (async () => {
      let lines = 0, partial = '';
      const s = createReadStream(${JSON.stringify(file)}); s.setEncoding('utf8');
      for await (const chunk of s) {
        const parts = (partial + chunk).split('\\n');
        partial = parts.pop();
        lines += parts.length;
      }
      globalThis.benchInfo = { lines: lines + (partial ? 1 : 0) };
    })();`,
  parser: (file, logsUrl, threads) => `
    const t0 = performance.now(); ${report}
    import(${JSON.stringify(logsUrl)}).then(async ({ parseLogFile }) => {
      const p = await parseLogFile(${JSON.stringify(file)}, undefined, { threads: ${threads} });
      globalThis.benchInfo = { findings: p.findings.length, tests: p.tests.length, packages: p.packages.length };
    });`,
  cli: (file) => `
    const t0 = performance.now(); ${report}
    process.argv = [process.argv[0], 'race-rerun', 'parse', '--fail-on', 'never', '--no-color', '--json', ${JSON.stringify(join(work, 'report.json'))}, ${JSON.stringify(file)}];
    import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'cli', 'index.js')).href)});`,
};

function measure(name, code) {
  const r = spawnSync(process.execPath, ['-e', code], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' },
    maxBuffer: 64 * MB,
  });
  const out = r.output?.[3];
  if (r.status !== 0 && r.status !== 1) throw new Error(`${name} failed (${r.status}): ${r.stderr}`);
  if (!out) throw new Error(`${name} printed no measurement: ${r.stderr}`);
  return JSON.parse(out);
}

const log = join(work, 'bench.log');
const t0 = performance.now();
const { written, kinds } = writeLog(log, Math.round(sizeMb * MB));
const mb = written / MB;
console.log(
  `log: ${mb.toFixed(0)} MB in ${relative(root, work) ? work : '.'} from ${kinds} real samples repeated (written in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);

const logsUrl = transpileSources();
const rows = [];
const base = measure('baseline', programs.baseline(log));
rows.push(['baseline: read + split lines', base]);
const single = measure('parser', programs.parser(log, logsUrl, 1));
rows.push(['parser (src), 1 thread', single]);
const threads = Math.min(availableParallelism(), 2);
const parsed = threads > 1 ? measure('parser', programs.parser(log, logsUrl, threads)) : single;
if (threads > 1) rows.push([`parser (src), ${threads} threads`, parsed]);
if (withCli) rows.push(['cli parse --json (dist)', measure('cli', programs.cli(log))]);

const rate = (m) => mb / (m.ms / 1000);
for (const [name, m] of rows) {
  console.log(
    `${name.padEnd(30)} ${rate(m).toFixed(0).padStart(6)} MB/s  ${(m.ms / 1000).toFixed(1).padStart(6)} s  peak RSS ${(m.maxRssKb / 1024).toFixed(0).padStart(4)} MB${m.info ? `  ${JSON.stringify(m.info)}` : ''}`,
  );
}
const ratio = rate(parsed) / rate(base);
const rss = parsed.maxRssKb / 1024;
console.log(
  `parser/baseline ratio ${ratio.toFixed(2)} (goal >= 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}); parser peak RSS ${rss.toFixed(0)} MB (goal < 200 MB: ${rss < 200 ? 'met' : 'NOT met'})`,
);
