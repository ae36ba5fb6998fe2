// Bundles the action (dist/index.js) and the CLI (dist/cli/index.js) with ncc.
// Usage: node scripts/build.mjs [outDir]   (outDir defaults to dist; the dist check builds elsewhere)
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
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
]) {
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', dir, '--license', 'licenses.txt', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
}
chmodSync(join(out, 'cli', 'index.js'), 0o755);
