// `only-changed`: which packages a change touches. A package is changed when one of its Go files
// (or a file under its testdata/) changed; it is affected when it imports an affected package,
// directly or not, in its code or its tests. go.mod, go.sum or go.work changing affects every
// package. Pure: the packages and the changed files come in.
import type { FocusedPackage } from '../model.js';

export interface ModulePackage {
  importPath: string;
  /** Absolute directory, `/` separated. */
  dir: string;
  /** Every package it depends on (go list's Deps: transitive, without test imports). */
  deps: string[];
  /** Imports of its _test.go files (go list's TestImports and XTestImports). */
  testImports: string[];
}

const MODULE_FILES = new Set(['go.mod', 'go.sum', 'go.work', 'go.work.sum']);

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

function baseOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** Whether a changed file (absolute) belongs to the package in `dir`. */
function touches(file: string, dir: string): boolean {
  if (file.endsWith('.go') && dirOf(file) === dir) return true;
  // Test data is read by the tests: changing it changes what they test.
  return file.startsWith(`${dir}/testdata/`);
}

/** A changed module file under `moduleDir`, if any: every package is then affected. */
export function changedModuleFile(files: readonly string[], moduleDir: string): string | undefined {
  return files.find(
    (f) => MODULE_FILES.has(baseOf(f)) && (dirOf(f) === moduleDir || moduleDir.startsWith(`${dirOf(f)}/`)),
  );
}

/**
 * The packages of `pkgs` the changed files (absolute, `/` separated) touch, each with why:
 * `changed`, or `imports` with the changed package it reaches. In the order of `pkgs`.
 */
export function focusPackages(
  pkgs: readonly ModulePackage[],
  files: readonly string[],
  moduleDir: string,
): FocusedPackage[] {
  const moduleFile = changedModuleFile(files, moduleDir);
  if (moduleFile)
    return pkgs.map((p) => ({ importPath: p.importPath, reason: 'changed', via: baseOf(moduleFile) }));
  const changed = new Set(pkgs.filter((p) => files.some((f) => touches(f, p.dir))).map((p) => p.importPath));
  // A changed package each affected one reaches; grows until nothing more is reached.
  const via = new Map<string, string>([...changed].map((c) => [c, c]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of pkgs) {
      if (via.has(p.importPath)) continue;
      const hit = [...p.deps, ...p.testImports].find((d) => via.has(d));
      if (hit === undefined) continue;
      via.set(p.importPath, changed.has(hit) ? hit : (via.get(hit) ?? hit));
      grew = true;
    }
  }
  return pkgs.flatMap((p): FocusedPackage[] => {
    if (changed.has(p.importPath)) return [{ importPath: p.importPath, reason: 'changed' }];
    const through = via.get(p.importPath);
    return through ? [{ importPath: p.importPath, reason: 'imports', via: through }] : [];
  });
}
