// One golden test per fixture in test/fixtures/go-output/: the parsed findings (kind, test,
// message, stacks) and the report built from them through the parse-mode pipeline (signature,
// locations with roles, tests, verdict) are compared with `<fixture>.expected.json` next to it.
//
// Regenerate after a deliberate change:   UPDATE_GOLDEN=1 npx vitest run test/parse/golden.test.ts
// then review `git diff test/fixtures/go-output/*.expected.json`: every changed line is a changed
// result (a moved annotation, a lost test name, a new finding) and needs a reason.
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ParseOptions, parseLogsToReport } from '../../src/engine/pipeline.js';
import type { ParsedOutput, Report } from '../../src/model.js';
import { FIXTURE_DIR, fixtureNames, parseFixture } from './helpers.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

const CORPUS_ROOT = '/home/runner/work/corpus/corpus';

/**
 * Where each capture was made, so frames map to repository paths as they would have on that
 * machine (README.md in the fixture folder says where each came from).
 */
function contextFor(name: string): ParseOptions {
  const version = /go1\.(\d+)/.exec(name)?.[1] ?? '26';
  if (name.startsWith('derived-windows-backslash'))
    return {
      repoRoot: 'C:\\a\\corpus\\corpus',
      modules: [{ path: 'example.com/corpus', dir: 'C:\\a\\corpus\\corpus' }],
      goroot: 'C:\\hostedtoolcache\\windows\\go\\1.26.10\\x64',
    };
  if (name.startsWith('derived-windows'))
    return {
      repoRoot: 'D:/a/corpus/corpus',
      modules: [{ path: 'example.com/corpus', dir: 'D:/a/corpus/corpus' }],
      goroot: 'C:/hostedtoolcache/windows/go/1.26.10/x64',
    };
  if (name.startsWith('fresh-race-in-vendored'))
    return {
      repoRoot: '/tmp/gofreshvendor',
      modules: [{ path: 'example.com/freshvendor', dir: '/tmp/gofreshvendor' }],
      goroot: '/usr/local/go',
    };
  if (name.startsWith('fresh-race-gowork'))
    return {
      repoRoot: '/tmp/gofreshwork',
      modules: [
        { path: 'example.com/work/lib', dir: '/tmp/gofreshwork/lib' },
        { path: 'example.com/work/svc', dir: '/tmp/gofreshwork/svc' },
      ],
      goroot: '/usr/local/go',
    };
  if (name.startsWith('fresh-race-symlinked-checkout'))
    // The checkout was reached through /tmp/gofreshlink -> /tmp/gofresh; the root is the real path.
    return {
      repoRoot: '/tmp/gofresh',
      modules: [{ path: 'example.com/fresh', dir: '/tmp/gofresh' }],
      goroot: '/usr/local/go',
      aliases: [{ from: '/tmp/gofreshlink', to: '/tmp/gofresh' }],
    };
  if (name.startsWith('fresh-racy3'))
    return {
      repoRoot: '/work/main',
      modules: [{ path: 'example.com/rr/racy3', dir: '/work/main/test/go/racy3' }],
      goroot: '/usr/local/go',
    };
  if (name.startsWith('fresh-'))
    return {
      repoRoot: '/tmp/gofresh',
      modules: [{ path: 'example.com/fresh', dir: '/tmp/gofresh' }],
      goroot: '/usr/local/go',
    };
  return {
    repoRoot: CORPUS_ROOT,
    modules: [{ path: 'example.com/corpus', dir: CORPUS_ROOT }],
    goroot: `/opt/hostedtoolcache/go/1.${version}/x64`,
  };
}

function frameText(f: { func: string; file: string; line: number; inlined?: boolean }): string {
  return `${f.func} ${f.file}:${f.line}${f.inlined ? ' (inlined)' : ''}`;
}

/** The parser's view: what a run's output held, before mapping and grouping. */
function parsedSummary(p: ParsedOutput) {
  return {
    sawGoOutput: p.sawGoOutput,
    packages: p.packages.map((x) => `${x.name} ${x.action}`),
    tests: p.tests.map((t) => `${t.package} ${t.name} ${t.action}`),
    findings: p.findings.map((f) => ({
      kind: f.kind,
      package: f.package,
      test: f.test ?? null,
      message: f.message,
      ...(f.runningTests ? { runningTests: f.runningTests } : {}),
      stacks: f.stacks.map((s) => ({
        role: s.role,
        header: s.header,
        frames: s.frames.length,
        first: s.frames[0] ? frameText(s.frames[0]) : null,
      })),
    })),
  };
}

/** The report's view: what users see (JSON report, annotations). */
function reportSummary(r: Report) {
  return {
    verdict: r.verdict,
    summary: r.summary,
    errors: r.errors,
    notes: r.notes,
    findings: r.findings.map((f) => ({
      kind: f.kind,
      signature: f.signature,
      title: f.title,
      message: f.message,
      package: f.package,
      tests: f.tests,
      runsSeen: f.runsSeen,
      locations: f.locations.map((l) =>
        `${l.role}${l.access ? `(${l.access})` : ''} ${l.file}:${l.line} ${l.function}`.trimEnd(),
      ),
    })),
    tests: r.tests.map((t) => `${t.package} ${t.name} ${t.status} ${t.failed}/${t.runs}`),
  };
}

async function golden(name: string) {
  const parsed = parseFixture(name);
  const { report } = await parseLogsToReport(
    [{ name, open: () => createReadStream(FIXTURE_DIR + name) }],
    contextFor(name),
  );
  return { fixture: name, parsed: parsedSummary(parsed), report: reportSummary(report) };
}

describe('golden: every fixture parses to its expected findings', () => {
  for (const name of fixtureNames()) {
    it(name, async () => {
      const actual = await golden(name);
      const file = `${FIXTURE_DIR}${name.replace(/\.(txt|jsonl)$/, '')}.expected.json`;
      if (UPDATE || !existsSync(file)) {
        if (!UPDATE)
          throw new Error(`${file} is missing: run UPDATE_GOLDEN=1 npx vitest run test/parse/golden.test.ts`);
        writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
        return;
      }
      expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});
