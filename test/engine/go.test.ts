import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDefaults,
  createGoTool,
  GoError,
  parseJsonStream,
  testBinaryName,
} from '../../src/engine/go.js';
import { nodeProcessRunner } from '../../src/engine/process.js';
import type { GoPackage } from '../../src/model.js';
import { GO_ENV, goModule, mixedModule } from './helpers.js';

const go = createGoTool(nodeProcessRunner, { env: GO_ENV });
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rr-go-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function goError(p: Promise<unknown>): Promise<GoError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GoError);
  return err as GoError;
}

describe('parseJsonStream', () => {
  it('splits concatenated objects, braces in strings included', () => {
    expect(parseJsonStream('{"a": "}{"}\n{"b": {"c": 1}}\nnoise\n{"d": "\\"{"}')).toEqual([
      { a: '}{' },
      { b: { c: 1 } },
      { d: '"{' },
    ]);
  });
});

describe('env', () => {
  it('reads the Go environment of a module', async () => {
    const env = await go.env(goModule('race'));
    expect(env.version).toMatch(/^go1\.\d+/);
    expect(env.gomod).toBe(join(goModule('race'), 'go.mod'));
    expect(existsSync(join(env.goroot, 'bin'))).toBe(true);
    expect(env.gomodcache).not.toBe('');
  });

  it('says how to get Go when go is not on PATH', async () => {
    const noGo = createGoTool(nodeProcessRunner, { env: { ...GO_ENV, PATH: join(tmp, 'empty-bin') } });
    const err = await goError(noGo.env(goModule('race')));
    expect(err.message).toBe(
      'Go toolchain not found: "go" is not on PATH. Add actions/setup-go before this step (or install Go).',
    );
  });

  it('names the directory when there is no go.mod', async () => {
    const err = await goError(go.env(tmp));
    expect(err.message).toBe(
      `No Go module in ${tmp}: no go.mod found. Set working-directory to the directory that holds go.mod.`,
    );
  });

  it('says when the working directory does not exist', async () => {
    const err = await goError(go.env(join(tmp, 'missing')));
    expect(err.message).toContain(`${join(tmp, 'missing')} does not exist`);
  });
});

describe('listTestPackages', () => {
  it('splits packages with tests (in-package and external) from those without', async () => {
    const dir = goModule('multi');
    const r = await go.listTestPackages(dir, ['./...'], []);
    expect(r.errors).toEqual([]);
    expect(r.packages).toEqual([
      {
        importPath: 'example.com/rr/multi/alpha',
        dir: join(dir, 'alpha'),
        module: { path: 'example.com/rr/multi', dir },
      },
      {
        importPath: 'example.com/rr/multi/beta',
        dir: join(dir, 'beta'),
        module: { path: 'example.com/rr/multi', dir },
      },
    ]);
    expect(r.withoutTests).toEqual(['example.com/rr/multi/internal/notests']);
  });

  it('reports a pattern that matches no packages', async () => {
    const r = await go.listTestPackages(goModule('multi'), ['example.com/rr/multi/zz/...', './alpha'], []);
    expect(r.packages.map((p) => p.importPath)).toEqual(['example.com/rr/multi/alpha']);
    expect(r.errors).toEqual(['Pattern "example.com/rr/multi/zz/..." matched no packages.']);
  });

  it('reports a directory pattern that does not exist', async () => {
    const r = await go.listTestPackages(goModule('multi'), ['./nope/...'], []);
    expect(r.packages).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('./nope');
  });

  it('still returns a package whose tests do not compile (the build reports where)', async () => {
    const r = await go.listTestPackages(goModule('nobuild'), ['./...'], []);
    expect(r.packages.map((p) => p.importPath)).toEqual(['example.com/rr/nobuild']);
  });

  it('passes build flags to go list; a bad one is an error, not a throw', async () => {
    const r = await go.listTestPackages(goModule('multi'), ['./...'], ['-no-such-flag']);
    expect(r.packages).toEqual([]);
    expect(r.errors.join('\n')).toContain('no-such-flag');
  });
});

describe('modules', () => {
  it('lists the main module', async () => {
    expect(await go.modules(goModule('multi'))).toEqual([
      { path: 'example.com/rr/multi', dir: goModule('multi') },
    ]);
  });

  it('is empty outside a module', async () => {
    expect(await go.modules(tmp)).toEqual([]);
  });
});

describe('buildTest', () => {
  const pkg = (name: string): GoPackage => ({
    importPath: `example.com/rr/${name}`,
    dir: goModule(name),
    module: { path: `example.com/rr/${name}`, dir: goModule(name) },
  });

  it('builds a race-enabled test binary', async () => {
    const out = join(tmp, 'race.test');
    const b = await go.buildTest(pkg('race'), out, [], goModule('race'));
    expect(b.output).toBe('');
    expect(b.ok).toBe(true);
    expect(b.binary).toBe(out);
    expect(existsSync(out)).toBe(true);
    expect(b.durationMs).toBeGreaterThan(0);
  });

  it('returns the compiler error with file:line when the tests do not compile', async () => {
    const out = join(tmp, 'nobuild.test');
    const b = await go.buildTest(pkg('nobuild'), out, [], goModule('nobuild'));
    expect(b.ok).toBe(false);
    expect(b.binary).toBeUndefined();
    expect(b.output).toContain('nobuild_test.go:6:17: undefined: undefinedName');
    expect(existsSync(out)).toBe(false);
  });

  it('fails without throwing when go is missing', async () => {
    const noGo = createGoTool(nodeProcessRunner, { env: { ...GO_ENV, PATH: join(tmp, 'empty-bin') } });
    const b = await noGo.buildTest(pkg('race'), join(tmp, 'x.test'), [], goModule('race'));
    expect(b.ok).toBe(false);
    expect(b.output).toContain('Go toolchain not found');
  });
});

describe('buildTests (one go command for several packages)', () => {
  it('names binaries as go does: last element, before a /vN suffix', () => {
    expect(testBinaryName('example.com/m/pkg')).toBe('pkg.test');
    expect(testBinaryName('example.com/m/v2')).toBe('m.test');
    expect(testBinaryName('example.com/m/v1')).toBe('v1.test');
    expect(testBinaryName('mod')).toBe('mod.test');
  });

  it('adds -ldflags=-w and -vet=off unless the user sets them', () => {
    expect(buildDefaults(['-tags=x'], {})).toEqual(['-ldflags=-w', '-vet=off', '-tags=x']);
    expect(buildDefaults(['-ldflags=-X main.v=1'], {})).toEqual(['-vet=off', '-ldflags=-X main.v=1']);
    expect(buildDefaults(['-vet=printf'], {})).toEqual(['-ldflags=-w', '-vet=printf']);
    expect(buildDefaults([], { GOFLAGS: '-mod=mod -ldflags=-s -vet=atomic' })).toEqual([]);
    expect(buildDefaults([], { GOFLAGS: '--ldflags=-s --vet' })).toEqual([]);
    // Only the flag itself: not a longer name that starts the same.
    expect(buildDefaults(['-vetx=1'], { GOFLAGS: '-ldflagsx' })).toEqual([
      '-ldflags=-w',
      '-vet=off',
      '-vetx=1',
    ]);
  });

  it('builds the packages that compile; one that does not is left to its own build', async () => {
    const dir = await mixedModule(join(tmp, 'mixed'));
    const pkgs = ['a', 'b', 'bad', 'c/v2', 'd/a'].map(
      (p): GoPackage => ({
        importPath: `example.com/mixed/${p}`,
        dir: join(dir, p),
        module: { path: 'example.com/mixed', dir },
      }),
    );
    const out = join(tmp, 'mixed-bin');
    const built = await go.buildTests?.(pkgs, out, [], dir);
    // a and d/a both want a.test: go would refuse the batch, so neither is in it.
    expect(built?.map((b) => [b.package.importPath, b.ok, b.binary])).toEqual([
      ['example.com/mixed/b', true, join(out, 'b.test')],
      ['example.com/mixed/c/v2', true, join(out, 'c.test')],
    ]);
    expect(existsSync(join(out, 'bad.test'))).toBe(false);
  });
});
