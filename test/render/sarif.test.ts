// SARIF for code scanning: golden files, every one validated against the SARIF 2.1.0 JSON schema
// (sarif-2.1.0-rtm.5.json, the OASIS schema as shipped by the npm package @microsoft/jest-sarif),
// and GitHub's limits. Regenerate the golden files with UPDATE_GOLDEN=1 npx vitest run test/render
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/model.js';
import {
  FINGERPRINT_KEY,
  fingerprint,
  renderSarif,
  SARIF_MAX_LOCATIONS,
  SARIF_MAX_RESULTS,
} from '../../src/render/sarif.js';
import { expectGolden } from './golden.js';
import { causeReport, cleanReport, racePanicReport } from './reports.js';
import { schemaErrors } from './sarif-schema.js';

const text = (log: Sarif.Log) => `${JSON.stringify(log, null, 2)}\n`;
const REPO_URL = 'https://github.com/octo/app';

describe('renderSarif', () => {
  it('golden files', () => {
    const withCommit = (r: Report) => ({
      ...r,
      context: { ...r.context, commit: '0123456789abcdef0123456789abcdef01234567' },
    });
    expectGolden(
      'sarif-race-panic.sarif',
      text(renderSarif(withCommit(racePanicReport()), { repoUrl: REPO_URL })),
    );
    expectGolden('sarif-cause.sarif', text(renderSarif(causeReport(), { failOn: ['race'] })));
    expectGolden('sarif-clean.sarif', text(renderSarif(cleanReport())));
  });

  it('every golden SARIF file is valid against the SARIF 2.1.0 schema', () => {
    const dir = join(import.meta.dirname, '..', 'golden');
    const files = readdirSync(dir).filter((f) => f.endsWith('.sarif'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files)
      expect(schemaErrors(JSON.parse(readFileSync(join(dir, f), 'utf8'))), f).toEqual([]);
  });

  it('the validator rejects what is not SARIF', () => {
    // biome-ignore lint/suspicious/noExplicitAny: the test breaks one field deep inside
    const log = renderSarif(racePanicReport()) as any;
    expect(schemaErrors({ ...log, version: '2.0.0' })).not.toEqual([]);
    const broken = structuredClone(log);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(schemaErrors(broken)).not.toEqual([]);
  });

  it('one rule per kind, one result per finding, both race sides and the creation sites', () => {
    const report = racePanicReport();
    const log = renderSarif(report, { repoUrl: REPO_URL });
    const run = log.runs[0];
    expect(run?.tool.driver.rules?.map((r) => r.id)).toEqual([
      'race-rerun/race',
      'race-rerun/panic',
      'race-rerun/fatal',
      'race-rerun/timeout',
      'race-rerun/failure',
      'race-rerun/build',
      'race-rerun/overlap',
    ]);
    for (const rule of run?.tool.driver.rules ?? []) expect(rule.help?.text.length).toBeGreaterThan(50);
    expect(run?.results).toHaveLength(report.findings.length);
    const race = run?.results?.find((r) => r.ruleId === 'race-rerun/race');
    const finding = report.findings.find((f) => f.kind === 'race') as Finding;
    const [cur, prev] = finding.locations;
    expect(race?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: cur?.file, uriBaseId: '%SRCROOT%' },
      region: { startLine: cur?.line },
    });
    expect(race?.relatedLocations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe(prev?.file);
    expect(race?.relatedLocations?.[0]?.physicalLocation?.region?.startLine).toBe(prev?.line);
    expect(race?.message.text).toContain(`Seen in ${finding.runsSeen} of ${finding.runs} runs (23%, 95% CI`);
    expect(race?.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: fingerprint(finding) });
    expect(race?.properties).toMatchObject({ runsSeen: 7, runs: 30, interval: finding.interval });
    expect(race?.stacks?.length).toBeGreaterThanOrEqual(2);
    const frames = race?.stacks?.flatMap((s) => s.frames) ?? [];
    expect(
      frames.some((f) => f.location?.physicalLocation?.artifactLocation?.uriBaseId === '%SRCROOT%'),
    ).toBe(true);
    // Files outside the repository never get a repository URI.
    for (const f of frames) {
      const uri = f.location?.physicalLocation?.artifactLocation?.uri;
      if (uri) expect(uri.startsWith('/')).toBe(false);
    }
  });

  it('the fingerprint follows the signature, not the run numbers', () => {
    const a = racePanicReport().findings[0] as Finding;
    const b = { ...a, seenIn: [1], runsSeen: 1, runs: 99 };
    expect(fingerprint(b)).toBe(fingerprint(a));
    expect(fingerprint({ ...a, signature: `${a.signature}x` })).not.toBe(fingerprint(a));
  });

  it('stays within GitHub limits: 25,000 results, 1,000 locations per result, with a note', () => {
    const report = racePanicReport();
    const race = report.findings[0] as Finding;
    const bigStack = {
      ...race.stacks[0],
      frames: Array.from({ length: 3000 }, (_, i) => ({
        function: `p.F${i}`,
        file: 'a/b.go',
        line: i + 1,
        origin: 'repo' as const,
      })),
    };
    const many: Finding[] = Array.from({ length: SARIF_MAX_RESULTS + 5 }, (_, i) => ({
      ...race,
      id: `id${i}`,
      signature: `sig${i}`,
      ...(i === 0 ? { stacks: [bigStack as Finding['stacks'][number]] } : {}),
    }));
    const log = renderSarif({ ...report, findings: many });
    const run = log.runs[0];
    expect(run?.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(run?.invocations?.[0]?.toolExecutionNotifications?.[0]?.message.text).toBe(
      `5 of ${SARIF_MAX_RESULTS + 5} findings left out: GitHub code scanning takes at most 25000 results per run. The JSON report has them all.`,
    );
    const first = run?.results?.find((r) => r.properties?.id === 'id0');
    const count =
      (first?.locations?.length ?? 0) +
      (first?.relatedLocations?.length ?? 0) +
      (first?.stacks ?? []).reduce((n, s) => n + s.frames.length, 0);
    expect(count).toBeLessThanOrEqual(SARIF_MAX_LOCATIONS);
    expect(first?.message.text).toMatch(
      /stack frames left out: GitHub takes at most 1000 locations per result/,
    );
  });
});
