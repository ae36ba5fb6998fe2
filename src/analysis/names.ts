// Go function names, test names and shell words, shortened or quoted for humans.

/** Everything before the first `(` or `[`: receivers and type arguments may contain `/` or `.`. */
function headEnd(func: string): number {
  const m = /[([]/.exec(func);
  return m ? m.index : func.length;
}

/** Last import-path element: `example.com/m/daemon.(*Daemon).Shutdown` → `daemon.(*Daemon).Shutdown`. */
export function shortFunc(func: string): string {
  const slash = func.lastIndexOf('/', headEnd(func));
  return func.slice(slash + 1);
}

/** Without the package: `(*Daemon).Shutdown`, `TestRace.func1`. Dots in import paths print as %2e. */
export function funcWithoutPackage(func: string): string {
  const short = shortFunc(func);
  const dot = short.indexOf('.');
  return dot < 0 ? short : short.slice(dot + 1);
}

/** For titles: the method name alone (`Shutdown`), else the function without package. */
export function titleFunc(func: string): string {
  const name = funcWithoutPackage(func);
  const m = /^\(\*?[^)]*\)\.(.+)$/.exec(name);
  return m?.[1] ?? name;
}

/** RE2 metacharacters in a test name, escaped so `-run` matches it literally. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * A `-run` pattern for the given tests: `^TestA$` or `^TestA$/^sub$` for one test, the top-level
 * tests (`^(TestA|TestB)$`) for several. Undefined when there are none.
 */
export function testPattern(tests: readonly string[]): string | undefined {
  const unique = [...new Set(tests.filter((t) => t !== ''))].sort();
  if (unique.length === 0) return undefined;
  if (unique.length === 1) {
    return (unique[0] ?? '')
      .split('/')
      .map((part) => `^${quoteMeta(part)}$`)
      .join('/');
  }
  const tops = [...new Set(unique.map((t) => t.split('/')[0] ?? t))];
  if (tops.length === 1) return `^${quoteMeta(tops[0] ?? '')}$`;
  return `^(${tops.map(quoteMeta).join('|')})$`;
}

/** A word safe to paste into sh. */
export function shQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_\-.,/:=@+%]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
