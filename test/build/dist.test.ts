// dist/ is what GitHub runs: it must be exactly what `npm run build` makes from src/ now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
