// Maps file names as Go printed them to repository paths, so findings can be annotated. The one
// place for path and site logic: the mapping is pure; what it needs to know of the disk (does this
// file exist here, what does this directory resolve to) comes through the small `PathDisk`
// interface the caller passes in, so it behaves the same on every OS and for logs captured on
// other machines (parse mode), and tests can give a fake disk.
import { relative } from 'node:path';
import posix from 'node:path/posix';
import type { FileOrigin, MappedFile } from '../model.js';

export interface PathContext {
  /** Absolute repository root. */
  repoRoot: string;
  goroot?: string;
  gomodcache?: string;
  /** Modules of the workspace (go.work): `-trimpath` frames print `<module path>/<file>`. */
  modules?: { path: string; dir: string }[];
  /**
   * Other spellings of the same directories known in advance: a file under `from` is read as the
   * same file under `to`. Symlinks on this machine are found through `PathDisk.realpath`.
   */
  aliases?: { from: string; to: string }[];
}

/** The disk lookups the mapper may make; without one it maps by the names alone. */
export interface PathDisk {
  /** The resolved path (symlinks followed), or undefined when nothing is there. */
  realpath(p: string): string | undefined;
  /** Whether a regular file is there. */
  isFile(p: string): boolean;
}

export interface PathMapper {
  /**
   * `baseDir` (absolute, or an import path) resolves relative names such as `x_test.go` or
   * `./pkg/x.go`. `func`, the frame's function, lets a frame from another machine be found by its
   * import path and the standard library be told by its package whatever GOROOT printed.
   */
  map(file: string, baseDir?: string, func?: string): MappedFile;
}

const DRIVE = /^[A-Za-z]:\//;

/** `\` → `/`, drive letter upper-cased, `.`/`..`/`//` collapsed, no trailing `/`. */
export function normalizePath(p: string): string {
  let s = p.trim().replace(/\\/g, '/');
  if (s === '') return s;
  if (/^[A-Za-z]:/.test(s)) s = `${s.charAt(0).toUpperCase()}:${s.slice(2)}`;
  if (/^[A-Z]:$/.test(s)) return `${s}/`;
  let out: string;
  if (DRIVE.test(s)) out = s.slice(0, 2) + posix.normalize(s.slice(2));
  else out = posix.normalize(s);
  if (out.length > 1 && out.endsWith('/') && !/^[A-Z]:\/$/.test(out)) out = out.slice(0, -1);
  return out;
}

export function isAbsolutePath(p: string): boolean {
  const s = p.replace(/\\/g, '/');
  return s.startsWith('/') || /^[A-Za-z]:\//.test(s);
}

/**
 * A file of this machine as the user named it: relative to `root` when inside it, else absolute
 * (a log from outside the checkout). OS paths, unlike the Go-printed ones the rest of this handles.
 */
export function shownPath(file: string, root: string): string {
  const rel = relative(root, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

/**
 * Path of `child` relative to `parent` (both normalised), `''` when equal, undefined when not
 * inside. Windows paths compare case-insensitively: the file system does.
 */
export function relativeTo(child: string, parent: string): string | undefined {
  const windows = DRIVE.test(parent);
  const c = windows ? child.toLowerCase() : child;
  const p = windows ? parent.toLowerCase() : parent;
  if (c === p) return '';
  const prefix = p.endsWith('/') ? p : `${p}/`;
  if (c.startsWith(prefix)) return child.slice(prefix.length);
  return undefined;
}

// Where Go toolchains live when GOROOT was not passed in (setup-go on every OS, brew, distro
// packages, Windows installs such as D:/Go/src): any `…/src/<std package>/` under a go-ish root.
const GOROOT_HINTS = [
  /\/hostedtoolcache\/(?:windows\/)?go\/[^/]+\/[^/]+\/src\//i,
  /(?:^|\/)(?:go|go-?\d[\w.-]*|golang|golang-\d[\d.]*|libexec|goroot)\/src\/(?:pkg\/)?(?:runtime|testing|internal|sync|time|os|reflect|fmt|net|syscall|io|context|encoding|strings|bytes|sort|errors|log|math|bufio|crypto|database|regexp|strconv|unicode|path|iter|slices|maps|container)\//i,
  /\/sdk\/go[\d.]+\/src\//,
  /\/Cellar\/go\/[^/]+\/libexec\/src\//,
];

const MODCACHE_HINT = /\/pkg\/mod\/.*@v/;

// Top-level directories of the standard library: `-trimpath` prints its files as `testing/testing.go`.
const STD_TOP = new Set(
  (
    'archive bufio builtin bytes cmd cmp compress container context crypto database debug embed encoding ' +
    'errors expvar flag fmt go hash html image index internal io iter log maps math mime net os path ' +
    'plugin reflect regexp runtime slices sort strconv strings structs sync syscall testing text time ' +
    'unicode unique unsafe vendor weak'
  ).split(' '),
);

/** Everything before the first `(` or `[`: receivers and type arguments may hold `/` or `.`. */
function headEnd(func: string): number {
  const m = /[([]/.exec(func);
  return m ? m.index : func.length;
}

/**
 * The import path of a frame's function: `example.com/m/pkg.(*T).M` → `example.com/m/pkg`,
 * `runtime.closechan` → `runtime`. Dots in the last element print as `%2e`.
 */
export function funcImportPath(func: string): string {
  const slash = func.lastIndexOf('/', headEnd(func));
  const dot = func.indexOf('.', slash + 1);
  const path = dot < 0 ? func : func.slice(0, dot);
  return path.replace(/%2e/gi, '.');
}

/**
 * The standard library by the function's package: no dot in the first element and a known
 * top-level package (`runtime.closechan`, `testing.(*common).FailNow`, `internal/race.Read`),
 * whatever GOROOT the file was under. `github.com/org/x/runtime` is user code.
 */
export function isStdFunc(func: string): boolean {
  // `panic(…)`: the runtime's frame for a panic in progress, printed without a package.
  if (func === 'panic') return true;
  const path = funcImportPath(func);
  const slash = path.indexOf('/');
  const first = slash < 0 ? path : path.slice(0, slash);
  return first !== '' && !first.includes('.') && STD_TOP.has(first);
}

function isGenerated(file: string): boolean {
  const base = file.replace(/\\/g, '/').split('/').pop() ?? '';
  return file.startsWith('<') || base === '_testmain.go' || /\/go-build\d+\//.test(file);
}

function hasVendorDir(rel: string): boolean {
  const segs = rel.split('/');
  return segs.slice(0, -1).includes('vendor');
}

/** A file printed with a suffix shorter than this is not matched by suffix (`x.go` is everywhere). */
const MIN_SUFFIX_SEGMENTS = 2;
/** Lookups remembered per mapper: a report's stacks name a bounded set of files. */
const MAX_CACHED = 10_000;

export function createPathMapper(ctx: PathContext, disk?: PathDisk): PathMapper {
  const repoRoot = normalizePath(ctx.repoRoot);
  const goroot = ctx.goroot ? normalizePath(ctx.goroot) : undefined;
  const gomodcache = ctx.gomodcache ? normalizePath(ctx.gomodcache) : undefined;
  // Longest module path first, so `example.com/m/sub` wins over `example.com/m`.
  const modules = (ctx.modules ?? [])
    .map((m) => ({ path: m.path.replace(/\/+$/, ''), dir: normalizePath(m.dir) }))
    .filter((m) => m.path !== '')
    .sort((a, b) => b.path.length - a.path.length);

  const guessBase = modules.length === 1 && modules[0] ? modules[0].dir : repoRoot;
  const aliases = staticAliases(ctx, disk);
  const cache = new Map<string, MappedFile>();
  const realRoot = disk ? normalizeOr(disk.realpath(repoRoot), repoRoot) : repoRoot;
  const result = (path: string, origin: FileOrigin): MappedFile => ({ path, origin });
  const isFile = (p: string): boolean => (disk ? disk.isFile(p) : true);

  /** Inside the repository (or a known alias of a part of it), else undefined. */
  function inRepo(abs: string, viaAlias: boolean): MappedFile | undefined {
    if (goroot && relativeTo(abs, goroot) !== undefined) return result(abs, 'goroot');
    if (gomodcache && relativeTo(abs, gomodcache) !== undefined) return result(abs, 'modcache');
    if (MODCACHE_HINT.test(abs)) return result(abs, 'modcache');
    const rel = relativeTo(abs, repoRoot);
    if (rel !== undefined) {
      if (rel === '') return result('.', 'repo');
      return result(rel, hasVendorDir(rel) ? 'vendor' : 'repo');
    }
    if (viaAlias) return undefined;
    for (const a of aliases) {
      const rest = relativeTo(abs, a.from);
      if (rest === undefined) continue;
      const mapped = inRepo(rest === '' ? a.to : normalizePath(`${a.to}/${rest}`), true);
      if (mapped) return mapped;
    }
    return viaSymlink(abs);
  }

  /** A symlinked checkout: the printed directory resolves, on this disk, into the repository. */
  function viaSymlink(abs: string): MappedFile | undefined {
    if (!disk) return undefined;
    const slash = abs.lastIndexOf('/');
    if (slash <= 0) return undefined;
    const real = disk.realpath(abs.slice(0, slash));
    if (!real) return undefined;
    const rel = relativeTo(normalizePath(real), realRoot);
    if (rel === undefined) return undefined;
    const to = rel === '' ? repoRoot : `${repoRoot}/${rel}`;
    return inRepo(`${to}/${abs.slice(slash + 1)}`, true);
  }

  const inModule = (pkg: string): boolean =>
    modules.some((m) => pkg === m.path || pkg.startsWith(`${m.path}/`));

  /** A frame of the main module(s) by its function's import path: `example.com/m/pkg.F` → `pkg/`. */
  function byImportPath(file: string, func: string | undefined): MappedFile | undefined {
    if (!func) return undefined;
    let pkg = funcImportPath(func);
    if (pkg.endsWith('_test')) pkg = pkg.slice(0, -5);
    const base = file.slice(file.lastIndexOf('/') + 1);
    for (const m of modules) {
      if (pkg !== m.path && !pkg.startsWith(`${m.path}/`)) continue;
      const candidate = `${m.dir}${pkg.slice(m.path.length)}/${base}`;
      if (!isFile(candidate)) return undefined;
      return inRepo(candidate, true);
    }
    return undefined;
  }

  /** The longest suffix of the printed path that is a file of the checkout (needs the disk). */
  function bySuffix(file: string): MappedFile | undefined {
    if (!disk) return undefined;
    const segs = file.split('/').filter((s) => s !== '');
    for (let i = 1; i <= segs.length - MIN_SUFFIX_SEGMENTS; i++) {
      const candidate = `${repoRoot}/${segs.slice(i).join('/')}`;
      if (disk.isFile(candidate)) return inRepo(candidate, true);
    }
    return undefined;
  }

  /** Not in the checkout as printed: find it here, else say where it is from. */
  function elsewhere(file: string, func: string | undefined): MappedFile {
    if (func && isStdFunc(func) && !inModule(funcImportPath(func))) return result(file, 'goroot');
    if (GOROOT_HINTS.some((re) => re.test(file))) return result(file, 'goroot');
    const found = byImportPath(file, func) ?? bySuffix(file);
    if (found) return found;
    return result(file, 'outside');
  }

  function classifyAbsolute(abs: string, func: string | undefined): MappedFile {
    if (isGenerated(abs)) return result(abs, 'generated');
    return inRepo(abs, false) ?? elsewhere(abs, func);
  }

  function mapUncached(printed: string, baseDir: string | undefined, func: string | undefined): MappedFile {
    if (printed === '') return result('', 'unknown');
    if (isGenerated(printed)) return result(printed, 'generated');
    const s = normalizePath(printed);
    if (isAbsolutePath(s)) return classifyAbsolute(s, func);

    const slashed = printed.replace(/\\/g, '/');
    // `./pkg/x.go`, `../x.go` and bare `x_test.go` are relative to where go ran or to the package.
    const explicit = slashed.startsWith('./') || slashed.startsWith('../') || !s.includes('/');
    if (explicit) {
      if (baseDir) return map(`${baseDir.replace(/\\/g, '/').replace(/\/+$/, '')}/${s}`, undefined, func);
      // A frame's bare file (`decoder.go:129`, printed relative by some builds): not findable here.
      const found = byImportPath(s, func);
      if (found) return found;
      return result(s, func && !isStdFunc(func) ? 'outside' : 'unknown');
    }
    for (const m of modules) {
      if (s.startsWith(`${m.path}/`))
        return classifyAbsolute(normalizePath(`${m.dir}/${s.slice(m.path.length + 1)}`), func);
    }
    const first = s.split('/')[0] ?? '';
    // Compiler messages name files relative to the module dir without `./` (`pkg/x.go`).
    if (baseDir && !first.includes('.'))
      return map(`${baseDir.replace(/\\/g, '/').replace(/\/+$/, '')}/${s}`, undefined, func);
    // `-trimpath`: dependencies print as `module@version/file`, the standard library as `pkg/file`.
    if (/^[^@]+@v[^/]*\//.test(s)) return result(s, 'modcache');
    if (STD_TOP.has(first)) return result(s, 'goroot');
    // `GORACE=strip_path_prefix=<module dir>/` leaves `pkg/x.go`: relative to the module, best guess.
    if (!first.includes('.')) {
      // With the disk, only when the file is there: a log from elsewhere names its own layout.
      const guess = normalizePath(`${guessBase}/${s}`);
      if (!disk || disk.isFile(guess)) return classifyAbsolute(guess, func);
      if (func && isStdFunc(func)) return result(s, 'goroot');
    }
    return byImportPath(s, func) ?? bySuffix(s) ?? result(s, 'outside');
  }

  function map(file: string, baseDir?: string, func?: string): MappedFile {
    const printed = file.trim();
    const key = `${printed}\u0000${baseDir ?? ''}\u0000${func ? funcImportPath(func) : ''}`;
    const hit = cache.get(key);
    if (hit) return { ...hit };
    const mapped = mapUncached(printed, baseDir, func);
    if (cache.size < MAX_CACHED) cache.set(key, mapped);
    return { ...mapped };
  }

  return { map };
}

function normalizeOr(p: string | undefined, fallback: string): string {
  return p ? normalizePath(p) : fallback;
}

/** The caller's aliases plus, with a disk, the resolved spellings of the root and module dirs. */
function staticAliases(ctx: PathContext, disk: PathDisk | undefined): { from: string; to: string }[] {
  const out = [...(ctx.aliases ?? [])];
  if (disk) {
    for (const dir of [ctx.repoRoot, ...(ctx.modules ?? []).map((m) => m.dir)]) {
      const real = disk.realpath(dir);
      if (real) out.push({ from: real, to: dir });
    }
  }
  // Longest first, so the most specific spelling wins.
  return out
    .map((a) => ({ from: normalizePath(a.from), to: normalizePath(a.to) }))
    .filter((a) => a.from !== '' && a.to !== '' && a.from !== a.to)
    .sort((a, b) => b.from.length - a.from.length);
}

/** `module example.com/m` of a go.mod text. */
export function goModModule(text: string): string | undefined {
  return /^\s*module\s+"?([^\s"]+)"?/m.exec(text)?.[1];
}

/** The `use` directories of a go.work text (single lines and `use ( … )` blocks). */
export function goWorkUses(text: string): string[] {
  const out: string[] = [];
  const noComments = text.replace(/\/\/.*$/gm, '');
  for (const m of noComments.matchAll(/^\s*use\s*\(([^)]*)\)/gm)) {
    for (const w of (m[1] ?? '').split(/\s+/)) if (w) out.push(w.replace(/^"|"$/g, ''));
  }
  for (const m of noComments.matchAll(/^\s*use\s+([^\s(]+)/gm))
    if (m[1]) out.push(m[1].replace(/^"|"$/g, ''));
  return out;
}

/**
 * The modules of a checkout read from the nearest go.work (else go.mod) at `dir` or above it, up
 * to `root`, for when `go list -m` cannot be asked (no Go here). `read` gives a file's text.
 */
export function modulesFromFiles(
  dir: string,
  root: string,
  read: (p: string) => string | undefined,
): { path: string; dir: string }[] {
  const top = normalizePath(root);
  const ups: string[] = [];
  for (let d = normalizePath(dir); ; d = posix.dirname(d)) {
    ups.push(d);
    if (relativeTo(d, top) === '' || relativeTo(d, top) === undefined || d === posix.dirname(d)) break;
  }
  const modOf = (d: string): { path: string; dir: string }[] => {
    const text = read(`${d}/go.mod`);
    const path = text ? goModModule(text) : undefined;
    return path ? [{ path, dir: d }] : [];
  };
  for (const d of ups) {
    const work = read(`${d}/go.work`);
    if (work)
      return goWorkUses(work).flatMap((u) => modOf(normalizePath(isAbsolutePath(u) ? u : `${d}/${u}`)));
  }
  for (const d of ups) {
    const found = modOf(d);
    if (found.length > 0) return found;
  }
  return [];
}
