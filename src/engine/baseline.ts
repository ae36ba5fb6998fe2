// Reads the `baseline` report: a path or a glob (`reports/*.json`, `**/race-rerun.json`), the
// newest match wins. Missing or unreadable is a warning for the caller, never an error.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { compareWithBaseline, isReport } from '../analysis/baseline.js';
import type { Report } from '../model.js';

export type BaselineLoad = { report: Report; file: string } | { warning: string };

/** Files visited at most while expanding a glob (a `**` over a huge tree must not hang). */
const MAX_VISITED = 20_000;

function segmentRegex(segment: string): RegExp {
  const body = segment
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/** Files matching a glob of `*`, `?` and `**` segments, relative to `cwd` unless absolute. */
export function expandGlob(pattern: string, cwd: string): string[] {
  const abs = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
  const parts = abs.split('/');
  const firstWild = parts.findIndex((p) => /[*?]/.test(p));
  if (firstWild < 0) return [abs];
  const root = parts.slice(0, firstWild).join('/') || '/';
  const rest = parts.slice(firstWild);
  const out: string[] = [];
  let visited = 0;
  const walk = (dir: string, segs: string[]): void => {
    if (visited++ > MAX_VISITED || segs.length === 0) return;
    const [head, ...tail] = segs as [string, ...string[]];
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (head === '**') {
      walk(dir, tail);
      for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) walk(join(dir, e.name), segs);
      return;
    }
    const re = segmentRegex(head);
    for (const e of entries) {
      if (!re.test(e.name)) continue;
      const path = join(dir, e.name);
      if (tail.length === 0) {
        if (e.isFile()) out.push(path);
      } else if (e.isDirectory()) walk(path, tail);
    }
  };
  walk(root, rest);
  return [...new Set(out)];
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The newest report matching `pattern`, or a warning that says what to fix. */
export function loadBaseline(pattern: string, cwd: string): BaselineLoad {
  const files = expandGlob(pattern, cwd).sort((a, b) => mtime(b) - mtime(a));
  const hint =
    'New and known cannot be told apart; every finding is reported as it is. Restore the base branch report (see the README: actions/cache/restore) before this step.';
  const file = files[0];
  if (!file) return { warning: `Baseline ${JSON.stringify(pattern)} matches no file. ${hint}` };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${(err as Error).message})`;
    return { warning: `Baseline ${file} ${why}. ${hint}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { warning: `Baseline ${file} is not JSON. ${hint}` };
  }
  if (!isReport(value)) return { warning: `Baseline ${file} is not a race-rerun JSON report. ${hint}` };
  return { report: value, file };
}

/**
 * Compares `report` with the baseline `pattern` names (relative to `cwd`). Returns the warning
 * to show when there is none to compare with; the report's notes say it too.
 */
export function applyBaseline(
  report: Report,
  pattern: string,
  cwd: string,
  baseBranch?: string,
): string | undefined {
  const loaded = loadBaseline(pattern, cwd);
  if ('warning' in loaded) {
    report.notes.push(loaded.warning);
    return loaded.warning;
  }
  compareWithBaseline(report, loaded.report, pattern, baseBranch);
  return undefined;
}
