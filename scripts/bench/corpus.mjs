// npm run bench -- corpus: the corpus of real reports from public issues
// (test/fixtures/go-output/corpus/) through `race-rerun parse --json` in a scratch git checkout
// of another repository, as a user would. Prints how many reports got a user-code location and
// how many match the hand-checked expectations of corpus.json. RACE_RERUN_CLI picks the CLI
// (default dist/cli/index.js), so an older build can be measured the same way. Nothing is asserted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = process.env.RACE_RERUN_CLI ?? join(root, 'dist', 'cli', 'index.js');
const dir = join(root, 'test', 'fixtures', 'go-output', 'corpus');
const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'race-rerun-corpus-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
spawnSync('git', ['init', '-q', work]);

const KINDS = new Set(['race', 'panic', 'fatal', 'timeout']);
let expectedFindings = 0;
let withSite = 0;
let expectedWithSite = 0;
let exact = 0;
let notGo = 0;
for (const e of corpus) {
  const json = join(work, 'r.json');
  rmSync(json, { force: true });
  spawnSync(process.execPath, [CLI, 'parse', '--json', json, '--no-color', join(dir, e.file)], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local' },
  });
  let report;
  try {
    report = JSON.parse(readFileSync(json, 'utf8'));
  } catch {
    notGo++;
    continue;
  }
  const got = report.findings
    .filter((f) => KINDS.has(f.kind))
    .map((f) => {
      const sites = f.locations.map(
        (l) => `${l.role} ${l.function} ${l.file.split(/[\\/]/).pop()}:${l.line}`,
      );
      if (sites.length > 0) withSite++;
      return `${f.kind}: ${sites.length > 0 ? sites.join(' | ') : '(none)'}`;
    })
    .sort();
  const want = [...e.expected].sort();
  expectedFindings += want.length;
  expectedWithSite += want.filter((w) => !w.endsWith('(none)')).length;
  if (JSON.stringify(got) === JSON.stringify(want)) exact++;
  else if (process.env.BENCH_VERBOSE)
    console.log(`${e.file}\n  got  ${got.join('\n       ')}\n  want ${want.join('\n       ')}`);
}
console.log(`${corpus.length} reports from ${new Set(corpus.map((e) => e.project)).size} projects (${CLI})`);
console.log(
  `findings with a user-code location: ${withSite} (expected ${expectedWithSite} of ${expectedFindings})`,
);
console.log(
  `reports exactly as expected (kind and sites): ${exact}/${corpus.length}; no report at all: ${notGo}`,
);
