// The run and skip inputs are Go regular expressions (RE2), split by testing at `/` and `|`.
// JavaScript cannot tell whether Go accepts one, so a built test binary is asked, before any run:
// with -test.run=^$/<every element> no test matches at the top level, yet testing compiles each
// element (and -test.skip) first and says "invalid regexp" for a bad one.
import type { ProcessRunner } from './process.js';

/**
 * The elements of a -test.run/-test.skip pattern as testing's splitRegexp finds them: split at
 * `/` and `|` outside brackets and parentheses (a backslash escapes the next character).
 */
export function splitPattern(s: string): string[] {
  const elements: string[] = [];
  let brackets = 0;
  let parens = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '[') brackets++;
    else if (c === ']') brackets = Math.max(0, brackets - 1);
    else if (c === '(' && brackets === 0) parens++;
    else if (c === ')' && brackets === 0) parens--;
    else if (c === '\\') i++;
    else if ((c === '/' || c === '|') && brackets === 0 && parens === 0) {
      elements.push(s.slice(start, i));
      start = i + 1;
    }
  }
  elements.push(s.slice(start));
  return elements;
}

/** Arguments that make testing check run and skip and then run nothing. */
export function probeArgs(run: string | undefined, skip: string | undefined): string[] {
  const args = [`-test.run=^$${run ? `/${splitPattern(run).join('/')}` : ''}`];
  if (skip) args.push(`-test.skip=${skip}`);
  return args;
}

const INVALID = /^testing: invalid regexp for element \d+ of -test\.(run|skip) \((".*")\): (.*)$/m;

/** The input error for testing's "invalid regexp" message in `output`, if there is one. */
export function patternProblem(output: string, inputs: { run?: string; skip?: string }): string | undefined {
  const m = INVALID.exec(output);
  if (!m) return undefined;
  const name = m[1] === 'skip' ? 'skip' : 'run';
  const given = inputs[name] ?? '';
  let element = m[2] ?? '';
  try {
    element = JSON.parse(element) as string;
  } catch {
    // Go's %q escapes that JSON lacks: show it quoted as Go did.
  }
  const why = (m[3] ?? '').replace(/^error parsing regexp: /, '');
  const what =
    element === given || splitPattern(given).length === 1
      ? `${JSON.stringify(given)} is not a valid Go regular expression (RE2 syntax): ${why}`
      : `${JSON.stringify(given)} has a part that is not a valid Go regular expression (RE2 syntax; go test splits the pattern at / and |): ${JSON.stringify(element)}: ${why}`;
  return `Input "${name}": ${what}.`;
}

/** Asks a built test binary whether testing accepts run and skip; the input error if not. */
export async function checkPatterns(
  runner: ProcessRunner,
  spec: { binary: string; cwd: string; env: NodeJS.ProcessEnv; signal?: AbortSignal },
  inputs: { run?: string; skip?: string },
): Promise<string | undefined> {
  if (!inputs.run && !inputs.skip) return undefined;
  const result = await runner.run({
    command: spec.binary,
    args: probeArgs(inputs.run, inputs.skip),
    cwd: spec.cwd,
    env: spec.env,
    timeoutMs: 60_000,
    reap: true,
    ...(spec.signal ? { signal: spec.signal } : {}),
  });
  return patternProblem(result.output, inputs);
}
