import { describe, expect, it } from 'vitest';
import { classifyGoTestFlags, GoFlagsError, splitShellWords } from '../../src/settings/goflags.js';

const classify = (text: string) => classifyGoTestFlags(splitShellWords(text));

describe('splitShellWords', () => {
  it.each([
    ['', []],
    ['  \n\t ', []],
    ['-a  -b\n-c', ['-a', '-b', '-c']],
    [`-ldflags '-X main.v=1 -s'`, ['-ldflags', '-X main.v=1 -s']],
    [`-ldflags="-X 'main.v=a b'"`, ["-ldflags=-X 'main.v=a b'"]],
    [`"a\\"b" 'c\\d'`, ['a"b', 'c\\d']],
    [`"\\n\\$"`, ['\\n$']],
    ['a\\ b c', ['a b', 'c']],
    [`'' ""`, ['', '']],
    ['x"y z"w', ['xy zw']],
    ['-a \\\n-b', ['-a', '-b']],
  ])('splits %j', (text, words) => {
    expect(splitShellWords(text)).toEqual(words);
  });

  it.each([`-tags 'a`, '-tags "a', 'trailing\\'])('throws on %j', (text) => {
    expect(() => splitShellWords(text)).toThrow(GoFlagsError);
  });
});

describe('classifyGoTestFlags', () => {
  it('sends build flags to the build and test flags to the binary', () => {
    expect(classify('-tags=integration -shuffle=on')).toEqual({
      buildFlags: ['-tags=integration'],
      testFlags: ['-test.shuffle=on'],
    });
  });

  it('accepts separate values, double dashes and -test. spellings', () => {
    expect(classify('-cpu 1,2,4 --tags x,y -ldflags "-s -w" -test.short -parallel=3')).toEqual({
      buildFlags: ['-tags=x,y', '-ldflags=-s -w'],
      testFlags: ['-test.cpu=1,2,4', '-test.short', '-test.parallel=3'],
    });
  });

  it('sends -vet to the build: go test -c runs vet', () => {
    expect(classify('-vet=printf -short').buildFlags).toEqual(['-vet=printf']);
    expect(classify('-vet off').buildFlags).toEqual(['-vet=off']);
  });

  it('passes boolean flags with or without a value', () => {
    expect(classify('-failfast -short=false -trimpath -benchmem -a')).toEqual({
      buildFlags: ['-trimpath', '-a'],
      testFlags: ['-test.failfast', '-test.short=false', '-test.benchmem'],
    });
  });

  it('knows the other build flags', () => {
    const { buildFlags, testFlags } = classify(
      '-gcflags=all=-N -asmflags x -mod=vendor -modfile go.alt.mod -buildvcs=false -overlay o.json -pgo=off -cover -covermode atomic -coverpkg ./... -p 2 -work -x -n -installsuffix s -linkshared',
    );
    expect(testFlags).toEqual([]);
    expect(buildFlags).toEqual([
      '-gcflags=all=-N',
      '-asmflags=x',
      '-mod=vendor',
      '-modfile=go.alt.mod',
      '-buildvcs=false',
      '-overlay=o.json',
      '-pgo=off',
      '-cover',
      '-covermode=atomic',
      '-coverpkg=./...',
      '-p=2',
      '-work',
      '-x',
      '-n',
      '-installsuffix=s',
      '-linkshared',
    ]);
  });

  it('allows -bench and -benchtime', () => {
    expect(classify('-bench . -benchtime=1x').testFlags).toEqual(['-test.bench=.', '-test.benchtime=1x']);
  });

  it('passes everything after -args verbatim, after the flags', () => {
    expect(classify('-short -args -x --y=1 plain -count=3')).toEqual({
      buildFlags: [],
      testFlags: ['-test.short', '-x', '--y=1', 'plain', '-count=3'],
    });
    expect(classify('-args -x')).toEqual({ buildFlags: [], testFlags: ['-x'] });
  });

  it('passes -count (iterations in each run) and -cpu to the binary', () => {
    expect(classify('-count=3 -cpu 1,4').testFlags).toEqual(['-test.count=3', '-test.cpu=1,4']);
    expect(classify('-count 2').testFlags).toEqual(['-test.count=2']);
    expect(classify('-test.count=5').testFlags).toEqual(['-test.count=5']);
  });

  it('ignores flags race-rerun sets itself, when they are not turned off', () => {
    expect(classify('-race -v -race=true -v=1 -test.v=true')).toEqual({ buildFlags: [], testFlags: [] });
  });

  it.each([
    ['-count=0', '-count must be a whole number ≥ 1'],
    ['-count x', '-count must be a whole number ≥ 1'],
    ['-test.count=-1', '-count must be a whole number ≥ 1'],
    ['-run TestX', 'use the run input'],
    ['-skip=TestX', 'use the skip input'],
    ['-timeout=1m', 'use the timeout input'],
    ['-C dir', 'use the working-directory input'],
    ['-exec xprog', 'not supported yet'],
    ['-msan', 'cannot be combined with -race'],
    ['-asan', 'cannot be combined with -race'],
    ['-coverprofile=c.out', 'overwrite'],
    ['-cpuprofile cpu.out', 'overwrite'],
    ['-o x.test', 'chooses where the test binary goes'],
    ['-c', 'builds the test binary itself'],
    ['-race=false', '-race=false cannot work: race-rerun exists to run the tests with the race detector'],
    ['-race=0', '-race=0 cannot work'],
    ['-race=maybe', '-race takes true or false, got "maybe"'],
    ['-v=false', '-v=false cannot work: race-rerun runs the tests verbosely (-test.v=test2json)'],
    ['-test.v=false', '-v=false cannot work'],
    ['-json', '-json is not supported: race-rerun reads the test output itself'],
    ['-bogus', 'unknown flag -bogus'],
    ['--bogus=1', 'unknown flag --bogus'],
    ['-test.tags=x', 'unknown flag -test.tags'],
    ['./pkg', 'is not a flag'],
    ['-', 'is not a flag'],
    ['-tags', '-tags needs a value'],
  ])('rejects %j', (text, message) => {
    expect(() => classify(text)).toThrow(GoFlagsError);
    expect(() => classify(text)).toThrow(message);
  });
});
