// only-changed end to end: the bundled action on a git repository the test makes, with a base
// and a head commit, on a pull_request event naming the base. Three packages: a, b (imports a)
// and c. Only what the head commit changed, and what imports it, runs; `count` times each.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ActionResult, runAction } from './runner.js';

const MOD = 'example.com/rr/focus';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  }).trim();
}

function write(root: string, file: string, text: string): void {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
}

interface Repo {
  dir: string;
  base: string;
  /** Head commits: `a` changes package a, `docs` only a README. */
  heads: { a: string; docs: string };
}

/** base → head `a` (a.go changed); base → head `docs` (README only), on two branches. */
function makeRepo(): Repo {
  const dir = mkdtempSync(join(tmpdir(), 'race-rerun-changed-'));
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, 'go.mod', `module ${MOD}\n\ngo 1.21\n`);
  write(dir, 'a/a.go', 'package a\n\nfunc A() int { return 1 }\n');
  write(dir, 'a/a_test.go', 'package a\n\nimport "testing"\n\nfunc TestA(t *testing.T) { _ = A() }\n');
  write(dir, 'b/b.go', `package b\n\nimport "${MOD}/a"\n\nfunc B() int { return a.A() + 1 }\n`);
  write(dir, 'b/b_test.go', 'package b\n\nimport "testing"\n\nfunc TestB(t *testing.T) { _ = B() }\n');
  write(dir, 'c/c.go', 'package c\n\nfunc C() int { return 3 }\n');
  write(dir, 'c/c_test.go', 'package c\n\nimport "testing"\n\nfunc TestC(t *testing.T) { _ = C() }\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const base = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'docs');
  write(dir, 'README.md', '# docs only\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'docs');
  const docs = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'change-a', base);
  write(dir, 'a/a.go', 'package a\n\n// A is one.\nfunc A() int { return 2 - 1 }\n');
  git(dir, 'commit', '-q', '-am', 'change a');
  return { dir, base, heads: { a: git(dir, 'rev-parse', 'HEAD'), docs } };
}

function onPullRequest(workspace: string, base: string, head: string, count = '3'): Promise<ActionResult> {
  return runAction(
    { 'only-changed': 'true', count, comment: 'false', timeout: '1m' },
    {
      eventName: 'pull_request',
      event: {
        number: 5,
        pull_request: { number: 5, head: { sha: head }, base: { sha: base, ref: 'main' } },
      },
      env: { GORACE: 'atexit_sleep_ms=0' },
      workspace,
    },
  );
}

let repo: Repo;
beforeAll(() => {
  repo = makeRepo();
});

describe('only-changed', () => {
  it('runs only the changed package and its importer, count times each', async () => {
    const r = await onPullRequest(repo.dir, repo.base, repo.heads.a);
    expect(r.status).toBe(0);
    const ran = (r.report?.packages ?? []).map((p) => [p.importPath, p.runs]);
    expect(ran).toEqual([
      [`${MOD}/a`, 3],
      [`${MOD}/b`, 3],
    ]);
    expect(r.report?.totalRuns).toBe(6);
    expect(r.report?.focus).toEqual({
      base: repo.base,
      changedFiles: ['a/a.go'],
      changedFileCount: 1,
      packages: [
        { importPath: `${MOD}/a`, reason: 'changed' },
        { importPath: `${MOD}/b`, reason: 'imports', via: `${MOD}/a` },
      ],
      skipped: 1,
    });
    expect(r.summary).toContain(
      `**Only changed:** 1 file changed since \`${repo.base.slice(0, 7)}\`; ran 2 packages: \`${MOD}/a\` (changed), \`${MOD}/b\` (imports \`${MOD}/a\`); 1 other test package not run.`,
    );
    expect(r.summary).toContain('✅ **No data race, panic or failure** — 3 runs of each of 2 packages at');
    expect(r.summary).toContain('3 runs of each of 2 packages (6 test processes)');
  });

  it('runs nothing when no Go code changed, and says so', async () => {
    git(repo.dir, 'checkout', '-q', 'docs');
    const r = await onPullRequest(repo.dir, repo.base, repo.heads.docs).finally(() =>
      git(repo.dir, 'checkout', '-q', 'change-a'),
    );
    expect(r.status).toBe(0);
    expect(r.report?.totalRuns).toBe(0);
    expect(r.report?.focus?.packages).toEqual([]);
    expect(r.summary).toContain(
      `✅ **No Go code changed since \`${repo.base.slice(0, 7)}\`: nothing was run**`,
    );
    expect(r.summary).toContain('**Only changed:** 1 file changed since');
  }, 60_000);

  it('fetches the base commit into a shallow checkout', async () => {
    const shallow = mkdtempSync(join(tmpdir(), 'race-rerun-shallow-'));
    git(shallow, 'clone', '-q', '--depth=1', '--branch', 'change-a', `file://${repo.dir}`, 'co');
    const co = join(shallow, 'co');
    expect(() => git(co, 'cat-file', '-e', `${repo.base}^{commit}`)).toThrow();
    const r = await onPullRequest(co, repo.base, repo.heads.a, '1');
    expect(r.stdout).toContain(`only-changed: fetching the base commit ${repo.base.slice(0, 7)}`);
    expect(r.report?.packages.map((p) => p.importPath)).toEqual([`${MOD}/a`, `${MOD}/b`]);
  });

  it('runs everything on a push, with a note', async () => {
    const r = await runAction(
      { 'only-changed': 'true', count: '1', comment: 'false', timeout: '1m' },
      { eventName: 'push', env: { GORACE: 'atexit_sleep_ms=0' }, workspace: repo.dir },
    );
    expect(r.report?.packages).toHaveLength(3);
    expect(r.report?.notes).toContain(
      'only-changed applies to pull requests (it needs their base commit): every package was run.',
    );
  });

  it('says what to set when the base commit cannot be had, and runs everything', async () => {
    const lone = mkdtempSync(join(tmpdir(), 'race-rerun-lone-'));
    git(lone, 'clone', '-q', '--depth=1', '--branch', 'change-a', `file://${repo.dir}`, 'co');
    const co = join(lone, 'co');
    git(co, 'remote', 'set-url', 'origin', join(lone, 'gone'));
    const r = await onPullRequest(co, repo.base, repo.heads.a, '1');
    expect(r.report?.packages).toHaveLength(3);
    expect(r.report?.focus).toBeUndefined();
    expect(r.report?.notes.join('\n')).toMatch(
      /only-changed: the base commit \w{7} is not in the checkout and `git fetch --depth=1 origin \w{40}` failed \(.*\)\. Set `fetch-depth: 0` on actions\/checkout; every package was run\./,
    );
  });
});
