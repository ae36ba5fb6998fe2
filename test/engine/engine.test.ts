import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineDeps, execute, MAX_PARALLEL } from '../../src/engine/engine.js';
import { createGoTool, type GoTool } from '../../src/engine/go.js';
import { nodeProcessRunner, type ProcessRunner } from '../../src/engine/process.js';
import type { Settings } from '../../src/model.js';
import { GO_ENV, goModule, mixedModule, moduleSettings, stubParse } from './helpers.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rr-engine-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function settings(module: string, over: Partial<Settings> = {}): Settings {
  return moduleSettings(module, join(tmp, 'report.json'), { ...over });
}

function deps(name: string, go: GoTool = createGoTool(nodeProcessRunner, { env: GO_ENV })) {
  const messages: string[] = [];
  const progress: string[] = [];
  const d: EngineDeps = {
    go,
    runner: nodeProcessRunner,
    parse: stubParse,
    log: (m) => messages.push(m),
    workDir: join(tmp, name),
    onRun: (r, done, total) => progress.push(`${r.package}#${r.index} ${done}/${total}`),
  };
  return { d, messages, progress };
}

describe('execute', () => {
  it('builds once and runs every package count times (multi: 2 packages with tests)', async () => {
    const { d, messages, progress } = deps('multi');
    const r = await execute(settings('multi', { count: 3 }), d);
    expect(r.errors).toEqual([]);
    expect(r.goEnv?.version).toMatch(/^go1\./);
    expect(r.modules).toEqual([{ path: 'example.com/rr/multi', dir: goModule('multi') }]);
    expect(r.packages.map((p) => p.importPath)).toEqual([
      'example.com/rr/multi/alpha',
      'example.com/rr/multi/beta',
    ]);
    expect(r.notes).toEqual(['1 package without test files: example.com/rr/multi/internal/notests.']);
    expect(r.builds.map((b) => [b.package.importPath, b.ok])).toEqual([
      ['example.com/rr/multi/alpha', true],
      ['example.com/rr/multi/beta', true],
    ]);
    for (const b of r.builds) expect(b.binary?.startsWith(join(tmp, 'multi', 'bin'))).toBe(true);
    expect(r.runs.map((x) => `${x.package.split('/').at(-1)}${x.index}:${x.exitCode}`)).toEqual([
      'alpha1:0',
      'alpha2:0',
      'alpha3:0',
      'beta1:0',
      'beta2:0',
      'beta3:0',
    ]);
    // Logs and binaries are deleted once parsed: only the parse (and the report) is kept.
    expect(r.runs[0]?.logFile).toBeUndefined();
    expect(r.runs[0]?.parsed.sawGoOutput).toBe(true);
    expect(readdirSync(join(tmp, 'multi'))).toEqual([]);
    expect(progress).toHaveLength(6);
    expect(progress.at(-1)).toMatch(/ 6\/6$/);
    expect(messages.some((m) => /^Built 2 test binaries; ran 6 test processes in \d+\.\ds$/.test(m))).toBe(
      true,
    );
  });

  it('caps parallel at MAX_PARALLEL, with a note', async () => {
    const { d, messages } = deps('capped');
    const r = await execute(settings('clean', { count: 1, parallel: 500 }), d);
    expect(r.errors).toEqual([]);
    expect(r.notes).toContain(
      `parallel 500 is more than race-rerun runs at once: ran at most ${MAX_PARALLEL} at a time (each race-enabled test process needs its own memory and core).`,
    );
    expect(messages.some((m) => m.includes(`at most ${MAX_PARALLEL} at once`))).toBe(true);
  });

  it('finds the race in every run of the race module', async () => {
    const { d } = deps('race');
    const r = await execute(settings('race', { count: 2 }), d);
    expect(r.errors).toEqual([]);
    expect(r.runs).toHaveLength(2);
    for (const run of r.runs) expect(run.parsed.findings.map((f) => f.kind)).toEqual(['race']);
  });

  it('passes run/skip to the binaries', async () => {
    const { d } = deps('race-run');
    const r = await execute(settings('race', { count: 1, run: 'TestClean' }), d);
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0]?.exitCode).toBe(0);
    expect(r.runs[0]?.parsed.findings).toEqual([]);
  });

  it('reports a failed build and runs nothing for it', async () => {
    const { d, messages } = deps('nobuild');
    const r = await execute(settings('nobuild'), d);
    expect(r.errors).toEqual([]);
    expect(r.builds).toHaveLength(1);
    expect(r.builds[0]?.ok).toBe(false);
    expect(r.builds[0]?.output).toContain('nobuild_test.go:6:17: undefined: undefinedName');
    expect(r.runs).toEqual([]);
    expect(messages).toContain('Build failed: example.com/rr/nobuild');
  });

  it('skips vet unless go-test-flags ask for it (go test -c runs vet)', async () => {
    const off = await execute(settings('vet', { count: 1 }), deps('vet-off').d);
    expect(off.builds.map((b) => b.ok)).toEqual([true]);
    expect(off.runs.map((x) => x.exitCode)).toEqual([0]);
    const on = await execute(settings('vet', { count: 1, buildFlags: ['-vet=printf'] }), deps('vet-on').d);
    expect(on.errors).toEqual([]);
    expect(on.builds.map((b) => b.ok)).toEqual([false]);
    expect(on.builds[0]?.output).toMatch(
      /vet_test\.go:9:\d+: fmt\.Sprintf format %d has arg Name\(\) of wrong type string/,
    );
    expect(on.runs).toEqual([]);
  });

  it('builds several packages with one go command; one that does not compile is built alone', async () => {
    const dir = await mixedModule(join(tmp, 'mixed-module'));
    const calls: string[][] = [];
    const runner: ProcessRunner = {
      run: (spec) => {
        if (spec.command === 'go' && spec.args[0] === 'test') calls.push(spec.args);
        return nodeProcessRunner.run(spec);
      },
    };
    const { d, messages } = deps('mixed', createGoTool(runner, { env: GO_ENV }));
    const r = await execute(settings('multi', { workingDirectory: dir, repoRoot: dir, count: 1 }), d);
    expect(r.errors).toEqual([]);
    expect(r.builds.map((b) => [b.package.importPath.replace('example.com/mixed/', ''), b.ok])).toEqual([
      ['a', true],
      ['b', true],
      ['bad', false],
      ['c/v2', true],
      ['d/a', true],
    ]);
    const bad = r.builds.find((b) => !b.ok);
    // The same output as a build of its own: the header and the compiler's file:line.
    expect(bad?.output).toBe(
      '# example.com/mixed/bad [example.com/mixed/bad.test]\nbad/x_test.go:5:28: undefined: undefinedName\n',
    );
    expect(messages).toContain('Build failed: example.com/mixed/bad');
    expect(r.runs.map((x) => `${x.package.replace('example.com/mixed/', '')}:${x.exitCode}`)).toEqual([
      'a:0',
      'b:0',
      'c/v2:0',
      'd/a:0',
    ]);
    // One batch of the three whose binary names are unique, then a, bad and d/a on their own.
    const pkgsOf = (args: string[]) =>
      args.filter((a) => a.startsWith('example.com/')).map((a) => a.slice('example.com/mixed/'.length));
    expect(calls.map(pkgsOf)).toEqual([['b', 'bad', 'c/v2'], ['a'], ['bad'], ['d/a']]);
    expect(calls[0]).toContain('-ldflags=-w');
    expect(calls[0]).toContain('-vet=off');
  });

  it('says when no test package matches', async () => {
    const { d } = deps('nomatch');
    const r = await execute(settings('multi', { packages: ['./internal/...'] }), d);
    expect(r.packages).toEqual([]);
    expect(r.errors).toEqual([
      `No test packages match ./internal/... in ${goModule('multi')}: check the packages input.`,
    ]);
    expect(existsSync(join(tmp, 'nomatch', 'bin'))).toBe(false);
  });

  it('turns a missing Go into an error and stops', async () => {
    const noGo = createGoTool(nodeProcessRunner, { env: { ...GO_ENV, PATH: join(tmp, 'empty-bin') } });
    const { d } = deps('nogo', noGo);
    const r = await execute(settings('race'), d);
    expect(r.errors).toEqual([
      'Go toolchain not found: "go" is not on PATH. Add actions/setup-go before this step (or install Go).',
    ]);
    expect(r.goEnv).toBeUndefined();
    expect(r.runs).toEqual([]);
  });

  it('turns a directory without go.mod into an error', async () => {
    const { d } = deps('nomod');
    const r = await execute(settings('race', { workingDirectory: tmp }), d);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^No Go module in /);
  });

  it('catches unexpected exceptions and returns what was done so far', async () => {
    const real = createGoTool(nodeProcessRunner, { env: GO_ENV });
    const broken: GoTool = {
      ...real,
      listTestPackages: async () => {
        throw new Error('boom');
      },
    };
    const { d } = deps('broken', broken);
    const r = await execute(settings('race'), d);
    expect(r.goEnv?.version).toMatch(/^go1\./);
    expect(r.modules).toHaveLength(1);
    expect(r.errors).toEqual(['race-rerun failed unexpectedly: boom']);
  });
});
