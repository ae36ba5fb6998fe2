// `only-changed`: the files a pull request changed (git, behind a small interface) and the test
// packages they touch (go list, through the GoTool). A shallow checkout gets the base commit
// with `git fetch --depth=1 origin <sha>`; when that fails the message says what to set.
import { realpathSync } from 'node:fs';
import { focusPackages } from '../analysis/focus.js';
import type { FocusReport, GoPackage } from '../model.js';
import type { GoTool } from './go.js';
import type { ProcessRunner } from './process.js';

export interface GitTool {
  /** Absolute top level of the checkout holding `cwd`, `/` separated. */
  topLevel(cwd: string): Promise<string>;
  /** Whether the commit is in the checkout. */
  hasCommit(sha: string, cwd: string): Promise<boolean>;
  /** Fetches just that commit from origin; the error output when it fails. */
  fetchCommit(sha: string, cwd: string): Promise<string | undefined>;
  /** Files changed between `base` and HEAD, relative to the top level. */
  changedFiles(base: string, cwd: string): Promise<string[]>;
}

export class GitError extends Error {}

export function createGitTool(runner: ProcessRunner, env: NodeJS.ProcessEnv = process.env): GitTool {
  const git = async (args: string[], cwd: string) => {
    const r = await runner.run({ command: 'git', args, cwd, env: { ...env, GIT_TERMINAL_PROMPT: '0' } });
    if (r.spawnError !== undefined) throw new GitError(`git could not be started: ${r.spawnError}`);
    return { ok: r.exitCode === 0, stdout: r.stdout ?? r.output, output: r.output.trim() };
  };
  return {
    async topLevel(cwd) {
      const r = await git(['rev-parse', '--show-toplevel'], cwd);
      if (!r.ok) throw new GitError(`${cwd} is not in a git checkout (${r.output.split('\n')[0]})`);
      return r.stdout.trim().replace(/\\/g, '/');
    },
    async hasCommit(sha, cwd) {
      return (await git(['cat-file', '-e', `${sha}^{commit}`], cwd)).ok;
    },
    async fetchCommit(sha, cwd) {
      const r = await git(['fetch', '--no-tags', '--depth=1', 'origin', sha], cwd);
      return r.ok ? undefined : r.output.split('\n').slice(-3).join(' ');
    },
    async changedFiles(base, cwd) {
      // Three dots: what HEAD changed since it forked (on a pull request's merge commit this is
      // the same as two); two when the history to a merge base is not there (a shallow checkout).
      for (const range of [[`${base}...HEAD`], [base, 'HEAD']]) {
        const r = await git(['diff', '--name-only', '--no-renames', '-z', ...range], cwd);
        if (r.ok) return r.stdout.split('\0').filter(Boolean);
      }
      throw new GitError(`git diff against ${base.slice(0, 7)} failed`);
    },
  };
}

export interface FocusDeps {
  git: GitTool;
  go: GoTool;
  log: (message: string) => void;
}

export type Focus = { report: FocusReport; packages: GoPackage[] } | { note: string };

const MAX_FILES_KEPT = 100;

function short(sha: string): string {
  return sha.slice(0, 7);
}

/** The base commit, fetched when the checkout is shallow; or why it cannot be had. */
async function ensureBase(base: string, wd: string, deps: FocusDeps): Promise<string | undefined> {
  if (await deps.git.hasCommit(base, wd)) return undefined;
  deps.log(`only-changed: fetching the base commit ${short(base)} (git fetch --depth=1 origin ${base})`);
  const failed = await deps.git.fetchCommit(base, wd);
  if (failed === undefined && (await deps.git.hasCommit(base, wd))) return undefined;
  return `the base commit ${short(base)} is not in the checkout and \`git fetch --depth=1 origin ${base}\` failed (${failed ?? 'no such commit'}). Set \`fetch-depth: 0\` on actions/checkout`;
}

/**
 * The test packages of `listed` that the changes since `base` touch, and the report of why. A
 * problem (no git, no base commit, go list failing) is a note and every package runs: a focus
 * that cannot be computed must not hide a finding.
 */
export async function focusOnChanges(
  base: string,
  listed: GoPackage[],
  patterns: string[],
  buildFlags: string[],
  wd: string,
  deps: FocusDeps,
): Promise<Focus> {
  const fallback = (why: string): Focus => ({ note: `only-changed: ${why}; every package was run.` });
  try {
    const problem = await ensureBase(base, wd, deps);
    if (problem) return fallback(problem);
    const top = await deps.git.topLevel(wd);
    const files = await deps.git.changedFiles(base, wd);
    if (!deps.go.listDependencies) return fallback('this Go tool cannot list dependencies');
    const pkgs = await deps.go.listDependencies(wd, patterns, buildFlags);
    // git names the resolved paths, go the ones it ran under: compare them resolved.
    const real = (p: string) => {
      try {
        return realpathSync(p).replace(/\\/g, '/');
      } catch {
        return p.replace(/\\/g, '/');
      }
    };
    const resolved = pkgs.map((p) => ({ ...p, dir: real(p.dir) }));
    const focused = focusPackages(
      resolved,
      files.map((f) => `${real(top)}/${f}`),
      real(wd),
    );
    const tested = new Set(listed.map((p) => p.importPath));
    const kept = focused.filter((p) => tested.has(p.importPath));
    const names = new Set(kept.map((p) => p.importPath));
    return {
      report: {
        base,
        changedFiles: files.slice(0, MAX_FILES_KEPT),
        changedFileCount: files.length,
        packages: kept,
        skipped: listed.length - kept.length,
      },
      packages: listed.filter((p) => names.has(p.importPath)),
    };
  } catch (err) {
    return fallback((err as Error).message);
  }
}
