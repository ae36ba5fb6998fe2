// The end-to-end tests run dist/ on this machine's Node and, in the vitest project `node24`, on
// the Node 24 that action.yml names (`using: node24`).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { e2eNode } from './runner.js';

describe('the Node.js running dist/', () => {
  it('is Node 24 in the node24 project', () => {
    const version = execFileSync(e2eNode(), ['--version'], { encoding: 'utf8' }).trim();
    if (process.env.RACE_RERUN_E2E_NODE === '24') expect(version).toMatch(/^v24\./);
    else expect(version).toBe(process.version);
  });
});
