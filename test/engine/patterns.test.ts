import { describe, expect, it } from 'vitest';
import { patternProblem, probeArgs, splitPattern } from '../../src/engine/patterns.js';

describe('splitPattern (as testing splits -test.run)', () => {
  it.each([
    ['TestA', ['TestA']],
    ['TestA/sub', ['TestA', 'sub']],
    ['^(A|B)$', ['^(A|B)$']],
    ['A|B/c', ['A', 'B', 'c']],
    ['[/|]x/y', ['[/|]x', 'y']],
    ['a\\/b|c', ['a\\/b', 'c']],
    ['((', ['((']],
    ['a)/b', ['a)/b']],
    ['A//B', ['A', '', 'B']],
  ])('%j → %j', (pattern, elements) => {
    expect(splitPattern(pattern)).toEqual(elements);
  });
});

describe('probeArgs', () => {
  it('puts every element under a top level that matches no test', () => {
    expect(probeArgs('TestA|TestB/sub', undefined)).toEqual(['-test.run=^$/TestA/TestB/sub']);
    expect(probeArgs(undefined, 'Slow|Flaky')).toEqual(['-test.run=^$', '-test.skip=Slow|Flaky']);
  });
});

describe('patternProblem', () => {
  // Printed by a Go 1.26 test binary run with probeArgs (see src/engine/patterns.ts).
  const runOut =
    'testing: invalid regexp for element 1 of -test.run ("(("): error parsing regexp: missing closing ): `((`\n';
  const rangeOut =
    'testing: invalid regexp for element 1 of -test.run ("[z-a]"): error parsing regexp: invalid character class range: `z-a`\n';
  const skipOut =
    'testing: invalid regexp for element 0 of -test.skip ("(("): error parsing regexp: missing closing ): `((`\n';

  it('names the input and says what RE2 found', () => {
    expect(patternProblem(runOut, { run: '((' })).toBe(
      'Input "run": "((" is not a valid Go regular expression (RE2 syntax): missing closing ): `((`.',
    );
    expect(patternProblem(rangeOut, { run: 'TestA/[z-a]' })).toBe(
      'Input "run": "TestA/[z-a]" has a part that is not a valid Go regular expression (RE2 syntax; go test splits the pattern at / and |): "[z-a]": invalid character class range: `z-a`.',
    );
    expect(patternProblem(skipOut, { run: 'TestA', skip: '((' })).toMatch(
      /^Input "skip": "\(\(" is not a valid/,
    );
  });

  it('is undefined for a binary that ran nothing', () => {
    expect(patternProblem('testing: warning: no tests to run\nPASS\n', { run: 'TestA' })).toBeUndefined();
  });
});
