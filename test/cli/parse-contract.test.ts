// The `parse` command's contract, against main() in src/cli/commands.ts (no rebuilt dist/ needed):
// `race-rerun parse --json FILE LOG...` writes the JSON report whatever the logs hold, and exits
// non-zero when findings match --fail-on (1), or a log cannot be read or none holds Go output (2).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FINDING_KINDS, type Report } from '../../src/model.js';

const root = resolve(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'go-output');
const temp = mkdtempSync(join(tmpdir(), 'race-rerun-parse-contract-'));
let main: (argv: string[]) => Promise<number>;

beforeAll(async () => {
  process.env.GOTOOLCHAIN = 'local';
  process.env.GOFLAGS = '-mod=mod';
  ({ main } = await import('../../src/cli/commands.js'));
});
afterEach(() => vi.restoreAllMocks());

async function parse(...args: string[]): Promise<{ code: number; out: string; report?: Report }> {
  const json = join(temp, `report-${Math.random().toString(36).slice(2)}.json`);
  let out = '';
  const capture = (chunk: unknown) => {
    out += String(chunk);
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  const code = await main(['parse', '--no-color', '--json', json, ...args]);
  vi.restoreAllMocks();
  let report: Report | undefined;
  try {
    report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  } catch {
    report = undefined;
  }
  return { code, out, ...(report ? { report } : {}) };
}

function checkSchema(r: Report | undefined): Report {
  if (!r) throw new Error('no JSON report written');
  expect(r.schemaVersion).toBe(1);
  expect(r.mode).toBe('parse');
  for (const f of r.findings) {
    expect(FINDING_KINDS).toContain(f.kind);
    for (const l of f.locations) {
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['file', 'line', 'function', 'role']));
    }
  }
  return r;
}

describe('race-rerun parse contract', () => {
  it('findings matching --fail-on (the default: all kinds) exit 1, with the report written', async () => {
    const r = await parse(
      join(fixtures, 'race-basic-go1.26.txt'),
      join(fixtures, 'panic-nil-deref-in-test-json-go1.26.jsonl'),
    );
    expect(r.code).toBe(1);
    const report = checkSchema(r.report);
    expect(report.runs).toBe(2);
    expect(report.findings.map((f) => f.kind).sort()).toEqual(['panic', 'race']);
  });

  it('findings not in --fail-on exit 0 with the same report', async () => {
    const race = join(fixtures, 'race-basic-go1.26.txt');
    const onlyPanic = await parse('--fail-on', 'panic', race);
    expect(onlyPanic.code).toBe(0);
    expect(checkSchema(onlyPanic.report).findings.map((f) => f.kind)).toEqual(['race']);
    expect((await parse('--fail-on', 'never', race)).code).toBe(0);
    expect((await parse('--fail-on', 'race', race)).code).toBe(1);
  });

  it('a log with no Go test output: said plainly as an error, report written, exit 2', async () => {
    const npm = join(temp, 'npm.log');
    writeFileSync(npm, 'npm ERR! missing script: test\n');
    const r = await parse(npm);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${npm} is not Go test output`);
    const report = checkSchema(r.report);
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([
      `${npm} is not Go test output: give the output of go test (plain or -json).`,
    ]);
  });

  it('an empty log and binary junk are not Go output (exit 2), a truncated log is (exit 1), always with a report', async () => {
    const empty = join(temp, 'empty.log');
    writeFileSync(empty, '');
    const junk = join(temp, 'junk.bin');
    writeFileSync(junk, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
    for (const log of [empty, junk]) {
      const r = await parse(log);
      expect(r.code).toBe(2);
      expect(r.out).toContain(`${log} is not Go test output`);
      checkSchema(r.report);
    }
    // One log without Go output among others is a note, and the others decide.
    const mixed = await parse('--fail-on', 'never', join(fixtures, 'race-basic-go1.26.txt'), empty);
    expect(mixed.code).toBe(0);
    expect(mixed.report?.notes).toEqual([expect.stringContaining(`${empty} holds no Go test output`)]);
    const cut = await parse(join(fixtures, 'derived-truncated-killed-mid-report-go1.26.txt'));
    expect(cut.code).toBe(1);
    expect(checkSchema(cut.report).findings.map((f) => f.kind)).toContain('race');
  });

  it('a log that cannot be read exits 2, and the report of the others is still written', async () => {
    const dir = join(temp, 'a-directory');
    mkdirSync(dir, { recursive: true });
    for (const bad of [join(temp, 'missing.log'), dir]) {
      const r = await parse('--fail-on', 'never', join(fixtures, 'race-basic-go1.26.txt'), bad);
      expect(r.code).toBe(2);
      expect(r.out).toMatch(/Cannot read/);
      expect(checkSchema(r.report).findings.map((f) => f.kind)).toEqual(['race']);
    }
  });

  it('no log at all is a usage error, exit 2', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['parse'])).toBe(2);
  });
});
