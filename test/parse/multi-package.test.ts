import { describe, expect, it } from 'vitest';
import { parseOutput } from '../../src/parse/output.js';
import { CORPUS, fixture, parseFixture } from './helpers.js';

const short = (p: string) => p.replace(CORPUS, '');

function eventLines(name: string): string[] {
  return fixture(name)
    .split('\n')
    .filter((l) => l !== '');
}

describe('multi-package output', () => {
  it('multi-package-race-and-panic-go1.26.txt: plain text, package named after its output', () => {
    const r = parseFixture('multi-package-race-and-panic-go1.26.txt');
    expect(r.packages.map((p) => `${short(p.name)}:${p.action}`)).toEqual([
      'racebasic:fail',
      'panicnil:fail',
      'fatalmap:fail',
      'racetestmain:fail',
      'buildfail:fail',
    ]);
    expect(r.tests.map((t) => `${short(t.package)}.${t.name}:${t.action}`)).toEqual([
      'racebasic.TestRace:fail',
      'panicnil.TestNilDeref:fail',
    ]);
    expect(r.findings.map((f) => `${f.kind}:${short(f.package)}:${f.test}`)).toEqual([
      'race:racebasic:TestRace',
      'panic:panicnil:TestNilDeref',
      'race:fatalmap:TestConcurrentMapWrites',
      'race:fatalmap:TestConcurrentMapWrites',
      'fatal:fatalmap:TestConcurrentMapWrites',
      'race:racetestmain:undefined',
      'build:buildfail:undefined',
    ]);
    // The `# buildfail` block sits between other packages' output; it is not theirs.
    expect(r.findings[6]?.message).toContain('cannot use "not an int"');
  });

  it('multi-package-race-and-panic-json-go1.21.jsonl: JSON plus plain build-failure lines', () => {
    const r = parseFixture('multi-package-race-and-panic-json-go1.21.jsonl');
    expect(r.packages.map((p) => `${short(p.name)}:${p.action}`)).toEqual([
      'racebasic:fail',
      'panicnil:fail',
      'buildfail:fail',
      'racetestmain:fail',
    ]);
    expect(r.tests.map((t) => `${short(t.package)}.${t.name}:${t.action}`)).toEqual([
      'racebasic.TestOK:pass',
      'racebasic.TestRace:fail',
      'racebasic.TestAfter:pass',
      'panicnil.TestFirst:pass',
      'panicnil.TestNilDeref:fail',
      'racetestmain.TestNothing:pass',
    ]);
    expect(r.findings.map((f) => `${f.kind}:${short(f.package)}:${f.test}`)).toEqual([
      'race:racebasic:TestRace',
      'panic:panicnil:TestNilDeref',
      'build:buildfail:undefined',
      'race:racetestmain:undefined',
    ]);
  });

  it('multi-package-race-and-panic-json-go1.26.jsonl: build-output events keyed by ImportPath', () => {
    const r = parseFixture('multi-package-race-and-panic-json-go1.26.jsonl');
    expect(r.packages.map((p) => `${short(p.name)}:${p.action}`)).toEqual([
      'racebasic:fail',
      'buildfail:fail',
      'panicnil:fail',
      'racetestmain:fail',
    ]);
    expect(r.findings.map((f) => `${f.kind}:${short(f.package)}:${f.test}`)).toEqual([
      'race:racebasic:TestRace',
      'build:buildfail:undefined',
      'panic:panicnil:TestNilDeref',
      'race:racetestmain:undefined',
    ]);
    expect(r.findings[2]?.message).toBe('runtime error: invalid memory address or nil pointer dereference');
  });

  it('interleaved JSON packages keep separate line buffers and reports', () => {
    const a = eventLines('race-basic-json-go1.26.jsonl');
    const b = eventLines('race-in-subtest-json-go1.26.jsonl');
    // Alternate the two packages' events one by one.
    const merged: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] !== undefined) merged.push(a[i] as string);
      if (b[i] !== undefined) merged.push(b[i] as string);
    }
    const r = parseOutput(merged.join('\n'));
    expect(r.findings.map((f) => `${f.kind}:${short(f.package)}:${f.test}`).sort()).toEqual([
      'race:racebasic:TestRace',
      'race:racesub:TestParent/racy_sub',
    ]);
    expect(r.findings.every((f) => f.stacks.length === 4)).toBe(true);
    expect(r.packages.map((p) => short(p.name)).sort()).toEqual(['racebasic', 'racesub']);
  });
});
