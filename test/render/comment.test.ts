// The pull request comment. Golden files: UPDATE_GOLDEN=1 npx vitest run test/render rewrites
// test/golden/comment-*.md; the key lines are asserted here as well.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analysis/report.js';
import type { RawFinding, Report } from '../../src/model.js';
import {
  COMMENT_LIMIT,
  canonicalMatrix,
  commentMarker,
  parseHistory,
  renderComment,
} from '../../src/render/comment.js';
import { renderSummary } from '../../src/render/summary.js';
import {
  daemonPanic,
  daemonRace,
  failure,
  frame,
  input,
  outcome,
  PKG,
  PKG_DIR,
  run,
} from '../analysis/fixtures.js';
import { expectGolden } from './golden.js';
import { detailsBalance, prose } from './markdown-check.js';
import { causeReport, cleanReport, withFailsTests } from './reports.js';

const SHA = 'abc1234def5678abc1234def5678abc1234def56';
const SHA2 = 'fedcba9876543210fedcba9876543210fedcba98';
const REPO_URL = 'https://github.com/acme/daemon';
const RUN_URL = 'https://github.com/acme/daemon/actions/runs/42';
const identity = { workflow: 'CI', job: 'race', matrix: '{"go":"1.22"}' };
const base = { identity, repoUrl: REPO_URL, runUrl: RUN_URL };

function comment(report: Report, extra: Partial<Parameters<typeof renderComment>[1]> = {}): string {
  const md = renderComment(report, { ...base, sha: SHA, ...extra });
  if (md === undefined) throw new Error('no comment');
  return md;
}

describe('renderComment', () => {
  it('renders findings with links, k/N, likely causes, tests, details and history', () => {
    const md = comment(causeReport(), { unannotated: ['Test failure (1/30 runs): TestX at a.go:3'] });
    expectGolden('comment-findings.md', md);
    const lines = md.split('\n');
    expect(lines[0]).toBe('<!-- race-rerun: workflow=CI; job=race; matrix={"go":"1.22"} -->');
    expect(lines[1]).toBe('## race-rerun: CI / race (go: 1.22)');
    // The tests fail only because of the race and the panic (failsTests): not counted again.
    expect(lines[3]).toBe(
      `❌ **1 data race · 1 panic** — 30 runs at [\`abc1234\`](${REPO_URL}/commit/${SHA}) · [workflow run](${RUN_URL})`,
    );
    const link = (file: string, line: number) =>
      `[\`${file}:${line}\`](${REPO_URL}/blob/${SHA}/examples/flaky-daemon/daemon/${file}#L${line})`;
    expect(lines).toContain(
      `| **Data race**<br>write in Shutdown vs read in write<br><sub>fails \`TestWriter\`; panic at \`config.go:22\` follows it in both runs</sub> | ${link('daemon.go', 51)} ↔ ${link('daemon.go', 31)} | **9/30**\u00a0<sub>95%\u00a0CI\u00a017–\u206048%</sub><br>\`▁▁▌▁▌▁▌▁▌▁▁▌▁▁▌▁▁▁▌▁▌▁▁▁▁▁▁▌▁▁\` |`,
    );
    expect(lines).toContain(
      `| **Panic**<br>runtime error: invalid memory address or nil pointer dereference<br><sub>fails \`TestReload\`; likely cause: the data race at \`daemon.go:51\` (in both runs)</sub> | ${link('config.go', 22)} | **2/30**\u00a0<sub>95%\u00a0CI\u00a02–\u206021%</sub><br>\`▁▁▁▁▌▁▁▁▁▁▁▁▁▁▁▁▁▁▌▁▁▁▁▁▁▁▁▁▁▁\` |`,
    );
    expect(lines).toContain(
      '<sub>Files in `examples/flaky-daemon/daemon/`. Runs in order: `▌` seen, `▁` not seen.</sub>',
    );
    // Tests that fail only because of a finding are in its row, not in the tests table.
    expect(md).not.toContain('| `example.com/flaky-daemon/daemon` | `TestWriter` |');
    expect(lines).toContain(
      "cd examples/flaky-daemon && go test -race -count=1 -run '^TestReload$' ./daemon",
    );
    expect(md).toContain('### Not annotated');
    // Order: verdict, table, the top finding's command, details, not annotated, footer.
    const order = [
      '❌',
      '| Finding |',
      '**Reproduce** the data race at `daemon.go:51`',
      '### Details',
      '### Not annotated',
      '<sub>race-rerun',
    ];
    const at = order.map((s) => md.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // The verdict and the footer count runs the same way.
    expect(md).toContain('<sub>race-rerun 0.1.0 · 30 runs · go1.26.10 · [workflow run]');
    expect(parseHistory(md)).toEqual([
      {
        sha: SHA,
        runs: 30,
        findings: 2,
        seen: [
          { id: '63974cc5', kind: 'race', k: 9, n: 30, where: 'daemon.go:51' },
          { id: '4af7647c', kind: 'panic', k: 2, n: 30, where: 'config.go:22' },
        ],
      },
    ]);
    expect(detailsBalance(md)).toEqual({ open: 4, close: 4 });
  });

  it('does not count tests a finding fails again as flaky tests', () => {
    const md = comment(withFailsTests(causeReport()));
    expect(md.split('\n')[3]).toMatch(/^❌ \*\*1 data race · 1 panic\*\* — 30 runs at/);
    expect(md).toContain('<sub>fails `TestWriter`; panic at');
    expect(md).not.toContain('### Flaky and failing tests');
  });

  it('says which findings were not seen since the last push, with the chance they would have shown', () => {
    const first = comment(causeReport());
    const md = comment(cleanReport(), { sha: SHA2, previousBody: first });
    expectGolden('comment-fixed.md', md);
    expect(md).toContain(
      `✅ **No data race, panic or failure** — 30 runs at [\`fedcba9\`](${REPO_URL}/commit/${SHA2})`,
    );
    expect(md).toContain(
      `Since [\`abc1234\`](${REPO_URL}/commit/${SHA}):\n\n- the data race at \`daemon.go:51\` (9/30 there): not seen in 30 runs (at its earlier 30% it would have shown with over 99.9% probability): likely fixed.\n- the panic at \`config.go:22\` (2/30 there): not seen in 30 runs (at its earlier 7% it would have shown with 87% probability).`,
    );
    expect(md).not.toContain('Fixed:');
    expect(md).toContain(`| [\`fedcba9\`](${REPO_URL}/commit/${SHA2}) (this run) | 30 | none |`);
    expect(md).toContain(`| [\`abc1234\`](${REPO_URL}/commit/${SHA}) | 30 | 2 |`);
    expect(parseHistory(md).map((e) => [e.sha, e.findings, e.seen?.length])).toEqual([
      [SHA2, 0, undefined],
      [SHA, 2, 2],
    ]);
    expect(md).not.toContain('| Finding |');
  });

  it('has nothing to say without findings and without an earlier comment', () => {
    expect(renderComment(cleanReport(), { ...base, sha: SHA })).toBeUndefined();
  });

  it('keeps at most 10 results of history', () => {
    let body: string | undefined;
    for (let i = 0; i < 14; i++) {
      const sha = i.toString(16).padStart(40, '0');
      body = comment(causeReport(), { sha, ...(body ? { previousBody: body } : {}) });
    }
    const history = parseHistory(body);
    expect(history).toHaveLength(10);
    expect(history[0]?.sha).toBe('d'.padStart(40, '0'));
  });
});

describe('comment marker and history', () => {
  it('tells workflows, jobs and matrix combinations apart', () => {
    expect(commentMarker({ workflow: 'CI', job: 'race' })).toBe(
      '<!-- race-rerun: workflow=CI; job=race; matrix=none -->',
    );
    const a = commentMarker({ workflow: 'CI', job: 'race', matrix: canonicalMatrix('{"go":"1.22"}') });
    const b = commentMarker({ workflow: 'CI', job: 'race', matrix: canonicalMatrix('{"go":"1.23"}') });
    expect(a).not.toBe(b);
    // toJSON(matrix) is pretty-printed; key order and whitespace do not matter.
    expect(canonicalMatrix('{\n  "os": "ubuntu-latest",\n  "go": "1.22"\n}')).toBe(
      '{"go":"1.22","os":"ubuntu-latest"}',
    );
    expect(canonicalMatrix('null')).toBeUndefined();
    expect(canonicalMatrix('{}')).toBeUndefined();
    expect(canonicalMatrix('')).toBeUndefined();
  });

  it('cannot be ended or split by the values in it', () => {
    const m = commentMarker({ workflow: 'a --> b; c', job: 'x\ny', matrix: '{"k":"--!>"}' });
    expect(m).toBe('<!-- race-rerun: workflow=a %2D-%3E b%3B c; job=x y; matrix={"k":"%2D-!%3E"} -->');
    expect(m.slice(4, -3)).not.toContain('--');
  });

  it('reads only the last, well-formed history line', () => {
    const forged = '```\n<!-- race-rerun-history: [{"sha":"0000000","runs":1,"findings":0}] -->\n```';
    const real = `<!-- race-rerun-history: [{"sha":"${SHA}","runs":30,"findings":2},{"sha":"nothex","runs":1,"findings":1},{"sha":"${SHA2}","runs":-1,"findings":0}] -->`;
    expect(parseHistory(`${forged}\n${real}\n`)).toEqual([{ sha: SHA, runs: 30, findings: 2 }]);
    expect(parseHistory('<!-- race-rerun-history: {oops -->')).toEqual([]);
    expect(parseHistory(undefined)).toEqual([]);
  });
});

const HOSTILE =
  '```` ``` </details><script>alert(1)</script> [x](http://evil.example) @octocat @org/team #1 www.evil.example';

function hostileReport(): Report {
  const name = `TestEvil/${HOSTILE.replace(/\s/g, '_')}`;
  const panic: RawFinding = {
    ...daemonPanic(1),
    message: `${HOSTILE}\n</details>\n\`\`\`\`\`\nmore`,
    raw: `panic: ${HOSTILE}\n\`\`\`\`\`\`\n</details>\n\ngoroutine 1 [running]:\n${HOSTILE}`,
  };
  panic.stacks = [
    {
      role: 'panic',
      header: `goroutine 1 [running] ${HOSTILE}`,
      frames: [frame(`${PKG}.Evil`, `${PKG_DIR}/evil.go`, 3), frame(HOSTILE, `${PKG_DIR}/evil_test.go`, 9)],
    },
  ];
  return buildReport(
    input([
      run(1, [failure(name, 'evil_test.go', 7, HOSTILE), panic], [outcome(name, 'fail')]),
      run(2, [daemonRace({ test: name })], [outcome(name, 'fail')]),
    ]),
  );
}

describe('untrusted text from test output', () => {
  for (const [what, render] of [
    ['comment', (r: Report) => comment(r)],
    ['summary', (r: Report) => renderSummary(r, { runUrl: RUN_URL })],
  ] as const) {
    it(`cannot close a code block, inject HTML or links, or mention anyone (${what})`, () => {
      const md = render(hostileReport());
      const live = prose(md); // throws when a fence is never closed
      expect(live).not.toContain('<script>');
      expect(live).not.toMatch(/\]\(http:\/\/evil/);
      expect(live).not.toMatch(/https?:\/\/evil/);
      expect(live).not.toMatch(/@octocat/);
      expect(live).not.toMatch(/@org\/team/);
      expect(live).not.toMatch(/#1\b/);
      expect(live).not.toMatch(/www\.evil/);
      // Only our own <details> tags are live, all balanced.
      const { open, close } = detailsBalance(md);
      expect(open).toBe(close);
      expect(open).toBeGreaterThan(0);
      // Entities stay entities (the #-reference rule must not break `&#96;`).
      expect(md).not.toContain('&#\u2060');
      // Word joiners, not zero-width spaces (which let a line break inside the word).
      expect(md).not.toContain('\u200b');
      // The hostile test name is still readable where it is shown.
      expect(md).toContain('`TestEvil/````');
    });
  }

  it('escapes the heading taken from workflow and matrix names', () => {
    const md = comment(causeReport(), {
      identity: { workflow: '<b>@octocat</b>', job: 'race', matrix: '{"go":"[x](http://evil)"}' },
    });
    const heading = md.split('\n')[1] ?? '';
    expect(heading).not.toContain('<b>');
    expect(heading).not.toMatch(/@octocat/);
    expect(heading).toContain('\\[x\\](http:\u2060//evil)');
  });
});

/** `n` races on distinct lines, each with a long stack and a long sample, in 30 runs. */
function hugeReport(n: number): Report {
  const runs = Array.from({ length: 30 }, (_, i) => {
    const index = i + 1;
    const findings: RawFinding[] = [];
    for (let k = 0; k < n; k++) {
      if ((k + index) % 3 !== 0 && k > 2) continue;
      const race = daemonRace({ seed: index, writeLine: 100 + k, test: `TestRace${k}` });
      for (const s of race.stacks) {
        s.frames = [
          ...s.frames,
          ...Array.from({ length: 30 }, (_, j) => frame(`${PKG}.deep${k}_${j}`, `${PKG_DIR}/deep.go`, j + 1)),
        ];
      }
      race.raw += `\n${'x'.repeat(3000)}`;
      findings.push(race);
    }
    return run(index, findings, [outcome('TestRace0', findings.length > 0 ? 'fail' : 'pass')]);
  });
  return buildReport(input(runs));
}

describe('size limit', () => {
  it('cuts stacks, then lower-ranked findings, and says so', () => {
    const report = hugeReport(120);
    expect(report.findings.length).toBe(120);
    const full = renderSummary(report);
    const md = comment(report);
    expect(full.length).toBeGreaterThan(COMMENT_LIMIT);
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md.length).toBeGreaterThan(COMMENT_LIMIT * 0.9);
    expect(md).toMatch(
      /Shortened to stay under GitHub's limit of 65,536 characters for a comment: the stacks of \d+ findings and the \d+ lowest-ranked findings \(of 120\) were left out\. Everything is in the job summary of the \[workflow run\]/,
    );
    // The top-ranked findings (seen in every run) are still there; the marker and history too.
    expect(md).toContain('TestRace0');
    expect(md.startsWith(commentMarker(identity))).toBe(true);
    expect(parseHistory(md).map((e) => [e.sha, e.runs, e.findings, e.seen?.length])).toEqual([
      [SHA, 30, 120, 10],
    ]);
    expect(detailsBalance(md).open).toBe(detailsBalance(md).close);
  });

  it('shows the first 5 rows before the top command, the rest collapsed below it', () => {
    const md = comment(hugeReport(12));
    const rows = (text: string) => text.split('\n').filter((l) => l.startsWith('| **Data race**')).length;
    const command = md.indexOf('**Reproduce** the data race');
    const more = md.indexOf('<details><summary>7 more findings</summary>');
    expect(rows(md.slice(0, command))).toBe(5);
    expect(more).toBeGreaterThan(command);
    expect(rows(md.slice(more, md.indexOf('</details>', more)))).toBe(7);
  });

  it('cuts only stacks when that is enough', () => {
    const md = comment(hugeReport(12));
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md).toMatch(/the stacks of \d+ findings? (was|were) left out/);
    expect(md).not.toMatch(/lowest-ranked/);
    // Stacks are kept for the most important findings first.
    const firstDetails = md.slice(md.indexOf('### Details'));
    expect(firstDetails.indexOf('```text')).toBeLessThan(firstDetails.indexOf('Stacks and output left out'));
  });

  it('stays under the limit whatever the report holds', () => {
    const r = hugeReport(3);
    r.errors = Array.from({ length: 50 }, () => 'e'.repeat(5000));
    r.notes = r.errors;
    for (const f of r.findings)
      f.tests = Array.from({ length: 500 }, (_, i) => `TestMany${i}${'y'.repeat(300)}`);
    expect(comment(r).length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment(r, { limit: 3000 }).length).toBeLessThanOrEqual(3000);
    expect(parseHistory(comment(r, { limit: 3000 }))).toHaveLength(1);
  });
});
