// A corpus of real reports quoted in public GitHub issues (test/fixtures/go-output/corpus/, each
// with its source in corpus.json), parsed as `race-rerun parse` would in a checkout of another
// repository: every report's kind and user-code sites (role, function, file:line) as checked by
// reading its stack. The expectations are written by hand, not generated.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PathDisk } from '../../src/analysis/paths.js';
import { parseOutput } from '../../src/parse/output.js';
import { FIXTURE_DIR, parseReport } from './helpers.js';

interface Entry {
  file: string;
  source: string;
  project: string;
  expected: string[];
  shape: string;
}

const DIR = `${FIXTURE_DIR}corpus/`;
const corpus = JSON.parse(readFileSync(`${DIR}corpus.json`, 'utf8')) as Entry[];
/** This checkout holds none of the corpus' files. */
const disk: PathDisk = { realpath: () => undefined, isFile: () => false };
const REPORT_KINDS = new Set(['race', 'panic', 'fatal', 'timeout']);

function corpusSites(text: string): string[] {
  const report = parseReport(parseOutput(text), {
    repoRoot: '/checkout/other',
    module: 'example.com/other',
    disk,
  });
  return report.findings
    .filter((f) => REPORT_KINDS.has(f.kind))
    .map((f) => {
      const sites = f.locations.map((l) => `${l.role} ${l.function} ${l.file.split('/').pop()}:${l.line}`);
      return `${f.kind}: ${sites.length > 0 ? sites.join(' | ') : '(none)'}`;
    })
    .sort();
}

describe('corpus of real reports from public issues', () => {
  it('has at least 40 reports from 25 projects, each with its source', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((e) => e.project)).size).toBeGreaterThanOrEqual(25);
    for (const e of corpus)
      expect(e.source).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/(?:issues|pull)\/\d+$/);
  });

  for (const e of corpus) {
    it(`${e.file} (${e.shape})`, () => {
      expect(corpusSites(readFileSync(DIR + e.file, 'utf8'))).toEqual([...e.expected].sort());
    });
  }
});
