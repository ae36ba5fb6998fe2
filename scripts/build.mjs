// Bundles the action (dist/index.js) and the CLI (dist/cli/index.js) with ncc, and beside each the
// thread that parses part of a huge log (logs-worker.js: it is found next to the bundle using it).
// Usage: node scripts/build.mjs [outDir]   (outDir defaults to dist; the dist check builds elsewhere)
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'dist'));
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [entry, dir] of [
  ['src/index.ts', out],
  ['src/cli.ts', join(out, 'cli')],
  ['src/engine/logs-worker.ts', join(out, 'worker')],
]) {
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', dir, '--license', 'licenses.txt', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
}
chmodSync(join(out, 'cli', 'index.js'), 0o755);
for (const dir of [out, join(out, 'cli')])
  copyFileSync(join(out, 'worker', 'index.js'), join(dir, 'logs-worker.js'));
rmSync(join(out, 'worker'), { recursive: true, force: true });
