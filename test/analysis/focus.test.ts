// only-changed: which packages the changed files touch, and why.
import { describe, expect, it } from 'vitest';
import { focusPackages, type ModulePackage } from '../../src/analysis/focus.js';

const M = '/repo/mod';
const pkg = (name: string, deps: string[] = [], testImports: string[] = []): ModulePackage => ({
  importPath: `example.com/m/${name}`,
  dir: `${M}/${name}`,
  deps: deps.map((d) => `example.com/m/${d}`),
  testImports: testImports.map((d) => `example.com/m/${d}`),
});
// a ← b ← c (b imports a, c imports b); d only in its tests imports a; e stands alone.
const pkgs = [pkg('a'), pkg('b', ['a']), pkg('c', ['b', 'a']), pkg('d', [], ['a']), pkg('e', ['fmt'])];

describe('focusPackages', () => {
  it('takes the changed package and every package that imports it, in code or tests', () => {
    expect(focusPackages(pkgs, [`${M}/a/a.go`], M)).toEqual([
      { importPath: 'example.com/m/a', reason: 'changed' },
      { importPath: 'example.com/m/b', reason: 'imports', via: 'example.com/m/a' },
      { importPath: 'example.com/m/c', reason: 'imports', via: 'example.com/m/a' },
      { importPath: 'example.com/m/d', reason: 'imports', via: 'example.com/m/a' },
    ]);
  });

  it('counts test files and testdata, not other files or subdirectories', () => {
    expect(focusPackages(pkgs, [`${M}/e/e_test.go`], M).map((p) => p.importPath)).toEqual([
      'example.com/m/e',
    ]);
    expect(focusPackages(pkgs, [`${M}/e/testdata/golden.txt`], M).map((p) => p.importPath)).toEqual([
      'example.com/m/e',
    ]);
    expect(focusPackages(pkgs, [`${M}/e/README.md`, `${M}/docs/x.go`, '/repo/README.md'], M)).toEqual([]);
  });

  it('takes every package when go.mod or go.sum changed', () => {
    const all = focusPackages(pkgs, [`${M}/go.sum`], M);
    expect(all).toHaveLength(5);
    expect(all[0]).toEqual({ importPath: 'example.com/m/a', reason: 'changed', via: 'go.sum' });
    expect(focusPackages(pkgs, ['/repo/other/go.mod'], M)).toEqual([]);
  });
});
