// dist/ is what GitHub runs: it must be exactly what `npm run build` makes from src/ now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { parseRange } from '../../src/engine/logs.js';
import { VERSION } from '../../src/version.js';

const root = resolve(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split('\\').join('/'))
    .sort();
}

describe('dist/', () => {
  it('matches a fresh build of src/ (run `npm run build` and commit dist/ if this fails)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'race-rerun-dist-')), 'dist');
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), out], { cwd: root, stdio: 'pipe' });
    const committed = join(root, 'dist');
    expect(files(committed)).toEqual(files(out));
    for (const f of files(out)) {
      const fresh = readFileSync(join(out, f), 'utf8');
      const mine = readFileSync(join(committed, f), 'utf8');
      // Comparing lengths first keeps a mismatch message short.
      expect(mine.length, `dist/${f} differs from a fresh build`).toBe(fresh.length);
      expect(mine === fresh, `dist/${f} differs from a fresh build`).toBe(true);
    }
  });

  it('ships the CLI with a shebang and the version from package.json', () => {
    const cli = readFileSync(join(root, 'dist', 'cli', 'index.js'), 'utf8');
    expect(cli.startsWith('#!/usr/bin/env node')).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      version: string;
      bin: Record<string, string>;
    };
    expect(VERSION).toBe(pkg.version);
    expect(pkg.bin['race-rerun']).toBe('dist/cli/index.js');
    expect(
      execFileSync(process.execPath, [join(root, 'dist', 'cli', 'index.js'), '--version'], {
        encoding: 'utf8',
      }).trim(),
    ).toBe(VERSION);
  });

  it('ships the log parser thread beside each bundle, and it parses as src/ does', async () => {
    const log = join(root, 'test', 'fixtures', 'go-output', 'derived-interleaved-packages-json-go1.26.jsonl');
    const size = statSync(log).size;
    const range = { start: 0, end: size, last: true };
    const expected = JSON.parse(JSON.stringify(await parseRange(log, range)));
    for (const dir of ['dist', 'dist/cli']) {
      const result = await new Promise((resolve, reject) => {
        const w = new Worker(join(root, dir, 'logs-worker.js'), { workerData: { file: log, range } });
        w.once('message', resolve);
        w.once('error', reject);
      });
      expect(result, `${dir}/logs-worker.js`).toEqual(expected);
    }
  });
});
