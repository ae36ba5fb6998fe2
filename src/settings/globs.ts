// The globs of the multi-file inputs (merge, tests-from): `*` and `?` within a path segment, `**`
// for any number of segments. One implementation, so both inputs match files the same way.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Why a glob of an input is refused: it must stay inside the repository. */
export function globProblem(glob: string): string | undefined {
  if (glob.startsWith('/') || /^[A-Za-z]:/.test(glob) || glob.includes('\\'))
    return 'must be relative to the repository root, with / separators';
  if (glob.split('/').includes('..')) return 'must not contain ..';
  return undefined;
}

/** `*` and `?` within a segment, `**` for any number of segments. */
function segmentRegex(segment: string): RegExp {
  const body = segment
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

function walk(dir: string, segments: string[], out: Set<string>): void {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (head === '**') {
    walk(dir, rest, out);
    for (const e of safeList(dir))
      if (e.isDirectory() && !e.name.startsWith('.git')) walk(join(dir, e.name), segments, out);
    return;
  }
  const re = segmentRegex(head);
  for (const e of safeList(dir)) {
    if (!re.test(e.name)) continue;
    const path = join(dir, e.name);
    if (rest.length === 0) {
      if (e.isFile()) out.add(path);
    } else if (e.isDirectory()) walk(path, rest, out);
  }
}

function safeList(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch {
    return [];
  }
}

/** Files under `root` matching `glob` (relative to it, unchecked); symlinks are not followed. */
export function globFiles(root: string, glob: string): string[] {
  const out = new Set<string>();
  walk(
    root,
    glob.split('/').filter((s) => s !== '' && s !== '.'),
    out,
  );
  return [...out].sort();
}
