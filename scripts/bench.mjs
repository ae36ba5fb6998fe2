// npm run bench: runs every benchmark in scripts/bench/ (or the ones named: npm run bench -- parse).
// Benchmarks print ratios against the baselines their issue names; nothing here asserts timings.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const wanted = process.argv.slice(2);
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .sort();
const chosen = wanted.length ? all.filter((f) => wanted.includes(f.replace(/\.mjs$/, ''))) : all;
if (chosen.length === 0) {
  console.error(`No benchmark matches ${wanted.join(' ')}; there are: ${all.join(', ') || 'none'}`);
  process.exit(2);
}
let failed = 0;
for (const f of chosen) {
  console.log(`\n=== ${f.replace(/\.mjs$/, '')} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(dir, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
