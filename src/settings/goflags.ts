// Splits the `go-test-flags` input into flags for `go test -race -c` and flags for the test binary.
// race-rerun builds each package once and runs the binary itself, so the flags `go test` would
// have sorted out for us have to be sorted here.

/** A word of `go-test-flags` that cannot be used; the message says why and what to do instead. */
export class GoFlagsError extends Error {}

/**
 * Splits text into words like a POSIX shell does, without expansions: '…' is literal, "…" allows
 * \" \\ \$ \` escapes, a backslash outside quotes escapes the next character.
 */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  // Distinguishes an empty quoted word ('') from no word at all.
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new GoFlagsError(`unclosed single quote in ${JSON.stringify(text)}`);
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < text.length) {
        const d = text.charAt(i);
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text.charAt(i + 1))) {
          // Backslash-newline inside double quotes is a line continuation.
          if (text.charAt(i + 1) !== '\n') word += text.charAt(i + 1);
          i += 2;
          continue;
        }
        word += d;
        i++;
      }
      if (!closed) throw new GoFlagsError(`unclosed double quote in ${JSON.stringify(text)}`);
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw new GoFlagsError(`${JSON.stringify(text)} ends with a lone backslash`);
      const next = text.charAt(i + 1);
      if (next !== '\n') {
        word += next;
        inWord = true;
      }
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

type FlagKind =
  | { to: 'build'; takesValue: boolean }
  | { to: 'test'; takesValue: boolean }
  | { to: 'ignore'; takesValue: boolean }
  | { to: 'reject'; takesValue: boolean; why: string };

const build = (takesValue: boolean): FlagKind => ({ to: 'build', takesValue });
const test = (takesValue: boolean): FlagKind => ({ to: 'test', takesValue });
const reject = (takesValue: boolean, why: string): FlagKind => ({ to: 'reject', takesValue, why });

const PROFILE = 'is not supported: every run would overwrite the same file';

// From `go help build` and `go help testflag` (Go 1.21–1.26).
const FLAGS: Record<string, FlagKind> = {
  // Build flags, passed to `go test -race -c`.
  a: build(false),
  n: build(false),
  x: build(false),
  work: build(false),
  trimpath: build(false),
  linkshared: build(false),
  modcacherw: build(false),
  cover: build(false),
  buildvcs: build(false),
  p: build(true),
  asmflags: build(true),
  buildmode: build(true),
  compiler: build(true),
  covermode: build(true),
  coverpkg: build(true),
  gccgoflags: build(true),
  gcflags: build(true),
  installsuffix: build(true),
  ldflags: build(true),
  mod: build(true),
  modfile: build(true),
  overlay: build(true),
  pgo: build(true),
  pkgdir: build(true),
  tags: build(true),
  toolexec: build(true),
  // `go test -c` runs vet too (and fails the build on its findings); off unless given here.
  vet: build(true),
  // Test flags, passed to every run of the test binary as -test.NAME.
  bench: test(true),
  benchmem: test(false),
  benchtime: test(true),
  // -count=K: K iterations of each test in every run (the count input is the number of runs).
  count: test(true),
  cpu: test(true),
  failfast: test(false),
  fullpath: test(false),
  parallel: test(true),
  short: test(false),
  shuffle: test(true),
  // race-rerun sets these itself: saying them is fine, turning them off cannot work.
  race: { to: 'ignore', takesValue: false },
  v: { to: 'ignore', takesValue: false },
  json: reject(
    false,
    'is not supported: race-rerun reads the test output itself and writes its own JSON report (the report output)',
  ),
  msan: reject(false, 'cannot be combined with -race'),
  asan: reject(false, 'cannot be combined with -race'),
  C: reject(true, 'is not supported: use the working-directory input'),
  exec: reject(true, 'is not supported yet'),
  c: reject(false, 'is not needed: race-rerun builds the test binary itself'),
  o: reject(true, 'is not supported: race-rerun chooses where the test binary goes'),
  i: reject(false, 'is not supported (removed from Go)'),
  run: reject(true, 'is not supported: use the run input'),
  skip: reject(true, 'is not supported: use the skip input'),
  timeout: reject(true, 'is not supported: use the timeout input'),
  list: reject(true, 'is not supported: it lists tests instead of running them'),
  coverprofile: reject(true, PROFILE),
  cpuprofile: reject(true, PROFILE),
  memprofile: reject(true, PROFILE),
  blockprofile: reject(true, PROFILE),
  mutexprofile: reject(true, PROFILE),
  trace: reject(true, PROFILE),
  outputdir: reject(true, PROFILE),
};

/** Go's strconv.ParseBool words. */
const TRUE_WORDS = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE_WORDS = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/** Flags race-rerun always sets: why they cannot be turned off. */
const OFF_WHY: Record<string, string> = {
  race: 'cannot work: race-rerun exists to run the tests with the race detector',
  v: 'cannot work: race-rerun runs the tests verbosely (-test.v=test2json) to tell which test printed what',
};

/**
 * Sorts `go test` flags: build flags (normalised to `-name` / `-name=value`) and test-binary
 * flags (as `-test.name[=value]`). Words after `-args` go to the binary verbatim, after the flags.
 * Accepts `-f=v`, `-f v`, `--f`, and `-test.f` spellings. Throws GoFlagsError on anything it
 * cannot pass on.
 */
export function classifyGoTestFlags(words: string[]): { buildFlags: string[]; testFlags: string[] } {
  const buildFlags: string[] = [];
  const testFlags: string[] = [];
  const passThrough: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '-args' || word === '--args') {
      passThrough.push(...words.slice(i + 1));
      break;
    }
    if (!/^--?[^-]/.test(word)) {
      throw new GoFlagsError(
        `${JSON.stringify(word)} is not a flag; list packages in the packages input and put arguments for the test binary after -args`,
      );
    }
    const body = word.replace(/^--?/, '');
    const eq = body.indexOf('=');
    let name = eq < 0 ? body : body.slice(0, eq);
    let value = eq < 0 ? undefined : body.slice(eq + 1);
    // `-test.shuffle` is how the binary spells it; treat it like `-shuffle`.
    const testSpelling = name.startsWith('test.');
    if (testSpelling) name = name.slice('test.'.length);
    const kind = FLAGS[name];
    if (kind === undefined || (testSpelling && kind.to === 'build')) {
      throw new GoFlagsError(`unknown flag ${word.split('=')[0]}`);
    }
    if (kind.takesValue && value === undefined) {
      const next = words[i + 1];
      if (next === undefined) throw new GoFlagsError(`flag -${name} needs a value`);
      value = next;
      i++;
    }
    if (name === 'count' && !/^[1-9]\d*$/.test(value ?? '')) {
      throw new GoFlagsError(
        `-count must be a whole number ≥ 1 (iterations per run; the count input sets the number of runs), got ${JSON.stringify(value)}`,
      );
    }
    const off = OFF_WHY[name];
    if (off && value !== undefined && !TRUE_WORDS.includes(value) && value !== 'test2json') {
      throw new GoFlagsError(
        FALSE_WORDS.includes(value)
          ? `-${name}=${value} ${off}`
          : `-${name} takes true or false, got ${JSON.stringify(value)}`,
      );
    }
    const flag = value === undefined ? name : `${name}=${value}`;
    switch (kind.to) {
      case 'build':
        buildFlags.push(`-${flag}`);
        break;
      case 'test':
        testFlags.push(`-test.${flag}`);
        break;
      case 'ignore':
        break;
      case 'reject':
        throw new GoFlagsError(`-${name} ${kind.why}`);
    }
  }
  return { buildFlags, testFlags: [...testFlags, ...passThrough] };
}
