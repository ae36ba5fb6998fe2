// Maps file names as Go printed them to repository paths, so findings can be annotated.
// Pure string logic: nothing here touches the file system, so it behaves the same on every OS
// and for logs captured elsewhere (parse mode).
import posix from 'node:path/posix';
import type { FileOrigin, MappedFile } from '../model.js';

export interface PathContext {
  /** Absolute repository root. */
  repoRoot: string;
  goroot?: string;
  gomodcache?: string;
  /** Modules of the workspace: `-trimpath` frames print `<module path>/<file>`. */
  modules?: { path: string; dir: string }[];
  /**
   * Other spellings of the same directories, found by the caller on disk (this module stays pure):
   * a symlinked checkout prints `/link/x.go` for `/real/x.go`. A file under `from` is read as the
   * same file under `to`.
   */
  aliases?: { from: string; to: string }[];
}

export interface PathMapper {
  /** `baseDir` (absolute, or an import path) resolves relative names such as `x_test.go` or `./pkg/x.go`. */
  map(file: string, baseDir?: string): MappedFile;
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

// Where Go toolchains commonly live when GOROOT was not passed in (setup-go, brew, distro packages).
const GOROOT_HINTS = [
  /\/hostedtoolcache\/go\/[^/]+\/[^/]+\/src\//i,
  /\/(?:go|go-\d[\d.]*|golang|golang-\d[\d.]*|libexec)\/src\/(?:runtime|testing|internal|sync|time|os|reflect|fmt|net|syscall|io)\//,
  /\/sdk\/go[\d.]+\/src\//,
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

function isGenerated(file: string): boolean {
  const base = file.replace(/\\/g, '/').split('/').pop() ?? '';
  return file.startsWith('<') || base === '_testmain.go' || /\/go-build\d+\//.test(file);
}

function hasVendorDir(rel: string): boolean {
  const segs = rel.split('/');
  return segs.slice(0, -1).includes('vendor');
}

export function createPathMapper(ctx: PathContext): PathMapper {
  const repoRoot = normalizePath(ctx.repoRoot);
  const goroot = ctx.goroot ? normalizePath(ctx.goroot) : undefined;
  const gomodcache = ctx.gomodcache ? normalizePath(ctx.gomodcache) : undefined;
  // Longest module path first, so `example.com/m/sub` wins over `example.com/m`.
  const modules = (ctx.modules ?? [])
    .map((m) => ({ path: m.path.replace(/\/+$/, ''), dir: normalizePath(m.dir) }))
    .filter((m) => m.path !== '')
    .sort((a, b) => b.path.length - a.path.length);

  const guessBase = modules.length === 1 && modules[0] ? modules[0].dir : repoRoot;
  // Longest first, so the most specific spelling wins.
  const aliases = (ctx.aliases ?? [])
    .map((a) => ({ from: normalizePath(a.from), to: normalizePath(a.to) }))
    .filter((a) => a.from !== '' && a.to !== '' && a.from !== a.to)
    .sort((a, b) => b.from.length - a.from.length);
  const result = (path: string, origin: FileOrigin): MappedFile => ({ path, origin });

  function classifyAbsolute(abs: string, viaAlias = false): MappedFile {
    if (isGenerated(abs)) return result(abs, 'generated');
    // Toolchain and module cache first: either may sit inside the workspace (e.g. a cached GOPATH).
    if (goroot && relativeTo(abs, goroot) !== undefined) return result(abs, 'goroot');
    if (gomodcache && relativeTo(abs, gomodcache) !== undefined) return result(abs, 'modcache');
    if (MODCACHE_HINT.test(abs)) return result(abs, 'modcache');
    const rel = relativeTo(abs, repoRoot);
    if (rel !== undefined) {
      if (rel === '') return result('.', 'repo');
      return result(rel, hasVendorDir(rel) ? 'vendor' : 'repo');
    }
    if (!viaAlias) {
      for (const a of aliases) {
        const rest = relativeTo(abs, a.from);
        if (rest === undefined) continue;
        const mapped = classifyAbsolute(rest === '' ? a.to : normalizePath(`${a.to}/${rest}`), true);
        if (mapped.origin !== 'unknown') return mapped;
      }
    }
    if (GOROOT_HINTS.some((re) => re.test(abs))) return result(abs, 'goroot');
    return result(abs, 'unknown');
  }

  function map(file: string, baseDir?: string): MappedFile {
    const printed = file.trim();
    if (printed === '') return result('', 'unknown');
    if (isGenerated(printed)) return result(printed, 'generated');
    const s = normalizePath(printed);
    if (isAbsolutePath(s)) return classifyAbsolute(s);

    const slashed = printed.replace(/\\/g, '/');
    // `./pkg/x.go`, `../x.go` and bare `x_test.go` are relative to where go ran or to the package.
    const explicit = slashed.startsWith('./') || slashed.startsWith('../') || !s.includes('/');
    if (explicit) {
      if (baseDir) return map(`${baseDir.replace(/\\/g, '/').replace(/\/+$/, '')}/${s}`);
      return result(s, 'unknown');
    }
    for (const m of modules) {
      if (s.startsWith(`${m.path}/`))
        return classifyAbsolute(normalizePath(`${m.dir}/${s.slice(m.path.length + 1)}`));
    }
    const first = s.split('/')[0] ?? '';
    // Compiler messages name files relative to the module dir without `./` (`pkg/x.go`).
    if (baseDir && !first.includes('.'))
      return map(`${baseDir.replace(/\\/g, '/').replace(/\/+$/, '')}/${s}`);
    // `-trimpath`: dependencies print as `module@version/file`, the standard library as `pkg/file`.
    if (/^[^@]+@v[^/]*\//.test(s)) return result(s, 'modcache');
    if (STD_TOP.has(first)) return result(s, 'goroot');
    // `GORACE=strip_path_prefix=<module dir>/` leaves `pkg/x.go`: relative to the module, best guess.
    if (!first.includes('.')) return classifyAbsolute(normalizePath(`${guessBase}/${s}`));
    return result(s, 'unknown');
  }

  return { map };
}
